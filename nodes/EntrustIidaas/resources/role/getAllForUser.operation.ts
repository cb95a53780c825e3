import type { IDataObject } from 'n8n-workflow';

import { limitList, readLimit, returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { PERMISSIONS, readUserId, userIdField } from './fields';

export const getManyRolesForUser = defineOperation({
	value: 'getAllForUser',
	name: 'Get Many for User',
	action: 'Get the roles of a user',
	description: 'List the site roles assigned to a user, with their permissions',
	properties: [userIdField, ...returnAllFields()],
	async execute(ctx) {
		const userid = readUserId(ctx);
		const limit = readLimit(ctx);
		const roles = await ctx.client.request<IDataObject[]>({
			method: 'GET',
			path: '/v1/users/{userid}/roles',
			pathParams: { userid },
			permission: PERMISSIONS.userRolesView,
			itemIndex: ctx.itemIndex,
		});
		return limitList(roles, limit);
	},
});
