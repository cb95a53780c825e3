import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import type { BatchRequest, BatchRow } from './batchPacking';
import type { BatchContext, ItemContext, OperationResult } from './types';

/** The same error for another item of a request: the item loop pairs errors with items by their context. */
export function errorForItem(error: unknown, itemIndex: number): Error {
	if (!(error instanceof Error)) return new Error(String(error));
	const copy = Object.create(
		Object.getPrototypeOf(error),
		Object.getOwnPropertyDescriptors(error),
	) as Error & { context?: IDataObject };
	copy.context = { ...(copy.context ?? {}), itemIndex };
	return copy;
}

/** Adds a sentence to an error's description (what was already sent, where to check). */
export function withNote(error: Error, note: string): Error {
	const described = error as Error & { description?: string | null };
	described.description = described.description ? `${described.description} ${note}` : note;
	return error;
}

/** One row of an answer that reports per row (the v2 enrollment endpoints). */
export interface RowAnswer {
	id?: string;
	status?: string;
	error?: string;
}

export interface RowMapping<Row> {
	/** What the rows are and do, for messages: "Enrollment" and "create". */
	noun: string;
	verb: string;
	/** Where to look when the answer leaves the outcome unknown. */
	whereToCheck: string;
	/** A row's ID, to pair answer rows by ID when the answer leaves some out. */
	idOf?: (row: Row) => string | undefined;
	toResult: (answer: RowAnswer, row: Row) => OperationResult;
}

function isSuccess(row: RowAnswer | undefined): boolean {
	return row !== undefined && /^success$/i.test(String(row.status ?? '')) && !row.error;
}

/** Pairs answer rows with sent rows: by position, or by ID when the answer leaves some out. */
function matchRows<Row>(
	sent: Array<BatchRow<Row>>,
	answer: RowAnswer[],
	idOf?: (row: Row) => string | undefined,
): Array<RowAnswer | undefined> | undefined {
	if (answer.length === sent.length) return answer;
	const ids = sent.map((entry) => idOf?.(entry.row));
	if (ids.some((id) => id === undefined)) return undefined;
	const byId = new Map(answer.filter((row) => row.id).map((row) => [row.id, row]));
	return ids.map((id) => byId.get(id));
}

/**
 * One run of a bulk operation: every item is checked before anything is sent, requests go out one after another
 * and are never resent, and each item ends with its own result or error. Without "Continue On Fail" the first
 * failure stops the run: nothing is sent after it.
 */
export class BatchRun {
	readonly continueOnFail: boolean;

	private readonly results: Array<OperationResult | Error | undefined>;

	constructor(readonly ctx: BatchContext) {
		this.continueOnFail = ctx.fn.continueOnFail();
		this.results = new Array(ctx.items.length);
	}

	item(itemIndex: number): ItemContext {
		return { fn: this.ctx.fn, client: this.ctx.client, itemIndex, item: this.ctx.items[itemIndex] };
	}

	/** Checks and reads every item; an invalid item fails alone (or stops the run) before anything is sent. */
	async prepare<Plan>(
		prepare: (item: ItemContext) => Plan | Promise<Plan>,
	): Promise<Array<{ itemIndex: number; plan: Plan }>> {
		const planned: Array<{ itemIndex: number; plan: Plan }> = [];
		for (let itemIndex = 0; itemIndex < this.ctx.items.length; itemIndex++) {
			try {
				planned.push({ itemIndex, plan: await prepare(this.item(itemIndex)) });
			} catch (error) {
				this.fail(itemIndex, error);
				this.stopOnFailure();
			}
		}
		return planned;
	}

	succeed(itemIndex: number, result: OperationResult): void {
		this.results[itemIndex] = result;
	}

	fail(itemIndex: number, error: unknown): void {
		this.results[itemIndex] = errorForItem(error, itemIndex);
	}

	hasFailed(itemIndex: number): boolean {
		return this.results[itemIndex] instanceof Error;
	}

	/** Without "Continue On Fail", throws the first failure (by item) once there is one. */
	stopOnFailure(): void {
		if (this.continueOnFail) return;
		const failure = this.results.find((result) => result instanceof Error);
		if (failure) throw failure;
	}

	/**
	 * Sends the requests in order. A request that fails fails its items and is not resent; `created` names the
	 * requests already accepted, so the error says what must not be sent again.
	 */
	async send<Row, Answer>(
		requests: Array<BatchRequest<Row, Answer>>,
		send: (request: BatchRequest<Row, Answer>) => Promise<Answer>,
		options: {
			receive?: (request: BatchRequest<Row, Answer>) => void;
			created?: (request: BatchRequest<Row, Answer>) => string;
		} = {},
	): Promise<void> {
		for (const request of requests) {
			try {
				request.answer = await send(request);
				request.sent = true;
			} catch (error) {
				request.error = this.describeCreated(
					errorForItem(error, request.itemIndexes[0]),
					requests,
					options.created,
				);
				for (const itemIndex of request.itemIndexes) this.fail(itemIndex, request.error);
				this.stopOnFailure();
				continue;
			}
			options.receive?.(request);
			this.stopOnFailure();
		}
	}

	/** Settles the items of a request from an answer that reports per row; a refused or missing row fails its items. */
	receiveRows<Row>(request: BatchRequest<Row>, mapping: RowMapping<Row>): void {
		const answer = request.answer;
		const matched = Array.isArray(answer)
			? matchRows(request.rows, answer as RowAnswer[], mapping.idOf)
			: undefined;
		const failed = request.rows.filter((_entry, index) => !isSuccess(matched?.[index])).length;
		const node = this.ctx.fn.getNode();
		request.rows.forEach((entry, index) => {
			const row = matched?.[index];
			for (const itemIndex of entry.itemIndexes) {
				if (isSuccess(row)) {
					this.succeed(itemIndex, mapping.toResult(row!, entry.row));
					continue;
				}
				const reason =
					matched === undefined
						? `IIDaaS answered ${Array.isArray(answer) ? answer.length : 'no'} rows for ${request.rows.length} sent, so the result of this item is unknown`
						: row === undefined
							? 'IIDaaS left this row out of its answer'
							: `IIDaaS could not ${mapping.verb} it: ${row.error || row.status || 'no reason given'}`;
				const others = request.rows.length - 1;
				this.results[itemIndex] = new NodeOperationError(
					node,
					`${mapping.noun} ${mapping.verb} failed: ${reason} [item ${itemIndex}]`,
					{
						itemIndex,
						description: [
							others > 0
								? `This item was sent in one request with ${others} other item(s); ${others + 1 - failed} item(s) of that request succeeded.`
								: '',
							matched === undefined ? mapping.whereToCheck : 'Fix this item and send it again.',
						]
							.join(' ')
							.trim(),
					},
				);
			}
		});
	}

	/** One entry per input item, in input order; without "Continue On Fail" the first failure is thrown instead. */
	finish(): Array<OperationResult | Error> {
		this.stopOnFailure();
		return this.results.map((result) => result ?? {});
	}

	private describeCreated<Row, Answer>(
		error: Error,
		requests: Array<BatchRequest<Row, Answer>>,
		created?: (request: BatchRequest<Row, Answer>) => string,
	): Error {
		const sent = requests.filter((request) => request.sent);
		if (!created || sent.length === 0) return error;
		const list = sent
			.map((request) => `${created(request)} (input items ${request.itemIndexes.join(', ')})`)
			.join('; ');
		return withNote(
			error,
			`Bulk operations already created in this run, which must not be sent again: ${list}.`,
		);
	}
}
