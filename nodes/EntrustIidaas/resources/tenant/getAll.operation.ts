import type { IDataObject } from 'n8n-workflow';

import { readLimit, returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { collectCursorPages } from '../../transport/pagination';
import { PERMISSIONS, readSearch, searchProperties } from './fields';

const PAGE_SIZE = 100;

export const getManyTenants = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many tenants',
	description: 'List the service provider’s tenants, with search and ordering',
	properties: [...returnAllFields(), ...searchProperties('companyName', 'companyName')],
	async execute(ctx) {
		const limit = readLimit(ctx);
		const search = readSearch(ctx);
		return await collectCursorPages<IDataObject>(
			async (cursor, pageSize) => {
				const page = await ctx.client.request<{ results?: IDataObject[]; paging?: { nextCursor?: string } }>({
					method: 'POST',
					path: '/v4/tenantspaged',
					// The cursor carries the search on: later pages send only the cursor.
					body: cursor ? { limit: pageSize, cursor } : { limit: pageSize, ...search },
					// A search: reading it twice changes nothing.
					idempotent: true,
					permission: PERMISSIONS.view,
					itemIndex: ctx.itemIndex,
				});
				return { items: page?.results ?? [], nextCursor: page?.paging?.nextCursor };
			},
			limit,
			PAGE_SIZE,
		);
	},
});
