import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { createClient } from '../framework/client';

const PAGE_SIZE = 100;

/** One page per call: n8n asks for the next page with the cursor it was given. */
export async function searchTenants(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await createClient(this);
	const needle = filter?.trim() ?? '';
	const body: IDataObject = paginationToken
		? { limit: PAGE_SIZE, cursor: paginationToken }
		: {
				limit: PAGE_SIZE,
				orderByAttribute: { name: 'companyName', ascending: true },
				...(needle
					? { searchByAttributes: [{ name: 'companyName', operator: 'CONTAINS', value: needle }] }
					: {}),
			};
	const page = await client.request<{ results?: IDataObject[]; paging?: { nextCursor?: string } }>({
		method: 'POST',
		path: '/v4/tenantspaged',
		body,
		idempotent: true,
		permission: 'TENANTS:VIEW',
	});
	return {
		results: (page?.results ?? []).map((tenant) => ({
			name: [tenant.companyName, tenant.hostname].filter(Boolean).join(' — ') || String(tenant.id),
			value: String(tenant.id),
			url: typeof tenant.hostname === 'string' ? `https://${tenant.hostname}` : undefined,
		})),
		paginationToken: page?.paging?.nextCursor,
	};
}
