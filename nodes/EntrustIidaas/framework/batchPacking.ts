/**
 * How a bulk operation's rows become requests: grouped, deduplicated and cut to the service's limits. Pure data,
 * no sending: BatchRun (batch.ts) sends what this packs.
 */

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
