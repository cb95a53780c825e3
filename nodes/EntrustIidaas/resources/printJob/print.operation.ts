import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { readWaitSettings, waitForCompletionFields } from '../../framework/wait';
import { printerLocator, readPrinterId } from '../printer/fields';
import { readPrintStatus, waitForPrint } from './api';
import { PERMISSIONS, WHERE_TO_CHECK_PRINTS } from './fields';
import { buildPrintBody, printBodyProperties } from './printBody';

export const printCard = defineOperation({
	value: 'print',
	name: 'Print',
	action: 'Print a card from images and card data',
	description:
		'Print a card on a printer: images per side and layer, magnetic stripe, smart-card commands',
	properties: [
		printerLocator('The printer that prints the card'),
		...printBodyProperties,
		...waitForCompletionFields('print'),
	],
	async execute(ctx) {
		const printerId = readPrinterId(ctx);
		const body = await buildPrintBody(ctx);
		readWaitSettings(ctx); // bad wait options fail the item before the card is sent

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
		return result;
	},
	// Each card is waited for as soon as it is accepted, together with the node run's other prints.
	async finish(ctx, started) {
		const result = started as IDataObject;
		const wait = readWaitSettings(ctx);
		const printStatusId = result.printStatusId;
		if (!wait.enabled || typeof printStatusId !== 'string') return result;

		const final = await waitForPrint(ctx, wait, {
			kind: 'print',
			id: printStatusId,
			read: () => readPrintStatus(ctx, printStatusId),
			checkWith: 'Print Job → Get Status',
		});
		return { ...result, ...final };
	},
});
