import { defineOperation } from '../../framework/define';
import { PERMISSIONS, printJobIdField, readPrintJobId } from './fields';

export const deletePrintJob = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a print job',
	description: 'Remove a job from the print queue',
	destructive: true,
	properties: [printJobIdField],
	async execute(ctx) {
		const printJobId = readPrintJobId(ctx);
		await ctx.client.request({
			method: 'DELETE',
			path: '/v1/prints/{printJobId}',
			pathParams: { printJobId },
			permission: PERMISSIONS.remove,
			whereToCheck: 'Check the print queue (Print Job → Get Many)',
			itemIndex: ctx.itemIndex,
		});
		return { deleted: true, printJobId };
	},
});
