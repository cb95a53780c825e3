export interface Page<T> {
	items: T[];
	nextCursor?: string;
}

/** Walks cursor pages until the cursor runs out or `limit` items are collected (undefined = all). */
export async function collectCursorPages<T>(
	fetchPage: (cursor: string | undefined, pageSize: number) => Promise<Page<T>>,
	limit: number | undefined,
	maxPageSize: number,
): Promise<T[]> {
	const results: T[] = [];
	let cursor: string | undefined;
	const seen = new Set<string>();
	for (;;) {
		const wanted =
			limit === undefined ? maxPageSize : Math.min(maxPageSize, limit - results.length);
		const page = await fetchPage(cursor, wanted);
		results.push(...page.items);
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		// A repeated cursor would loop forever: stop rather than trust it.
		if (!page.nextCursor || page.items.length === 0 || seen.has(page.nextCursor)) return results;
		seen.add(page.nextCursor);
		cursor = page.nextCursor;
	}
}

/**
 * Walks 1-based page numbers (`offset` is a page number in this API) until a short page or `limit`.
 * There is no total, so a short page is the only end marker.
 */
export async function collectNumberedPages<T>(
	fetchPage: (pageNumber: number, pageSize: number) => Promise<T[]>,
	limit: number | undefined,
	pageSize: number,
): Promise<T[]> {
	const results: T[] = [];
	for (let pageNumber = 1; ; pageNumber++) {
		const page = await fetchPage(pageNumber, pageSize);
		results.push(...page);
		if (limit !== undefined && results.length >= limit) return results.slice(0, limit);
		if (page.length < pageSize) return results;
	}
}
