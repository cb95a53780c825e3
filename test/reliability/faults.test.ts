/**
 * Fault injection against the emulator: for each fault, the outcome per item and — counted at the
 * emulator — how often the call was received and processed. Reads are retried; prints and creations
 * are resent only when the service certainly did not process them, so they are processed at most once.
 */
import type { IHttpRequestOptions, INodeExecutionData } from 'n8n-workflow';

import { EntrustIidaas } from '../../nodes/EntrustIidaas/EntrustIidaas.node';
import type { FaultRule } from '../../tools/emulator';
import { useEmulator } from '../helpers/emulator';
import { binaryItem, createExecuteFunctions, pngBytes } from '../../tools/harness';
import {
	AUTH_OP,
	CREATE_PRINTER_OP,
	frontDeskPrinterId,
	imageItems,
	MeasuredTable,
	PRINT_OP,
	printParams,
	READ_PRINTER_OP,
	RefusingProxy,
	uniquePrinter,
} from './support';
import { byId } from '../helpers/emulator';

const fixture = useEmulator();
const table = new MeasuredTable();

type Target = 'read' | 'print' | 'create';
const OPERATION_IDS: Record<Target, string> = {
	read: READ_PRINTER_OP,
	print: PRINT_OP,
	create: CREATE_PRINTER_OP,
};
const LABELS: Record<Target, string> = {
	read: 'Printer → Get',
	print: 'Print Job → Print',
	create: 'Printer → Create',
};

interface FaultCase {
	fault: string;
	target: Target;
	action: FaultRule['action'];
	times?: number;
	requestOptions?: Record<string, number>;
	/** 'ok', or what the item's error says. */
	outcome: 'ok' | { error: RegExp; description?: RegExp; httpCode?: string };
	received: number;
	processed: number;
	/** The run takes at least this long (Retry-After honoured). */
	minMs?: number;
	/** Wait this long before counting (a delayed request is processed after the client gave up). */
	settleMs?: number;
	/** The successful item's JSON, when not the usual answer. */
	json?: object;
}

const MAY_HAVE_BEEN_PROCESSED_PRINT =
	/may have reached IIDaaS and been processed, so it was not sent again\. Check the print queue/;
const MAY_HAVE_BEEN_PROCESSED_CREATE =
	/may have reached IIDaaS and been processed, so it was not sent again\. Check the printer list/;
const HTML = '<html><body><h1>502 Bad Gateway</h1></body></html>';
const TOO_MANY = { code: 'TOO_MANY_REQUESTS', message: 'Rate limit exceeded' };
const FAST = { maxRetries: 3 };

const CASES: FaultCase[] = [
	// Reads: retried on 429, 5xx and network errors.
	{
		fault: '500 once',
		target: 'read',
		action: { status: 500, body: { code: 'INTERNAL', message: 'boom' } },
		outcome: 'ok',
		received: 2,
		processed: 1,
	},
	{
		fault: '502 once (HTML body)',
		target: 'read',
		action: { status: 502, body: HTML, contentType: 'text/html' },
		outcome: 'ok',
		received: 2,
		processed: 1,
	},
	{
		fault: '503 once (empty body)',
		target: 'read',
		action: { status: 503 },
		outcome: 'ok',
		received: 2,
		processed: 1,
	},
	{
		fault: '503 on every attempt, Max Retries 2',
		target: 'read',
		action: { status: 503, body: { code: 'UNAVAILABLE', message: 'Down for maintenance' } },
		times: Infinity,
		requestOptions: { maxRetries: 2 },
		outcome: { error: /\(HTTP 503\): Down for maintenance/, httpCode: '503' },
		received: 3,
		processed: 0,
	},
	{
		fault: '429 with Retry-After: 1',
		target: 'read',
		action: { status: 429, headers: { 'Retry-After': '1' }, body: TOO_MANY },
		outcome: 'ok',
		received: 2,
		processed: 1,
		minMs: 1000,
	},
	{
		fault: '429 without Retry-After',
		target: 'read',
		action: { status: 429, body: TOO_MANY },
		outcome: 'ok',
		received: 2,
		processed: 1,
	},
	{
		fault: 'connection reset',
		target: 'read',
		action: { reset: true },
		outcome: 'ok',
		received: 2,
		processed: 1,
	},
	{
		fault: 'answer truncated mid-body',
		target: 'read',
		action: { truncate: true },
		outcome: 'ok',
		received: 2,
		processed: 2,
	},
	{
		fault: 'answer 2.5 s late, Timeout 1000 ms',
		target: 'read',
		action: { delayMs: 2500 },
		requestOptions: { timeout: 1000, ...FAST },
		outcome: 'ok',
		received: 2,
		processed: 2,
		settleMs: 2000,
	},
	{
		fault: '200 with an empty body',
		target: 'read',
		action: { processThen: { status: 200 } },
		outcome: 'ok',
		json: {},
		received: 1,
		processed: 1,
	},
	{
		fault: '200 with an HTML body',
		target: 'read',
		action: { processThen: { status: 200, body: HTML, contentType: 'text/html' } },
		outcome: { error: /not valid JSON \(text\/html, \d+ bytes\)/ },
		received: 1,
		processed: 1,
	},
	{
		fault: '200 with truncated JSON',
		target: 'read',
		action: {
			processThen: { status: 200, body: '{"id": "0b0db90a', contentType: 'application/json' },
		},
		outcome: { error: /not valid JSON \(application\/json/ },
		received: 1,
		processed: 1,
	},
	{
		fault: '404 with an HTML body',
		target: 'read',
		action: { status: 404, body: '<html>Not Found</html>', contentType: 'text/html' },
		outcome: { error: /\(HTTP 404\).*not JSON \(text\/html/, httpCode: '404' },
		received: 1,
		processed: 0,
	},
	{
		fault: '400 with an empty body',
		target: 'read',
		action: { status: 400 },
		outcome: { error: /rejected the request as invalid \(HTTP 400\)/, httpCode: '400' },
		received: 1,
		processed: 0,
	},

	// Prints: resent only after 429 or a 401 (certainly not processed); never after 5xx, reset or timeout.
	{
		fault: '429 with Retry-After: 1',
		target: 'print',
		action: { status: 429, headers: { 'Retry-After': '1' }, body: TOO_MANY },
		outcome: 'ok',
		received: 2,
		processed: 1,
		minMs: 1000,
	},
	{
		fault: '429 without Retry-After',
		target: 'print',
		action: { status: 429, body: TOO_MANY },
		outcome: 'ok',
		received: 2,
		processed: 1,
	},
	{
		fault: '401 before processing',
		target: 'print',
		action: {
			status: 401,
			body: { code: 'UNAUTHORIZED', message: 'Authorization token has expired' },
		},
		outcome: 'ok',
		received: 2,
		processed: 1,
	},
	{
		fault: '401 on every attempt',
		target: 'print',
		action: {
			status: 401,
			body: { code: 'UNAUTHORIZED', message: 'Authorization token has expired' },
		},
		times: Infinity,
		outcome: { error: /rejected the authentication \(HTTP 401\)/, httpCode: '401' },
		received: 2,
		processed: 0,
	},
	...([500, 502, 503] as const).map((status): FaultCase => ({
		fault: `${status} (gateway, not processed)`,
		target: 'print',
		action: { status, body: { code: 'SERVER_ERROR', message: 'Gateway failure' } },
		outcome: {
			error: new RegExp(`\\(HTTP ${status}\\)`),
			description: MAY_HAVE_BEEN_PROCESSED_PRINT,
			httpCode: String(status),
		},
		received: 1,
		processed: 0,
	})),
	{
		fault: '500 after processing',
		target: 'print',
		action: { processThen: { status: 500, body: { code: 'INTERNAL', message: 'boom' } } },
		outcome: { error: /\(HTTP 500\)/, description: MAY_HAVE_BEEN_PROCESSED_PRINT, httpCode: '500' },
		received: 1,
		processed: 1,
	},
	{
		fault: '502 HTML after processing',
		target: 'print',
		action: { processThen: { status: 502, body: HTML, contentType: 'text/html' } },
		outcome: {
			error: /\(HTTP 502\).*not JSON \(text\/html/,
			description: MAY_HAVE_BEEN_PROCESSED_PRINT,
			httpCode: '502',
		},
		received: 1,
		processed: 1,
	},
	{
		fault: 'connection reset before processing',
		target: 'print',
		action: { reset: true },
		outcome: {
			error: /could not be reached \(ECONNRESET\)/,
			description: MAY_HAVE_BEEN_PROCESSED_PRINT,
		},
		received: 1,
		processed: 0,
	},
	{
		fault: 'connection reset after processing',
		target: 'print',
		action: { processThen: { reset: true } },
		outcome: {
			error: /could not be reached \(ECONNRESET\)/,
			description: MAY_HAVE_BEEN_PROCESSED_PRINT,
		},
		received: 1,
		processed: 1,
	},
	{
		fault: 'answer truncated mid-body',
		target: 'print',
		action: { truncate: true },
		outcome: {
			error: /could not be reached|timed out/,
			description: MAY_HAVE_BEEN_PROCESSED_PRINT,
		},
		received: 1,
		processed: 1,
	},
	{
		fault: 'answer 2.5 s late, Timeout 1000 ms',
		target: 'print',
		action: { delayMs: 2500 },
		requestOptions: { timeout: 1000 },
		outcome: { error: /timed out/, description: MAY_HAVE_BEEN_PROCESSED_PRINT },
		received: 1,
		processed: 1,
		settleMs: 2000,
	},
	{
		fault: '200 with an HTML body',
		target: 'print',
		action: { processThen: { status: 200, body: HTML, contentType: 'text/html' } },
		outcome: {
			error:
				/not valid JSON \(text\/html.*has taken effect; do not send it again\. Check the print queue/,
		},
		received: 1,
		processed: 1,
	},
	{
		fault: '400 with an HTML body',
		target: 'print',
		action: { status: 400, body: '<html>Bad Request</html>', contentType: 'text/html' },
		outcome: { error: /\(HTTP 400\).*not JSON \(text\/html/, httpCode: '400' },
		received: 1,
		processed: 0,
	},

	// Creations follow the print rules.
	{
		fault: '429 without Retry-After',
		target: 'create',
		action: { status: 429, body: TOO_MANY },
		outcome: 'ok',
		received: 2,
		processed: 1,
	},
	{
		fault: '503 after processing',
		target: 'create',
		action: { processThen: { status: 503 } },
		outcome: {
			error: /\(HTTP 503\)/,
			description: MAY_HAVE_BEEN_PROCESSED_CREATE,
			httpCode: '503',
		},
		received: 1,
		processed: 1,
	},
	{
		fault: 'connection reset before processing',
		target: 'create',
		action: { reset: true },
		outcome: { error: /ECONNRESET/, description: MAY_HAVE_BEEN_PROCESSED_CREATE },
		received: 1,
		processed: 0,
	},
	{
		fault: 'answer 2.5 s late, Timeout 1000 ms',
		target: 'create',
		action: { delayMs: 2500 },
		requestOptions: { timeout: 1000 },
		outcome: { error: /timed out/, description: MAY_HAVE_BEEN_PROCESSED_CREATE },
		received: 1,
		processed: 1,
		settleMs: 2000,
	},
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function paramsFor(target: Target, printerId: string): Record<string, unknown> {
	if (target === 'read')
		return { resource: 'printer', operation: 'get', printerId: byId(printerId) };
	if (target === 'print') return printParams(printerId);
	return { resource: 'printer', operation: 'create', ...uniquePrinter() };
}

describe('fault injection: outcome per item, processed at most once', () => {
	let printerId: string;
	beforeAll(() => {
		printerId = frontDeskPrinterId(fixture.emulator);
	});
	beforeEach(() => {
		fixture.emulator.faults.clear();
		fixture.emulator.clearRequests();
	});
	afterAll(() => table.write('Fault injection (one item per run)'));

	it.each(
		CASES.map((testCase) => [`${LABELS[testCase.target]}: ${testCase.fault}`, testCase] as const),
	)('%s', async (_label, testCase) => {
		const { emulator } = fixture;
		const operationId = OPERATION_IDS[testCase.target];
		emulator.faults.add({ operationId, times: testCase.times ?? 1, action: testCase.action });
		const started = Date.now();
		const { output } = await fixture.run(
			{ ...paramsFor(testCase.target, printerId), requestOptions: testCase.requestOptions ?? FAST },
			{ continueOnFail: true, items: testCase.target === 'print' ? imageItems(1) : [{ json: {} }] },
		);
		const elapsed = Date.now() - started;
		if (testCase.settleMs) await sleep(testCase.settleMs);

		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		const json = output[0].json;
		if (testCase.outcome === 'ok') {
			expect(json.error).toBeUndefined();
			if (testCase.json) expect(json).toEqual(testCase.json);
			else if (testCase.target === 'read') expect(json.id).toBe(printerId);
			if (testCase.target === 'print') expect(json.printStatusId).toEqual(expect.any(String));
			if (testCase.target === 'create') expect(json.id).toEqual(expect.any(String));
		} else {
			expect(json.error).toMatch(testCase.outcome.error);
			if (testCase.outcome.description)
				expect(json.errorDescription).toMatch(testCase.outcome.description);
			if (testCase.outcome.httpCode) expect(json.httpCode).toBe(testCase.outcome.httpCode);
		}
		if (testCase.minMs) expect(elapsed).toBeGreaterThanOrEqual(testCase.minMs - 50);

		const received = emulator.count(operationId);
		const processed = emulator.processedCount(operationId);
		table.add({
			fault: testCase.fault,
			operation: LABELS[testCase.target],
			expected:
				testCase.outcome === 'ok'
					? `item succeeds${testCase.json ? ` with ${JSON.stringify(testCase.json)}` : ''}`
					: `item fails: ${testCase.outcome.error.source.replace(/\\/g, '').replace(/\|/g, ' or ')}`,
			received,
			processed,
		});
		expect({ received, processed }).toEqual({
			received: testCase.received,
			processed: testCase.processed,
		});
		if (testCase.target !== 'read') expect(processed).toBeLessThanOrEqual(1);
	});

	it('renews the token when it expires mid-execution; every print processed exactly once', async () => {
		const { emulator } = fixture;
		const authBefore = emulator.count(AUTH_OP);
		const { output } = await fixture.run(
			printParams(printerId, {
				// Read while item 3 starts: the service forgets every token, the node's copy is still "valid".
				images: (itemIndex: number) => {
					if (itemIndex === 3) emulator.expireAllTokens();
					return { layer: [{ side: 'front', layer: 'COLOR', binaryPropertyName: 'data' }] };
				},
			}),
			{ items: imageItems(6) },
		);
		expect(output.map((item) => item.json.printStatusId)).toEqual(
			Array(6).fill(expect.any(String)),
		);
		expect(emulator.count(AUTH_OP) - authBefore).toBe(2);
		expect(
			emulator.requests.filter(
				(request) => request.operationId === PRINT_OP && request.status === 401,
			),
		).toHaveLength(1);
		expect(emulator.processedCount(PRINT_OP)).toBe(6);
		table.add({
			fault: 'token expired mid-execution (item 3 of 6)',
			operation: LABELS.print,
			expected: 'all 6 succeed; one 401, one renewal',
			received: emulator.count(PRINT_OP),
			processed: emulator.processedCount(PRINT_OP),
		});
	});

	it('fails a large upload whose token expires in flight (500 quirk) without resending it', async () => {
		const { emulator } = fixture;
		// Hold the upload at the gateway, expire the token meanwhile: the service answers 500, not 401.
		emulator.faults.add({ operationId: PRINT_OP, action: { delayMs: 300 } });
		const expire = setTimeout(() => emulator.expireAllTokens(), 100);
		const { output } = await fixture.run(printParams(printerId), {
			continueOnFail: true,
			items: [binaryItem(pngBytes(300 * 1024))],
		});
		clearTimeout(expire);
		expect(output[0].json.httpCode).toBe('500');
		expect(output[0].json.errorDescription).toMatch(MAY_HAVE_BEEN_PROCESSED_PRINT);
		expect(
			emulator.requests.find((request) => request.operationId === PRINT_OP)?.bodyBytes,
		).toBeGreaterThan(300 * 1024);
		expect({
			received: emulator.count(PRINT_OP),
			processed: emulator.processedCount(PRINT_OP),
		}).toEqual({ received: 1, processed: 0 });
		table.add({
			fault: 'token expires during a large upload (500 quirk)',
			operation: LABELS.print,
			expected: 'item fails: HTTP 500, may have been processed, not resent',
			received: 1,
			processed: 0,
		});
	});

	it('gets a fresh token before a large upload when less than half of its life is left', async () => {
		const { emulator } = fixture;
		emulator.setTokenLifetime(120);
		const realNow = Date.now.bind(Date);
		try {
			const authBefore = emulator.count(AUTH_OP);
			const { output } = await fixture.run(
				printParams(printerId, {
					// Item 1 starts 70 s later (for both clocks): 50 s of the 120 s token left.
					images: (itemIndex: number) => {
						if (itemIndex === 1)
							jest.spyOn(Date, 'now').mockImplementation(() => realNow() + 70_000);
						return { layer: [{ side: 'front', layer: 'COLOR', binaryPropertyName: 'data' }] };
					},
				}),
				{ items: [binaryItem(pngBytes(300 * 1024)), binaryItem(pngBytes(300 * 1024))] },
			);
			expect(output.map((item) => item.json.printStatusId)).toEqual([
				expect.any(String),
				expect.any(String),
			]);
			expect(emulator.count(AUTH_OP) - authBefore).toBe(2);
			expect({
				received: emulator.count(PRINT_OP),
				processed: emulator.processedCount(PRINT_OP),
			}).toEqual({ received: 2, processed: 2 });
		} finally {
			jest.restoreAllMocks();
			emulator.setTokenLifetime(3600);
		}
	});

	it('resends a print and a read after a refused connection (never received)', async () => {
		const { emulator } = fixture;
		const proxy = new RefusingProxy(emulator.port);
		await proxy.accept();
		try {
			const credentials = { ...fixture.credentials, accountUrl: proxy.url };
			// The second call of the given kind finds the port closed; it opens again 150 ms later.
			const refuseOnSecond = (
				pathPart: string,
				params: Record<string, unknown>,
				items: INodeExecutionData[],
			) => {
				const fn = createExecuteFunctions({ credentials, params, items });
				const forward = fn.helpers.httpRequest;
				let calls = 0;
				fn.helpers.httpRequest = async (options: IHttpRequestOptions) => {
					if (options.url.includes(pathPart) && ++calls === 2) {
						proxy.refuse();
						await sleep(50); // let the client see its pooled connection close
						setTimeout(() => void proxy.accept(), 150);
					}
					return await forward(options);
				};
				return new EntrustIidaas().execute.call(fn) as Promise<INodeExecutionData[][]>;
			};

			const [prints] = await refuseOnSecond('/print', printParams(printerId), imageItems(3));
			expect(prints.map((item) => item.json.printStatusId)).toEqual(
				Array(3).fill(expect.any(String)),
			);
			const refused = emulator.count(PRINT_OP);
			expect({ received: refused, processed: emulator.processedCount(PRINT_OP) }).toEqual({
				received: 3,
				processed: 3,
			});
			table.add({
				fault: 'connection refused (item 2 of 3)',
				operation: LABELS.print,
				expected: 'all 3 succeed; item 2 resent after the refusal',
				received: 3,
				processed: 3,
			});

			const [reads] = await refuseOnSecond(
				'/v1/printers/',
				{ resource: 'printer', operation: 'get', printerId: byId(printerId) },
				[{ json: {} }, { json: {} }],
			);
			expect(reads.map((item) => item.json.id)).toEqual([printerId, printerId]);
			expect(emulator.processedCount(READ_PRINTER_OP)).toBe(2);
			table.add({
				fault: 'connection refused (item 2 of 2)',
				operation: LABELS.read,
				expected: 'both succeed; item 2 resent',
				received: emulator.count(READ_PRINTER_OP),
				processed: 2,
			});
		} finally {
			await proxy.close();
		}
	});
});
