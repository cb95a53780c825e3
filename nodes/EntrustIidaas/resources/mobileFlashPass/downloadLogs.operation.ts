import { fileOutput } from '../../framework/binary';
import { defineOperation } from '../../framework/define';
import {
	binaryPropertyField,
	operationIdField,
	PERMISSIONS,
	readBinaryPropertyName,
	readOperationId,
} from './fields';

export const downloadFlashPassLogs = defineOperation({
	value: 'downloadLogs',
	name: 'Download Logs',
	action: 'Download the logs of a mobile flash pass operation',
	description: 'Download the per-row log of a bulk issue operation as a file (JSON)',
	properties: [operationIdField, binaryPropertyField],
	// The spec declares application/octet-stream, but the file is JSON: labelled so, n8n shows and parses it as JSON.
	async execute(ctx) {
		const operationId = readOperationId(ctx);
		const property = readBinaryPropertyName(ctx);
		const file = await ctx.client.requestBinary({
			method: 'GET',
			path: '/v2/mobileFlashPass/download/logs/{id}',
			pathParams: { id: operationId },
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
		return await fileOutput(
			ctx,
			property,
			file,
			{ fileName: `mobile-flash-pass-logs-${operationId}.json`, mimeType: 'application/json' },
			{ operationId },
		);
	},
});
