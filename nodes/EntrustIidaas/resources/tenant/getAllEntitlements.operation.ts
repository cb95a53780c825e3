import type { IDataObject } from 'n8n-workflow';

import { limitList, readLimit, returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { PERMISSIONS, readTenantId, tenantLocator } from './fields';

export const getManyTenantEntitlements = defineOperation({
	value: 'getAllEntitlements',
	name: 'Get Many Entitlements',
	action: 'Get many tenant entitlements',
	description: 'List every entitlement of a tenant',
	properties: [tenantLocator(), ...returnAllFields()],
	async execute(ctx) {
		const tenantid = readTenantId(ctx);
		const limit = readLimit(ctx);
		const entitlements = await ctx.client.request<IDataObject[]>({
			method: 'GET',
			path: '/v4/tenants/{tenantid}/entitlements',
			pathParams: { tenantid },
			permission: PERMISSIONS.entitlementsView,
			itemIndex: ctx.itemIndex,
		});
		return limitList(entitlements, limit);
	},
});
