import { returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { searchFields } from '../../framework/search';
import { collectPagedSearch } from './api';
import { TENANT_SUMMARY_FIELDS } from './fields';

export const getManyTenants = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many tenants',
	description: 'List the service provider’s tenants, with search and ordering',
	simplifiedOutput: TENANT_SUMMARY_FIELDS,
	properties: [
		...returnAllFields(),
		...searchFields({ attributeExample: 'companyName', sortDefault: 'companyName' }),
	],
	async execute(ctx) {
		return await collectPagedSearch(ctx, '/v4/tenantspaged');
	},
});
