import { emptyResult } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { PERMISSIONS, readTenantId, tenantLocator } from './fields';

export const unlockTenant = defineOperation({
	value: 'unlock',
	name: 'Unlock',
	action: 'Unlock a tenant',
	description: 'Unlock a tenant that was locked',
	destructive: true,
	properties: [tenantLocator()],
	async execute(ctx) {
		const tenantId = readTenantId(ctx);
		await ctx.client.request({
			method: 'PUT',
			path: '/v4/tenants/{id}/unlock',
			pathParams: { id: tenantId },
			// Sets a state: a second unlock changes nothing.
			idempotent: true,
			permission: PERMISSIONS.edit,
			itemIndex: ctx.itemIndex,
		});
		return emptyResult({ tenantId, locked: false });
	},
});
