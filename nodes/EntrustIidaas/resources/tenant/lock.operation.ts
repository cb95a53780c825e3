import { emptyResult } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { PERMISSIONS, readTenantId, tenantLocator } from './fields';

export const lockTenant = defineOperation({
	value: 'lock',
	name: 'Lock',
	action: 'Lock a tenant',
	description: 'Lock a tenant of the service provider; Unlock releases it',
	destructive: true,
	properties: [tenantLocator()],
	async execute(ctx) {
		const tenantId = readTenantId(ctx);
		await ctx.client.request({
			method: 'PUT',
			path: '/v4/tenants/{id}/lock',
			pathParams: { id: tenantId },
			// Sets a state: a second lock changes nothing.
			idempotent: true,
			permission: PERMISSIONS.edit,
			itemIndex: ctx.itemIndex,
		});
		return emptyResult({ tenantId, locked: true });
	},
});
