import { defineOperation } from '../../framework/define';
import { PERMISSIONS, readTenantId, tenantLocator, WHERE_TO_CHECK_TENANTS } from './fields';

export const deleteTenant = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a tenant',
	description: 'Delete a tenant and everything in it',
	destructive: true,
	properties: [tenantLocator()],
	async execute(ctx) {
		const tenantId = readTenantId(ctx);
		await ctx.client.request({
			method: 'DELETE',
			path: '/v4/tenants/{id}',
			pathParams: { id: tenantId },
			permission: PERMISSIONS.remove,
			whereToCheck: WHERE_TO_CHECK_TENANTS,
			itemIndex: ctx.itemIndex,
		});
		return { deleted: true, tenantId };
	},
});
