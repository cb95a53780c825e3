import type { IBinaryData, IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { param } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { PATTERNS, requirePattern } from '../../framework/validation';
import type { IidaasClient } from '../../transport/client';

export const PERMISSIONS = {
	add: 'ISSUANCE:ADD',
	view: 'ISSUANCE:VIEW',
	remove: 'ISSUANCE:REMOVE',
	printerView: 'PRINTERS:VIEW',
};

export const FINAL_STATES = ['COMPLETED', 'FAILED', 'CANCELLED'];
export const UNSUCCESSFUL_STATES = ['FAILED', 'CANCELLED'];
export const WHERE_TO_CHECK = 'Check the bulk print operations (Bulk Print → Get Many)';

export const bulkPrintIdField: INodeProperties = {
	displayName: 'Bulk Print ID',
	name: 'bulkPrintId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '3f1c2a8e-6b7d-4e21-9c55-0a9e8d7c6b5a',
	description: 'The ID of the bulk print operation, as Create returned it',
};

export function readBulkPrintId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requirePattern(ctx, 'Bulk Print ID', param(ctx, 'bulkPrintId'), PATTERNS.uuidLike, 'a 32–36 character ID of hexadecimal digits and dashes');
}

export function readBulkPrintDetails(client: IidaasClient, id: string, itemIndex: number): Promise<IDataObject> {
	return client.request<IDataObject>({
		method: 'GET',
		path: '/v1/print/{id}',
		pathParams: { id },
		permission: PERMISSIONS.view,
		itemIndex,
	});
}

export const logsBinaryField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	hint: 'The name of the output binary field to put the logs in',
};

/** The operation's row log (CSV text), as binary data ready for an output item. */
export async function downloadLogs(fn: IExecuteFunctions, client: IidaasClient, id: string, itemIndex: number): Promise<IBinaryData> {
	const file = await client.requestBinary({
		method: 'GET',
		path: '/v2/print/download/logs/{id}',
		pathParams: { id },
		permission: PERMISSIONS.view,
		itemIndex,
	});
	// The spec declares no content type for the logs: fall back to CSV, which is what they hold.
	const declared = file.contentType?.split(';')[0].trim();
	const mimeType = declared && declared !== 'application/octet-stream' ? declared : 'text/csv';
	return await fn.helpers.prepareBinaryData(file.data, file.fileName ?? `bulk-print-${id}-logs.csv`, mimeType);
}
