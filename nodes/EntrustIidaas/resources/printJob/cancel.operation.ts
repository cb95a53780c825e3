import { emptyResult } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { PERMISSIONS, printStatusIdField, readPrintStatusId } from './fields';

export const cancelPrint = defineOperation({
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel a print',
	description: 'Cancel a card sent with Print that has not been printed yet',
	destructive: true,
	properties: [printStatusIdField],
	async execute(ctx) {
		const printStatusId = readPrintStatusId(ctx);
		await ctx.client.request({
			method: 'DELETE',
			path: '/v1/printers/print/{printStatusId}',
			pathParams: { printStatusId },
			idempotent: true,
			permission: PERMISSIONS.remove,
			itemIndex: ctx.itemIndex,
		});
		return emptyResult({ printStatusId, cancelled: true });
	},
});
