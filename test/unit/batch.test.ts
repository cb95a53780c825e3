import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { BatchRun, errorForItem, withNote } from '../../nodes/EntrustIidaas/framework/batch';
import {
	jsonBytes,
	MAX_BODY_BYTES,
	packRequests,
} from '../../nodes/EntrustIidaas/framework/batchPacking';
import type { BatchContext } from '../../nodes/EntrustIidaas/framework/types';
import type { IidaasClient } from '../../nodes/EntrustIidaas/transport/client';

const NODE = {
	name: 'IIDaaS',
	type: 'entrustIidaas',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as unknown as INode;

function context(items: number, continueOnFail: boolean): BatchContext {
	const fn = {
		continueOnFail: () => continueOnFail,
		getNode: () => NODE,
	} as unknown as IExecuteFunctions;
	return {
		fn,
		client: {} as IidaasClient,
		items: Array.from({ length: items }, (_, index) => ({ json: { index } })),
	};
}

const rows = (ids: string[], group?: (index: number) => string) =>
	ids.map((id, itemIndex) => ({ itemIndex, row: id, group: group?.(itemIndex) }));

describe('batch engine: packing', () => {
	it('keeps groups apart in the order they first appear and cuts by row count', () => {
		const requests = packRequests(
			rows(['a', 'b', 'c', 'd', 'e'], (index) => (index % 2 === 0 ? 'even' : 'odd')),
			{ maxRows: 2 },
		);
		expect(
			requests.map((request) => [
				request.number,
				request.group,
				request.rows.map((entry) => entry.row),
				request.itemIndexes,
			]),
		).toEqual([
			[1, 'even', ['a', 'c'], [0, 2]],
			[2, 'even', ['e'], [4]],
			[3, 'odd', ['b', 'd'], [1, 3]],
		]);
		expect(requests.every((request) => !request.sent)).toBe(true);
	});

	it('sends a row given by several items once, for all of them', () => {
		const requests = packRequests(
			['x', 'y', 'x'].map((id, itemIndex) => ({ itemIndex, row: id, key: id })),
			{},
		);
		expect(requests).toHaveLength(1);
		expect(requests[0].rows).toEqual([
			{ row: 'x', itemIndexes: [0, 2] },
			{ row: 'y', itemIndexes: [1] },
		]);
		expect(requests[0].itemIndexes).toEqual([0, 1, 2]);
	});

	it('cuts JSON bodies exactly at the byte limit, counting the empty body and the commas', () => {
		const ids = Array.from({ length: 7 }, (_, n) => `${n}`.padEnd(20, 'x'));
		const limits = {
			maxBytes: 100,
			emptyBytes: () => jsonBytes({ ids: [] }),
			bytesOf: jsonBytes,
			separatorBytes: 1,
		};
		const requests = packRequests(rows(ids), limits);
		for (const request of requests) {
			const body = { ids: request.rows.map((entry) => entry.row) };
			expect(jsonBytes(body)).toBeLessThanOrEqual(100);
			// Nothing more would have fitted: the next ID makes the body too large.
			const next = ids[ids.indexOf(request.rows[request.rows.length - 1].row) + 1];
			if (next) expect(jsonBytes({ ids: [...body.ids, next] })).toBeGreaterThan(100);
		}
		expect(requests.flatMap((request) => request.rows.map((entry) => entry.row))).toEqual(ids);
		expect(MAX_BODY_BYTES).toBe(200_000);
	});
});

describe('batch engine: a run', () => {
	it('checks every item before anything is sent and stops at the first invalid one without Continue On Fail', async () => {
		const run = new BatchRun(context(3, false));
		const seen: number[] = [];
		await expect(
			run.prepare((item) => {
				seen.push(item.itemIndex);
				if (item.itemIndex === 1)
					throw new NodeOperationError(NODE, 'Bad [item 1]', { itemIndex: 1 });
				return item.itemIndex;
			}),
		).rejects.toThrow('Bad [item 1]');
		expect(seen).toEqual([0, 1]);
	});

	it('with Continue On Fail fails a refused request on its items only, names what was created, and never resends', async () => {
		const run = new BatchRun(context(3, true));
		const planned = await run.prepare((item) => `id${item.itemIndex}`);
		const requests = packRequests<string, { id: string }>(
			planned.map(({ itemIndex, plan }) => ({ itemIndex, row: plan })),
			{ maxRows: 2 },
		);
		let calls = 0;
		await run.send(
			requests,
			async (request) => {
				calls++;
				if (request.number === 2) throw new Error('Boom');
				return { id: `op-${request.number}` };
			},
			{ created: (request) => request.answer!.id },
		);
		expect(calls).toBe(2);
		expect(requests.map((request) => request.sent)).toEqual([true, false]);
		for (const request of requests.filter((candidate) => candidate.sent))
			for (const itemIndex of request.itemIndexes) run.succeed(itemIndex, { ok: itemIndex });
		const results = run.finish();
		expect(results.slice(0, 2)).toEqual([{ ok: 0 }, { ok: 1 }]);
		const failure = results[2] as Error & {
			description?: string;
			context?: { itemIndex?: number };
		};
		expect(failure.message).toBe('Boom');
		expect(failure.context?.itemIndex).toBe(2);
		expect(failure.description).toBe(
			'Bulk operations already created in this run, which must not be sent again: op-1 (input items 0, 1).',
		);
	});

	it('without Continue On Fail sends nothing after a failed request', async () => {
		const run = new BatchRun(context(4, false));
		const requests = packRequests(rows(['a', 'b', 'c', 'd']), { maxRows: 1 });
		let calls = 0;
		await expect(
			run.send(requests, async (request) => {
				calls++;
				if (request.number === 2) throw new Error('Boom');
				return {};
			}),
		).rejects.toThrow('Boom');
		expect(calls).toBe(2);
	});

	it('maps answer rows to items by position, or by ID when rows are missing', async () => {
		const run = new BatchRun(context(3, true));
		const requests = packRequests(rows(['a', 'b', 'c']), {});
		await run.send(
			requests,
			async () => [
				{ id: 'c', status: 'Success' },
				{ id: 'a', status: 'Success' },
			],
			{
				receive: (request) =>
					run.receiveRows(request, {
						noun: 'Enrollment',
						verb: 'delete',
						whereToCheck: 'Check it.',
						idOf: (row) => row,
						toResult: (answer, row) => ({ id: row, status: answer.status }),
					}),
			},
		);
		const [a, b, c] = run.finish();
		expect(a).toEqual({ id: 'a', status: 'Success' });
		expect(c).toEqual({ id: 'c', status: 'Success' });
		expect((b as Error).message).toBe(
			'Enrollment delete failed: IIDaaS left this row out of its answer [item 1]',
		);
		expect((b as Error & { description: string }).description).toBe(
			'This item was sent in one request with 2 other item(s); 2 item(s) of that request succeeded. Fix this item and send it again.',
		);
	});

	it('says the outcome is unknown when rows cannot be paired, and stops without Continue On Fail', async () => {
		const run = new BatchRun(context(2, false));
		const requests = packRequests(rows(['a', 'b']), {});
		await expect(
			run.send(requests, async () => [{ status: 'Success' }], {
				receive: (request) =>
					run.receiveRows(request, {
						noun: 'Enrollment',
						verb: 'create',
						whereToCheck: 'Search before sending again.',
						toResult: () => ({}),
					}),
			}),
		).rejects.toThrow(
			/Enrollment create failed: IIDaaS answered 1 rows for 2 sent, so the result of this item is unknown \[item 0\]/,
		);
	});

	it('copies an error for another item and adds notes to its description', () => {
		const original = new NodeOperationError(NODE, 'Denied', {
			itemIndex: 0,
			description: 'First.',
		});
		const copy = errorForItem(original, 3) as NodeOperationError;
		expect(copy).toBeInstanceOf(NodeOperationError);
		expect(copy.context.itemIndex).toBe(3);
		expect(original.context.itemIndex).toBe(0);
		expect((withNote(copy, 'Second.') as NodeOperationError).description).toBe('First. Second.');
		expect(errorForItem('text', 1).message).toBe('text');
	});
});
