import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { PERMISSIONS, readTenantId, tenantLocator } from './fields';

export const getTenantIdentityProvider = defineOperation({
	value: 'getIdentityProvider',
	name: 'Get Identity Provider',
	action: 'Get a tenant identity provider',
	description:
		'Get the tenant-management identity provider that lets the service provider’s administrators sign in to the tenant',
	properties: [tenantLocator()],
	async execute(ctx) {
		const id = readTenantId(ctx);
		return await ctx.client.request<IDataObject>({
			method: 'GET',
			path: '/v1/tenants/{id}/spidentityprovider',
			pathParams: { id },
			permission: PERMISSIONS.identityProviderView,
			itemIndex: ctx.itemIndex,
		});
	},
});
