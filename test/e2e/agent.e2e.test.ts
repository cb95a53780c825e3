/**
 * The node as a tool of n8n's AI Agent, in a real n8n (`n8n execute`), against the emulator. The agent's chat model
 * is n8n's OpenAI Chat Model whose credential Base URL points at a scripted OpenAI-compatible server on 127.0.0.1
 * (tools/openai-script): the script plays the model, n8n does everything else (tool schemas from $fromAI(), tool
 * calls run by the engine, results fed back to the model).
 *
 * - examples/ai-agent-print-badge.json: find the lobby printer, find Grace Hopper's badge enrollment, print it.
 * - The same agent with a Delete Printer tool: the delete is refused (nothing reaches IIDaaS) and the model is told
 *   why; with "Allow Destructive Operations as Tool" on, the same call goes through.
 */
import * as fs from 'fs';
import * as path from 'path';

import { startEmulator } from '../../tools/emulator';
import type { Emulator } from '../../tools/emulator';
import * as n8n from '../../tools/n8n/driver';
import { checkRun } from '../../tools/n8n/expectations';
import { answer, startScriptedModel, toolCall } from '../../tools/openai-script';
import type { Chat, ScriptedModel } from '../../tools/openai-script';

const EXAMPLE = 'ai-agent-print-badge';
const example = n8n.loadExamples().find((e: { name: string }) => e.name === EXAMPLE);
const OPENAI_CREDENTIAL = { id: 'openAiAgentModel', name: 'OpenAI account' };
const TOOL_TYPE = 'n8n-nodes-entrust-iidaas.entrustIidaasTool';

interface Printer {
	id: string;
	name: string;
	location: string;
}
interface ToolCallRecord {
	tool: string;
	input: Record<string, unknown>;
	output: Array<Record<string, unknown>>;
	error?: string;
}
type Workflow = {
	id: string;
	name: string;
	nodes: Array<
		Record<string, unknown> & { name: string; type: string; parameters: Record<string, unknown> }
	>;
	connections: Record<string, unknown>;
};

const timings: string[] = [];
let home: ReturnType<typeof n8n.createUserFolder>;
let tarball: string;
let emu: Emulator;
let emulatorPort: number;
let model: ScriptedModel;

async function timed<T>(label: string, fn: () => T | Promise<T>): Promise<T> {
	const t = Date.now();
	const result = await fn();
	timings.push(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
	return result;
}

/** A fresh emulator (seeded demo data) on the same port, so the imported credential keeps working. */
async function freshEmulator(): Promise<Emulator> {
	if (emu) await emu.close();
	emu = await startEmulator({ port: emulatorPort });
	emu.clearRequests();
	return emu;
}

function emulatorPrinters(): Printer[] {
	return [...emu.state.printers.values()] as Printer[];
}

/** Every call n8n made to an Entrust IIDaaS tool, in order: the model's arguments and what the tool answered. */
function toolCalls(
	run: Awaited<ReturnType<typeof n8n.executeWorkflow>>,
	workflow: Workflow,
): ToolCallRecord[] {
	const calls: Array<ToolCallRecord & { order: number }> = [];
	for (const node of workflow.nodes.filter((n) => n.type === TOOL_TYPE)) {
		for (const task of (run.runData[node.name] ?? []) as Array<Record<string, any>>) {
			const input = { ...(task.inputOverride?.ai_tool?.[0]?.[0]?.json ?? {}) };
			const output = (
				(task.data?.ai_tool?.[0] ?? []) as Array<{ json: Record<string, unknown> }>
			).map((item) => item.json);
			calls.push({
				tool: node.name,
				input,
				output,
				error: task.error?.message,
				order: task.startTime,
			});
		}
	}
	return calls.sort((a, b) => a.order - b.order).map(({ order: _order, ...call }) => call);
}

function agentAnswer(run: Awaited<ReturnType<typeof n8n.executeWorkflow>>): string {
	return String(n8n.nodeItems(run.runData, 'AI Agent')?.[0]?.json?.output ?? '');
}

/** The example plus a Delete Printer tool and a new question: the agent is asked for something destructive. */
function deletingAgent(id: string, allowDestructive: boolean): Workflow {
	const workflow = JSON.parse(JSON.stringify(example!.workflow)) as Workflow;
	workflow.id = id;
	workflow.name = `e2e: agent asked to delete a printer (${allowDestructive ? 'allowed' : 'default'})`;
	const agent = workflow.nodes.find((n) => n.name === 'AI Agent')!;
	agent.parameters.text = 'The jammed printer in the QA lab is broken for good. Delete it.';
	const findPrinters = workflow.nodes.find((n) => n.name === 'Find Printers')!;
	workflow.nodes.push({
		...findPrinters,
		id: 'a1000000-0000-4000-8000-0000000000d1',
		name: 'Delete Printer',
		position: [800, 240],
		parameters: {
			resource: 'printer',
			operation: 'delete',
			printerId: {
				__rl: true,
				mode: 'id',
				value: "={{ $fromAI('printerId', 'The id of the printer to delete', 'string') }}",
			},
			...(allowDestructive ? { allowDestructiveToolUse: true } : {}),
		},
	});
	workflow.connections['Delete Printer'] = {
		ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]],
	};
	return workflow;
}

const JAMMED = /jammed/i;
const deleteScript = [
	() => toolCall('Find_Printers', {}),
	(chat: Chat) =>
		toolCall('Delete_Printer', {
			printerId: chat.toolResult<Printer[]>('Find_Printers')!.find((p) => JAMMED.test(p.name))!.id,
		}),
	(chat: Chat) => {
		const result = chat.toolResult<Array<{ error?: string }>>('Delete_Printer');
		const error = result?.[0]?.error;
		return answer(error ? `I could not delete it: ${error}` : 'The jammed printer is deleted.');
	},
];

beforeAll(async () => {
	if (!example) throw new Error(`examples/${EXAMPLE}.json is missing`);
	await timed('runtime check/install', () => n8n.prepareRuntime());
	tarball = await timed('build + npm pack', () => n8n.packPackage());
	home = await timed('install into user folder', () => n8n.createUserFolder({ tarball }));
	emulatorPort = await n8n.freePort();
	await freshEmulator();
	model = await startScriptedModel();
	await timed('import credentials and workflows', async () => {
		await n8n.importCredential(home.folder, [
			n8n.emulatorCredential(emu),
			// The OpenAI credential's Base URL is the scripted model; the key is never checked.
			{
				...OPENAI_CREDENTIAL,
				type: 'openAiApi',
				data: { apiKey: 'sk-scripted-model', url: model.url, header: false },
			},
		]);
		await n8n.importWorkflow(home.folder, [
			example!.workflow,
			deletingAgent('aiAgentDelete001', false),
			deletingAgent('aiAgentDelete002', true),
		]);
	});
});

afterAll(async () => {
	if (emu) await emu.close();
	if (model) await model.close();
	if (home && !process.env.KEEP_N8N_FOLDER)
		fs.rmSync(home.folder, { recursive: true, force: true });
	if (tarball && !process.env.E2E_TARBALL)
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	// eslint-disable-next-line no-console
	console.log(`agent e2e timings\n  ${timings.join('\n  ')}`);
});

test('the agent finds the lobby printer and prints the named person’s badge, once', async () => {
	await freshEmulator();
	model.setScript([
		() => toolCall('Find_Printers', {}),
		(chat) => {
			if (!chat.lastUserText.includes('Grace Hopper'))
				throw new Error(`unexpected question: ${chat.lastUserText}`);
			return toolCall('Find_Badge_Enrollment', { lastName: 'Hopper' });
		},
		(chat) => {
			const printer = chat
				.toolResult<Printer[]>('Find_Printers')!
				.find((p) => /lobby/i.test(p.location))!;
			const badge = chat
				.toolResult<Array<{ id: string; fields: Record<string, string> }>>('Find_Badge_Enrollment')!
				.find((e) => e.fields['First Name'] === 'Grace')!;
			return toolCall('Print_Badge', { enrollmentId: badge.id, printerId: printer.id });
		},
		(chat) => {
			const printed = chat.toolResult<Array<{ printJobId: string }>>('Print_Badge')![0];
			return answer(
				`Grace Hopper's badge is printing on the Front Desk Printer in the lobby (print job ${printed.printJobId}).`,
			);
		},
	]);
	const run = await timed(`execute ${EXAMPLE}`, () =>
		n8n.executeWorkflow(home.folder, example!.workflow.id),
	);
	expect(
		checkRun({ run, workflow: example!.workflow, expect: example!.expect, emulator: emu }),
	).toEqual([]);

	// What the model was offered: one tool per node, described from the operation's action, $fromAI() parameters.
	const offered = model.completions[0].tools.map((t) => ({
		name: t.function.name,
		description: t.function.description,
		parameters: Object.keys(t.function.parameters?.properties ?? {}),
	}));
	expect(offered).toEqual(
		expect.arrayContaining([
			{ name: 'Find_Printers', description: 'Get many printers in Entrust IIDaaS', parameters: [] },
			{
				name: 'Find_Badge_Enrollment',
				description: 'Get many enrollments in Entrust IIDaaS',
				parameters: ['lastName'],
			},
			{
				name: 'Print_Badge',
				description: 'Print the card of an enrollment in Entrust IIDaaS',
				parameters: ['enrollmentId', 'printerId'],
			},
		]),
	);
	expect(offered).toHaveLength(3);

	// The tool calls n8n made, in order, and what each answered.
	const lobby = emulatorPrinters().find((p) => /lobby/i.test(p.location))!;
	const calls = toolCalls(run, example!.workflow as Workflow);
	// eslint-disable-next-line no-console
	console.log(
		`tool calls\n${calls.map((c) => `  ${c.tool} ${JSON.stringify(c.input)} → ${JSON.stringify(c.output).slice(0, 160)}`).join('\n')}`,
	);
	expect(calls.map((c) => c.tool)).toEqual([
		'Find Printers',
		'Find Badge Enrollment',
		'Print Badge',
	]);
	expect(calls.every((c) => c.error === undefined)).toBe(true);
	// As a tool, Get Many defaults to the Simplified output: at most 10 fields per printer.
	expect(calls[0].output).toHaveLength(4);
	expect(calls[0].output.every((p) => Object.keys(p).length <= 10)).toBe(true);
	expect(calls[0].output).toContainEqual(
		expect.objectContaining({
			id: lobby.id,
			name: 'Front Desk Printer',
			location: 'HQ Lobby, Floor 1',
		}),
	);
	expect(calls[1].input).toMatchObject({ lastName: 'Hopper' });
	expect(calls[1].output).toEqual([
		expect.objectContaining({
			fields: expect.objectContaining({ 'First Name': 'Grace', 'Last Name': 'Hopper' }),
		}),
	]);
	const enrollmentId = calls[1].output[0].id;
	expect(calls[2].input).toMatchObject({ enrollmentId, printerId: lobby.id });
	const printJobId = calls[2].output[0].printJobId as string;
	expect(calls[2].output).toEqual([expect.objectContaining({ printerId: lobby.id, enrollmentId })]);

	// The emulator: one sign-in, one print, of Grace Hopper's badge on the lobby printer.
	expect(emu.count('authenticateAdminApiUsingPOST')).toBe(1);
	expect(emu.processedCount('singleEnrollmentPrintV2')).toBe(1);
	expect(emu.requests.map((r) => r.operationId)).toEqual([
		'authenticateAdminApiUsingPOST',
		'getPrinters',
		'readEnrollmentsV2',
		'singleEnrollmentPrintV2',
	]);
	const job = emu.state.printJobs.get(printJobId) as {
		printerId: string;
		identifierValue?: string;
	};
	expect(job).toMatchObject({ printerId: lobby.id });

	// The model saw the print result, and the agent's answer is the model's last message.
	expect(model.completions).toHaveLength(4);
	expect(agentAnswer(run)).toBe(
		`Grace Hopper's badge is printing on the Front Desk Printer in the lobby (print job ${printJobId}).`,
	);
});

test('a destructive operation asked of the agent is refused: nothing reaches IIDaaS, the model is told why', async () => {
	await freshEmulator();
	const jammed = emulatorPrinters().find((p) => JAMMED.test(p.name))!;
	model.setScript(deleteScript);
	const run = await timed('execute delete (refused)', () =>
		n8n.executeWorkflow(home.folder, 'aiAgentDelete001'),
	);
	expect(n8n.runOutcome(run)).toEqual({ code: 0, status: 'success' });

	const calls = toolCalls(run, deletingAgent('aiAgentDelete001', false));
	// eslint-disable-next-line no-console
	console.log(
		`tool calls (refused)\n${calls.map((c) => `  ${c.tool} ${JSON.stringify(c.input)} → ${JSON.stringify(c.output).slice(0, 400)}`).join('\n')}`,
	);
	expect(calls.map((c) => c.tool)).toEqual(['Find Printers', 'Delete Printer']);
	expect(calls[1].input).toMatchObject({ printerId: jammed.id });
	const refusal = String(calls[1].output[0]?.error ?? calls[1].error);
	expect(refusal).toMatch(
		/^Refused: "Delete a printer" deletes or cancels data or changes the Entrust IIDaaS account/,
	);
	expect(refusal).toContain('Nothing was sent to IIDaaS');
	expect(refusal).toContain('"Allow Destructive Operations as Tool" on the node "Delete Printer"');

	// Nothing destructive reached the emulator; the printer is still there.
	expect(emu.requests.map((r) => r.operationId)).toEqual([
		'authenticateAdminApiUsingPOST',
		'getPrinters',
	]);
	expect(emu.state.printers.has(jammed.id)).toBe(true);
	// The refusal went back to the model, and its answer passes it on.
	const toolMessages = model.completions[2].messages.filter((m) => m.role === 'tool');
	expect(JSON.parse(String(toolMessages.at(-1)?.content))).toEqual([{ error: refusal }]);
	expect(agentAnswer(run)).toMatch(/^I could not delete it: Refused:/);
});

test('with "Allow Destructive Operations as Tool" on, the same delete goes through', async () => {
	await freshEmulator();
	const jammed = emulatorPrinters().find((p) => JAMMED.test(p.name))!;
	model.setScript(deleteScript);
	const run = await timed('execute delete (allowed)', () =>
		n8n.executeWorkflow(home.folder, 'aiAgentDelete002'),
	);
	expect(n8n.runOutcome(run)).toEqual({ code: 0, status: 'success' });
	expect(
		toolCalls(run, deletingAgent('aiAgentDelete002', true)).map((c) => [c.tool, c.error]),
	).toEqual([
		['Find Printers', undefined],
		['Delete Printer', undefined],
	]);
	expect(emu.requests.map((r) => r.operationId)).toEqual([
		'authenticateAdminApiUsingPOST',
		'getPrinters',
		'deletePrinter',
	]);
	expect(emu.state.printers.has(jammed.id)).toBe(false);
	expect(agentAnswer(run)).toBe('The jammed printer is deleted.');
});
