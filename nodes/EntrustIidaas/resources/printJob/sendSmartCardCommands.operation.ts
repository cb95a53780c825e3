import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { fail } from '../../framework/validation';
import {
	PERMISSIONS,
	printStatusIdField,
	readPrintStatusId,
	readSmartCardCommands,
	smartCardCommandsField,
	WHERE_TO_CHECK_PRINTS,
} from './fields';

export const sendSmartCardCommands = defineOperation({
	value: 'sendSmartCardCommands',
	name: 'Send Smart Card Commands',
	action: 'Send smart card commands to a print',
	description: 'Send further chip commands to a print that waits for them (WAITING_SMARTCARD)',
	properties: [printStatusIdField, smartCardCommandsField],
	async execute(ctx) {
		const printStatusId = readPrintStatusId(ctx);
		const commands = readSmartCardCommands(ctx);
		if (commands.length === 0) fail(ctx, 'Smart Card Commands', 'add at least one command');
		const response = await ctx.client.request<{ printStatus?: IDataObject }>({
			method: 'PATCH',
			path: '/v1/printers/print/{printStatusId}',
			pathParams: { printStatusId },
			body: { smartcard: { commands } },
			permission: PERMISSIONS.edit,
			whereToCheck: WHERE_TO_CHECK_PRINTS,
			itemIndex: ctx.itemIndex,
		});
		return {
			printStatusId,
			...(response?.printStatus ? { printStatus: response.printStatus } : {}),
			commandsSent: commands.length,
		};
	},
});
