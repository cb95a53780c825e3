import type { IDataObject } from 'n8n-workflow';

import { readLimit, returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { collectCursorPages } from '../../transport/pagination';
import { PERMISSIONS, readSearch, searchProperties } from './fields';

const PAGE_SIZE = 100;

export const getManyTenantUsage = defineOperation({
	value: 'getAllUsage',
	name: 'Get Many Usage',
	action: 'Get many entitlement usage records',
	description: 'List entitlement usage of the tenants per aggregation period (daily, weekly, monthly), with search',
	properties: [...returnAllFields(), ...searchProperties('tenantId', 'startTime')],
	async execute(ctx) {
		const limit = readLimit(ctx);
		const search = readSearch(ctx);
		return await collectCursorPages<IDataObject>(
			async (cursor, pageSize) => {
				const page = await ctx.client.request<{ results?: IDataObject[]; paging?: { nextCursor?: string } }>({
					method: 'POST',
					path: '/v4/tenants/entitlements/usage',
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
