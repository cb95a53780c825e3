import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { PERMISSIONS, readTenantId, TENANT_SUMMARY_FIELDS, tenantLocator } from './fields';

export const getTenant = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a tenant',
	description: 'Get a tenant of the service provider by its ID',
	simplifiedOutput: TENANT_SUMMARY_FIELDS,
	properties: [tenantLocator()],
	async execute(ctx) {
		const id = readTenantId(ctx);
		return await ctx.client.request<IDataObject>({
			method: 'GET',
			path: '/v4/tenants/{id}',
			pathParams: { id },
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
	},
});
