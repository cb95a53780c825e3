import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import type { ItemContext } from '../../framework/types';
import { pollUntil, readWaitSettings, waitForCompletionFields } from '../../framework/wait';
import { printerLocator, readPrinterId } from '../printer/fields';
import { FINAL_PRINT_STATES, PERMISSIONS, UNSUCCESSFUL_PRINT_STATES, WHERE_TO_CHECK_PRINTS } from './fields';
import { buildPrintBody, printBodyProperties } from './printBody';

export function readPrintStatus(ctx: ItemContext, printStatusId: string): Promise<IDataObject> {
	return ctx.client.request<IDataObject>({
		method: 'GET',
		path: '/v1/printers/print/{printStatusId}',
		pathParams: { printStatusId },
		permission: PERMISSIONS.view,
		itemIndex: ctx.itemIndex,
	});
}

export const printCard = defineOperation({
	value: 'print',
	name: 'Print',
	action: 'Print a card',
	description: 'Print a card on a printer: images per side and layer, magnetic stripe, smart-card commands',
	properties: [printerLocator('The printer that prints the card'), ...printBodyProperties, ...waitForCompletionFields('print')],
	async execute(ctx) {
		const printerId = readPrinterId(ctx);
		const body = await buildPrintBody(ctx);
		const wait = readWaitSettings(ctx);

		const accepted = await ctx.client.request<{ printStatus?: { id?: string; link?: string } }>({
			method: 'POST',
			path: '/v1/printers/{printerId}/print',
			pathParams: { printerId },
			body,
			permission: PERMISSIONS.add,
			whereToCheck: WHERE_TO_CHECK_PRINTS,
			itemIndex: ctx.itemIndex,
		});
		const printStatusId = accepted?.printStatus?.id;
		const result: IDataObject = { printStatusId, printerId, link: accepted?.printStatus?.link };
		if (!printStatusId) {
			// Accepted but unidentified: failing the item could get it printed again by a retry, so say so instead.
			return {
				...result,
				printStatusId: null,
				warning: `IIDaaS accepted the print but returned no print ID, so its progress cannot be followed. Do not send it again: ${WHERE_TO_CHECK_PRINTS}.`,
			};
		}
		if (!wait.enabled) return result;

		const { state, timedOut, polls } = await pollUntil(
			() => readPrintStatus(ctx, printStatusId),
			(status) => FINAL_PRINT_STATES.includes(String(status?.status)),
			wait,
		);
		const status = String(state?.status);
		if (timedOut) {
			throw new NodeOperationError(ctx.fn.getNode(), `The print ${printStatusId} is still ${status} after ${wait.timeoutMs / 1000} s [item ${ctx.itemIndex}]`, {
				itemIndex: ctx.itemIndex,
				description: `The card was sent to the printer and was not resent. ${status === 'AWAITING_PRINT' || status === 'WAITING_SMARTCARD' ? 'It waits for an outside action (release or smart-card commands). ' : ''}Check it with Print Job → Get Status.`,
			});
		}
		if (wait.failOnUnsuccessful && UNSUCCESSFUL_PRINT_STATES.includes(status)) {
			throw new NodeOperationError(ctx.fn.getNode(), `The print ${printStatusId} ended ${status}${state.statusDetails ? `: ${String(state.statusDetails)}` : ''} [item ${ctx.itemIndex}]`, {
				itemIndex: ctx.itemIndex,
				description: 'Turn off "Fail Item When Not Successful" in the wait options to output the final state instead.',
			});
		}
		return { ...result, ...state, polls };
	},
});
