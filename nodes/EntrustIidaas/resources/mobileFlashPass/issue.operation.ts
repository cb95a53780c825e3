import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import type { BatchContext, OperationResult } from '../../framework/types';
import { fail } from '../../framework/validation';
import { pollUntil, readWaitSettings, waitForCompletionFields } from '../../framework/wait';
import type { WaitSettings } from '../../framework/wait';
import { fitsInOneBody, MAX_BODY_BYTES, splitIntoBodies } from './batches';
import { checkEnrollmentId, enrollmentIdField, FINAL_STATES, PERMISSIONS, readOperation, UNSUCCESSFUL_STATES, WHERE_TO_CHECK_OPERATIONS } from './fields';

/** One bulk operation of this run: the enrollments it carries and the input items that named them. */
interface Batch {
	number: number;
	ids: string[];
	itemIndexes: number[];
	operation?: IDataObject;
}

type ItemResult = OperationResult | Error;

export const issueFlashPasses = defineOperation({
	value: 'issue',
	name: 'Issue',
	action: 'Issue mobile flash passes',
	description:
		'Issue a mobile flash pass for the enrollment of each input item. All items go to IIDaaS together in one bulk operation, or a few when the 200 KB request limit requires it.',
	properties: [
		enrollmentIdField('The enrollment to issue a pass for, as returned by Read Enrollments. Each input item names one; all items are sent together.'),
		...waitForCompletionFields('bulk operation'),
	],
	async executeBatch(ctx) {
		const results: ItemResult[] = new Array(ctx.items.length);
		const continueOnFail = ctx.fn.continueOnFail();
		// Everything is checked before the first request: without Continue On Fail, one bad item sends nothing.
		const itemsById = readEnrollmentIds(ctx, results, continueOnFail);
		const wait = readWaitSettings({ fn: ctx.fn, itemIndex: 0 });

		const bodies = splitIntoBodies([...itemsById.keys()]);
		const batches: Batch[] = bodies.map((ids, index) => ({ number: index + 1, ids, itemIndexes: ids.flatMap((id) => itemsById.get(id) ?? []) }));
		await createOperations(ctx, batches, results, continueOnFail);

		const created = batches.filter((batch) => batch.operation !== undefined);
		await Promise.all(
			created.map(async (batch) => {
				const outcome = wait.enabled ? await waitFor(ctx, batch, wait) : batch.operation!;
				for (const itemIndex of batch.itemIndexes) {
					results[itemIndex] = outcome instanceof Error ? outcome : itemOutput(ctx.fn, itemIndex, batch, batches.length, outcome, wait);
				}
			}),
		);
		return results;
	},
});

/** Enrollment ID → the input items that name it (an enrollment named twice is sent once). */
function readEnrollmentIds(ctx: BatchContext, results: ItemResult[], continueOnFail: boolean): Map<string, number[]> {
	const itemsById = new Map<string, number[]>();
	ctx.items.forEach((_item, itemIndex) => {
		const item = { fn: ctx.fn, itemIndex };
		try {
			const id = checkEnrollmentId(item, param(item, 'enrollmentId'));
			if (!fitsInOneBody(id)) fail(item, 'Enrollment ID', `is ${id.length} characters: too long for a request of at most ${MAX_BODY_BYTES} bytes`);
			itemsById.set(id, [...(itemsById.get(id) ?? []), itemIndex]);
		} catch (error) {
			// Validation errors are already NodeOperationErrors naming field and item: this keeps them as they are.
			if (!continueOnFail) throw new NodeOperationError(ctx.fn.getNode(), error as Error, { itemIndex });
			results[itemIndex] = error as Error;
		}
	});
	return itemsById;
}

/** Sends the bulk operations one after the other; after a failure without Continue On Fail the rest are not sent. */
async function createOperations(ctx: BatchContext, batches: Batch[], results: ItemResult[], continueOnFail: boolean): Promise<void> {
	let stopped: { number: number; error: Error } | undefined;
	for (const batch of batches) {
		if (stopped) {
			for (const itemIndex of batch.itemIndexes) {
				results[itemIndex] = new NodeOperationError(ctx.fn.getNode(), `Not sent: bulk operation ${stopped.number} of this run failed first [item ${itemIndex}]`, {
					itemIndex,
					description: stopped.error.message,
				});
			}
			continue;
		}
		try {
			batch.operation = await ctx.client.request<IDataObject>({
				method: 'POST',
				path: '/v2/mobileFlashPass',
				body: { ids: batch.ids },
				permission: PERMISSIONS.add,
				whereToCheck: WHERE_TO_CHECK_OPERATIONS,
				itemIndex: batch.itemIndexes[0],
			});
		} catch (error) {
			const reported = withCreatedOperations(error as Error, batches);
			for (const itemIndex of batch.itemIndexes) results[itemIndex] = reported;
			if (!continueOnFail) stopped = { number: batch.number, error: reported };
		}
	}
}

/** Adds to an error which operations this run already created, so nobody sends those enrollments twice. */
function withCreatedOperations(error: Error, batches: Batch[]): Error {
	const created = batches.filter((batch) => batch.operation !== undefined);
	if (created.length === 0) return error;
	const list = created.map((batch) => `${String(batch.operation!.id)} (input items ${batch.itemIndexes.join(', ')})`).join('; ');
	const note = `Bulk operations already created in this run, which must not be sent again: ${list}.`;
	const described = error as Error & { description?: string | null };
	described.description = described.description ? `${described.description} ${note}` : note;
	return error;
}

/** Polls the operation to a final state; an Error when it times out or fails (and failing is wanted). */
async function waitFor(ctx: BatchContext, batch: Batch, wait: WaitSettings): Promise<IDataObject | Error> {
	const operationId = String(batch.operation!.id);
	const firstItem = batch.itemIndexes[0];
	let result;
	try {
		result = await pollUntil(() => readOperation(ctx.client, operationId, firstItem), (state) => FINAL_STATES.includes(String(state?.state)), wait);
	} catch (error) {
		const described = error as Error & { description?: string | null };
		const note = `The bulk operation ${operationId} was created and is not sent again: check it with Mobile Flash Pass → Get.`;
		described.description = described.description ? `${described.description} ${note}` : note;
		return described;
	}
	const { state, timedOut, polls } = result;
	const status = String(state?.state);
	if (timedOut) {
		return new NodeOperationError(ctx.fn.getNode(), `The mobile flash pass operation ${operationId} is still ${status} after ${wait.timeoutMs / 1000} s`, {
			itemIndex: firstItem,
			description: 'The operation was created and goes on; it was not sent again. Check it with Mobile Flash Pass → Get.',
		});
	}
	if (wait.failOnUnsuccessful && (UNSUCCESSFUL_STATES.includes(status) || allRowsFailed(state))) {
		return new NodeOperationError(ctx.fn.getNode(), `The mobile flash pass operation ${operationId} ended ${status}${state.errorMessage ? `: ${String(state.errorMessage)}` : ''}`, {
			itemIndex: firstItem,
			description:
				'Download its logs (Mobile Flash Pass → Download Logs) for the result of each enrollment. Turn off "Fail Item When Not Successful" in the wait options to output the final state instead.',
		});
	}
	return { ...state, polls };
}

function allRowsFailed(state: IDataObject): boolean {
	return Number(state.rowsFailed ?? 0) > 0 && Number(state.rowsProcessed ?? 0) === 0;
}

/** One output per input item: which operation carried its enrollment, and that operation's state. */
function itemOutput(fn: IExecuteFunctions, itemIndex: number, batch: Batch, batchCount: number, operation: IDataObject, wait: WaitSettings): IDataObject {
	const enrollmentId = String(param({ fn, itemIndex }, 'enrollmentId')).trim();
	const { id, ...details } = operation;
	const output: IDataObject = {
		enrollmentId,
		operationId: id,
		operationNumber: batch.number,
		operationCount: batchCount,
		rowInOperation: batch.ids.indexOf(enrollmentId) + 1,
		enrollmentsInOperation: batch.ids.length,
		...details,
	};
	if (!wait.enabled) return output;
	const rowsFailed = Number(operation.rowsFailed ?? 0);
	output.partialFailure = operation.state === 'COMPLETED' && rowsFailed > 0;
	if (output.partialFailure) {
		output.warning =
			`${rowsFailed} of ${batch.ids.length} enrollments in operation ${String(id)} failed` +
			`${operation.firstFailedRow !== undefined ? ` (first failed row: ${String(operation.firstFailedRow)})` : ''}` +
			`${operation.errorMessage ? `: ${String(operation.errorMessage)}` : ''}. ` +
			'Compare rowInOperation with the rows of Mobile Flash Pass → Download Logs to see which.';
	}
	return output;
}
