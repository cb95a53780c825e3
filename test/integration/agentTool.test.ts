/** The node run the way n8n runs it for an AI agent (the tool node type), against the emulator. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { EntrustIidaas } from '../../nodes/EntrustIidaas/EntrustIidaas.node';
import { ALLOW_DESTRUCTIVE_PARAMETER } from '../../nodes/EntrustIidaas/framework/toolGuard';
import { PRINTER_SUMMARY_FIELDS } from '../../nodes/EntrustIidaas/resources/printer/fields';
import { createExecuteFunctions } from '../../tools/harness';
import type { RunOptions } from '../../tools/harness';
import { byId, useEmulator } from '../helpers/emulator';

const TOOL_TYPE = 'n8n-nodes-entrust-iidaas.entrustIidaasTool';
const fixture = useEmulator();

/** Runs the node once as an AI agent's tool (node type ending in Tool) or as a workflow node. */
async function run(
	options: Omit<RunOptions, 'credentials'>,
	asTool: boolean,
): Promise<{ output: INodeExecutionData[]; httpCalls: number }> {
	const fn = createExecuteFunctions({ credentials: fixture.credentials, ...options });
	const context = asTool ? { ...fn, getNode: () => ({ ...fn.getNode(), type: TOOL_TYPE }) } : fn;
	const result = (await new EntrustIidaas().execute.call(
		context as unknown as IExecuteFunctions,
	)) as INodeExecutionData[][];
	return { output: result[0], httpCalls: fn.httpCalls() };
}

describe('destructive operations as an AI agent tool', () => {
	beforeEach(() => fixture.emulator.clearRequests());

	it('refuses to delete a printer: no sign-in, no delete, the printer stays', async () => {
		const printerId = [...fixture.emulator.state.printers.keys()][0] as string;
		await expect(
			run(
				{ params: { resource: 'printer', operation: 'delete', printerId: byId(printerId) } },
				true,
			),
		).rejects.toThrow(/^Refused: "Delete a printer"/);
		expect(fixture.emulator.requests).toEqual([]);
		expect(fixture.emulator.state.printers.has(printerId)).toBe(true);
	});

	it('deletes when the node allows it, and in workflows without asking', async () => {
		const create = () =>
			run(
				{
					params: {
						resource: 'printer',
						operation: 'create',
						name: 'Agent Test Printer',
						deviceId: 'ABCDEF0123456789',
					},
				},
				false,
			);
		const first = (await create()).output[0].json.id as string;
		const allowed = await run(
			{
				params: {
					resource: 'printer',
					operation: 'delete',
					printerId: byId(first),
					[ALLOW_DESTRUCTIVE_PARAMETER]: true,
				},
			},
			true,
		);
		expect(allowed.output[0].json).toEqual({ deleted: true, printerId: first });

		const second = (await create()).output[0].json.id as string;
		const inWorkflow = await run(
			{ params: { resource: 'printer', operation: 'delete', printerId: byId(second) } },
			false,
		);
		expect(inWorkflow.output[0].json).toEqual({ deleted: true, printerId: second });
		expect(fixture.emulator.count('deletePrinter')).toBe(2);
	});

	it('runs operations that read or print as a tool without asking', async () => {
		const { output } = await run(
			{ params: { resource: 'printer', operation: 'getSummary' } },
			true,
		);
		expect(output).toHaveLength(1);
		expect(
			fixture.emulator.requests.map((request) => [
				request.operationId === 'authenticateAdminApiUsingPOST',
				request.status,
			]),
		).toEqual([
			[true, 200],
			[false, 200],
		]);
	});
});

describe('Output option', () => {
	beforeEach(() => fixture.emulator.clearRequests());

	it('answers a tool with the Simplified fields by default, a workflow with the raw response', async () => {
		const asTool = await run(
			{ params: { resource: 'printer', operation: 'getAll', returnAll: true } },
			true,
		);
		const inWorkflow = await run(
			{ params: { resource: 'printer', operation: 'getAll', returnAll: true } },
			false,
		);
		expect(asTool.output).toHaveLength(inWorkflow.output.length);
		for (const item of asTool.output)
			expect(Object.keys(item.json).sort()).toEqual([...PRINTER_SUMMARY_FIELDS].sort());
		expect(Object.keys(inWorkflow.output[0].json)).toEqual(
			expect.arrayContaining(['serialNumber', 'firmwareVersion', 'ribbonPartNumber']),
		);
		expect(asTool.output.map((item) => item.pairedItem)).toEqual(
			inWorkflow.output.map((item) => item.pairedItem),
		);
	});

	it('returns the Selected Fields, Raw on request as a tool, and Simplified on request in a workflow', async () => {
		const selected = await run(
			{
				params: {
					resource: 'printer',
					operation: 'getAll',
					returnAll: true,
					output: 'selected',
					outputFields: 'name, status,,location ',
				},
			},
			true,
		);
		expect(selected.output.map((item) => Object.keys(item.json))).toEqual(
			selected.output.map(() => ['name', 'status', 'location']),
		);
		const raw = await run(
			{ params: { resource: 'printer', operation: 'getAll', returnAll: true, output: 'raw' } },
			true,
		);
		expect(Object.keys(raw.output[0].json)).toContain('serialNumber');
		const printerId = [...fixture.emulator.state.printers.keys()][0] as string;
		const one = await run(
			{
				params: {
					resource: 'printer',
					operation: 'get',
					printerId: byId(printerId),
					output: 'simplified',
				},
			},
			false,
		);
		expect(Object.keys(one.output[0].json).sort()).toEqual([...PRINTER_SUMMARY_FIELDS].sort());
	});

	it('rejects Selected Fields without a field name before sending anything', async () => {
		await expect(
			run(
				{
					params: {
						resource: 'printer',
						operation: 'getAll',
						returnAll: true,
						output: 'selected',
						outputFields: ' , ',
					},
				},
				true,
			),
		).rejects.toThrow('Fields: name at least one field to return, e.g. id, name [item 0]');
		expect(fixture.emulator.requests).toEqual([]);
	});
});
