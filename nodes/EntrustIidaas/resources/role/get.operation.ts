import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { PERMISSIONS, readRoleId, ROLE_SUMMARY_FIELDS, roleLocator } from './fields';

export const getRole = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a role',
	description: 'Get a role with its permissions',
	simplifiedOutput: ROLE_SUMMARY_FIELDS,
	properties: [roleLocator('The role to get')],
	async execute(ctx) {
		const roleId = readRoleId(ctx);
		return await ctx.client.request<IDataObject>({
			method: 'GET',
			path: '/v1/roles/{id}',
			pathParams: { id: roleId },
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
	},
});
