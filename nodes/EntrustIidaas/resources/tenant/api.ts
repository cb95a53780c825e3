import type { IDataObject } from 'n8n-workflow';

import { readLimit } from '../../framework/commonFields';
import { readSearch } from '../../framework/search';
import type { ItemContext } from '../../framework/types';
import { collectCursorPages } from '../../transport/pagination';
import { PERMISSIONS } from './fields';

const PAGE_SIZE = 100;

export async function readCreateStatus(
	ctx: Pick<ItemContext, 'client' | 'itemIndex'>,
	id: string,
): Promise<IDataObject> {
	return await ctx.client.request<IDataObject>({
		method: 'GET',
		path: '/v4/async/tenants/{id}/createstatus',
		pathParams: { id },
		permission: PERMISSIONS.view,
		itemIndex: ctx.itemIndex,
	});
}

export async function readCreateResult(
	ctx: Pick<ItemContext, 'client' | 'itemIndex'>,
	id: string,
): Promise<IDataObject> {
	return await ctx.client.request<IDataObject>({
		method: 'GET',
		path: '/v4/async/tenants/{id}/createresult',
		pathParams: { id },
		// The spec guards the result with the creation permission, not the view one.
		permission: PERMISSIONS.add,
		itemIndex: ctx.itemIndex,
	});
}

/**
 * The tenants API's paged searches (`{limit, cursor, ...search}` → `{results, paging}`), with Return All / Limit.
 * `required` holds search attributes the endpoint demands, read from fields of their own.
 */
export async function collectPagedSearch(
	ctx: ItemContext,
	path: string,
	required: IDataObject[] = [],
): Promise<IDataObject[]> {
	const limit = readLimit(ctx);
	const search = readSearch(ctx);
	// Search attributes the endpoint requires come first, before the user's own filters.
	if (required.length > 0)
		search.searchByAttributes = [
			...required,
			...((search.searchByAttributes as IDataObject[] | undefined) ?? []),
		];
	return await collectCursorPages<IDataObject>(
		async (cursor, pageSize) => {
			const page = await ctx.client.request<{
				results?: IDataObject[];
				paging?: { nextCursor?: string };
			}>({
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
