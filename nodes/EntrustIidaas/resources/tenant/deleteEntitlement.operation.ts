import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { PERMISSIONS, readTenantId, tenantLocator } from './fields';

export const deleteTenantEntitlement = defineOperation({
	value: 'deleteEntitlement',
	name: 'Delete Entitlement',
	action: 'Delete a tenant entitlement',
	description:
		'Remove an entitlement from a tenant; the API allows this for SMS/voice credits only',
	destructive: true,
	properties: [
		tenantLocator(),
		{
			displayName: 'Entitlement Type',
			name: 'entitlementTypeToDelete',
			type: 'options',
			options: [{ name: 'SMS/Voice', value: 'SMSVOICE' }],
			default: 'SMSVOICE',
			description: 'The only type the API lets you delete',
		},
	],
	async execute(ctx) {
		const tenantId = readTenantId(ctx);
		const type = param<string>(ctx, 'entitlementTypeToDelete', 'SMSVOICE');
		await ctx.client.request({
			method: 'DELETE',
			path: '/v4/tenants/{tenantid}/entitlements/{type}',
			pathParams: { tenantid: tenantId, type },
			permission: PERMISSIONS.entitlementsRemove,
			whereToCheck: 'Check the tenant’s entitlements (Tenant → Get Many Entitlements)',
			itemIndex: ctx.itemIndex,
		});
		return { deleted: true, tenantId, entitlementType: type };
	},
});
