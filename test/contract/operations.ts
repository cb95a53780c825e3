/**
 * Which node resource/operation sends each spec operation, keyed by the spec's operationId.
 *
 * `params` are valid against the spec's patterns as they are, so the Prism contract test runs them unchanged.
 * Against the stateful emulator an entry may need real objects (a printer, a held print job…): `emulatorSetup`
 * creates them and returns parameter overrides. The coverage test fails when a non-deprecated spec operation is
 * missing here, so every new operation of the node needs one line in this table. A node operation that sends a spec
 * operation another entry already covers is keyed `<operationId>#<operation>` (see `specOperationId`).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { Emulator } from '../../tools/emulator';
import { ROLE_IDS, USER_IDS } from '../../tools/emulator/routes/roles';
import { addTenant } from '../../tools/emulator/routes/tenants';
import { binaryItem, pngBytes } from '../../tools/harness';
import type { RunResult } from '../../tools/harness';

export type Params = Record<string, unknown>;
export type Runner = (
	params: Params,
	options?: { items?: INodeExecutionData[] },
) => Promise<RunResult>;

export interface ContractEntry {
	resource: string;
	operation: string;
	params: Params;
	items?: () => INodeExecutionData[];
	/** Creates the state this entry needs in the emulator; returns parameter overrides such as a real ID. */
	emulatorSetup?: (emulator: Emulator, run: Runner) => Promise<Params | void>;
}

/** The spec operation an entry's key names: `createEnrollmentsV2#createOrUpdate` → `createEnrollmentsV2`. */
export function specOperationId(key: string): string {
	return key.split('#')[0];
}

/** Valid-looking values for Prism (it checks patterns, not existence). */
export const SAMPLE = {
	uuid: '0b0db90a-6091-416f-8559-2f2181e941c3',
	deviceId: 'F71523262A998271',
	tenantId: '9f2d3c4b-5a6e-4f70-8b1c-2d3e4f5a6b7c',
	enrollmentId: 'eyJ3b3JrZmxvd0lkIjoiNjE2ZTZiZmItNzI2NC00NjQ0LWE0MWMtMTFhZjE4MWRkZGFkIn0=',
	claimToken: 'Q2xhaW1Ub2tlbjEyMzQ1Ng',
	design: 'Employee Badge',
	printerName: 'Front Desk Printer',
	callbackUrl: 'https://example.com/iidaas-events',
};

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const byName = (value: string) => ({ __rl: true, mode: 'name', value });
const colorFront = { layer: [{ side: 'front', layer: 'COLOR', binaryPropertyName: 'data' }] };
const imageItem = () => [binaryItem(pngBytes())];

let deviceCounter = 0;
/** A device ID no other printer in this run has. */
function freshDeviceId(): string {
	deviceCounter++;
	return `C0${Date.now().toString(16).slice(-10)}${deviceCounter.toString(16).padStart(4, '0')}`
		.toUpperCase()
		.slice(0, 16);
}

/** Registers a new printer through the node, so destructive entries don't remove the seeded ones. */
async function newPrinter(run: Runner): Promise<{ id: string; deviceId: string }> {
	const deviceId = freshDeviceId();
	const { output } = await run({
		resource: 'printer',
		operation: 'create',
		name: `Contract Printer ${deviceId}`,
		deviceId,
	});
	return { id: String(output[0].json.id), deviceId };
}

function seededPrinterId(emulator: Emulator, name = 'Front Desk'): string {
	const printer = [...emulator.state.printers.values()].find((candidate) =>
		String(candidate.name).includes(name),
	);
	if (!printer) throw new Error(`The emulator has no printer named like "${name}"`);
	return String(printer.id);
}

/** Sends a direct print through the node and returns its print status ID (also the queue job ID). */
async function newPrint(emulator: Emulator, run: Runner, extra: Params = {}): Promise<string> {
	const { output } = await run(
		{
			resource: 'printJob',
			operation: 'print',
			printerId: byId(seededPrinterId(emulator)),
			images: colorFront,
			...extra,
		},
		{ items: imageItem() },
	);
	return String(output[0].json.printStatusId);
}

let uniqueCounter = 0;
/** A name, key or domain no earlier entry of this run used. */
function unique(prefix: string): string {
	uniqueCounter++;
	return `${prefix}-${Date.now().toString(36)}-${uniqueCounter}`;
}

/** Creates an enrollment through the node and returns its ID. */
async function newEnrollment(run: Runner): Promise<string> {
	const { output } = await run({
		resource: 'enrollment',
		operation: 'create',
		enrollmentDesignName: SAMPLE.design,
		fieldValues: {
			field: [
				{ name: 'First Name', value: 'Contract' },
				{ name: 'Last Name', value: 'Test' },
				{ name: 'Employee ID', value: unique('E') },
			],
		},
	});
	return String(output[0].json.id);
}

/** Starts a bulk print of a new enrollment through the node and returns the bulk operation's ID. */
async function newBulkPrint(run: Runner): Promise<string> {
	const enrollmentIds = await newEnrollment(run);
	const { output } = await run({
		resource: 'bulkPrint',
		operation: 'create',
		enrollmentIds,
		printer: byName(SAMPLE.printerName),
	});
	return String(output[0].json.id);
}

/** An enrollment whose mobile flash pass the emulator has issued, with its claim tokens. */
function issuedPass(emulator: Emulator): {
	enrollmentId: string;
	claimTokens: { apple: string; google: string };
} {
	const pass = [...emulator.state.mobileFlashPass.passes.values()].find(
		(candidate) => candidate.issued,
	);
	if (!pass) throw new Error('The emulator has no issued mobile flash pass');
	return pass;
}

/** Issues mobile flash passes through the node and returns the bulk operation's ID. */
async function newFlashPassOperation(emulator: Emulator, run: Runner): Promise<string> {
	const { output } = await run({
		resource: 'mobileFlashPass',
		operation: 'issue',
		enrollmentId: issuedPass(emulator).enrollmentId,
	});
	return String(output[0].json.operationId);
}

async function newApplication(run: Runner): Promise<string> {
	const { output } = await run({
		resource: 'application',
		operation: 'create',
		name: unique('Contract App'),
		roleId: ROLE_IDS.issuanceOperator,
	});
	return String(output[0].json.id);
}

async function newWebhook(emulator: Emulator, run: Runner): Promise<string> {
	const { output } = await run({
		resource: 'webhook',
		operation: 'create',
		name: unique('Contract Webhook'),
		// The emulator posts test events here; its own 404 answers at once.
		callbackUrl: `${emulator.url}/contract-callback`,
		events: ['credential.print'],
	});
	return String(output[0].json.id);
}

/** A tenant of its own placed straight into the emulator (with a USERS entitlement), so entries can change or remove it. */
function newTenant(emulator: Emulator): string {
	const domain = unique('contract').toLowerCase();
	return String(addTenant(emulator.ctx, { companyName: `Contract ${domain}`, domain }).id);
}

/** Starts a tenant creation through the node and returns its create operation ID. */
async function newTenantCreation(run: Runner): Promise<string> {
	const domain = unique('contract').toLowerCase();
	const { output } = await run({
		resource: 'tenant',
		operation: 'create',
		companyName: `Contract ${domain}`,
		domain,
		adminUserId: 'first.admin',
		adminEmail: 'admin@example.com',
	});
	return String(output[0].json.id);
}

export const OPERATIONS: Record<string, ContractEntry> = {
	// Every execution signs in first; the cheapest call stands for it.
	authenticateAdminApiUsingPOST: { resource: 'printer', operation: 'getSummary', params: {} },

	// Printers
	createPrinter: {
		resource: 'printer',
		operation: 'create',
		params: {
			name: 'Contract Printer',
			deviceId: SAMPLE.deviceId,
			additionalFields: { location: 'Lobby' },
		},
		emulatorSetup: async () => ({ deviceId: freshDeviceId() }),
	},
	readPrinter: {
		resource: 'printer',
		operation: 'get',
		params: { lookUpBy: 'printerId', printerId: byId(SAMPLE.uuid) },
		emulatorSetup: async (emulator) => ({ printerId: byId(seededPrinterId(emulator)) }),
	},
	readPrinterByDeviceId: {
		resource: 'printer',
		operation: 'get',
		params: { lookUpBy: 'deviceId', deviceId: SAMPLE.deviceId },
		emulatorSetup: async (emulator) => ({
			deviceId: String(emulator.state.printers.get(seededPrinterId(emulator))!.deviceId),
		}),
	},
	getPrinters: { resource: 'printer', operation: 'getAll', params: { returnAll: true } },
	readPrinters: {
		resource: 'printer',
		operation: 'getAll',
		params: { returnAll: true, legacyOptions: { withStatus: true, fields: 'name,deviceId' } },
	},
	getPrintersWithGroupRestriction: {
		resource: 'printer',
		operation: 'getAll',
		params: { returnAll: true, groupRestricted: true },
	},
	updatePrinterV2: {
		resource: 'printer',
		operation: 'update',
		params: { printerId: byId(SAMPLE.uuid), updateFields: { location: 'Reception' } },
		emulatorSetup: async (_emulator, run) => ({ printerId: byId((await newPrinter(run)).id) }),
	},
	deletePrinter: {
		resource: 'printer',
		operation: 'delete',
		params: { printerId: byId(SAMPLE.uuid) },
		emulatorSetup: async (_emulator, run) => ({ printerId: byId((await newPrinter(run)).id) }),
	},
	deletePrinterWithTenantId: {
		resource: 'printer',
		operation: 'deleteLost',
		params: { lostPrinterId: SAMPLE.uuid, tenantId: SAMPLE.tenantId },
		emulatorSetup: async (emulator, run) => ({
			lostPrinterId: (await newPrinter(run)).id,
			tenantId: emulator.state.tenantId,
		}),
	},
	readPrinterPreferences: {
		resource: 'printer',
		operation: 'getPreferences',
		params: { printerId: byId(SAMPLE.uuid) },
		emulatorSetup: async (emulator) => ({ printerId: byId(seededPrinterId(emulator)) }),
	},
	replacePrinterPreferences: {
		resource: 'printer',
		operation: 'updatePreferences',
		params: {
			printerId: byId(SAMPLE.uuid),
			preferences: { copies: 2, laminationFront1: 'APPLY_ONCE' },
		},
		emulatorSetup: async (_emulator, run) => ({ printerId: byId((await newPrinter(run)).id) }),
	},
	printersSummary: { resource: 'printer', operation: 'getSummary', params: {} },
	cancelAllActivePrintJobs: {
		resource: 'printer',
		operation: 'cancelAllJobs',
		params: { printerId: byId(SAMPLE.uuid) },
		emulatorSetup: async (_emulator, run) => ({ printerId: byId((await newPrinter(run)).id) }),
	},

	// Direct print (BasicPrint)
	print: {
		resource: 'printJob',
		operation: 'print',
		params: { printerId: byId(SAMPLE.uuid), images: colorFront, waitForCompletion: false },
		items: imageItem,
		emulatorSetup: async (emulator) => ({ printerId: byId(seededPrinterId(emulator)) }),
	},
	getPrintStatus: {
		resource: 'printJob',
		operation: 'getStatus',
		params: { printStatusId: SAMPLE.uuid },
		emulatorSetup: async (emulator, run) => ({ printStatusId: await newPrint(emulator, run) }),
	},
	cancelPrint: {
		resource: 'printJob',
		operation: 'cancel',
		params: { printStatusId: SAMPLE.uuid },
		emulatorSetup: async (emulator, run) => ({ printStatusId: await newPrint(emulator, run) }),
	},
	updatePrint: {
		resource: 'printJob',
		operation: 'sendSmartCardCommands',
		params: {
			printStatusId: SAMPLE.uuid,
			smartCardCommands: { command: [{ type: 'COUPLER', command: 'DISCONNECT' }] },
		},
		emulatorSetup: async (emulator, run) => {
			const printStatusId = await newPrint(emulator, run, {
				smartCardCommands: { command: [{ type: 'COUPLER', command: 'CONNECT' }] },
			});
			// QUEUED → IN_PROGRESS → WAITING_SMARTCARD: one step per poll.
			for (let poll = 0; poll < 2; poll++)
				await run({ resource: 'printJob', operation: 'getStatus', printStatusId });
			return { printStatusId };
		},
	},
	getPrintCounts: { resource: 'printJob', operation: 'getCounts', params: {} },

	// Print queue
	getPrintJob: {
		resource: 'printJob',
		operation: 'get',
		params: { printJobId: SAMPLE.uuid },
		emulatorSetup: async (emulator, run) => ({ printJobId: await newPrint(emulator, run) }),
	},
	getPrintJobs: {
		resource: 'printJob',
		operation: 'getAll',
		params: { wholeQueue: true, returnAll: false, limit: 10 },
	},
	getPaginatedPrintJobsV2: {
		resource: 'printJob',
		operation: 'getAll',
		params: {
			returnAll: false,
			limit: 5,
			filters: { filter: [{ name: 'status', operator: 'EQUALS', value: 'COMPLETED' }] },
			sort: { name: 'createdOn', ascending: false },
		},
	},
	deletePrintJob: {
		resource: 'printJob',
		operation: 'delete',
		params: { printJobId: SAMPLE.uuid },
		emulatorSetup: async (emulator, run) => ({ printJobId: await newPrint(emulator, run) }),
	},
	resumePrintJob: {
		resource: 'printJob',
		operation: 'resume',
		params: { resumePrintJobId: SAMPLE.uuid },
		emulatorSetup: async (emulator, run) => {
			emulator.setPrePrintHold(true);
			try {
				return { resumePrintJobId: await newPrint(emulator, run) };
			} finally {
				emulator.setPrePrintHold(false);
			}
		},
	},

	// Enrollments
	readEnrollmentsDesignNames: {
		resource: 'enrollment',
		operation: 'getDesigns',
		params: { returnAll: true },
	},
	createEnrollmentsV2: {
		resource: 'enrollment',
		operation: 'create',
		params: {
			enrollmentDesignName: SAMPLE.design,
			fieldValues: {
				field: [
					{ name: 'First Name', value: 'Ada' },
					{ name: 'Employee ID', value: 'E-9001' },
				],
			},
		},
		emulatorSetup: async () => ({
			fieldValues: {
				field: [
					{ name: 'First Name', value: 'Ada' },
					{ name: 'Employee ID', value: unique('E') },
				],
			},
		}),
	},
	readEnrollmentV2: {
		resource: 'enrollment',
		operation: 'get',
		params: { enrollmentId: SAMPLE.enrollmentId },
		emulatorSetup: async (_emulator, run) => ({ enrollmentId: await newEnrollment(run) }),
	},
	readEnrollmentsV2: {
		resource: 'enrollment',
		operation: 'getAll',
		params: {
			enrollmentDesignName: SAMPLE.design,
			returnAll: false,
			limit: 5,
			filters: { filter: [{ name: 'Last Name', value: 'Lovelace' }] },
		},
	},
	updateEnrollmentsV2: {
		resource: 'enrollment',
		operation: 'update',
		params: {
			enrollmentId: SAMPLE.enrollmentId,
			fieldValues: { field: [{ name: 'Department', value: 'Research' }] },
		},
		emulatorSetup: async (_emulator, run) => ({ enrollmentId: await newEnrollment(run) }),
	},
	deleteEnrollmentsV2: {
		resource: 'enrollment',
		operation: 'delete',
		params: { enrollmentId: SAMPLE.enrollmentId },
		emulatorSetup: async (_emulator, run) => ({ enrollmentId: await newEnrollment(run) }),
	},
	'createEnrollmentsV2#createOrUpdate': {
		resource: 'enrollment',
		operation: 'createOrUpdate',
		params: {
			enrollmentDesignName: SAMPLE.design,
			fieldMode: 'json',
			keyField: 'Employee ID',
			fieldsJson: '{"First Name": "Ada", "Employee ID": "E-9101"}',
		},
		emulatorSetup: async () => ({
			fieldsJson: JSON.stringify({ 'First Name': 'Ada', 'Employee ID': unique('E') }),
		}),
	},
	'deleteEnrollmentsV2#deleteByKey': {
		resource: 'enrollment',
		operation: 'deleteByKey',
		// The field of the spec's example enrollment (what Prism answers the lookup with), so Prism's run deletes it too.
		params: { enrollmentDesignName: SAMPLE.design, keyField: 'State', keyValue: 'Minnesota' },
		emulatorSetup: async (_emulator, run) => {
			const keyValue = unique('E');
			await run({
				resource: 'enrollment',
				operation: 'create',
				enrollmentDesignName: SAMPLE.design,
				fieldValues: { field: [{ name: 'Employee ID', value: keyValue }] },
			});
			return { keyField: 'Employee ID', keyValue };
		},
	},
	singleEnrollmentPrintV2: {
		resource: 'enrollment',
		operation: 'print',
		params: {
			printBy: 'enrollmentId',
			enrollmentId: SAMPLE.enrollmentId,
			printerId: byId(SAMPLE.uuid),
			waitForCompletion: false,
		},
		emulatorSetup: async (emulator, run) => ({
			enrollmentId: await newEnrollment(run),
			printerId: byId(seededPrinterId(emulator)),
		}),
	},

	// Bulk print (PrintAPI)
	printEnrollmentsBulkOperationV2: {
		resource: 'bulkPrint',
		operation: 'create',
		params: {
			enrollmentIds: SAMPLE.enrollmentId,
			printer: byName(SAMPLE.printerName),
			hopper: 1,
			waitForCompletion: false,
		},
		emulatorSetup: async (_emulator, run) => ({ enrollmentIds: await newEnrollment(run) }),
	},
	getPrintRequestDetails: {
		resource: 'bulkPrint',
		operation: 'get',
		params: { bulkPrintId: SAMPLE.uuid },
		emulatorSetup: async (_emulator, run) => ({ bulkPrintId: await newBulkPrint(run) }),
	},
	getPrintEnrollmentsBulkOperationDetails: {
		resource: 'bulkPrint',
		operation: 'getAll',
		params: { returnAll: true },
	},
	cancelPrintEnrollmentsBulkOperation: {
		resource: 'bulkPrint',
		operation: 'cancel',
		params: { bulkPrintId: SAMPLE.uuid },
		emulatorSetup: async (_emulator, run) => ({ bulkPrintId: await newBulkPrint(run) }),
	},
	downloadPrintEnrollmentsLogsV2: {
		resource: 'bulkPrint',
		operation: 'downloadLogs',
		params: { bulkPrintId: SAMPLE.uuid, binaryPropertyName: 'data' },
		emulatorSetup: async (_emulator, run) => ({ bulkPrintId: await newBulkPrint(run) }),
	},

	// Mobile Flash Pass
	issueMobileFlashPassBulkOperationV2: {
		resource: 'mobileFlashPass',
		operation: 'issue',
		params: { enrollmentId: SAMPLE.enrollmentId, waitForCompletion: false },
		emulatorSetup: async (emulator) => ({ enrollmentId: issuedPass(emulator).enrollmentId }),
	},
	getMobileFlashPassRequestDetails: {
		resource: 'mobileFlashPass',
		operation: 'get',
		params: { operationId: SAMPLE.uuid },
		emulatorSetup: async (emulator, run) => ({
			operationId: await newFlashPassOperation(emulator, run),
		}),
	},
	getIssueMFPBulkOperationDetails: {
		resource: 'mobileFlashPass',
		operation: 'getAll',
		params: { returnAll: true },
	},
	cancelMobileFlashPassBulkOperation: {
		resource: 'mobileFlashPass',
		operation: 'cancel',
		params: { operationId: SAMPLE.uuid },
		emulatorSetup: async (emulator, run) => ({
			operationId: await newFlashPassOperation(emulator, run),
		}),
	},
	downloadMFPLogsV2: {
		resource: 'mobileFlashPass',
		operation: 'downloadLogs',
		params: { operationId: SAMPLE.uuid, binaryPropertyName: 'data' },
		emulatorSetup: async (emulator, run) => ({
			operationId: await newFlashPassOperation(emulator, run),
		}),
	},
	getFlashPassDownloadURI: {
		resource: 'mobileFlashPass',
		operation: 'getDownloadUri',
		params: { walletType: 'apple', enrollmentId: SAMPLE.enrollmentId },
		emulatorSetup: async (emulator) => ({ enrollmentId: issuedPass(emulator).enrollmentId }),
	},
	downloadAppleMobileFlashPass: {
		resource: 'mobileFlashPass',
		operation: 'downloadApplePass',
		params: {
			enrollmentId: SAMPLE.enrollmentId,
			claimToken: SAMPLE.claimToken,
			binaryPropertyName: 'data',
		},
		emulatorSetup: async (emulator) => {
			const pass = issuedPass(emulator);
			return { enrollmentId: pass.enrollmentId, claimToken: pass.claimTokens.apple };
		},
	},
	downloadGoogleMobileFlashPass: {
		resource: 'mobileFlashPass',
		operation: 'getGooglePassUrl',
		params: { enrollmentId: SAMPLE.enrollmentId, claimToken: SAMPLE.claimToken },
		emulatorSetup: async (emulator) => {
			const pass = issuedPass(emulator);
			return { enrollmentId: pass.enrollmentId, claimToken: pass.claimTokens.google };
		},
	},

	// Roles
	listSiteRolesUsingGET: { resource: 'role', operation: 'getAll', params: { returnAll: true } },
	getSiteRoleUsingGET: {
		resource: 'role',
		operation: 'get',
		params: { roleId: byId(ROLE_IDS.issuanceAdministrator) },
	},
	getUserRolesUsingGET: {
		resource: 'role',
		operation: 'getAllForUser',
		params: { userId: USER_IDS.alice, returnAll: true },
	},
	getUserSiteRoleAssociationUsingGET: {
		resource: 'role',
		operation: 'getForUser',
		params: { userId: USER_IDS.bob, roleId: byId(ROLE_IDS.issuanceOperator) },
		emulatorSetup: async (_emulator, run) => {
			await run({
				resource: 'role',
				operation: 'assignToUser',
				userId: USER_IDS.bob,
				roleId: byId(ROLE_IDS.issuanceOperator),
			});
		},
	},
	modifyUserSiteRoleAssociationUsingPUT: {
		resource: 'role',
		operation: 'assignToUser',
		params: { userId: USER_IDS.carol, roleId: byId(ROLE_IDS.issuanceOperator) },
	},
	deleteUserSiteRoleAssociationUsingDELETE: {
		resource: 'role',
		operation: 'removeFromUser',
		params: { userId: USER_IDS.carol, roleId: byId(ROLE_IDS.issuanceOperator) },
		emulatorSetup: async (_emulator, run) => {
			await run({
				resource: 'role',
				operation: 'assignToUser',
				userId: USER_IDS.carol,
				roleId: byId(ROLE_IDS.issuanceOperator),
			});
		},
	},

	// Webhooks
	getWebhooksUsingGET: { resource: 'webhook', operation: 'getAll', params: { returnAll: true } },
	createWebhookUsingPOST: {
		resource: 'webhook',
		operation: 'create',
		params: {
			name: 'Contract Webhook',
			callbackUrl: SAMPLE.callbackUrl,
			events: ['credential.print', 'credential.create'],
			additionalFields: { expiry: 30 },
		},
	},
	readWebhookUsingGET: {
		resource: 'webhook',
		operation: 'get',
		params: { webhookId: byId(SAMPLE.uuid) },
		emulatorSetup: async (emulator, run) => ({ webhookId: byId(await newWebhook(emulator, run)) }),
	},
	updateWebhookUsingPUT: {
		resource: 'webhook',
		operation: 'update',
		params: { webhookId: byId(SAMPLE.uuid), updateFields: { name: 'Renamed Contract Webhook' } },
		emulatorSetup: async (emulator, run) => ({ webhookId: byId(await newWebhook(emulator, run)) }),
	},
	deleteWebhookUsingDELETE: {
		resource: 'webhook',
		operation: 'delete',
		params: { webhookId: byId(SAMPLE.uuid) },
		emulatorSetup: async (emulator, run) => ({ webhookId: byId(await newWebhook(emulator, run)) }),
	},
	testWebhookUsingPOST: {
		resource: 'webhook',
		operation: 'test',
		params: { webhookId: byId(SAMPLE.uuid) },
		emulatorSetup: async (emulator, run) => ({ webhookId: byId(await newWebhook(emulator, run)) }),
	},

	// Admin API applications
	listAdminApiApplicationsUsingGET: {
		resource: 'application',
		operation: 'getAll',
		params: { returnAll: true },
	},
	listApplicationTemplatesUsingGET: {
		resource: 'application',
		operation: 'getTemplates',
		params: { returnAll: true },
	},
	createAdminApiApplicationUsingPOST: {
		resource: 'application',
		operation: 'create',
		params: {
			name: 'Contract App',
			roleType: 'site',
			roleId: ROLE_IDS.issuanceOperator,
			additionalFields: { description: 'Created by the contract test' },
		},
		emulatorSetup: async () => ({ name: unique('Contract App') }),
	},
	getAdminApiApplicationUsingGET: {
		resource: 'application',
		operation: 'get',
		params: { applicationId: byId(SAMPLE.uuid) },
		emulatorSetup: async (_emulator, run) => ({ applicationId: byId(await newApplication(run)) }),
	},
	updateAdminApiApplicationUsingPUT: {
		resource: 'application',
		operation: 'update',
		params: {
			applicationId: byId(SAMPLE.uuid),
			updateFields: { name: 'Renamed Contract App', description: 'Updated by the contract test' },
		},
		emulatorSetup: async (_emulator, run) => ({
			applicationId: byId(await newApplication(run)),
			updateFields: { name: unique('Renamed App') },
		}),
	},
	removeAdminApiApplicationUsingDELETE: {
		resource: 'application',
		operation: 'delete',
		params: { applicationId: byId(SAMPLE.uuid) },
		emulatorSetup: async (_emulator, run) => ({ applicationId: byId(await newApplication(run)) }),
	},
	updateAdminApiSharedSecretUsingPUT: {
		resource: 'application',
		operation: 'regenerateSecret',
		params: { applicationId: byId(SAMPLE.uuid) },
		emulatorSetup: async (_emulator, run) => ({ applicationId: byId(await newApplication(run)) }),
	},

	// Tenants
	createTenantAsyncUsingPOST: {
		resource: 'tenant',
		operation: 'create',
		params: {
			companyName: 'Contract Inc.',
			domain: 'contract-inc',
			adminUserId: 'first.admin',
			adminEmail: 'admin@example.com',
			waitForCompletion: false,
		},
		emulatorSetup: async () => ({ domain: unique('contract').toLowerCase() }),
	},
	getCreateTenantAsyncStatusUsingGET: {
		resource: 'tenant',
		operation: 'getCreateStatus',
		params: { createOperationId: SAMPLE.uuid },
		emulatorSetup: async (_emulator, run) => ({ createOperationId: await newTenantCreation(run) }),
	},
	getCreateTenantAsyncResultUsingGET: {
		resource: 'tenant',
		operation: 'getCreateResult',
		params: { createOperationId: SAMPLE.uuid },
		emulatorSetup: async (_emulator, run) => {
			const createOperationId = await newTenantCreation(run);
			// The result exists once the creation has completed: SCHEDULED → PROCESSING → COMPLETED, one step per poll.
			for (let poll = 0; poll < 5; poll++) {
				const { output } = await run({
					resource: 'tenant',
					operation: 'getCreateStatus',
					createOperationId,
				});
				if (output[0].json.state === 'COMPLETED') break;
			}
			return { createOperationId };
		},
	},
	getTenantUsingGET: {
		resource: 'tenant',
		operation: 'get',
		params: { tenantId: byId(SAMPLE.tenantId) },
		emulatorSetup: async (emulator) => ({ tenantId: byId(newTenant(emulator)) }),
	},
	getTenantsPageUsingPOST: {
		resource: 'tenant',
		operation: 'getAll',
		params: {
			returnAll: false,
			limit: 5,
			filters: { filter: [{ name: 'contractMode', operator: 'EQUALS', value: 'TRIAL' }] },
			sort: { name: 'companyName', ascending: true },
		},
	},
	removeTenantUsingDELETE: {
		resource: 'tenant',
		operation: 'delete',
		params: { tenantId: byId(SAMPLE.tenantId) },
		emulatorSetup: async (emulator) => ({ tenantId: byId(newTenant(emulator)) }),
	},
	lockTenantUsingPUT: {
		resource: 'tenant',
		operation: 'lock',
		params: { tenantId: byId(SAMPLE.tenantId) },
		emulatorSetup: async (emulator) => ({ tenantId: byId(newTenant(emulator)) }),
	},
	unlockTenantUsingPUT: {
		resource: 'tenant',
		operation: 'unlock',
		params: { tenantId: byId(SAMPLE.tenantId) },
		emulatorSetup: async (emulator) => ({ tenantId: byId(newTenant(emulator)) }),
	},
	getTenantEntitlementsUsingGET: {
		resource: 'tenant',
		operation: 'getAllEntitlements',
		params: { tenantId: byId(SAMPLE.tenantId), returnAll: true },
		emulatorSetup: async (emulator) => ({ tenantId: byId(newTenant(emulator)) }),
	},
	getTenantEntitlementUsingGET: {
		resource: 'tenant',
		operation: 'getEntitlement',
		params: { tenantId: byId(SAMPLE.tenantId), entitlementType: 'USERS' },
		emulatorSetup: async (emulator) => ({ tenantId: byId(newTenant(emulator)) }),
	},
	setTenantEntitlementUsingPUT: {
		resource: 'tenant',
		operation: 'setEntitlement',
		params: {
			tenantId: byId(SAMPLE.tenantId),
			entitlementType: 'USERS',
			entitlementFields: { quantity: 250, contractMode: 'PRODUCTION' },
		},
		emulatorSetup: async (emulator) => ({ tenantId: byId(newTenant(emulator)) }),
	},
	deleteTenantEntitlementUsingDELETE: {
		resource: 'tenant',
		operation: 'deleteEntitlement',
		params: { tenantId: byId(SAMPLE.tenantId), entitlementTypeToDelete: 'SMSVOICE' },
		emulatorSetup: async (emulator, run) => {
			const tenantId = byId(newTenant(emulator));
			await run({
				resource: 'tenant',
				operation: 'setEntitlement',
				tenantId,
				entitlementType: 'USERS',
				additionalJson: '{"smsVoice": {"quantity": 1000}}',
			});
			return { tenantId };
		},
	},
	getEntitlementUsageInfoUsingPOST: {
		resource: 'tenant',
		operation: 'getAllUsage',
		params: { usageStartTime: '2020-01-01T00:00:00', returnAll: false, limit: 5 },
	},
	getSpIdentityProviderUsingGET: {
		resource: 'tenant',
		operation: 'getIdentityProvider',
		params: { tenantId: byId(SAMPLE.tenantId) },
		emulatorSetup: async (emulator) => ({ tenantId: byId(newTenant(emulator)) }),
	},
	setSpIdentityProviderUsingPUT: {
		resource: 'tenant',
		operation: 'setIdentityProvider',
		params: { tenantId: byId(SAMPLE.tenantId), enabled: true },
		emulatorSetup: async (emulator) => ({ tenantId: byId(newTenant(emulator)) }),
	},
};
