import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { PERMISSIONS, readRoleId, readUserId, roleLocator, userIdField } from './fields';

export const getRoleForUser = defineOperation({
	value: 'getForUser',
	name: 'Get for User',
	action: 'Get a role of a user',
	description: 'Get a role assigned to a user; fails with 404 when the user does not have it',
	properties: [userIdField, roleLocator('The role to look for on the user')],
	async execute(ctx) {
		const userid = readUserId(ctx);
		const roleid = readRoleId(ctx);
		return await ctx.client.request<IDataObject>({
			method: 'GET',
			path: '/v1/users/{userid}/roles/{roleid}',
			pathParams: { userid, roleid },
			permission: PERMISSIONS.userRolesView,
			itemIndex: ctx.itemIndex,
		});
	},
});
