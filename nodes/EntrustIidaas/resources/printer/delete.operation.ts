import { defineOperation } from '../../framework/define';
import { PERMISSIONS, printerLocator, readPrinterId } from './fields';

export const deletePrinter = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a printer',
	description: 'Remove a printer from the account',
	notice:
		'Needs the PRINTERS:REMOVE permission (the Issuance Administrator role has it; Issuance Operator does not)',
	destructive: true,
	properties: [printerLocator()],
	async execute(ctx) {
		const printerId = readPrinterId(ctx);
		await ctx.client.request({
			method: 'DELETE',
			path: '/v1/printers/{printerId}',
			pathParams: { printerId },
			permission: PERMISSIONS.remove,
			whereToCheck: 'Check the printer list (Printer → Get Many)',
			itemIndex: ctx.itemIndex,
		});
		return { deleted: true, printerId };
	},
});
