import type { IDataObject } from 'n8n-workflow';

import { limitList, readLimit, returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { PERMISSIONS, ROLE_SUMMARY_FIELDS } from './fields';

export const getManyRoles = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many roles',
	description: 'List the account’s roles with the number of users in each',
	simplifiedOutput: ROLE_SUMMARY_FIELDS,
	properties: [...returnAllFields()],
	async execute(ctx) {
		const limit = readLimit(ctx);
		// The service answers the whole list at once: Limit is applied here.
		const roles = await ctx.client.request<IDataObject[]>({
			method: 'GET',
			path: '/v1/roles',
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
		return limitList(roles, limit);
	},
});
