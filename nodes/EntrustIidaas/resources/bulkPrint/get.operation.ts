import { defineOperation } from '../../framework/define';
import { bulkPrintIdField, readBulkPrintDetails, readBulkPrintId } from './fields';

export const getBulkPrint = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a bulk print',
	description: 'Get the state and row counts of a bulk print operation',
	properties: [bulkPrintIdField],
	async execute(ctx) {
		return await readBulkPrintDetails(ctx.client, readBulkPrintId(ctx), ctx.itemIndex);
	},
});
