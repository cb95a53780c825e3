import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { BatchRun } from '../../framework/batch';
import { jsonBytes, MAX_BODY_BYTES, packRequests } from '../../framework/batchPacking';
import type { BatchRequest } from '../../framework/batchPacking';
import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { requireText } from '../../framework/validation';
import { readWaitSettings, waitForJob } from '../../framework/wait';
import type { WaitSettings } from '../../framework/wait';
import { readPrinter } from '../printer/api';
import { downloadLogs, readBulkPrint } from './api';
import { createFields, PERMISSIONS, readBulkPrintPlan, WHERE_TO_CHECK } from './fields';
import type { BulkPrintPlan } from './fields';

/** One bulk print of the run: enrollment IDs for one printer setting, and what became of it. */
type BulkPrint = BatchRequest<string, IDataObject> & { logs?: IBinaryData };

export const createBulkPrint = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create a bulk print',
	description:
		'Print many enrollments in one bulk operation. The enrollment IDs of all input items are combined (500 items with one ID each make one operation); items for different printers or hoppers go into separate operations, and an operation whose request would exceed the service’s 200 KB limit is split into several.',
	properties: createFields,
	async executeBatch(ctx) {
		const run = new BatchRun(ctx);
		const first = run.item(0);
		const wait = readWaitSettings(first);
		const logsProperty =
			wait.enabled && param<boolean>(first, 'attachLogs', true)
				? requireText(first, 'Put Logs in Field', param(first, 'logsBinaryPropertyName', 'logs'))
				: undefined;

		const planned = await run.prepare(readBulkPrintPlan);
		const names = await lookUpPrinterNames(run, planned);
		// One operation per printer setting, split where the body would pass the limit.
		const rows = planned
			.filter(({ itemIndex }) => !run.hasFailed(itemIndex))
			.flatMap(({ itemIndex, plan }) => {
				const name =
					plan.printer.mode === 'id' ? names.get(plan.printer.value)! : plan.printer.value;
				const printer = {
					name,
					hopper: plan.hopper,
					...(plan.exceptionSlotMessage ? { exceptionSlotMessage: plan.exceptionSlotMessage } : {}),
				};
				return plan.ids.map((id) => ({ itemIndex, row: id, group: JSON.stringify(printer) }));
			});
		const bulkPrints: BulkPrint[] = packRequests(rows, {
			maxBytes: MAX_BODY_BYTES,
			emptyBytes: (group) => jsonBytes({ ids: [], printer: JSON.parse(group) }),
			bytesOf: jsonBytes,
			separatorBytes: 1,
		});

		await run.send(
			bulkPrints,
			async (bulkPrint) =>
				await ctx.client.request<IDataObject>({
					method: 'POST',
					path: '/v2/print',
					body: {
						ids: bulkPrint.rows.map((entry) => entry.row),
						printer: JSON.parse(bulkPrint.group),
					},
					permission: PERMISSIONS.add,
					whereToCheck: WHERE_TO_CHECK,
					itemIndex: bulkPrint.itemIndexes[0],
				}),
			{ created: (bulkPrint) => String(bulkPrint.answer?.id) },
		);
		if (wait.enabled)
			await Promise.all(
				bulkPrints
					.filter((bulkPrint) => bulkPrint.sent)
					.map(
						async (bulkPrint) => await waitFor(run, bulkPrint, wait, logsProperty !== undefined),
					),
			);

		const ofItem = new Map<number, BulkPrint[]>();
		for (const bulkPrint of bulkPrints)
			for (const itemIndex of bulkPrint.itemIndexes)
				ofItem.set(itemIndex, [...(ofItem.get(itemIndex) ?? []), bulkPrint]);
		const logsGiven = new Set<BulkPrint>();
		for (const { itemIndex, plan } of planned) {
			if (run.hasFailed(itemIndex)) continue;
			const own = ofItem.get(itemIndex)!;
			const failed = own.find((bulkPrint) => bulkPrint.error);
			if (failed) {
				run.fail(itemIndex, failed.error);
				continue;
			}
			const json = itemOutput(
				plan,
				own,
				bulkPrints.filter((bulkPrint) => bulkPrint.group === own[0].group),
				wait,
			);
			// The logs of an operation go to its first item only.
			const withLogs = own.find((bulkPrint) => bulkPrint.logs && !logsGiven.has(bulkPrint));
			if (withLogs) logsGiven.add(withLogs);
			run.succeed(
				itemIndex,
				withLogs
					? ({ json, binary: { [logsProperty!]: withLogs.logs! } } as INodeExecutionData)
					: json,
			);
		}
		return run.finish();
	},
});

/** Bulk print takes the printer's name: each printer picked by ID is looked up once; items whose lookup fails fail. */
async function lookUpPrinterNames(
	run: BatchRun,
	planned: Array<{ itemIndex: number; plan: BulkPrintPlan }>,
): Promise<Map<string, string>> {
	const names = new Map<string, string | Error>();
	for (const { itemIndex, plan } of planned) {
		const { mode, value } = plan.printer;
		if (mode !== 'id') continue;
		if (!names.has(value)) {
			try {
				const printer = await readPrinter(run.item(itemIndex), value);
				if (typeof printer?.name !== 'string' || printer.name === '')
					throw new NodeOperationError(
						run.ctx.fn.getNode(),
						`The printer ${value} has no name, and bulk print needs one`,
					);
				names.set(value, printer.name);
			} catch (error) {
				names.set(value, error as Error);
			}
		}
		const name = names.get(value);
		if (name instanceof Error) {
			run.fail(itemIndex, name);
			run.stopOnFailure();
		}
	}
	return new Map(
		[...names].filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
	);
}

async function waitFor(
	run: BatchRun,
	bulkPrint: BulkPrint,
	wait: WaitSettings,
	attachLogs: boolean,
): Promise<void> {
	const id = bulkPrint.answer?.id;
	if (typeof id !== 'string') return;
	const item = run.item(bulkPrint.itemIndexes[0]);
	try {
		const state = await waitForJob(item.fn, wait, {
			kind: 'bulk print',
			id,
			itemIndex: item.itemIndex,
			read: async () => await readBulkPrint(item, id),
			checkWith: 'Bulk Print → Get',
			onFailure:
				'Every item whose enrollments were in this operation fails; Bulk Print → Download Logs shows each row.',
		});
		bulkPrint.answer = { ...bulkPrint.answer, ...state };
		// Error outputs carry no files, so the logs are only fetched for operations whose items are output.
		if (attachLogs && (state.state === 'FAILED' || Number(state.rowsFailed ?? 0) > 0))
			bulkPrint.logs = await downloadLogs(item, id);
	} catch (error) {
		bulkPrint.error = error as Error;
	}
}

/** An item's output: the operation(s) its IDs went into, and those of its printer setting. */
function itemOutput(
	plan: BulkPrintPlan,
	own: BulkPrint[],
	ofPrinter: BulkPrint[],
	wait: WaitSettings,
): IDataObject {
	const main = own[0];
	const json: IDataObject = {
		...main.answer,
		enrollmentIds: plan.ids,
		printerName: (JSON.parse(main.group) as { name: string }).name,
		rowsTotal: main.rows.length,
		splitInto: ofPrinter.length,
		operationIds: ofPrinter
			.map((bulkPrint) => bulkPrint.answer?.id)
			.filter((id) => id !== undefined),
	};
	if (own.length > 1) json.itemOperationIds = own.map((bulkPrint) => bulkPrint.answer?.id);
	if (wait.enabled) {
		json.partialFailure = own.some((bulkPrint) => isPartialFailure(bulkPrint.answer));
		json.rowsFailed = own.reduce(
			(sum, bulkPrint) => sum + Number(bulkPrint.answer?.rowsFailed ?? 0),
			0,
		);
		json.summary = own.map(summarize).join('; ');
	}
	return json;
}

function summarize(bulkPrint: BulkPrint): string {
	const details = bulkPrint.answer ?? {};
	const outcome = isPartialFailure(details) ? 'COMPLETED WITH FAILURES' : String(details.state);
	return `${outcome}: ${Number(details.rowsProcessed ?? 0)} printed, ${Number(details.rowsFailed ?? 0)} failed, of ${bulkPrint.rows.length} enrollments (bulk print ${String(details.id)})`;
}

function isPartialFailure(details: IDataObject | undefined): boolean {
	return details?.state === 'COMPLETED' && Number(details.rowsFailed ?? 0) > 0;
}
