import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import type { BatchContext, ItemContext, OperationResult } from './types';

/**
 * The spec: "Request body payload must not exceed 200 KB." Bodies stay under 200,000 bytes, within the limit
 * whether the service counts a KB as 1,000 or 1,024 bytes.
 */
export const MAX_BODY_BYTES = 200_000;

/** The size of a value sent as JSON. */
export function jsonBytes(value: unknown): number {
	return Buffer.byteLength(JSON.stringify(value));
}

/** One row of a bulk request and the input items that asked for it. */
export interface BatchRow<Row> {
	row: Row;
	itemIndexes: number[];
}

/** One request of the run: rows of one group, within the limits. */
export interface BatchRequest<Row, Answer = unknown> {
	/** 1-based, in sending order. */
	number: number;
	group: string;
	rows: Array<BatchRow<Row>>;
	/** The input items with a row in this request, ascending. */
	itemIndexes: number[];
	/** Set once the service accepted the request: it is never sent again. */
	sent: boolean;
	answer?: Answer;
	error?: Error;
}

export interface RowToPack<Row> {
	itemIndex: number;
	row: Row;
	/** Rows of different groups (a printer setting, a design) never share a request; groups keep their first order. */
	group?: string;
	/** Rows with the same key in a group are sent once, for all the items that gave them. */
	key?: string;
}

export interface PackLimits<Row> {
	maxRows?: number;
	maxBytes?: number;
	/** The size of a request of this group without rows. */
	emptyBytes?: (group: string) => number;
	bytesOf?: (row: Row) => number;
	/** Bytes between two rows, e.g. the comma of a JSON array. */
	separatorBytes?: number;
}

/** Groups rows, sends duplicates once, and cuts each group into as few requests as the limits allow, in order. */
export function packRequests<Row, Answer = unknown>(
	rows: Array<RowToPack<Row>>,
	limits: PackLimits<Row>,
): Array<BatchRequest<Row, Answer>> {
	const groups = new Map<string, Array<BatchRow<Row>>>();
	const byKey = new Map<string, BatchRow<Row>>();
	for (const { itemIndex, row, group = '', key } of rows) {
		const known = key === undefined ? undefined : byKey.get(JSON.stringify([group, key]));
		if (known) {
			if (!known.itemIndexes.includes(itemIndex)) known.itemIndexes.push(itemIndex);
			continue;
		}
		const entry = { row, itemIndexes: [itemIndex] };
		if (key !== undefined) byKey.set(JSON.stringify([group, key]), entry);
		if (!groups.has(group)) groups.set(group, []);
		groups.get(group)!.push(entry);
	}

	const requests: Array<BatchRequest<Row, Answer>> = [];
	const separator = limits.separatorBytes ?? 0;
	const close = (group: string, entries: Array<BatchRow<Row>>) => {
		const itemIndexes = [...new Set(entries.flatMap((entry) => entry.itemIndexes))].sort(
			(a, b) => a - b,
		);
		requests.push({ number: requests.length + 1, group, rows: entries, itemIndexes, sent: false });
	};
	for (const [group, entries] of groups) {
		const empty = limits.emptyBytes?.(group) ?? 0;
		let current: Array<BatchRow<Row>> = [];
		let size = empty;
		for (const entry of entries) {
			const bytes = limits.bytesOf?.(entry.row) ?? 0;
			const tooMany = limits.maxRows !== undefined && current.length >= limits.maxRows;
			const tooBig = limits.maxBytes !== undefined && size + separator + bytes > limits.maxBytes;
			if (current.length > 0 && (tooMany || tooBig)) {
				close(group, current);
				current = [];
				size = empty;
			}
			size += (current.length > 0 ? separator : 0) + bytes;
			current.push(entry);
		}
		if (current.length > 0) close(group, current);
	}
	return requests;
}

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
