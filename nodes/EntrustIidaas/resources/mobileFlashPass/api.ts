import type { IDataObject } from 'n8n-workflow';

import type { ItemContext } from '../../framework/types';
import { PERMISSIONS } from './fields';

/** The state of a bulk operation: the shape Get answers and Issue polls. */
export async function readOperation(
	ctx: Pick<ItemContext, 'client' | 'itemIndex'>,
	operationId: string,
): Promise<IDataObject> {
	return await ctx.client.request<IDataObject>({
		method: 'GET',
		path: '/v1/mobileFlashPass/{id}',
		pathParams: { id: operationId },
		permission: PERMISSIONS.view,
		itemIndex: ctx.itemIndex,
	});
}

/** One row of an operation's logs: the result of one enrollment's pass. */
export interface PassLogRow {
	row?: number;
	enrollmentId?: string;
	primaryKey?: string;
	status?: string;
	message?: string;
}

/**
 * The per-enrollment rows of an operation's logs (a JSON file: `{ rows: [...] }` or a bare list). Undefined when the
 * file holds no such rows, so callers fall back to the operation's totals.
 */
export async function readOperationLogRows(
	ctx: Pick<ItemContext, 'client' | 'itemIndex'>,
	operationId: string,
): Promise<PassLogRow[] | undefined> {
	const file = await ctx.client.requestBinary({
		method: 'GET',
		path: '/v2/mobileFlashPass/download/logs/{id}',
		pathParams: { id: operationId },
		permission: PERMISSIONS.view,
		itemIndex: ctx.itemIndex,
	});
	let parsed: unknown;
	try {
		parsed = JSON.parse(file.data.toString('utf8'));
	} catch {
		return undefined;
	}
	const rows = Array.isArray(parsed) ? parsed : (parsed as { rows?: unknown } | null)?.rows;
	return Array.isArray(rows)
		? rows.filter((row): row is PassLogRow => typeof row === 'object' && row !== null)
		: undefined;
}
