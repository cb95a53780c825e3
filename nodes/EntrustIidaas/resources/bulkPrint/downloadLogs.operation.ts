import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { requireText } from '../../framework/validation';
import { downloadLogs } from './api';
import { bulkPrintIdField, logsBinaryField, readBulkPrintId } from './fields';

export const downloadBulkPrintLogs = defineOperation({
	value: 'downloadLogs',
	name: 'Download Logs',
	action: 'Download the logs of a bulk print',
	description:
		'Download the row-by-row log of a bulk print operation as a file (which enrollments printed or failed, and why)',
	properties: [bulkPrintIdField, logsBinaryField],
	async execute(ctx) {
		const id = readBulkPrintId(ctx);
		const property = requireText(
			ctx,
			'Put Output File in Field',
			param(ctx, 'binaryPropertyName', 'data'),
		);
		const binary = await downloadLogs(ctx, id);
		return {
			json: { id, fileName: binary.fileName, fileSize: binary.fileSize },
			binary: { [property]: binary },
		};
	},
});
