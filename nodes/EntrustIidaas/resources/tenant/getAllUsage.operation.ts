import { returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { searchFields } from '../../framework/search';
import { collectPagedSearch } from './api';

export const getManyTenantUsage = defineOperation({
	value: 'getAllUsage',
	name: 'Get Many Usage',
	action: 'Get many entitlement usage records',
	description: 'List entitlement usage of the tenants per aggregation period (daily, weekly, monthly), with search',
	properties: [...returnAllFields(), ...searchFields({ attributeExample: 'tenantId', sortDefault: 'startTime' })],
	async execute(ctx) {
		return await collectPagedSearch(ctx, '/v4/tenants/entitlements/usage');
	},
});
