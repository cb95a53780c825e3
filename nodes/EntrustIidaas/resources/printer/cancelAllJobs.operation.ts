import { emptyResult } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { PERMISSIONS, printerLocator, readPrinterId } from './fields';

export const cancelAllPrinterJobs = defineOperation({
	value: 'cancelAllJobs',
	name: 'Cancel All Jobs',
	action: 'Cancel all active jobs of a printer',
	description: 'Cancel every active print job queued for a printer',
	destructive: true,
	properties: [printerLocator()],
	async execute(ctx) {
		const printerId = readPrinterId(ctx);
		await ctx.client.request({
			method: 'POST',
			path: '/v1/prints/{printerId}/cancelAllActivePrints',
			pathParams: { printerId },
			// Cancelling twice cancels nothing more: safe to resend.
			idempotent: true,
			permission: PERMISSIONS.issuanceRemove,
			itemIndex: ctx.itemIndex,
		});
		return emptyResult({ printerId, cancelledAllActiveJobs: true });
	},
});
