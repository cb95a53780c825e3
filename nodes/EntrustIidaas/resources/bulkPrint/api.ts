import type { IBinaryData, IDataObject } from 'n8n-workflow';

import type { ItemContext } from '../../framework/types';
import { PERMISSIONS } from './fields';

export async function readBulkPrint(
	ctx: Pick<ItemContext, 'client' | 'itemIndex'>,
	id: string,
): Promise<IDataObject> {
	return await ctx.client.request<IDataObject>({
		method: 'GET',
		path: '/v1/print/{id}',
		pathParams: { id },
		permission: PERMISSIONS.view,
		itemIndex: ctx.itemIndex,
	});
}

/** The operation's row log (CSV text), as binary data ready for an output item. */
export async function downloadLogs(
	ctx: Pick<ItemContext, 'fn' | 'client' | 'itemIndex'>,
	id: string,
): Promise<IBinaryData> {
	const file = await ctx.client.requestBinary({
		method: 'GET',
		path: '/v2/print/download/logs/{id}',
		pathParams: { id },
		permission: PERMISSIONS.view,
		itemIndex: ctx.itemIndex,
	});
	// The spec declares no content type for the logs: fall back to CSV, which is what they hold.
	const declared = file.contentType?.split(';')[0].trim();
	const mimeType = declared && declared !== 'application/octet-stream' ? declared : 'text/csv';
	return await ctx.fn.helpers.prepareBinaryData(
		file.data,
		file.fileName ?? `bulk-print-${id}-logs.csv`,
		mimeType,
	);
}
