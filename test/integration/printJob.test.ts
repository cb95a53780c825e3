import type { IDataObject } from 'n8n-workflow';

import { binaryItem, pngBytes } from '../../tools/harness';
import { byId, useEmulator } from '../helpers/emulator';

const fixture = useEmulator();
const FAST_WAIT = { pollInterval: 0.05, timeout: 10 };

function printerNamed(name: string): string {
	const printer = [...fixture.emulator.state.printers.values()].find((candidate) =>
		String(candidate.name).includes(name),
	);
	return printer!.id as string;
}

const colorFront = { layer: [{ side: 'front', layer: 'COLOR', binaryPropertyName: 'data' }] };

describe('Print Job resource against the emulator', () => {
	beforeEach(() => {
		fixture.emulator.clearRequests();
		fixture.emulator.setPrePrintHold(false);
	});

	it('prints a card from binary images and returns the print ID', async () => {
		const { output } = await fixture.run(
			{
				resource: 'printJob',
				operation: 'print',
				printerId: byId(printerNamed('Front Desk')),
				images: colorFront,
			},
			{ items: [binaryItem(pngBytes())] },
		);
		expect(output[0].json.printStatusId).toMatch(/^[a-f0-9-]{32,36}$/);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(fixture.emulator.processedCount('print')).toBe(1);
	});

	it('prints from the exception slot (hopper 0) with its message', async () => {
		const { output } = await fixture.run(
			{
				resource: 'printJob',
				operation: 'print',
				printerId: byId(printerNamed('Front Desk')),
				images: colorFront,
				printFields: {
					hopper: 0,
					exceptionSlotMessage: 'Load a visitor card into the exception slot',
				},
			},
			{ items: [binaryItem(pngBytes())] },
		);
		expect(output[0].json.printStatusId).toEqual(expect.any(String));
		const job = [...fixture.emulator.state.printJobs.values()].slice(-1)[0] as {
			received: IDataObject;
		};
		expect(job.received.hopper).toBe(0);
	});

	it('encodes images as data URIs by default and as plain base64 on request', async () => {
		for (const imageEncoding of ['dataUri', 'base64']) {
			await fixture.run(
				{
					resource: 'printJob',
					operation: 'print',
					printerId: byId(printerNamed('Front Desk')),
					images: colorFront,
					printFields: { imageEncoding },
				},
				{ items: [binaryItem(pngBytes())] },
			);
		}
		const jobs = [...fixture.emulator.state.printJobs.values()].slice(-2) as IDataObject[];
		expect(jobs.map((job) => (job.received as { layers: IDataObject[] }).layers[0])).toEqual([
			expect.objectContaining({ side: 'front', layer: 'COLOR', encoding: 'dataUri' }),
			expect.objectContaining({ side: 'front', layer: 'COLOR', encoding: 'base64' }),
		]);
	});

	it('waits for completion and outputs the final status', async () => {
		const { output } = await fixture.run(
			{
				resource: 'printJob',
				operation: 'print',
				printerId: byId(printerNamed('Front Desk')),
				images: colorFront,
				waitForCompletion: true,
				waitOptions: FAST_WAIT,
			},
			{ items: [binaryItem(pngBytes())] },
		);
		expect(output[0].json).toMatchObject({ status: 'COMPLETED' });
		expect(fixture.emulator.count('getPrintStatus')).toBeGreaterThanOrEqual(2);
		expect(fixture.emulator.processedCount('print')).toBe(1);
	});

	it('fails the item when the print ends FAILED, or outputs it when asked', async () => {
		const params = {
			resource: 'printJob',
			operation: 'print',
			printerId: byId(printerNamed('Jammed')),
			images: colorFront,
			waitForCompletion: true,
		};
		await expect(
			fixture.run({ ...params, waitOptions: FAST_WAIT }, { items: [binaryItem(pngBytes())] }),
		).rejects.toThrow(/ended FAILED/);
		const { output } = await fixture.run(
			{ ...params, waitOptions: { ...FAST_WAIT, failOnUnsuccessful: false } },
			{ items: [binaryItem(pngBytes())] },
		);
		expect(output[0].json.status).toBe('FAILED');
		expect(fixture.emulator.processedCount('print')).toBe(2);
	});

	it('times out waiting for a held job without resending it', async () => {
		fixture.emulator.setPrePrintHold(true);
		await expect(
			fixture.run(
				{
					resource: 'printJob',
					operation: 'print',
					printerId: byId(printerNamed('Front Desk')),
					images: colorFront,
					waitForCompletion: true,
					waitOptions: { pollInterval: 0.2, timeout: 1 },
				},
				{ items: [binaryItem(pngBytes())] },
			),
		).rejects.toThrow(/still AWAITING_PRINT/);
		expect(fixture.emulator.processedCount('print')).toBe(1);
	});

	it('encodes magnetic stripe text as hex and sends smart-card commands', async () => {
		const { output } = await fixture.run({
			resource: 'printJob',
			operation: 'print',
			printerId: byId(printerNamed('Front Desk')),
			magstripe: {
				stripe: [
					{
						side: 'back',
						format: 'text',
						track1: '%B1234^DOE/JOHN^?',
						trackType: 'IAT',
						coercivity: 'HIGH',
					},
				],
			},
			smartCardCommands: {
				command: [
					{ type: 'COUPLER', command: 'connect' },
					{ type: 'APDU', command: '00A4 0400', resultMatcher: '90*0' },
					{ type: 'COUPLER', command: 'DISCONNECT' },
				],
			},
		});
		const job = fixture.emulator.state.printJobs.get(
			output[0].json.printStatusId as string,
		) as IDataObject;
		const request = JSON.stringify(job);
		expect(request).toContain(Buffer.from('%B1234^DOE/JOHN^?').toString('hex').toUpperCase());
		expect(request).toContain('00A40400');
	});

	it('gets status, cancels, sends smart-card commands to a waiting job', async () => {
		const printed = await fixture.run({
			resource: 'printJob',
			operation: 'print',
			printerId: byId(printerNamed('Front Desk')),
			smartCardCommands: { command: [{ type: 'COUPLER', command: 'CONNECT' }] },
		});
		const printStatusId = printed.output[0].json.printStatusId as string;
		let status = '';
		for (let i = 0; i < 5 && status !== 'WAITING_SMARTCARD'; i++) {
			status = (await fixture.run({ resource: 'printJob', operation: 'getStatus', printStatusId }))
				.output[0].json.status as string;
		}
		expect(status).toBe('WAITING_SMARTCARD');
		const sent = await fixture.run({
			resource: 'printJob',
			operation: 'sendSmartCardCommands',
			printStatusId,
			smartCardCommands: { command: [{ type: 'COUPLER', command: 'DISCONNECT' }] },
		});
		expect(sent.output[0].json).toMatchObject({ printStatusId, commandsSent: 1 });

		const other = await fixture.run(
			{
				resource: 'printJob',
				operation: 'print',
				printerId: byId(printerNamed('Front Desk')),
				images: colorFront,
			},
			{ items: [binaryItem(pngBytes())] },
		);
		const cancelled = await fixture.run({
			resource: 'printJob',
			operation: 'cancel',
			printStatusId: other.output[0].json.printStatusId,
		});
		expect(cancelled.output[0].json).toMatchObject({ cancelled: true });
		const after = await fixture.run({
			resource: 'printJob',
			operation: 'getStatus',
			printStatusId: other.output[0].json.printStatusId,
		});
		expect(after.output[0].json.status).toBe('CANCELLED');
	});

	it('walks the print queue with cursor pages, limit, filter and sort', async () => {
		for (let i = 0; i < 3; i++) {
			await fixture.run(
				{
					resource: 'printJob',
					operation: 'print',
					printerId: byId(printerNamed('Badge Office')),
					images: colorFront,
				},
				{ items: Array.from({ length: 50 }, () => binaryItem(pngBytes())) },
			);
		}
		fixture.emulator.clearRequests();
		const all = await fixture.run({ resource: 'printJob', operation: 'getAll', returnAll: true });
		expect(all.output.length).toBeGreaterThan(150);
		expect(fixture.emulator.count('getPaginatedPrintJobsV2')).toBe(
			Math.ceil(all.output.length / 100),
		);
		const limited = await fixture.run({
			resource: 'printJob',
			operation: 'getAll',
			returnAll: false,
			limit: 120,
		});
		expect(limited.output).toHaveLength(120);
		const filtered = await fixture.run({
			resource: 'printJob',
			operation: 'getAll',
			returnAll: true,
			filters: {
				filter: [{ name: 'printerName', operator: 'EQUALS', value: 'Badge Office Printer' }],
			},
			sort: { name: 'createdOn', ascending: true },
		});
		expect(filtered.output.length).toBe(150);
		fixture.emulator.clearRequests();
		const whole = await fixture.run({
			resource: 'printJob',
			operation: 'getAll',
			wholeQueue: true,
			returnAll: true,
		});
		expect(whole.output).toHaveLength(all.output.length);
		expect(fixture.emulator.count('getPrintJobs')).toBe(1);
		expect(fixture.emulator.requests).toHaveLength(2);
		expect(filtered.output.every((item) => item.json.printerName === 'Badge Office Printer')).toBe(
			true,
		);
	});

	it('gets and deletes a queued job, resumes a held one, reads print counts', async () => {
		fixture.emulator.setPrePrintHold(true);
		const printed = await fixture.run(
			{
				resource: 'printJob',
				operation: 'print',
				printerId: byId(printerNamed('Front Desk')),
				images: colorFront,
			},
			{ items: [binaryItem(pngBytes())] },
		);
		const printJobId = printed.output[0].json.printStatusId as string;
		const job = await fixture.run({ resource: 'printJob', operation: 'get', printJobId });
		expect(job.output[0].json).toMatchObject({ id: printJobId, status: 'AWAITING_PRINT' });
		const resumed = await fixture.run({
			resource: 'printJob',
			operation: 'resume',
			resumePrintJobId: printJobId,
		});
		expect(resumed.output[0].json).toMatchObject({ printJobId, resumed: true });
		const deleted = await fixture.run({ resource: 'printJob', operation: 'delete', printJobId });
		expect(deleted.output[0].json).toMatchObject({ deleted: true });
		const counts = await fixture.run({ resource: 'printJob', operation: 'getCounts' });
		expect(Array.isArray(counts.output[0].json.counts)).toBe(true);
	});

	it('rejects bad print input before sending anything', async () => {
		const printerId = byId(printerNamed('Front Desk'));
		const cases: Array<[IDataObject, RegExp, ReturnType<typeof binaryItem>?]> = [
			[{ images: colorFront }, /no binary property "data".*\[item 0\]/],
			[{ images: colorFront }, /not a PNG or JPEG/, binaryItem(Buffer.from('hello'), 'text/plain')],
			[{ images: colorFront }, /3 MB/, binaryItem(pngBytes(3 * 1024 * 1024 + 1))],
			[
				{ images: { layer: [{ side: 'front', layer: 'GOLD', binaryPropertyName: 'data' }] } },
				/unknown layer "GOLD"/,
				binaryItem(pngBytes()),
			],
			[
				{ magstripe: { stripe: [{ side: 'back', format: 'hex', track1: 'XYZ' }] } },
				/Track 1: is not hexadecimal/,
			],
			[
				{ smartCardCommands: { command: [{ type: 'APDU', command: 'HELLO' }] } },
				/not an APDU in hexadecimal/,
			],
			[{}, /nothing to print/],
			[
				{ images: colorFront, printFields: { hopper: 7 } },
				/Hopper: must be at most 6, not 7 \[item 0\]/,
				binaryItem(pngBytes()),
			],
			[
				{ images: colorFront, printFields: { hopper: 0, exceptionSlotMessage: 'x'.repeat(46) } },
				/Exception Slot Message: is 46 characters long; printers show at most 45/,
				binaryItem(pngBytes()),
			],
		];
		for (const [params, message, item] of cases) {
			await expect(
				fixture.run(
					{ resource: 'printJob', operation: 'print', printerId, ...params },
					{ items: [item ?? { json: {} }] },
				),
			).rejects.toThrow(message);
		}
		expect(fixture.emulator.requests).toHaveLength(0);
	});
});

describe('Print Job → Print when the answer lacks a print ID', () => {
	it('outputs a warning instead of failing, so nothing invites a reprint', async () => {
		fixture.emulator.clearRequests();
		const printerId = byId([...fixture.emulator.state.printers.values()][0].id as string);
		fixture.emulator.faults.add({
			operationId: 'print',
			action: { processThen: { status: 200, body: '' } },
		});
		const { output } = await fixture.run(
			{
				resource: 'printJob',
				operation: 'print',
				printerId,
				images: colorFront,
				waitForCompletion: true,
				waitOptions: FAST_WAIT,
			},
			{ items: [binaryItem(pngBytes())] },
		);
		expect(output[0].json).toMatchObject({
			printStatusId: null,
			warning: expect.stringMatching(/Do not send it again/),
		});
		expect(fixture.emulator.processedCount('print')).toBe(1);
	});
});

describe('Print Job → Print with Wait for Completion over many items', () => {
	it('polls each card as soon as it is accepted while the next cards are sent, keeping order and failures per item', async () => {
		fixture.emulator.clearRequests();
		const good = byId(printerNamed('Front Desk'));
		const jammed = byId(printerNamed('Jammed'));
		const { output } = await fixture.run(
			{
				resource: 'printJob',
				operation: 'print',
				printerId: (index: number) => (index === 3 ? jammed : good),
				images: colorFront,
				waitForCompletion: true,
				waitOptions: FAST_WAIT,
			},
			{ items: Array.from({ length: 12 }, () => binaryItem(pngBytes())), continueOnFail: true },
		);
		const operations = fixture.emulator.requests.map((request) => request.operationId);
		// The first card's status is read before the last card is sent: waiting overlaps sending.
		expect(operations.indexOf('getPrintStatus')).toBeLessThan(operations.lastIndexOf('print'));
		expect(fixture.emulator.processedCount('print')).toBe(12);
		expect(operations.filter((operation) => operation === 'print')).toHaveLength(12);
		expect(output.map((item) => item.pairedItem)).toEqual(
			Array.from({ length: 12 }, (_, item) => ({ item })),
		);
		expect(output.map((item) => item.json.status ?? 'error')).toEqual(
			Array.from({ length: 12 }, (_, index) => (index === 3 ? 'error' : 'COMPLETED')),
		);
		expect(output[3].json.error).toMatch(/ended FAILED/);
	});

	it('a card that ends FAILED does not stop the next cards from being sent; the node then fails on it', async () => {
		fixture.emulator.clearRequests();
		const good = byId(printerNamed('Front Desk'));
		const jammed = byId(printerNamed('Jammed'));
		await expect(
			fixture.run(
				{
					resource: 'printJob',
					operation: 'print',
					printerId: (index: number) => (index === 0 ? jammed : good),
					images: colorFront,
					waitForCompletion: true,
					waitOptions: FAST_WAIT,
				},
				{ items: Array.from({ length: 6 }, () => binaryItem(pngBytes())) },
			),
		).rejects.toThrow(/ended FAILED.*\[item 0\]/);
		expect(fixture.emulator.processedCount('print')).toBe(6);
	});

	it('a card that cannot be sent stops the sending and the node fails at once, without waiting for the cards before it', async () => {
		fixture.emulator.clearRequests();
		const good = byId(printerNamed('Front Desk'));
		const started = Date.now();
		const error = await fixture
			.run(
				{
					resource: 'printJob',
					operation: 'print',
					printerId: (index: number) =>
						index === 4 ? byId('00000000-0000-4000-8000-000000000000') : good,
					images: colorFront,
					waitForCompletion: true,
					// Cards 0–3 would need two more reads 5 s apart: failing at once means nobody waited for them.
					waitOptions: { pollInterval: 5, timeout: 60 },
				},
				{ items: Array.from({ length: 8 }, () => binaryItem(pngBytes())) },
			)
			.then(
				() => undefined,
				(failure: unknown) => failure as { message: string; context: IDataObject },
			);
		expect(error?.message).toMatch(/Printer 00000000-0000-4000-8000-000000000000 not found/);
		expect(error?.context.itemIndex).toBe(4);
		expect(Date.now() - started).toBeLessThan(4_000);
		const operations = fixture.emulator.requests.map((request) => request.operationId);
		// Cards 0–3 were sent and each read once when accepted; card 4 was refused; cards 5–7 were never sent.
		expect(operations.filter((operation) => operation === 'print')).toHaveLength(5);
		const readsSoFar = fixture.emulator.count('getPrintStatus');
		expect(readsSoFar).toBeLessThanOrEqual(4);
		// No poll is left behind after the node failed.
		await new Promise((resolve) => setTimeout(resolve, 5_500));
		expect(fixture.emulator.count('getPrintStatus')).toBe(readsSoFar);
	}, 20_000);
});
