import type { IDataObject } from 'n8n-workflow';

import { BatchRun } from '../../framework/batch';
import { jsonBytes, MAX_BODY_BYTES, packRequests } from '../../framework/batchPacking';
import type { BatchRequest } from '../../framework/batchPacking';
import { defineOperation } from '../../framework/define';
import { compact, param } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { fail } from '../../framework/validation';
import {
	readWaitSettings,
	UNSUCCESSFUL_STATES,
	waitForCompletionFields,
	waitForJob,
} from '../../framework/wait';
import type { WaitSettings } from '../../framework/wait';
import { checkEnrollmentId, enrollmentIdField } from '../enrollment/fields';
import { readOperation, readOperationLogRows } from './api';
import type { PassLogRow } from './api';
import { PERMISSIONS, WHERE_TO_CHECK_OPERATIONS } from './fields';

/** One bulk operation of this run: the enrollments it carries and the input items that named them. */
type Operation = BatchRequest<string, IDataObject> & { logRows?: PassLogRow[] };

export const issueFlashPasses = defineOperation({
	value: 'issue',
	name: 'Issue',
	action: 'Issue mobile flash passes',
	description:
		'Issue a mobile flash pass for the enrollment of each input item. All items go to IIDaaS together in one bulk operation, or a few when the 200 KB request limit requires it.',
	properties: [
		enrollmentIdField(
			'The enrollment to issue a pass for, as returned by Read Enrollments. Each input item names one; all items are sent together.',
		),
		...waitForCompletionFields('bulk operation'),
	],
	async executeBatch(ctx) {
		const run = new BatchRun(ctx);
		// Everything is checked before the first request: without Continue On Fail, one bad item sends nothing.
		const planned = await run.prepare(readIssuedId);
		const wait = readWaitSettings(run.item(0));
		// An enrollment named by two items is sent once.
		const operations: Operation[] = packRequests(
			planned.map(({ itemIndex, plan: id }) => ({ itemIndex, row: id, key: id })),
			{
				maxBytes: MAX_BODY_BYTES,
				emptyBytes: () => jsonBytes({ ids: [] }),
				bytesOf: jsonBytes,
				separatorBytes: 1,
			},
		);
		await run.send(
			operations,
			async (operation) =>
				await ctx.client.request<IDataObject>({
					method: 'POST',
					path: '/v2/mobileFlashPass',
					body: { ids: operation.rows.map((entry) => entry.row) },
					permission: PERMISSIONS.add,
					whereToCheck: WHERE_TO_CHECK_OPERATIONS,
					itemIndex: operation.itemIndexes[0],
				}),
			{ created: (operation) => String(operation.answer?.id) },
		);

		await Promise.all(
			operations
				.filter((operation) => operation.sent)
				.map(async (operation) => {
					let state = operation.answer!;
					if (wait.enabled) {
						try {
							state = await waitFor(run.item(operation.itemIndexes[0]), operation, wait);
						} catch (error) {
							for (const itemIndex of operation.itemIndexes) run.fail(itemIndex, error);
							return;
						}
						// Some passes failed: the logs say whose, so each item gets its own enrollment's result.
						if (Number(state.rowsFailed ?? 0) > 0)
							operation.logRows = await readOperationLogRows(
								run.item(operation.itemIndexes[0]),
								String(state.id ?? operation.answer!.id),
							).catch(() => undefined);
					}
					operation.rows.forEach((entry, row) => {
						for (const itemIndex of entry.itemIndexes)
							run.succeed(
								itemIndex,
								itemOutput(entry.row, row, operation, operations.length, state, wait),
							);
					});
				}),
		);
		return run.finish();
	},
});

function readIssuedId(item: ItemContext): string {
	const id = checkEnrollmentId(item, param(item, 'enrollmentId'));
	if (jsonBytes({ ids: [id] }) > MAX_BODY_BYTES)
		fail(
			item,
			'Enrollment ID',
			`is ${id.length} characters: too long for a request of at most ${MAX_BODY_BYTES} bytes`,
		);
	return id;
}

async function waitFor(
	item: ItemContext,
	operation: Operation,
	wait: WaitSettings,
): Promise<IDataObject> {
	const operationId = String(operation.answer!.id);
	return await waitForJob(item.fn, wait, {
		kind: 'mobile flash pass operation',
		id: operationId,
		itemIndex: item.itemIndex,
		read: async () => await readOperation(item, operationId),
		checkWith: 'Mobile Flash Pass → Get',
		// Every row failing fails the operation too, even when the service calls it COMPLETED.
		isUnsuccessful: (state) =>
			UNSUCCESSFUL_STATES.includes(String(state.state)) ||
			(Number(state.rowsFailed ?? 0) > 0 && Number(state.rowsProcessed ?? 0) === 0),
		onFailure:
			'Download its logs (Mobile Flash Pass → Download Logs) for the result of each enrollment.',
	});
}

/** One output per input item: which operation carried its enrollment, and that operation's state. */
function itemOutput(
	enrollmentId: string,
	row: number,
	operation: Operation,
	operationCount: number,
	state: IDataObject,
	wait: WaitSettings,
): IDataObject {
	const { id, ...details } = state;
	const output: IDataObject = {
		enrollmentId,
		operationId: id,
		operationNumber: operation.number,
		operationCount,
		rowInOperation: row + 1,
		enrollmentsInOperation: operation.rows.length,
		...details,
	};
	if (!wait.enabled) return output;
	const logRow =
		operation.logRows?.find((candidate) => candidate.enrollmentId === enrollmentId) ??
		operation.logRows?.find((candidate) => candidate.row === row + 1);
	if (logRow)
		Object.assign(
			output,
			compact({
				passStatus: logRow.status,
				passMessage: logRow.message,
				primaryKey: logRow.primaryKey,
			}),
		);
	const rowsFailed = Number(state.rowsFailed ?? 0);
	output.partialFailure = state.state === 'COMPLETED' && rowsFailed > 0;
	if (output.partialFailure) {
		const failed = (operation.logRows ?? []).filter((candidate) =>
			/fail/i.test(String(candidate.status ?? '')),
		);
		output.warning =
			`${rowsFailed} of ${operation.rows.length} enrollments in operation ${String(id)} failed` +
			`${state.firstFailedRow !== undefined ? ` (first failed row: ${String(state.firstFailedRow)})` : ''}` +
			`${state.errorMessage ? `: ${String(state.errorMessage)}` : ''}. ` +
			(failed.length > 0
				? `Failed: ${failed.map((candidate) => `${candidate.primaryKey ?? candidate.enrollmentId ?? `row ${String(candidate.row)}`}${candidate.message ? ` (${candidate.message})` : ''}`).join('; ')}.`
				: 'Compare rowInOperation with the rows of Mobile Flash Pass → Download Logs to see which.');
	}
	return output;
}
