import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { entitlementTypeField, PERMISSIONS, readTenantId, tenantLocator } from './fields';

export const getTenantEntitlement = defineOperation({
	value: 'getEntitlement',
	name: 'Get Entitlement',
	action: 'Get a tenant entitlement',
	description:
		'Get one entitlement of a tenant by its type: quantity, dates, status and what is used',
	properties: [tenantLocator(), entitlementTypeField],
	async execute(ctx) {
		const tenantid = readTenantId(ctx);
		return await ctx.client.request<IDataObject>({
			method: 'GET',
			path: '/v4/tenants/{tenantid}/entitlements/{type}',
			pathParams: { tenantid, type: param<string>(ctx, 'entitlementType', 'USERS') },
			permission: PERMISSIONS.entitlementsView,
			itemIndex: ctx.itemIndex,
		});
	},
});
