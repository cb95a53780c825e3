import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import type { ItemContext } from '../../framework/types';
import { pollGroupOf, pollUntil } from '../../framework/wait';
import type { WaitSettings } from '../../framework/wait';
import { FINAL_PRINT_STATES, UNSUCCESSFUL_PRINT_STATES } from './fields';

export interface PrintToWaitFor {
	/** "print" or "print job", as the user knows the ID. */
	kind: string;
	id: string;
	read: () => Promise<IDataObject>;
	/** The operation that shows it later, e.g. "Print Job → Get Status". */
	checkWith: string;
}

/**
 * Polls a print until it is COMPLETED, FAILED or CANCELLED; a timeout or an unsuccessful end fails the item as asked.
 * The prints of one node run are polled together, in rounds on one timer.
 */
export async function waitForPrint(ctx: ItemContext, wait: WaitSettings, print: PrintToWaitFor): Promise<IDataObject> {
	const isFinal = (current: IDataObject) => FINAL_PRINT_STATES.includes(String(current?.status));
	const { state, timedOut, polls } = await pollUntil(print.read, isFinal, wait, pollGroupOf(ctx.fn));
	const status = String(state?.status);
	if (timedOut) {
		const outsideAction = status === 'AWAITING_PRINT' || status === 'WAITING_SMARTCARD' ? 'It waits for an outside action (release or smart-card commands). ' : '';
		throw new NodeOperationError(ctx.fn.getNode(), `The ${print.kind} ${print.id} is still ${status} after ${wait.timeoutMs / 1000} s [item ${ctx.itemIndex}]`, {
			itemIndex: ctx.itemIndex,
			description: `The card was sent to the printer and was not resent. ${outsideAction}Check it with ${print.checkWith}.`,
		});
	}
	if (wait.failOnUnsuccessful && UNSUCCESSFUL_PRINT_STATES.includes(status)) {
		const details = state.statusDetails ? `: ${String(state.statusDetails)}` : '';
		throw new NodeOperationError(ctx.fn.getNode(), `The ${print.kind} ${print.id} ended ${status}${details} [item ${ctx.itemIndex}]`, {
			itemIndex: ctx.itemIndex,
			description: 'Turn off "Fail Item When Not Successful" in the wait options to output the final state instead.',
		});
	}
	return { ...state, polls };
}
