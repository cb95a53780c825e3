import { returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { searchProperties, TENANT_SUMMARY_FIELDS } from './fields';
import { collectPagedSearch } from './pagedSearch';

export const getManyTenants = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many tenants',
	description: 'List the service provider’s tenants, with search and ordering',
	simplifiedOutput: TENANT_SUMMARY_FIELDS,
	properties: [...returnAllFields(), ...searchProperties('companyName', 'companyName')],
	async execute(ctx) {
		return await collectPagedSearch(ctx, '/v4/tenantspaged');
	},
});
