import type { IDataObject } from 'n8n-workflow';

import { readLimit } from '../../framework/commonFields';
import type { ItemContext } from '../../framework/types';
import { collectCursorPages } from '../../transport/pagination';
import { PERMISSIONS, readSearch } from './fields';

const PAGE_SIZE = 100;

/** The tenants API's paged searches (`{limit, cursor, ...search}` → `{results, paging}`), with Return All / Limit. */
export async function collectPagedSearch(ctx: ItemContext, path: string): Promise<IDataObject[]> {
	const limit = readLimit(ctx);
	const search = readSearch(ctx);
	return await collectCursorPages<IDataObject>(
		async (cursor, pageSize) => {
			const page = await ctx.client.request<{ results?: IDataObject[]; paging?: { nextCursor?: string } }>({
				method: 'POST',
				path,
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
}
