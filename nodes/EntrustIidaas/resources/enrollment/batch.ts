import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { BatchContext, ItemContext, OperationResult } from '../../framework/types';
import { requirePositiveInteger } from '../../framework/validation';

/** The v2 enrollment endpoints take arrays; the spec sets no maximum, so stay at the service's page size. */
export const DEFAULT_BATCH_SIZE = 50;
export const MAX_BATCH_SIZE = 100;
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

/** One row of a v2 create/update/delete answer. */
export interface RowResponse {
	id?: string;
	status?: string;
	error?: string;
}

export interface PlannedRow<Plan> {
	itemIndex: number;
	plan: Plan;
}

export interface BatchSpec<Plan> {
	/** What the rows do, for messages: "create", "update", "delete". */
	verb: string;
	whereToCheck: string;
	/** Validates one item; throws a NodeOperationError naming the field and item. */
	prepare: (ctx: ItemContext) => Promise<Plan>;
	/** Rows with different keys (e.g. design names) go into different requests. */
	keyOf?: (plan: Plan) => string;
	bytesOf?: (plan: Plan) => number;
	/** Sends one request for these rows; answers one row per row sent. */
	send: (rows: Array<PlannedRow<Plan>>, key: string) => Promise<RowResponse[] | undefined>;
	/** The output of one item whose row succeeded. */
	toResult: (row: RowResponse, planned: PlannedRow<Plan>) => IDataObject;
}

function itemContext(ctx: BatchContext, itemIndex: number): ItemContext {
	return { fn: ctx.fn, client: ctx.client, itemIndex, item: ctx.items[itemIndex] };
}

/** The same error for another item of the request: the framework pairs errors with items by their context. */
function errorForItem(error: unknown, itemIndex: number): Error {
	if (!(error instanceof Error)) return new Error(String(error));
	const copy = Object.create(Object.getPrototypeOf(error), Object.getOwnPropertyDescriptors(error)) as Error & { context?: IDataObject };
	copy.context = { ...(copy.context ?? {}), itemIndex };
	return copy;
}

function failFirst(results: Array<OperationResult | Error | undefined>): never {
	throw results.find((result) => result instanceof Error) as Error;
}

function isSuccess(row: RowResponse | undefined): boolean {
	return row !== undefined && /^success$/i.test(String(row.status ?? '')) && !row.error;
}

/** Pairs answer rows with sent rows: by position, or by ID when the answer leaves some out. */
function matchRows<Plan>(sent: Array<PlannedRow<Plan>>, rows: RowResponse[], idOf: (plan: Plan) => string | undefined): Array<RowResponse | undefined> | undefined {
	if (rows.length === sent.length) return rows;
	const ids = sent.map((row) => idOf(row.plan));
	if (ids.some((id) => id === undefined)) return undefined;
	const byId = new Map(rows.filter((row) => row.id).map((row) => [row.id, row]));
	return ids.map((id) => byId.get(id));
}

function splitBatches<Plan>(rows: Array<PlannedRow<Plan>>, size: number, bytesOf: (plan: Plan) => number): Array<Array<PlannedRow<Plan>>> {
	const batches: Array<Array<PlannedRow<Plan>>> = [];
	let current: Array<PlannedRow<Plan>> = [];
	let bytes = 0;
	for (const row of rows) {
		const rowBytes = bytesOf(row.plan);
		if (current.length > 0 && (current.length >= size || bytes + rowBytes > MAX_BATCH_BYTES)) {
			batches.push(current);
			current = [];
			bytes = 0;
		}
		current.push(row);
		bytes += rowBytes;
	}
	if (current.length > 0) batches.push(current);
	return batches;
}

/**
 * Runs a bulk endpoint for all input items: validates every item first, groups the valid ones by key,
 * sends ⌈n / batch size⌉ requests per group and maps each answer row back to the item it came from.
 * Without "Continue On Fail" nothing is sent when an item is invalid, and no request follows a failed one.
 */
export async function executeInBatches<Plan>(
	ctx: BatchContext,
	spec: BatchSpec<Plan> & { idOf?: (plan: Plan) => string | undefined },
): Promise<Array<OperationResult | Error>> {
	const continueOnFail = ctx.fn.continueOnFail();
	const results: Array<OperationResult | Error> = new Array(ctx.items.length);
	const options = ctx.fn.getNodeParameter('batchOptions', 0, {}) as IDataObject;
	const batchSize = requirePositiveInteger({ fn: ctx.fn, itemIndex: 0 }, 'Batch Size', options.batchSize ?? DEFAULT_BATCH_SIZE, MAX_BATCH_SIZE);

	const groups = new Map<string, Array<PlannedRow<Plan>>>();
	for (let itemIndex = 0; itemIndex < ctx.items.length; itemIndex++) {
		try {
			const plan = await spec.prepare(itemContext(ctx, itemIndex));
			const key = spec.keyOf?.(plan) ?? '';
			if (!groups.has(key)) groups.set(key, []);
			groups.get(key)!.push({ itemIndex, plan });
		} catch (error) {
			results[itemIndex] = errorForItem(error, itemIndex);
			// Without "Continue On Fail" one invalid item stops the run before anything is sent.
			if (!continueOnFail) return failFirst(results);
		}
	}

	const node = ctx.fn.getNode();
	let stopped: Error | undefined;
	for (const [key, rows] of groups) {
		for (const batch of splitBatches(rows, batchSize, spec.bytesOf ?? (() => 0))) {
			if (stopped) break;
			let answer: RowResponse[] | undefined;
			try {
				answer = await spec.send(batch, key);
			} catch (error) {
				for (const row of batch) results[row.itemIndex] = errorForItem(error, row.itemIndex);
				if (!continueOnFail) stopped = results[batch[0].itemIndex] as Error;
				continue;
			}
			const matched = Array.isArray(answer) ? matchRows(batch, answer, spec.idOf ?? (() => undefined)) : undefined;
			const failed = batch.filter((_row, index) => !isSuccess(matched?.[index])).length;
			batch.forEach((planned, index) => {
				const row = matched?.[index];
				if (isSuccess(row)) {
					results[planned.itemIndex] = spec.toResult(row!, planned);
					return;
				}
				const reason = matched === undefined
					? `IIDaaS answered ${Array.isArray(answer) ? answer.length : 'no'} rows for ${batch.length} sent, so the result of this item is unknown`
					: row === undefined
						? 'IIDaaS left this row out of its answer'
						: `IIDaaS could not ${spec.verb} it: ${row.error || row.status || 'no reason given'}`;
				results[planned.itemIndex] = new NodeOperationError(node, `Enrollment ${spec.verb} failed: ${reason} [item ${planned.itemIndex}]`, {
					itemIndex: planned.itemIndex,
					description: [
						batch.length > 1 ? `This item was sent in one request with ${batch.length - 1} other item(s); ${batch.length - failed} item(s) of that request succeeded.` : '',
						matched === undefined ? spec.whereToCheck : 'Fix this item and send it again.',
					].join(' ').trim(),
				});
			});
			if (!continueOnFail && failed > 0) stopped = results[batch.find((_row, index) => !isSuccess(matched?.[index]))!.itemIndex] as Error;
		}
	}
	if (stopped) throw stopped;
	return results;
}
