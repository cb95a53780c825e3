/**
 * Every workflow in examples/ runs headlessly in a real n8n against the emulator, with the package installed from
 * its `npm pack` tarball the way n8n installs community packages. Expectations: examples/<name>.expect.json
 * (format in tools/n8n/expectations.js). The n8n is the 2.41.1 pin, or the version in N8N_RUNTIME_VERSION:
 * scripts/n8n/compat.sh runs this file on each supported n8n line and writes the README's Compatibility table.
 *
 * Except the examples that start at a trigger node (found by node type, see eventTriggerOf): `n8n execute` can only
 * start a workflow at a Manual Trigger, so those are skipped here and run by test/e2e/trigger.e2e.test.ts, which
 * activates them in `n8n start` and sends them real events. The first test checks that each of them is named
 * there, so every example is exercised by some test. Likewise an example whose expectation says `runBy` (the AI
 * agent examples, which need the scripted chat model of test/e2e/agent.e2e.test.ts) runs in the test it names.
 */
import * as fs from 'fs';
import * as path from 'path';

import { startEmulator } from '../../tools/emulator';
import type { Emulator } from '../../tools/emulator';
import * as n8n from '../../tools/n8n/driver';
import { checkRun, eventTriggerOf, IIDAAS_TRIGGER_TYPE } from '../../tools/n8n/expectations';
import { seedPrintHistory } from '../../tools/n8n/seed';

const examples = n8n.loadExamples();
const TRIGGER_TEST = path.join(__dirname, 'trigger.e2e.test.ts');
const WEBHOOK_TEST = path.join(__dirname, 'mapper.browser.e2e.test.ts');
const WEBHOOK_TYPE = 'n8n-nodes-base.webhook';
const timings: string[] = [];
let home: ReturnType<typeof n8n.createUserFolder>;
let tarball: string;
let emu: Emulator;
let emulatorPort: number;

/** A fresh emulator (state as on start) on the same port, so the imported credential keeps working. */
async function freshEmulator(seed?: { jobsPerPrinter?: number }): Promise<Emulator> {
	if (emu) await emu.close();
	emu = await startEmulator({ port: emulatorPort });
	if (seed) await seedPrintHistory(emu, seed);
	emu.clearRequests();
	return emu;
}

function timed<T>(label: string, fn: () => T): T {
	const t = Date.now();
	const result = fn();
	timings.push(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
	return result;
}

async function timedAsync<T>(label: string, fn: () => Promise<T>): Promise<T> {
	const t = Date.now();
	const result = await fn();
	timings.push(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
	return result;
}

beforeAll(async () => {
	timed('runtime check/install', () => n8n.prepareRuntime());
	tarball = timed('build + npm pack', () => n8n.packPackage());
	home = timed('install into user folder', () => n8n.createUserFolder({ tarball }));
	emulatorPort = await n8n.freePort();
	await freshEmulator();
	await timedAsync('import credentials', () =>
		n8n.importCredential(home.folder, [
			n8n.emulatorCredential(emu),
			{
				...n8n.emulatorCredential(emu, { id: 'iidaasWrongSecret', name: 'IIDaaS Wrong Secret' }),
				data: { ...n8n.emulatorCredential(emu).data, sharedSecret: 'not-the-shared-secret' },
			},
		]),
	);
	if (examples.length)
		await timedAsync(`import ${examples.length} workflow(s)`, () =>
			n8n.importWorkflow(
				home.folder,
				examples.map((e) => e.workflow),
			),
		);
});

afterAll(async () => {
	if (emu) await emu.close();
	if (home && !process.env.KEEP_N8N_FOLDER)
		fs.rmSync(home.folder, { recursive: true, force: true });
	if (tarball && !process.env.E2E_TARBALL)
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	// eslint-disable-next-line no-console
	console.log(`e2e timings\n  ${timings.join('\n  ')}`);
});

test('examples/ holds workflows, each with an expectation file or run by the trigger test', () => {
	expect(examples.length).toBeGreaterThan(0);
	const triggerTest = fs.readFileSync(TRIGGER_TEST, 'utf8');
	const ids = new Set<string>();
	for (const example of examples) {
		const trigger = eventTriggerOf(example.workflow);
		if (trigger && trigger.type === WEBHOOK_TYPE) {
			// Started by n8n's Webhook node: the mapper browser test activates it and posts to it.
			expect({
				example: example.name,
				namedByWebhookTest: fs.readFileSync(WEBHOOK_TEST, 'utf8').includes(`'${example.name}'`),
			}).toEqual({ example: example.name, namedByWebhookTest: true });
		} else if (trigger) {
			// Trigger-started: its test is trigger.e2e.test.ts, which must name it (and handles only our trigger).
			expect({
				example: example.name,
				trigger: trigger.type,
				namedByTriggerTest: triggerTest.includes(`'${example.name}'`),
			}).toEqual({
				example: example.name,
				trigger: IIDAAS_TRIGGER_TYPE,
				namedByTriggerTest: true,
			});
		} else {
			expect({ example: example.name, hasExpectFile: example.expect !== null }).toEqual({
				example: example.name,
				hasExpectFile: true,
			});
			if (example.expect?.runBy) {
				// Run by the test its expectation names (see headlessExamples), which must exist and name it.
				const runner = path.join(n8n.REPO, example.expect.runBy);
				const named =
					fs.existsSync(runner) && fs.readFileSync(runner, 'utf8').includes(`'${example.name}'`);
				expect({ example: example.name, runBy: example.expect.runBy, named }).toEqual({
					example: example.name,
					runBy: example.expect.runBy,
					named: true,
				});
			}
		}
		expect(typeof example.workflow.id).toBe('string');
		expect(ids.has(example.workflow.id)).toBe(false);
		ids.add(example.workflow.id);
	}
});

// `n8n execute` cannot start a workflow at a trigger: test/e2e/trigger.e2e.test.ts runs those examples (activated in
// `n8n start`, real signed events from the emulator), and the first test checks that it names each of them.
// Examples whose expectation names another test in `runBy` run there: ai-agent-*.json needs the scripted chat model
// that test/e2e/agent.e2e.test.ts starts (tools/openai-script). The first test checks that test names them.
const headlessExamples = examples.filter(
	(example) => !eventTriggerOf(example.workflow) && !example.expect?.runBy,
);

describe.each(headlessExamples.map((e) => [e.name, e] as const))('example %s', (name, example) => {
	test('runs in n8n and produces the expected output', async () => {
		if (!example.expect) throw new Error(`examples/${name}.expect.json is missing`);
		await freshEmulator(example.expect.seed);
		const run = await timedAsync(`execute ${name}`, () =>
			n8n.executeWorkflow(home.folder, example.workflow.id),
		);
		const failures = checkRun({
			run,
			workflow: example.workflow,
			expect: example.expect,
			emulator: emu,
		});
		expect(failures).toEqual([]);
	});
});

test('a wrong shared secret fails the execution with the credential hint (the harness sees failures)', async () => {
	await freshEmulator();
	const workflow = {
		id: 'e2eWrongSecret01',
		name: 'e2e: wrong secret',
		nodes: [
			{
				parameters: {},
				id: 'w1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
			},
			{
				parameters: { resource: 'printer', operation: 'getAll', returnAll: true },
				id: 'w2',
				name: 'Get Printers',
				type: 'n8n-nodes-entrust-iidaas.entrustIidaas',
				typeVersion: 1,
				position: [200, 0],
				credentials: { entrustIidaasApi: { id: 'iidaasWrongSecret', name: 'IIDaaS Wrong Secret' } },
			},
		],
		connections: { Start: { main: [[{ node: 'Get Printers', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
	await n8n.importWorkflow(home.folder, workflow);
	const run = await timedAsync('execute wrong-secret workflow', () =>
		n8n.executeWorkflow(home.folder, workflow.id),
	);
	expect(run.code).toBe(1);
	expect(run.status).toBe('error');
	const nodeError = run.runData['Get Printers']?.[0]?.error as
		{ message?: string; description?: string } | undefined;
	expect(nodeError).toBeTruthy();
	expect(`${nodeError?.message} ${nodeError?.description}`).toMatch(/shared secret/i);
	expect(JSON.stringify(run.output)).not.toContain('not-the-shared-secret');
	expect(emu.count('authenticateAdminApiUsingPOST')).toBe(1);
	expect(emu.count('getPrinters')).toBe(0);
	// The same run checked against a success expectation must produce failures.
	const failures = checkRun({
		run,
		workflow,
		expect: { status: 'success', nodes: { 'Get Printers': { items: 4 } } },
		emulator: emu,
	});
	expect(failures.length).toBeGreaterThanOrEqual(3);
});
