import { defineOperation } from '../../framework/define';
import { readBulkPrint } from './api';
import { bulkPrintIdField, readBulkPrintId } from './fields';

export const getBulkPrint = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a bulk print',
	description: 'Get the state and row counts of a bulk print operation',
	properties: [bulkPrintIdField],
	async execute(ctx) {
		return await readBulkPrint(ctx, readBulkPrintId(ctx));
	},
});
