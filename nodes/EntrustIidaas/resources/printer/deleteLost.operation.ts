import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { requireText } from '../../framework/validation';
import { PERMISSIONS } from './fields';

export const deleteLostPrinter = defineOperation({
	value: 'deleteLost',
	name: 'Delete Lost Printer',
	action: 'Delete a lost printer',
	description:
		'Remove a printer that is no longer reachable, naming the tenant it was registered in',
	notice:
		'Needs the PRINTERS:REMOVE permission (the Issuance Administrator role has it; Issuance Operator does not)',
	destructive: true,
	properties: [
		{
			displayName: 'Printer ID',
			name: 'lostPrinterId',
			type: 'string',
			default: '',
			required: true,
			description: 'The ID of the lost printer',
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			description: 'The ID of the tenant the printer was registered in',
		},
	],
	async execute(ctx) {
		const printerId = requireText(ctx, 'Printer ID', param(ctx, 'lostPrinterId'));
		const tenantId = requireText(ctx, 'Tenant ID', param(ctx, 'tenantId'));
		await ctx.client.request({
			method: 'DELETE',
			path: '/v1/printers/{printerId}/{tenantId}',
			pathParams: { printerId, tenantId },
			permission: PERMISSIONS.remove,
			whereToCheck: 'Check the printer list (Printer → Get Many)',
			itemIndex: ctx.itemIndex,
		});
		return { deleted: true, printerId, tenantId };
	},
});
