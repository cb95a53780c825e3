/**
 * No leak: every registered operation, on its success path and on failure paths (wrong secret, reset
 * during authentication, reset after it, 403), with and without Continue On Fail. Output items, error
 * messages, descriptions, `cause` chains, every other error property and captured logs are scanned for
 * the shared secret, the tokens, the web-session cookies and the webhook tokens: zero hits.
 *
 * Operations come from the registry: an operation without an entry in LEAK_PARAMS fails the test with
 * "add leak-test params for X", so the table stays complete as resources grow. Entries beyond Printer and
 * Print Job reuse the emulator-ready parameters and setups of the contract table (test/contract/operations.ts).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { resources } from '../../nodes/EntrustIidaas/resources';
import type { Emulator } from '../../tools/emulator';
import { byId, useEmulator } from '../helpers/emulator';
import type { Credentials, ParamValue } from '../../tools/harness';
import { binaryItem, pngBytes, runNode } from '../../tools/harness';
import { OPERATIONS } from '../contract/operations';
import type { Params, Runner } from '../contract/operations';
import { AUTH_OP, frontDeskPrinterId, printParams, uniquePrinter } from './support';

const fixture = useEmulator();

/** IDs the parameter table can use; created once through the node in beforeAll. */
interface LeakContext {
	emulator: Emulator;
	/** Runs the node with the test's credentials (for setups that create state through the node). */
	run: Runner;
	printerId: string;
	/** Throwaway printers for the delete operations. */
	printerToDelete: string;
	lostPrinter: string;
	printStatusId: string;
	heldPrintJobId: string;
	smartCardPrintId: string;
}

interface LeakEntry {
	params: Record<string, ParamValue>;
	items?: INodeExecutionData[];
	/** The success path may fail at the service (e.g. a state that the run itself changes). */
	successMayFail?: boolean;
	/**
	 * The operation's purpose is to hand out the webhook token on success (Webhook → Create): the success
	 * output may hold it in `json.token` and nowhere else; errors and logs never.
	 */
	outputsWebhookToken?: boolean;
}

/**
 * An entry from the contract table (keyed by spec operationId): its parameters plus the overrides its
 * emulator setup returns. `items` > 1 runs a batch operation with that many input items, each with the
 * overrides of its own setup run (e.g. its own enrollment), so the batch path and its per-item errors are scanned.
 */
function fromContract(
	operationId: string,
	extra: Omit<Partial<LeakEntry>, 'params' | 'items'> & { items?: number } = {},
) {
	return async (ctx: LeakContext): Promise<LeakEntry> => {
		const contract = OPERATIONS[operationId];
		if (!contract) throw new Error(`The contract table has no ${operationId}`);
		const { items: count = 1, ...flags } = extra;
		const overrides: Params[] = [];
		for (let index = 0; index < count; index++)
			overrides.push((await contract.emulatorSetup?.(ctx.emulator, ctx.run)) ?? {});
		const params: Record<string, ParamValue> = {
			resource: contract.resource,
			operation: contract.operation,
			...contract.params,
			...overrides[0],
		};
		if (count > 1)
			for (const name of Object.keys(overrides[0]))
				params[name] = (itemIndex: number) => overrides[itemIndex][name];
		const items = contract.items
			? Array.from({ length: count }, () => contract.items!()[0])
			: Array.from({ length: count }, () => ({ json: {} }));
		return { params, items, ...flags };
	};
}

/**
 * Minimal valid parameters per `resource.operation`. To cover a new operation, add one line here.
 */
const LEAK_PARAMS: Record<string, (ctx: LeakContext) => LeakEntry | Promise<LeakEntry>> = {
	'printer.create': () => ({
		params: { resource: 'printer', operation: 'create', ...uniquePrinter() },
	}),
	'printer.get': (ctx) => ({
		params: { resource: 'printer', operation: 'get', printerId: byId(ctx.printerId) },
	}),
	'printer.getAll': () => ({
		params: { resource: 'printer', operation: 'getAll', returnAll: true },
	}),
	'printer.update': (ctx) => ({
		params: {
			resource: 'printer',
			operation: 'update',
			printerId: byId(ctx.printerId),
			updateFields: { location: 'Leak Lab' },
		},
	}),
	'printer.delete': (ctx) => ({
		params: { resource: 'printer', operation: 'delete', printerId: byId(ctx.printerToDelete) },
		successMayFail: true,
	}),
	'printer.getPreferences': (ctx) => ({
		params: { resource: 'printer', operation: 'getPreferences', printerId: byId(ctx.printerId) },
	}),
	'printer.updatePreferences': (ctx) => ({
		params: {
			resource: 'printer',
			operation: 'updatePreferences',
			printerId: byId(ctx.printerId),
			preferences: { copies: 2 },
		},
	}),
	'printer.getSummary': () => ({ params: { resource: 'printer', operation: 'getSummary' } }),
	'printer.cancelAllJobs': (ctx) => ({
		params: { resource: 'printer', operation: 'cancelAllJobs', printerId: byId(ctx.printerId) },
	}),
	'printer.deleteLost': (ctx) => ({
		params: {
			resource: 'printer',
			operation: 'deleteLost',
			lostPrinterId: ctx.lostPrinter,
			tenantId: ctx.emulator.state.tenantId,
		},
		successMayFail: true,
	}),
	'printJob.print': (ctx) => ({
		params: printParams(ctx.printerId),
		items: [binaryItem(pngBytes())],
	}),
	'printJob.getStatus': (ctx) => ({
		params: { resource: 'printJob', operation: 'getStatus', printStatusId: ctx.printStatusId },
	}),
	'printJob.cancel': (ctx) => ({
		params: { resource: 'printJob', operation: 'cancel', printStatusId: ctx.printStatusId },
		successMayFail: true,
	}),
	'printJob.sendSmartCardCommands': (ctx) => ({
		params: {
			resource: 'printJob',
			operation: 'sendSmartCardCommands',
			printStatusId: ctx.smartCardPrintId,
			smartCardCommands: { command: [{ type: 'APDU', command: '00A4040007A0000002471001' }] },
		},
		successMayFail: true,
	}),
	'printJob.get': (ctx) => ({
		params: { resource: 'printJob', operation: 'get', printJobId: ctx.printStatusId },
	}),
	'printJob.getAll': () => ({
		params: { resource: 'printJob', operation: 'getAll', returnAll: false, limit: 5 },
	}),
	'printJob.delete': (ctx) => ({
		params: { resource: 'printJob', operation: 'delete', printJobId: ctx.printStatusId },
		successMayFail: true,
	}),
	'printJob.resume': (ctx) => ({
		params: { resource: 'printJob', operation: 'resume', resumePrintJobId: ctx.heldPrintJobId },
		successMayFail: true,
	}),
	'printJob.getCounts': () => ({ params: { resource: 'printJob', operation: 'getCounts' } }),

	'enrollment.getDesigns': fromContract('readEnrollmentsDesignNames'),
	'enrollment.create': fromContract('createEnrollmentsV2', { items: 2 }),
	'enrollment.get': fromContract('readEnrollmentV2'),
	'enrollment.getAll': fromContract('readEnrollmentsV2'),
	'enrollment.update': fromContract('updateEnrollmentsV2', { items: 2 }),
	'enrollment.delete': fromContract('deleteEnrollmentsV2', { items: 2 }),
	'enrollment.print': fromContract('singleEnrollmentPrintV2'),
	'enrollment.createOrUpdate': fromContract('createEnrollmentsV2#createOrUpdate', { items: 2 }),
	'enrollment.deleteByKey': fromContract('deleteEnrollmentsV2#deleteByKey', { items: 2 }),

	'bulkPrint.create': fromContract('printEnrollmentsBulkOperationV2', { items: 2 }),
	'bulkPrint.get': fromContract('getPrintRequestDetails'),
	'bulkPrint.getAll': fromContract('getPrintEnrollmentsBulkOperationDetails'),
	'bulkPrint.cancel': fromContract('cancelPrintEnrollmentsBulkOperation'),
	'bulkPrint.downloadLogs': fromContract('downloadPrintEnrollmentsLogsV2'),

	'mobileFlashPass.issue': fromContract('issueMobileFlashPassBulkOperationV2', { items: 2 }),
	'mobileFlashPass.get': fromContract('getMobileFlashPassRequestDetails'),
	'mobileFlashPass.getAll': fromContract('getIssueMFPBulkOperationDetails'),
	'mobileFlashPass.cancel': fromContract('cancelMobileFlashPassBulkOperation'),
	'mobileFlashPass.downloadLogs': fromContract('downloadMFPLogsV2'),
	'mobileFlashPass.getDownloadUri': fromContract('getFlashPassDownloadURI'),
	'mobileFlashPass.downloadApplePass': fromContract('downloadAppleMobileFlashPass'),
	'mobileFlashPass.getGooglePassUrl': fromContract('downloadGoogleMobileFlashPass'),

	'role.get': fromContract('getSiteRoleUsingGET'),
	'role.getAll': fromContract('listSiteRolesUsingGET'),
	'role.getAllForUser': fromContract('getUserRolesUsingGET'),
	'role.getForUser': fromContract('getUserSiteRoleAssociationUsingGET'),
	'role.assignToUser': fromContract('modifyUserSiteRoleAssociationUsingPUT'),
	'role.removeFromUser': fromContract('deleteUserSiteRoleAssociationUsingDELETE'),

	'webhook.create': fromContract('createWebhookUsingPOST', { outputsWebhookToken: true }),
	'webhook.get': fromContract('readWebhookUsingGET'),
	'webhook.getAll': fromContract('getWebhooksUsingGET'),
	'webhook.update': fromContract('updateWebhookUsingPUT'),
	'webhook.delete': fromContract('deleteWebhookUsingDELETE'),
	'webhook.test': fromContract('testWebhookUsingPOST'),

	// Create and Regenerate Secret output the secret of the application they made: the result, not the credential's secret.
	'application.create': fromContract('createAdminApiApplicationUsingPOST'),
	'application.get': fromContract('getAdminApiApplicationUsingGET'),
	'application.getAll': fromContract('listAdminApiApplicationsUsingGET'),
	'application.update': fromContract('updateAdminApiApplicationUsingPUT'),
	'application.delete': fromContract('removeAdminApiApplicationUsingDELETE'),
	'application.regenerateSecret': fromContract('updateAdminApiSharedSecretUsingPUT'),
	'application.getTemplates': fromContract('listApplicationTemplatesUsingGET'),

	'tenant.create': fromContract('createTenantAsyncUsingPOST'),
	'tenant.getCreateStatus': fromContract('getCreateTenantAsyncStatusUsingGET'),
	// May output the new tenant's Admin API application with its shared secret: intended, not the credential's.
	'tenant.getCreateResult': fromContract('getCreateTenantAsyncResultUsingGET'),
	'tenant.get': fromContract('getTenantUsingGET'),
	'tenant.getAll': fromContract('getTenantsPageUsingPOST'),
	'tenant.delete': fromContract('removeTenantUsingDELETE'),
	'tenant.lock': fromContract('lockTenantUsingPUT'),
	'tenant.unlock': fromContract('unlockTenantUsingPUT'),
	'tenant.getEntitlement': fromContract('getTenantEntitlementUsingGET'),
	'tenant.getAllEntitlements': fromContract('getTenantEntitlementsUsingGET'),
	'tenant.setEntitlement': fromContract('setTenantEntitlementUsingPUT'),
	'tenant.deleteEntitlement': fromContract('deleteTenantEntitlementUsingDELETE'),
	'tenant.getAllUsage': fromContract('getEntitlementUsageInfoUsingPOST'),
	'tenant.getIdentityProvider': fromContract('getSpIdentityProviderUsingGET'),
	'tenant.setIdentityProvider': fromContract('setSpIdentityProviderUsingPUT'),
};

const ALL_OPERATIONS = resources.flatMap((resource) =>
	resource.operations.map((operation) => `${resource.value}.${operation.value}`),
);
const COVERED = ALL_OPERATIONS.filter((key) => key in LEAK_PARAMS);
const WRONG_SECRET = 'wrong-shared-secret-for-the-leak-test-0123456789';

/** Every string reachable from a value, own non-enumerable properties (message, stack, cause) included. */
function strings(value: unknown, seen = new Set<unknown>(), out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (Buffer.isBuffer(value)) out.push(value.toString('utf8'));
	else if (
		value !== null &&
		(typeof value === 'object' || typeof value === 'function') &&
		!seen.has(value)
	) {
		seen.add(value);
		if (value instanceof Map) for (const [key, entry] of value) strings([key, entry], seen, out);
		for (const key of Object.getOwnPropertyNames(value)) {
			const descriptor = Object.getOwnPropertyDescriptor(value, key);
			if (descriptor && 'value' in descriptor) strings(descriptor.value, seen, out);
		}
	}
	return out;
}

/** What an output shows: its strings plus the decoded content of binary properties (downloads). */
function outputStrings(
	output: INodeExecutionData[] | undefined,
	dropWebhookTokenField = false,
): string[] {
	const items = (output ?? []).map((item) => {
		if (!dropWebhookTokenField) return item;
		const { token: _allowed, ...json } = item.json;
		return { ...item, json };
	});
	const binaries = items.flatMap((item) =>
		Object.values(item.binary ?? {}).map((binary) =>
			Buffer.from(binary.data, 'base64').toString('utf8'),
		),
	);
	return [...strings(items), ...binaries];
}

function webhookTokens(emulator: Emulator): string[] {
	return strings(emulator.state).filter((text) => /^whsec_/.test(text));
}

function sessionCookies(emulator: Emulator): string[] {
	const store = (
		emulator as unknown as { tokens: { tokens: Map<string, { sessionId: string | null }> } }
	).tokens.tokens;
	return [...store.values()]
		.map((record) => record.sessionId)
		.filter((id): id is string => typeof id === 'string');
}

async function setUp(
	emulator: Emulator,
	credentials: Credentials,
	logs: string[],
): Promise<LeakContext> {
	const run = (params: Record<string, unknown>, items?: INodeExecutionData[]) =>
		runNode({ credentials, params, items, logs });
	const printerId = frontDeskPrinterId(emulator);
	const created = async () =>
		(await run({ resource: 'printer', operation: 'create', ...uniquePrinter() })).output[0].json
			.id as string;
	const printed = async (extra: Record<string, unknown> = {}) =>
		(await run(printParams(printerId, extra), [binaryItem(pngBytes())])).output[0].json
			.printStatusId as string;
	const printStatusId = await printed();
	emulator.setPrePrintHold(true);
	const heldPrintJobId = await printed();
	emulator.setPrePrintHold(false);
	const smartCardPrintId = await printed({
		smartCardCommands: { command: [{ type: 'COUPLER', command: 'CONNECT' }] },
	});
	return {
		emulator,
		run: (params, options) => run(params, options?.items),
		printerId,
		printerToDelete: await created(),
		lostPrinter: await created(),
		printStatusId,
		heldPrintJobId,
		smartCardPrintId,
	};
}

type FailurePath = {
	name: string;
	before: (emulator: Emulator) => void;
	credentials?: Partial<Credentials>;
};
const FAILURE_PATHS: FailurePath[] = [
	{
		name: 'wrong shared secret (401 at authentication)',
		before: () => undefined,
		credentials: { sharedSecret: WRONG_SECRET },
	},
	{
		name: 'connection reset during authentication',
		before: (emulator) =>
			void emulator.faults.add({ operationId: AUTH_OP, times: Infinity, action: { reset: true } }),
	},
	{
		name: 'connection reset after authentication',
		before: (emulator) =>
			void emulator.faults.add({ skip: 1, times: Infinity, action: { reset: true } }),
	},
	{
		name: 'HTTP 500 after authentication',
		before: (emulator) =>
			void emulator.faults.add({
				skip: 1,
				times: Infinity,
				action: { status: 500, body: { code: 'INTERNAL', message: 'boom' } },
			}),
	},
	{ name: 'role without permissions (403)', before: (emulator) => emulator.setPermissions([]) },
];

describe('no leak of secrets, tokens, cookies or webhook tokens', () => {
	let ctx: LeakContext;
	let credentials: Credentials;
	const logs: string[] = [];
	const consoleSpies: jest.SpyInstance[] = [];

	beforeAll(async () => {
		credentials = { ...fixture.credentials, enableWebSession: true };
		ctx = await setUp(fixture.emulator, credentials, logs);
		for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
			consoleSpies.push(
				jest
					.spyOn(console, method)
					.mockImplementation((...args: unknown[]) => void logs.push(strings(args).join(' '))),
			);
		}
	});
	afterAll(() => consoleSpies.forEach((spy) => spy.mockRestore()));
	afterEach(() => {
		fixture.emulator.faults.clear();
		fixture.emulator.setPermissions(null);
	});

	it('has leak-test params for every registered operation', () => {
		const missing = ALL_OPERATIONS.filter((key) => !(key in LEAK_PARAMS));
		expect(missing.map((key) => `add leak-test params for ${key}`)).toEqual([]);
	});

	it('finds a secret hidden in an error cause chain (the scanner works)', () => {
		const token = fixture.emulator.issuedTokens()[0];
		const axiosLike = Object.assign(new Error('socket hang up'), {
			config: { headers: { Authorization: token } },
		});
		expect(strings(new Error('outer', { cause: axiosLike })).join('\n')).toContain(token);
	});

	it('covers Printer and Print Job completely', () => {
		const required = ALL_OPERATIONS.filter(
			(key) => key.startsWith('printer.') || key.startsWith('printJob.'),
		);
		expect(required.filter((key) => !COVERED.includes(key))).toEqual([]);
	});

	it.each(COVERED)('%s: success and failure paths leak nothing', async (key) => {
		const { emulator } = fixture;
		const entry = await LEAK_PARAMS[key](ctx);
		const collected: Array<{
			path: string;
			text: string[];
			output: boolean;
			withoutWebhookTokenField?: string[];
		}> = [];
		const runLogs: string[] = [];
		const run = async (
			path: string,
			extraCredentials: Partial<Credentials> = {},
			continueOnFail = true,
		) => {
			const result = await runNode({
				credentials: { ...credentials, ...extraCredentials },
				params: { ...entry.params, requestOptions: { maxRetries: 0 } },
				items: entry.items,
				continueOnFail,
				logs: runLogs,
			}).then(
				(value) => ({ output: value.output, error: undefined }),
				(error: unknown) => ({ output: undefined, error }),
			);
			collected.push(
				{
					path,
					text: outputStrings(result.output),
					output: true,
					withoutWebhookTokenField: outputStrings(result.output, true),
				},
				{ path, text: strings(result.error), output: false },
			);
			return result;
		};

		const success = await run('success');
		if (!entry.successMayFail) {
			expect(success.error).toBeUndefined();
			expect(success.output?.filter((item) => item.json.error !== undefined)).toEqual([]);
		}
		// The allowance below is for a token that is really there, in the one field meant for it.
		if (entry.outputsWebhookToken)
			expect(success.output?.map((item) => item.json.token)).toEqual([
				expect.stringMatching(/^whsec_/),
			]);
		for (const failure of FAILURE_PATHS) {
			for (const continueOnFail of [true, false]) {
				failure.before(emulator);
				const result = await run(
					`${failure.name}${continueOnFail ? '' : ' (thrown)'}`,
					failure.credentials,
					continueOnFail,
				);
				emulator.faults.clear();
				emulator.setPermissions(null);
				if (continueOnFail)
					expect(result.output?.some((item) => item.json.error !== undefined)).toBe(true);
				else expect(result.error).toBeInstanceOf(Error);
			}
		}

		const secrets = [
			{ kind: 'shared secret', values: [credentials.sharedSecret, WRONG_SECRET] },
			{ kind: 'token', values: emulator.issuedTokens() },
			{ kind: 'session cookie', values: sessionCookies(emulator) },
			{ kind: 'webhook token', values: webhookTokens(emulator) },
		];
		expect(emulator.issuedTokens().length).toBeGreaterThan(0);
		expect(sessionCookies(emulator).length).toBeGreaterThan(0);
		const hits: string[] = [];
		const sources = [...collected, { path: 'logs', text: [...runLogs, ...logs], output: false }];
		for (const source of sources) {
			for (const secret of secrets) {
				// Webhook → Create: its success output may show the token in `json.token` only; every other field is scanned.
				const allowTokenField =
					secret.kind === 'webhook token' &&
					source.output &&
					source.path === 'success' &&
					entry.outputsWebhookToken;
				const text = (
					allowTokenField && 'withoutWebhookTokenField' in source
						? source.withoutWebhookTokenField!
						: source.text
				).join('\n');
				for (const value of secret.values)
					if (value && text.includes(value))
						hits.push(`${secret.kind} in ${source.path}${source.output ? ' output' : ' error'}`);
			}
		}
		expect(hits).toEqual([]);
	});
});
