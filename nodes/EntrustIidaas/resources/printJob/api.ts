import type { IDataObject } from 'n8n-workflow';

import type { ItemContext } from '../../framework/types';
import { waitForJob } from '../../framework/wait';
import type { WaitSettings } from '../../framework/wait';
import { PERMISSIONS } from './fields';

/** A card sent with Print Job → Print, by its print status ID. */
export async function readPrintStatus(
	ctx: Pick<ItemContext, 'client' | 'itemIndex'>,
	printStatusId: string,
): Promise<IDataObject> {
	return await ctx.client.request<IDataObject>({
		method: 'GET',
		path: '/v1/printers/print/{printStatusId}',
		pathParams: { printStatusId },
		permission: PERMISSIONS.view,
		itemIndex: ctx.itemIndex,
	});
}

/** A job of the print queue, by its ID. */
export async function readPrintJob(
	ctx: Pick<ItemContext, 'client' | 'itemIndex'>,
	printJobId: string,
): Promise<IDataObject> {
	return await ctx.client.request<IDataObject>({
		method: 'GET',
		path: '/v1/prints/{printJobId}',
		pathParams: { printJobId },
		permission: PERMISSIONS.view,
		itemIndex: ctx.itemIndex,
	});
}

/** Polls a print until it is COMPLETED, FAILED or CANCELLED; a timeout or an unsuccessful end fails the item as asked. */
export async function waitForPrint(
	ctx: ItemContext,
	wait: WaitSettings,
	print: {
		kind: 'print' | 'print job';
		id: string;
		read: () => Promise<IDataObject>;
		checkWith: string;
	},
): Promise<IDataObject> {
	return await waitForJob(ctx.fn, wait, {
		...print,
		itemIndex: ctx.itemIndex,
		stateField: 'status',
		reasonField: 'statusDetails',
		onTimeout: (state) =>
			`The card was sent to the printer. ${state?.status === 'AWAITING_PRINT' || state?.status === 'WAITING_SMARTCARD' ? 'It waits for an outside action (release or smart-card commands). ' : ''}`,
	});
}
