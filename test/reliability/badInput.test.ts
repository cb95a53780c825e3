/**
 * Bad input: every case becomes a NodeOperationError naming the field and the item, and the emulator
 * receives nothing at all for it (no authentication either: the client signs in lazily).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { byId, useEmulator } from '../helpers/emulator';
import { binaryItem, pngBytes, runNode } from '../../tools/harness';

const fixture = useEmulator();

const PRINTER = '0b0db90a-6091-416f-8559-2f2181e941c3';
const PRINT_ID = '8e4b1c1e-2f0a-4c59-9a0e-5d2a7f3b6c10';
const COLOR_FRONT = { layer: [{ side: 'front', layer: 'COLOR', binaryPropertyName: 'data' }] };

interface BadInput {
	name: string;
	params: Record<string, unknown>;
	/** The field named in the message, as it starts the message. */
	field: string;
	problem: RegExp;
	items?: () => INodeExecutionData;
}

const print = (extra: Record<string, unknown>) => ({
	resource: 'printJob',
	operation: 'print',
	printerId: byId(PRINTER),
	images: COLOR_FRONT,
	...extra,
});
const stripe = (fields: Record<string, unknown>) => ({
	images: {},
	magstripe: { stripe: [{ side: 'back', trackType: 'IAT', coercivity: 'HIGH', ...fields }] },
});
const commands = (...command: Array<Record<string, unknown>>) => ({
	smartCardCommands: { command },
});
const withImage = () => binaryItem(pngBytes());

const CASES: BadInput[] = [
	// Printer
	{
		name: 'printer ID not matching the pattern',
		params: { resource: 'printer', operation: 'get', printerId: byId('not-a-printer') },
		field: 'Printer',
		problem: /"not-a-printer" is not valid/,
	},
	{
		name: 'printer ID empty',
		params: { resource: 'printer', operation: 'get', printerId: byId('') },
		field: 'Printer',
		problem: /is required/,
	},
	{
		name: 'printer ID with non-hex characters',
		params: { resource: 'printer', operation: 'get', printerId: byId('g'.repeat(32)) },
		field: 'Printer',
		problem: /is not valid/,
	},
	{
		name: 'printer ID too long',
		params: { resource: 'printer', operation: 'delete', printerId: byId('a'.repeat(37)) },
		field: 'Printer',
		problem: /is not valid/,
	},
	{
		name: 'printer ID with a path separator',
		params: {
			resource: 'printer',
			operation: 'getPreferences',
			printerId: byId(`${PRINTER.slice(0, 32)}/../x`),
		},
		field: 'Printer',
		problem: /is not valid/,
	},
	{
		name: 'device ID too short',
		params: {
			resource: 'printer',
			operation: 'get',
			lookUpBy: 'deviceId',
			deviceId: 'F71523262A99827',
		},
		field: 'Device ID',
		problem: /is not valid/,
	},
	{
		name: 'device ID not hex',
		params: {
			resource: 'printer',
			operation: 'get',
			lookUpBy: 'deviceId',
			deviceId: 'XYZ1523262A99827',
		},
		field: 'Device ID',
		problem: /is not valid/,
	},
	{
		name: 'device ID on create too long',
		params: { resource: 'printer', operation: 'create', name: 'X', deviceId: 'F71523262A9982711' },
		field: 'Device ID',
		problem: /is not valid/,
	},
	{
		name: 'printer name empty on create',
		params: { resource: 'printer', operation: 'create', name: '  ', deviceId: 'F71523262A998271' },
		field: 'Name',
		problem: /is required/,
	},
	{
		name: 'update with no fields',
		params: {
			resource: 'printer',
			operation: 'update',
			printerId: byId(PRINTER),
			updateFields: {},
		},
		field: 'Update Fields',
		problem: /add at least one field/,
	},
	{
		name: 'update preferences with none',
		params: {
			resource: 'printer',
			operation: 'updatePreferences',
			printerId: byId(PRINTER),
			preferences: {},
		},
		field: 'Preferences',
		problem: /add at least one preference/,
	},
	{
		name: 'cancel all jobs, bad printer ID',
		params: { resource: 'printer', operation: 'cancelAllJobs', printerId: byId('123') },
		field: 'Printer',
		problem: /is not valid/,
	},
	{
		name: 'delete lost printer without printer ID',
		params: { resource: 'printer', operation: 'deleteLost', lostPrinterId: '', tenantId: 't' },
		field: 'Printer ID',
		problem: /is required/,
	},
	{
		name: 'delete lost printer without tenant ID',
		params: { resource: 'printer', operation: 'deleteLost', lostPrinterId: 'p', tenantId: '' },
		field: 'Tenant ID',
		problem: /is required/,
	},
	{
		name: 'limit 0',
		params: { resource: 'printer', operation: 'getAll', returnAll: false, limit: 0 },
		field: 'Limit',
		problem: /at least 1/,
	},
	{
		name: 'limit negative',
		params: { resource: 'printer', operation: 'getAll', returnAll: false, limit: -5 },
		field: 'Limit',
		problem: /at least 1/,
	},
	{
		name: 'limit not whole',
		params: { resource: 'printer', operation: 'getAll', returnAll: false, limit: 2.5 },
		field: 'Limit',
		problem: /whole number/,
	},

	// Print Job → Print: images
	{
		name: 'print, bad printer ID',
		params: print({ printerId: byId('nope') }),
		field: 'Printer',
		problem: /is not valid/,
		items: withImage,
	},
	{
		name: 'print, missing binary property',
		params: print({
			images: { layer: [{ side: 'front', layer: 'COLOR', binaryPropertyName: 'photo' }] },
		}),
		field: 'Card Images → Image Layer 1',
		problem: /no binary property "photo"/,
		items: withImage,
	},
	{
		name: 'print, item without binary data',
		params: print({}),
		field: 'Card Images → Image Layer 1',
		problem: /no binary property "data"/,
		items: () => ({ json: {} }),
	},
	{
		name: 'print, binary property name empty',
		params: print({
			images: { layer: [{ side: 'front', layer: 'COLOR', binaryPropertyName: ' ' }] },
		}),
		field: 'Card Images → Image Layer 1',
		problem: /name the binary property/,
		items: withImage,
	},
	{
		name: 'print, binary is not an image',
		params: print({}),
		field: 'Card Images → Image Layer 1',
		problem: /is not a PNG or JPEG image/,
		items: () => binaryItem(Buffer.from('hello, not an image'), 'text/plain'),
	},
	{
		name: 'print, PDF labelled as PNG',
		params: print({}),
		field: 'Card Images → Image Layer 1',
		problem: /is not a PNG or JPEG image/,
		items: () => binaryItem(Buffer.from('%PDF-1.7 ...'), 'image/png'),
	},
	{
		name: 'print, image over 3 MB',
		params: print({}),
		field: 'Card Images → Image Layer 1',
		problem: /IIDaaS accepts at most 3 MB/,
		items: () => binaryItem(pngBytes(3 * 1024 * 1024 + 1)),
	},
	{
		name: 'print, unknown layer',
		params: print({
			images: { layer: [{ side: 'front', layer: 'GOLD', binaryPropertyName: 'data' }] },
		}),
		field: 'Card Images → Image Layer 1',
		problem: /unknown layer "GOLD"/,
		items: withImage,
	},
	{
		name: 'print, unknown side',
		params: print({
			images: { layer: [{ side: 'edge', layer: 'COLOR', binaryPropertyName: 'data' }] },
		}),
		field: 'Card Images → Image Layer 1',
		problem: /unknown side "edge"/,
		items: withImage,
	},
	{
		name: 'print, same layer twice on a side',
		params: print({ images: { layer: [COLOR_FRONT.layer[0], COLOR_FRONT.layer[0]] } }),
		field: 'Card Images → Image Layer 2',
		problem: /already has a COLOR layer/,
		items: withImage,
	},
	{
		name: 'print, nothing to print',
		params: print({ images: {} }),
		field: 'Card Images',
		problem: /nothing to print/,
	},

	// Print Job → Print: magnetic stripe
	{
		name: 'magstripe hex chosen, data not hex',
		params: print(stripe({ format: 'hex', track1: 'ZZ12' })),
		field: 'Magnetic Stripe 1 → Track 1',
		problem: /is not hexadecimal/,
	},
	{
		name: 'magstripe hex chosen, odd length',
		params: print(stripe({ format: 'hex', track2: 'ABC' })),
		field: 'Magnetic Stripe 1 → Track 2',
		problem: /is not hexadecimal/,
	},
	{
		name: 'magstripe text with non-ASCII',
		params: print(stripe({ format: 'text', track3: 'Zoë' })),
		field: 'Magnetic Stripe 1 → Track 3',
		problem: /printable ASCII/,
	},
	{
		name: 'magstripe with no track',
		params: print(stripe({ format: 'text' })),
		field: 'Magnetic Stripe 1',
		problem: /at least one track/,
	},
	{
		name: 'two stripes on one side',
		params: print({
			images: {},
			magstripe: {
				stripe: [
					{ side: 'back', track1: 'A' },
					{ side: 'back', track1: 'B' },
				],
			},
		}),
		field: 'Magnetic Stripe 2',
		problem: /already has a magnetic stripe/,
	},

	// Print Job → Print: smart card and options
	{
		name: 'smart-card APDU not hex',
		params: print({ images: {}, ...commands({ type: 'APDU', command: '00A4XYZ0' }) }),
		field: 'Smart Card Commands → Command 1',
		problem: /not an APDU in hexadecimal/,
	},
	{
		name: 'smart-card APDU odd length',
		params: print({ images: {}, ...commands({ type: 'APDU', command: '00A' }) }),
		field: 'Smart Card Commands → Command 1',
		problem: /not an APDU in hexadecimal/,
	},
	{
		name: 'coupler command unknown',
		params: print({ images: {}, ...commands({ type: 'COUPLER', command: 'OPEN' }) }),
		field: 'Smart Card Commands → Command 1',
		problem: /not CONNECT, DISCONNECT or RESET/,
	},
	{
		name: 'smart-card command empty',
		params: print({ images: {}, ...commands({ type: 'APDU', command: ' ' }) }),
		field: 'Smart Card Commands → Command 1',
		problem: /is empty/,
	},
	{
		name: 'smart-card result matcher not hex',
		params: print({
			images: {},
			...commands({ type: 'APDU', command: '00A4', resultMatcher: 'OK!' }),
		}),
		field: 'Smart Card Commands → Command 1 → Result Matcher',
		problem: /only hex digits and \*/,
	},
	{
		name: 'hopper out of range',
		params: print({ printFields: { hopper: 9 } }),
		field: 'Hopper',
		problem: /at most 6/,
		items: withImage,
	},
	{
		name: 'wait poll interval 0',
		params: print({ waitForCompletion: true, waitOptions: { pollInterval: 0 } }),
		field: 'Poll Interval (Seconds)',
		problem: /positive number/,
		items: withImage,
	},
	{
		name: 'wait timeout 0',
		params: print({ waitForCompletion: true, waitOptions: { timeout: 0 } }),
		field: 'Timeout (Seconds)',
		problem: /at least 1/,
		items: withImage,
	},

	// Print Job: other operations
	{
		name: 'print status ID not matching',
		params: { resource: 'printJob', operation: 'getStatus', printStatusId: 'abc' },
		field: 'Print ID',
		problem: /is not valid/,
	},
	{
		name: 'cancel, print ID empty',
		params: { resource: 'printJob', operation: 'cancel', printStatusId: '' },
		field: 'Print ID',
		problem: /is required/,
	},
	{
		name: 'smart-card commands, none given',
		params: {
			resource: 'printJob',
			operation: 'sendSmartCardCommands',
			printStatusId: PRINT_ID,
			smartCardCommands: {},
		},
		field: 'Smart Card Commands',
		problem: /add at least one command/,
	},
	{
		name: 'smart-card commands, APDU not hex',
		params: {
			resource: 'printJob',
			operation: 'sendSmartCardCommands',
			printStatusId: PRINT_ID,
			...commands({ type: 'APDU', command: 'hello' }),
		},
		field: 'Smart Card Commands → Command 1',
		problem: /not an APDU in hexadecimal/,
	},
	{
		name: 'print job ID not matching',
		params: { resource: 'printJob', operation: 'get', printJobId: 'job-1' },
		field: 'Print Job ID',
		problem: /is not valid/,
	},
	{
		name: 'delete print job, bad ID',
		params: { resource: 'printJob', operation: 'delete', printJobId: '../printers' },
		field: 'Print Job ID',
		problem: /is not valid/,
	},
	{
		name: 'resume without print job ID',
		params: { resource: 'printJob', operation: 'resume', resumePrintJobId: '' },
		field: 'Print Job ID',
		problem: /is required/,
	},
	{
		name: 'print job filter without attribute',
		params: {
			resource: 'printJob',
			operation: 'getAll',
			filters: { filter: [{ name: ' ', operator: 'EQUALS', value: 'x' }] },
		},
		field: 'Filters → Filter 1 → Attribute',
		problem: /is required/,
	},
	{
		name: 'print job limit 0',
		params: { resource: 'printJob', operation: 'getAll', returnAll: false, limit: 0 },
		field: 'Limit',
		problem: /at least 1/,
	},

	// Malformed JSON fields
	{
		name: 'JSON field not valid JSON',
		params: { resource: 'tenant', operation: 'create', additionalJson: '{"adminApiApplication": ' },
		field: 'Additional Parameters (JSON)',
		problem: /is not valid JSON/,
	},
	{
		name: 'JSON field an array, not an object',
		params: { resource: 'tenant', operation: 'create', additionalJson: '[1, 2]' },
		field: 'Additional Parameters (JSON)',
		problem: /must be a JSON object/,
	},
];

/** Account URL problems: the credential is checked before any item, so they name the field but no item. */
const ACCOUNT_URLS: Array<[string, string, RegExp]> = [
	['empty', '', /is empty/],
	['not a URL', 'not a url at all', /not a valid hostname or URL/],
	['http:// to a non-loopback host', 'http://tenant.us.trustedauth.com', /must use https/],
	['another scheme', 'ftp://tenant.us.trustedauth.com', /must use https/],
	[
		'user info',
		'https://admin:secret@tenant.us.trustedauth.com',
		/must not contain a user name or password/,
	],
	['a path', 'https://tenant.us.trustedauth.com/api/web', /without a path/],
	['a query string', 'https://tenant.us.trustedauth.com/?tenant=1', /query string or fragment/],
	['a fragment', 'tenant.us.trustedauth.com#x', /query string or fragment/],
	['an invalid host', 'https://tenant_1!.trustedauth.com', /not a valid (hostname|host)/],
];

describe('bad input: NodeOperationError naming field and item, zero requests', () => {
	beforeEach(() => fixture.emulator.clearRequests());

	it('has at least 40 cases', () => {
		expect(CASES.length + ACCOUNT_URLS.length).toBeGreaterThanOrEqual(40);
	});

	it.each(CASES.map((testCase) => [testCase.name, testCase] as const))(
		'%s',
		async (_name, testCase) => {
			const makeItem = testCase.items ?? (() => ({ json: {} }));
			const escapedField = testCase.field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

			// Alone, it stops the node with a NodeOperationError for item 0.
			const error = await fixture.run(testCase.params, { items: [makeItem()] }).then(
				() => undefined,
				(caught: Error & { context?: { itemIndex?: number } }) => caught,
			);
			expect(error?.constructor.name).toBe('NodeOperationError');
			expect(error!.message).toMatch(new RegExp(`^${escapedField}: .*\\[item 0\\]$`));
			expect(error!.message).toMatch(testCase.problem);
			expect(error!.context?.itemIndex).toBe(0);

			// Under Continue On Fail, every item fails naming its own index.
			const { output } = await fixture.run(testCase.params, {
				items: [makeItem(), makeItem(), makeItem()],
				continueOnFail: true,
			});
			expect(output.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			output.forEach((item, index) =>
				expect(item.json.error).toMatch(new RegExp(`^${escapedField}: .*\\[item ${index}\\]$`)),
			);

			expect(fixture.emulator.requests).toHaveLength(0);
		},
	);

	it.each(ACCOUNT_URLS)('Account URL with %s', async (_name, accountUrl, problem) => {
		const error = await runNode({
			credentials: { ...fixture.credentials, accountUrl },
			params: { resource: 'printer', operation: 'getAll', returnAll: true },
			continueOnFail: true,
		}).then(
			() => undefined,
			(caught: Error) => caught,
		);
		expect(error?.constructor.name).toBe('NodeOperationError');
		expect(error!.message).toMatch(/^Account URL: /);
		expect(error!.message).toMatch(problem);
		expect(fixture.emulator.requests).toHaveLength(0);
	});
});
