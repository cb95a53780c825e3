import { emptyResult } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { bulkPrintIdField, PERMISSIONS, readBulkPrintId } from './fields';

export const cancelBulkPrint = defineOperation({
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel a bulk print',
	description:
		'Stop a bulk print operation that has not finished; cards already printed stay printed',
	destructive: true,
	properties: [bulkPrintIdField],
	async execute(ctx) {
		const id = readBulkPrintId(ctx);
		await ctx.client.request({
			method: 'DELETE',
			path: '/v1/print/cancel/{id}',
			pathParams: { id },
			// Cancelling twice leaves it cancelled.
			idempotent: true,
			permission: PERMISSIONS.remove,
			itemIndex: ctx.itemIndex,
		});
		return emptyResult({ id, cancelled: true });
	},
});
