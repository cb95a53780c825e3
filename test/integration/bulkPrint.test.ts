import { randomBytes } from 'crypto';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { byId, jsonOf, useEmulator } from '../helpers/emulator';

const enrollments = require('../../tools/emulator/routes/enrollments') as {
	addEnrollment: (
		ctx: { state: unknown },
		design: unknown,
		values: Record<string, string>,
	) => { id: string };
	findDesign: (ctx: { state: unknown }, name: string) => unknown;
};

const fixture = useEmulator();
const FAST_WAIT = { pollInterval: 0.05, timeout: 10 };
const CREATE = 'printEnrollmentsBulkOperationV2';

function seedBadges(count: number): string[] {
	const ctx = { state: fixture.emulator.state };
	const design = enrollments.findDesign(ctx, 'Employee Badge');
	return Array.from(
		{ length: count },
		(_, i) => enrollments.addEnrollment(ctx, design, { 'First Name': `Bulk ${i}` }).id,
	);
}

function unknownId(): string {
	return randomBytes(75).toString('base64');
}

function itemsWithIds(ids: string[]): INodeExecutionData[] {
	return ids.map((id) => ({ json: { id } }));
}

function printerId(name: string): string {
	return [...fixture.emulator.state.printers.values()].find((printer) =>
		String(printer.name).includes(name),
	)!.id as string;
}

const byName = (value: string) => ({ __rl: true, mode: 'name', value });

describe('Bulk Print resource against the emulator', () => {
	beforeEach(() => fixture.emulator.clearRequests());

	it('prints 500 input items in one bulk operation and reports a partial failure with the logs attached', async () => {
		const ids = [...seedBadges(498), unknownId(), unknownId()];
		const items = itemsWithIds(ids);
		const result = await fixture.run(
			{
				resource: 'bulkPrint',
				operation: 'create',
				enrollmentIds: (i: number) => items[i].json.id,
				printer: byName('Front Desk Printer'),
				hopper: 1,
				waitForCompletion: true,
				waitOptions: FAST_WAIT,
			},
			{ items },
		);
		expect(fixture.emulator.count(CREATE)).toBe(1);
		expect(fixture.emulator.count('getPrintRequestDetails')).toBe(3); // SCHEDULED, PROCESSING, COMPLETED
		expect(result.output).toHaveLength(500);
		result.output.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
		const first = result.output[0].json;
		expect(first).toMatchObject({
			state: 'COMPLETED',
			rowsProcessed: 498,
			rowsFailed: 2,
			partialFailure: true,
			firstFailedRow: 499,
			errorMessage: 'Enrollment not found',
			splitInto: 1,
			rowsTotal: 500,
			printerName: 'Front Desk Printer',
			enrollmentIds: [ids[0]],
		});
		expect(first.summary).toBe(
			`COMPLETED WITH FAILURES: 498 printed, 2 failed, of 500 enrollments (bulk print ${String(first.id)})`,
		);
		expect(first.operationIds).toEqual([first.id]);
		expect(result.output[499].json).toMatchObject({
			id: first.id,
			enrollmentIds: [ids[499]],
			partialFailure: true,
		});

		// The logs come once per operation, on its first item.
		const logs = result.output[0].binary?.logs;
		expect(logs?.mimeType).toBe('text/csv');
		const csv = Buffer.from(logs!.data, 'base64').toString('utf8');
		expect(csv).toContain(`500,${ids[499]},FAILED,Enrollment not found`);
		expect(result.output.filter((item) => item.binary).length).toBe(1);
		expect(fixture.emulator.count('downloadPrintEnrollmentsLogsV2')).toBe(1);

		// The printed rows are jobs in the print queue.
		const name = (fixture.emulator.state.bulkPrints.get(first.id) as IDataObject).name;
		expect(
			[...fixture.emulator.state.printJobs.values()].filter(
				(job) => job.bulkOperationName === name,
			),
		).toHaveLength(498);
	});

	it('splits a request over 200 KB into several bulk operations and says so', async () => {
		const ids = Array.from({ length: 4000 }, unknownId); // ~104 bytes each: ~420 KB in all
		const result = await fixture.run({
			resource: 'bulkPrint',
			operation: 'create',
			enrollmentIds: ids.join('\n'),
			printer: byName('Front Desk Printer'),
		});
		const creates = fixture.emulator.requests.filter((entry) => entry.operationId === CREATE);
		expect(creates).toHaveLength(3);
		expect(creates.every((entry) => entry.status === 200 && entry.bodyBytes <= 200_000)).toBe(true);
		const json = result.output[0].json;
		expect(json.splitInto).toBe(3);
		expect(json.operationIds).toHaveLength(3);
		expect(json.itemOperationIds).toEqual(json.operationIds);
		const stored = (json.operationIds as string[]).map(
			(id) => fixture.emulator.state.bulkPrints.get(id) as { rows: unknown[] },
		);
		expect(stored.reduce((sum, operation) => sum + operation.rows.length, 0)).toBe(4000);

		// The emulator enforces the limit for real: one body over 200 KB is refused.
		const auth = await fetch(`${fixture.emulator.url}/api/web/v1/adminapi/authenticate`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({
				applicationId: fixture.credentials.applicationId,
				sharedSecret: fixture.credentials.sharedSecret,
			}),
		});
		const { authToken } = (await auth.json()) as { authToken: string };
		const tooLarge = await fetch(`${fixture.emulator.url}/api/web/v2/print`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: authToken },
			body: JSON.stringify({ ids, printer: { name: 'Front Desk Printer' } }),
		});
		expect(tooLarge.status).toBe(413);
	});

	it('groups items by printer settings and looks a listed printer up once for its name', async () => {
		const ids = seedBadges(4);
		const result = await fixture.run(
			{
				resource: 'bulkPrint',
				operation: 'create',
				enrollmentIds: (i: number) => ids[i],
				printer: { __rl: true, mode: 'list', value: printerId('Badge Office') },
				hopper: (i: number) => (i < 2 ? 1 : 2),
			},
			{ items: itemsWithIds(ids) },
		);
		expect(fixture.emulator.count('readPrinter')).toBe(1);
		expect(fixture.emulator.count(CREATE)).toBe(2);
		const [a, b, c, d] = jsonOf(result.output);
		expect(a.id).toBe(b.id);
		expect(c.id).toBe(d.id);
		expect(a.id).not.toBe(c.id);
		expect(a).toMatchObject({
			state: 'SCHEDULED',
			printerName: 'Badge Office Printer',
			splitInto: 1,
		});
		expect((fixture.emulator.state.bulkPrints.get(c.id) as IDataObject).printer).toEqual({
			name: 'Badge Office Printer',
			hopper: 2,
		});
	});

	it('fails every item of an operation that ends FAILED, or reports it when asked', async () => {
		const params = {
			resource: 'bulkPrint',
			operation: 'create',
			enrollmentIds: `${unknownId()}, ${unknownId()}`,
			printer: byName('Front Desk Printer'),
			waitForCompletion: true,
		};
		await expect(fixture.run({ ...params, waitOptions: FAST_WAIT })).rejects.toThrow(
			/The bulk print .* ended FAILED: Enrollment not found \[item 0\]/,
		);
		expect(fixture.emulator.count('downloadPrintEnrollmentsLogsV2')).toBe(0);
		const reported = await fixture.run({
			...params,
			waitOptions: { ...FAST_WAIT, failOnUnsuccessful: false },
		});
		expect(reported.output[0].json).toMatchObject({
			state: 'FAILED',
			rowsFailed: 2,
			rowsProcessed: 0,
			partialFailure: false,
		});
		expect(reported.output[0].binary?.logs).toBeDefined();
		expect(fixture.emulator.count('downloadPrintEnrollmentsLogsV2')).toBe(1);
	});

	it('validates every item before sending anything', async () => {
		const [good] = seedBadges(1);
		await expect(
			fixture.run(
				{
					resource: 'bulkPrint',
					operation: 'create',
					enrollmentIds: (i: number) => (i === 1 ? 'not an id!' : good),
					printer: byName('Front Desk Printer'),
				},
				{ items: [{ json: {} }, { json: {} }] },
			),
		).rejects.toThrow(/Enrollment IDs → ID 3: "id!" is not an enrollment ID.*\[item 1\]/);
		await expect(
			fixture.run({
				resource: 'bulkPrint',
				operation: 'create',
				enrollmentIds: '',
				printer: byName('Front Desk Printer'),
			}),
		).rejects.toThrow(/Enrollment IDs: is required.*\[item 0\]/);
		await expect(
			fixture.run({
				resource: 'bulkPrint',
				operation: 'create',
				enrollmentIds: good,
				printer: byId('nope'),
			}),
		).rejects.toThrow(/Printer: "nope" is not a printer ID.*\[item 0\]/);
		expect(fixture.emulator.requests).toHaveLength(0);

		const partial = await fixture.run(
			{
				resource: 'bulkPrint',
				operation: 'create',
				enrollmentIds: (i: number) => (i === 0 ? '%%%' : good),
				printer: byName('Front Desk Printer'),
			},
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(partial.output[0].json.error).toMatch(/\[item 0\]/);
		expect(partial.output[1].json).toMatchObject({ state: 'SCHEDULED', enrollmentIds: [good] });
		expect(fixture.emulator.count(CREATE)).toBe(1);
	});

	it('gets, lists, cancels and downloads the logs of bulk operations', async () => {
		const ids = seedBadges(3);
		const created = await fixture.run({
			resource: 'bulkPrint',
			operation: 'create',
			enrollmentIds: ids,
			printer: byName('Front Desk Printer'),
		});
		const id = created.output[0].json.id as string;
		expect(created.output[0].json.enrollmentIds).toEqual(ids);

		const got = await fixture.run({ resource: 'bulkPrint', operation: 'get', bulkPrintId: id });
		expect(got.output[0].json).toMatchObject({ id, state: 'SCHEDULED', type: 'PRINT_ENROLLMENTS' });

		const cancelled = await fixture.run({
			resource: 'bulkPrint',
			operation: 'cancel',
			bulkPrintId: id,
		});
		expect(cancelled.output[0].json).toEqual({ success: true, id, cancelled: true });
		expect((fixture.emulator.state.bulkPrints.get(id) as IDataObject).state).toBe('CANCELLED');

		const listed = await fixture.run({
			resource: 'bulkPrint',
			operation: 'getAll',
			returnAll: true,
			filters: { states: ['CANCELLED'] },
		});
		expect(jsonOf(listed.output).map((json) => json.id)).toContain(id);
		expect(jsonOf(listed.output).every((json) => json.state === 'CANCELLED')).toBe(true);
		const limited = await fixture.run({
			resource: 'bulkPrint',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
		});
		expect(limited.output).toHaveLength(2);

		const logs = await fixture.run({
			resource: 'bulkPrint',
			operation: 'downloadLogs',
			bulkPrintId: id,
			binaryPropertyName: 'report',
		});
		expect(logs.output[0].json).toMatchObject({ id, fileName: `bulk-print-${id}.csv` });
		expect(Buffer.from(logs.output[0].binary!.report.data, 'base64').toString('utf8')).toMatch(
			/^Row,Enrollment ID,Status,Message\n1,/,
		);

		// A finished operation cannot be cancelled: the service's error comes through.
		const done = await fixture.run({
			resource: 'bulkPrint',
			operation: 'create',
			enrollmentIds: ids[0],
			printer: byName('Front Desk Printer'),
			waitForCompletion: true,
			waitOptions: FAST_WAIT,
		});
		expect(done.output[0].json).toMatchObject({
			state: 'COMPLETED',
			partialFailure: false,
			rowsFailed: 0,
		});
		expect(done.output[0].binary).toBeUndefined();
		await expect(
			fixture.run({
				resource: 'bulkPrint',
				operation: 'cancel',
				bulkPrintId: done.output[0].json.id,
			}),
		).rejects.toMatchObject({ httpCode: '400' });
		await expect(
			fixture.run({ resource: 'bulkPrint', operation: 'get', bulkPrintId: 'xyz' }),
		).rejects.toThrow(/Bulk Print ID.*\[item 0\]/);
	});
});
