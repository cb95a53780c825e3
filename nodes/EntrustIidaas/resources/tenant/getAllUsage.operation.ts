import { returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { searchProperties } from './fields';
import { collectPagedSearch } from './pagedSearch';

export const getManyTenantUsage = defineOperation({
	value: 'getAllUsage',
	name: 'Get Many Usage',
	action: 'Get many entitlement usage records',
	description: 'List entitlement usage of the tenants per aggregation period (daily, weekly, monthly), with search',
	properties: [...returnAllFields(), ...searchProperties('tenantId', 'startTime')],
	async execute(ctx) {
		return await collectPagedSearch(ctx, '/v4/tenants/entitlements/usage');
	},
});
