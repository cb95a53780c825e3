import type { INodeProperties } from 'n8n-workflow';

import { BatchRun } from '../../framework/batch';
import type { RowAnswer } from '../../framework/batch';
import { packRequests } from '../../framework/batchPacking';
import { param } from '../../framework/params';
import type { BatchContext, ItemContext, OperationResult } from '../../framework/types';
import { requirePositiveInteger } from '../../framework/validation';

/** The v2 enrollment endpoints take arrays; the spec sets no maximum, so stay at the service's page size. */
const DEFAULT_BATCH_SIZE = 50;
const MAX_BATCH_SIZE = 100;
/** Requests with images are also cut by size, so one request never carries dozens of photos. */
export const MAX_BATCH_BYTES = 5 * 1024 * 1024;

export const batchOptions: INodeProperties = {
	displayName: 'Options',
	name: 'batchOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
			default: DEFAULT_BATCH_SIZE,
			description:
				'How many input items go into one request. Each item still gets its own result or error. Requests carrying images are also kept under 5 MB.',
		},
	],
};

export function readBatchSize(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): number {
	const options = param<{ batchSize?: unknown }>(ctx, 'batchOptions', {});
	return requirePositiveInteger(
		ctx,
		'Batch Size',
		options.batchSize ?? DEFAULT_BATCH_SIZE,
		MAX_BATCH_SIZE,
	);
}

export interface EnrollmentBatch<Plan> {
	/** What the rows do, for messages: "create", "update", "delete". */
	verb: string;
	whereToCheck: string;
	/** Checks one item; throws a NodeOperationError naming the field and item. */
	prepare: (item: ItemContext) => Promise<Plan>;
	/** Rows of different groups (design names) go into different requests. */
	groupOf?: (plan: Plan) => string;
	bytesOf?: (plan: Plan) => number;
	/** The row's enrollment ID, to pair answer rows when the answer leaves some out. */
	idOf?: (plan: Plan) => string | undefined;
	/** Sends one request; answers one row per row sent. */
	send: (plans: Plan[], group: string, firstItem: number) => Promise<unknown>;
	toResult: (row: RowAnswer, plan: Plan) => OperationResult;
}

/**
 * Runs a v2 enrollment endpoint for all input items on the batch engine: ⌈n / batch size⌉ requests per group,
 * each answer row settling the item it came from.
 */
export async function sendEnrollmentBatches<Plan>(
	ctx: BatchContext,
	spec: EnrollmentBatch<Plan>,
): Promise<Array<OperationResult | Error>> {
	const run = new BatchRun(ctx);
	const batchSize = readBatchSize(run.item(0));
	const planned = await run.prepare(spec.prepare);
	const requests = packRequests(
		planned.map(({ itemIndex, plan }) => ({ itemIndex, row: plan, group: spec.groupOf?.(plan) })),
		{ maxRows: batchSize, maxBytes: MAX_BATCH_BYTES, bytesOf: spec.bytesOf },
	);
	await run.send(
		requests,
		async (request) =>
			await spec.send(
				request.rows.map((entry) => entry.row),
				request.group,
				request.itemIndexes[0],
			),
		{
			receive: (request) =>
				run.receiveRows(request, {
					noun: 'Enrollment',
					verb: spec.verb,
					whereToCheck: spec.whereToCheck,
					idOf: spec.idOf,
					toResult: spec.toResult,
				}),
		},
	);
	return run.finish();
}
