import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import type { BatchContext, ItemContext, OperationResult } from '../../framework/types';
import { fail, PATTERNS, requireText } from '../../framework/validation';
import { pollUntil, readWaitSettings, waitForCompletionFields } from '../../framework/wait';
import type { WaitSettings } from '../../framework/wait';
import { PRINTER_ID_HINT } from '../printer/fields';
import { readEnrollmentId } from '../enrollment/fields';
import { downloadLogs, FINAL_STATES, PERMISSIONS, readBulkPrintDetails, UNSUCCESSFUL_STATES, WHERE_TO_CHECK } from './fields';

/** The service refuses bodies over 200 KB; stay under it however "KB" is read. */
export const MAX_BODY_BYTES = 200_000;
const MAX_EXCEPTION_MESSAGE = 45;

interface PrinterSettings {
	name: string;
	hopper: number;
	exceptionSlotMessage?: string;
}

interface PlannedItem {
	itemIndex: number;
	ids: string[];
	printerRef: { mode: 'name' | 'id'; value: string };
	hopper: number;
	message: string;
}

interface BulkOperation {
	printer: PrinterSettings;
	ids: string[];
	itemIndexes: Set<number>;
	details?: IDataObject;
	error?: Error;
	logs?: IBinaryData;
}

const waitProperties: INodeProperties[] = [
	...waitForCompletionFields('bulk print'),
	{
		displayName: 'Attach Logs When Rows Fail',
		name: 'attachLogs',
		type: 'boolean',
		default: true,
		description: 'Whether to download the row log of an operation that ends with failed rows and attach it as a file to the first item of that operation',
		displayOptions: { show: { waitForCompletion: [true] } },
	},
	{
		displayName: 'Put Logs in Field',
		name: 'logsBinaryPropertyName',
		type: 'string',
		default: 'logs',
		hint: 'The name of the output binary field to put the logs in',
		displayOptions: { show: { waitForCompletion: [true], attachLogs: [true] } },
	},
];

export const createBulkPrint = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create a bulk print',
	description:
		'Print many enrollments in one bulk operation. The enrollment IDs of all input items are combined (500 items with one ID each make one operation); items for different printers or hoppers go into separate operations, and an operation whose request would exceed the service’s 200 KB limit is split into several.',
	properties: [
		{
			displayName: 'Enrollment IDs',
			name: 'enrollmentIds',
			type: 'string',
			default: '={{ $json.id }}',
			required: true,
			description:
				'The enrollment ID(s) of this item: one ID, several separated by commas or new lines, or a list from an expression. The IDs of all input items are printed together.',
		},
		{
			displayName: 'Printer',
			name: 'printer',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description: 'The printer that prints the cards. Bulk print addresses printers by name; a printer picked from the list is looked up once for its name.',
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: 'Select a printer...',
					typeOptions: { searchListMethod: 'searchPrinters', searchable: true },
				},
				{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'Front Desk Printer' },
			],
		},
		{
			displayName: 'Hopper',
			name: 'hopper',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 6 },
			default: 1,
			description: 'The input hopper to take the cards from; 0 uses the exception slot',
		},
		{
			displayName: 'Exception Slot Message',
			name: 'exceptionSlotMessage',
			type: 'string',
			default: '',
			description: 'Shown on the printer’s screen when the exception slot is used (at most 45 characters)',
			displayOptions: { show: { hopper: [0] } },
		},
		...waitProperties,
	],
	async executeBatch(ctx) {
		return await createBulkPrints(ctx);
	},
});

function readIds(ctx: ItemContext): string[] {
	const raw = param<unknown>(ctx, 'enrollmentIds');
	const parts = (Array.isArray(raw) ? raw : [raw])
		.flatMap((entry) => (typeof entry === 'string' ? entry.split(/[\s,]+/) : [entry]))
		.filter((entry) => entry !== '' && entry !== undefined && entry !== null);
	if (parts.length === 0) fail(ctx, 'Enrollment IDs', 'is required: give at least one enrollment ID');
	return parts.map((entry, index) => readEnrollmentId(ctx, entry, parts.length > 1 ? `Enrollment IDs → ID ${index + 1}` : 'Enrollment IDs'));
}

function planItem(ctx: ItemContext): PlannedItem {
	const ids = readIds(ctx);
	const locator = ctx.fn.getNodeParameter('printer', ctx.itemIndex) as { mode?: string; value?: unknown } | string;
	const mode = typeof locator === 'object' && locator !== null && locator.mode !== 'name' ? 'id' : 'name';
	const value = requireText(ctx, 'Printer', typeof locator === 'object' && locator !== null ? locator.value : locator);
	if (mode === 'id' && !PATTERNS.uuidLike.test(value)) fail(ctx, 'Printer', `"${value}" is not a printer ID: expected ${PRINTER_ID_HINT}`);
	const hopper = Number(param(ctx, 'hopper', 1));
	if (!Number.isInteger(hopper) || hopper < 0 || hopper > 6) fail(ctx, 'Hopper', `must be a whole number from 0 to 6, not "${String(hopper)}"`);
	const message = hopper === 0 ? String(param(ctx, 'exceptionSlotMessage', '')).trim() : '';
	if (message.length > MAX_EXCEPTION_MESSAGE) fail(ctx, 'Exception Slot Message', `is ${message.length} characters long; printers show at most ${MAX_EXCEPTION_MESSAGE}`);
	return { itemIndex: ctx.itemIndex, ids, printerRef: { mode, value }, hopper, message };
}

/** Cuts one printer's IDs into requests that each stay within the body limit. */
export function splitByBodySize(printer: PrinterSettings, ids: Array<{ id: string; itemIndex: number }>): BulkOperation[] {
	const baseBytes = Buffer.byteLength(JSON.stringify({ ids: [], printer }));
	const operations: BulkOperation[] = [];
	let current: BulkOperation | undefined;
	let bytes = 0;
	for (const { id, itemIndex } of ids) {
		const idBytes = Buffer.byteLength(id) + 2 + (current && current.ids.length > 0 ? 1 : 0);
		if (!current || bytes + idBytes > MAX_BODY_BYTES) {
			current = { printer, ids: [], itemIndexes: new Set() };
			operations.push(current);
			bytes = baseBytes;
		}
		bytes += Buffer.byteLength(id) + 2 + (current.ids.length > 0 ? 1 : 0);
		current.ids.push(id);
		current.itemIndexes.add(itemIndex);
	}
	return operations;
}

function failFirst(results: Array<OperationResult | Error | undefined>): never {
	throw results.find((result) => result instanceof Error) as Error;
}

function errorForItem(error: Error, itemIndex: number): Error {
	const copy = Object.create(Object.getPrototypeOf(error), Object.getOwnPropertyDescriptors(error)) as Error & { context?: IDataObject };
	copy.context = { ...(copy.context ?? {}), itemIndex };
	return copy;
}

async function createBulkPrints(ctx: BatchContext): Promise<Array<OperationResult | Error>> {
	const node = ctx.fn.getNode();
	const continueOnFail = ctx.fn.continueOnFail();
	const results: Array<OperationResult | Error | undefined> = new Array(ctx.items.length);
	const itemContext = (itemIndex: number): ItemContext => ({ fn: ctx.fn, client: ctx.client, itemIndex, item: ctx.items[itemIndex] });
	const settingsContext = itemContext(0);
	const wait = readWaitSettings(settingsContext);
	const attachLogs = wait.enabled && param<boolean>(settingsContext, 'attachLogs', true);
	const logsProperty = attachLogs ? requireText(settingsContext, 'Put Logs in Field', param(settingsContext, 'logsBinaryPropertyName', 'logs')) : '';

	// 1. Validate every item before anything is sent.
	const planned: PlannedItem[] = [];
	for (let itemIndex = 0; itemIndex < ctx.items.length; itemIndex++) {
		try {
			planned.push(planItem(itemContext(itemIndex)));
		} catch (error) {
			results[itemIndex] = errorForItem(error as Error, itemIndex);
			// Without "Continue On Fail" one invalid item stops the run before anything is sent.
			if (!continueOnFail) return failFirst(results);
		}
	}

	// 2. Bulk print takes the printer's name: look up each printer picked by ID once.
	const names = new Map<string, string | Error>();
	for (const item of planned) {
		const { mode, value } = item.printerRef;
		if (mode !== 'id' || names.has(value)) continue;
		try {
			const printer = await ctx.client.request<IDataObject>({
				method: 'GET',
				path: '/v1/printers/{printerId}',
				pathParams: { printerId: value },
				permission: PERMISSIONS.printerView,
				itemIndex: item.itemIndex,
			});
			if (typeof printer?.name !== 'string' || printer.name === '') throw new NodeOperationError(node, `The printer ${value} has no name, and bulk print needs one`);
			names.set(value, printer.name);
		} catch (error) {
			names.set(value, error as Error);
			if (!continueOnFail) return failFirst([error as Error]);
		}
	}

	// 3. One operation per printer setting, split where the body would pass the limit.
	const groups = new Map<string, { printer: PrinterSettings; ids: Array<{ id: string; itemIndex: number }> }>();
	for (const item of planned) {
		const name = item.printerRef.mode === 'name' ? item.printerRef.value : names.get(item.printerRef.value)!;
		if (name instanceof Error) {
			results[item.itemIndex] = errorForItem(name, item.itemIndex);
			continue;
		}
		const printer: PrinterSettings = { name, hopper: item.hopper, ...(item.message ? { exceptionSlotMessage: item.message } : {}) };
		const key = JSON.stringify(printer);
		if (!groups.has(key)) groups.set(key, { printer, ids: [] });
		groups.get(key)!.ids.push(...item.ids.map((id) => ({ id, itemIndex: item.itemIndex })));
	}
	const submissions = [...groups.values()].map((group) => splitByBodySize(group.printer, group.ids));

	// 4. Send. A create is never resent once it may have reached the service.
	for (const operations of submissions) {
		for (const operation of operations) {
			const firstItem = Math.min(...operation.itemIndexes);
			try {
				operation.details = await ctx.client.request<IDataObject>({
					method: 'POST',
					path: '/v2/print',
					body: { ids: operation.ids, printer: operation.printer },
					permission: PERMISSIONS.add,
					whereToCheck: WHERE_TO_CHECK,
					itemIndex: firstItem,
				});
			} catch (error) {
				operation.error = error as Error;
				// Stop here: later operations are not created once the run is going to fail.
				if (!continueOnFail) return failFirst([operation.error]);
			}
		}
	}

	// 5. Wait for every operation at once.
	if (wait.enabled) {
		await Promise.all(submissions.flat().map(async (operation) => await waitFor(ctx, operation, wait, attachLogs)));
	}

	// 6. One result per item: the operation(s) its IDs went into.
	for (const operations of submissions) {
		const operationIds = operations.map((operation) => operation.details?.id).filter((id) => id !== undefined);
		const logsGiven = new Set<BulkOperation>();
		for (const item of planned) {
			if (results[item.itemIndex] !== undefined) continue;
			const own = operations.filter((operation) => operation.itemIndexes.has(item.itemIndex));
			if (own.length === 0) continue;
			const failed = own.find((operation) => operation.error);
			if (failed) {
				results[item.itemIndex] = errorForItem(failed.error!, item.itemIndex);
				continue;
			}
			const main = own[0];
			const json: IDataObject = {
				...main.details,
				enrollmentIds: item.ids,
				printerName: main.printer.name,
				rowsTotal: main.ids.length,
				splitInto: operations.length,
				operationIds,
			};
			if (own.length > 1) json.itemOperationIds = own.map((operation) => operation.details?.id);
			if (wait.enabled) {
				json.partialFailure = own.some((operation) => isPartialFailure(operation.details));
				json.rowsFailed = own.reduce((sum, operation) => sum + Number(operation.details?.rowsFailed ?? 0), 0);
				json.summary = own.map(summarize).join('; ');
			}
			const withLogs = own.find((operation) => operation.logs && !logsGiven.has(operation));
			if (withLogs) {
				logsGiven.add(withLogs);
				results[item.itemIndex] = { json, binary: { [logsProperty]: withLogs.logs! } } as INodeExecutionData;
			} else {
				results[item.itemIndex] = json;
			}
		}
	}
	if (!continueOnFail && results.some((result) => result instanceof Error)) return failFirst(results);
	return results.map((result) => result ?? {});
}

function summarize(operation: BulkOperation): string {
	const details = operation.details ?? {};
	const failed = Number(details.rowsFailed ?? 0);
	const outcome = isPartialFailure(details) ? 'COMPLETED WITH FAILURES' : String(details.state);
	return `${outcome}: ${Number(details.rowsProcessed ?? 0)} printed, ${failed} failed, of ${operation.ids.length} enrollments (bulk print ${String(details.id)})`;
}

function isPartialFailure(details: IDataObject | undefined): boolean {
	return details?.state === 'COMPLETED' && Number(details.rowsFailed ?? 0) > 0;
}

async function waitFor(ctx: BatchContext, operation: BulkOperation, wait: WaitSettings, attachLogs: boolean): Promise<void> {
	const id = operation.details?.id;
	if (typeof id !== 'string' || operation.error) return;
	const node = ctx.fn.getNode();
	const firstItem = Math.min(...operation.itemIndexes);
	try {
		const { state, timedOut, polls } = await pollUntil(
			() => readBulkPrintDetails(ctx.client, id, firstItem),
			(details) => FINAL_STATES.includes(String(details?.state)),
			wait,
		);
		const finalState = String(state?.state);
		operation.details = { ...operation.details, ...state, polls };
		if (timedOut) {
			operation.error = new NodeOperationError(node, `The bulk print ${id} is still ${finalState} after ${wait.timeoutMs / 1000} s [item ${firstItem}]`, {
				itemIndex: firstItem,
				description: `The operation was created and was not resent; it goes on. ${WHERE_TO_CHECK} or Bulk Print → Get.`,
			});
			return;
		}
		const failsItems = wait.failOnUnsuccessful && UNSUCCESSFUL_STATES.includes(finalState);
		// Error outputs carry no files, so the logs are only fetched for items that will show them.
		if (attachLogs && !failsItems && (finalState === 'FAILED' || Number(state?.rowsFailed ?? 0) > 0)) {
			operation.logs = await downloadLogs(ctx.fn, ctx.client, id, firstItem);
		}
		if (failsItems) {
			operation.error = new NodeOperationError(node, `The bulk print ${id} ended ${finalState}${state.errorMessage ? `: ${String(state.errorMessage)}` : ''} [item ${firstItem}]`, {
				itemIndex: firstItem,
				description: 'Every item whose enrollments were in this operation fails. Turn off "Fail Item When Not Successful" in the wait options to output the final state instead, or download its logs with Bulk Print → Download Logs.',
			});
		}
	} catch (error) {
		operation.error = error as Error;
	}
}
