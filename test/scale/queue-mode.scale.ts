/**
 * The package in n8n's queue mode: PostgreSQL, Redis, a main instance and two `n8n worker` processes on loopback,
 * the package installed from its `npm pack` tarball as a community package, the emulator at 50 ms latency.
 *
 * 1. Ten executions of the HR-onboarding flow (100 hires each) at once through the queue with ONE worker, timed.
 * 2. The same with TWO workers, timed and checked: every execution succeeds; 1,000 enrollments and 1,000 prints
 *    reached the emulator, none twice; each execution signed in exactly once per IIDaaS node it ran (see below);
 *    both workers ran executions.
 * 3. The trigger: an active workflow with the Entrust IIDaaS Trigger receives a signed delivery from the emulator
 *    and the execution runs on a worker; an unsigned one is refused.
 * 4. No IIDaaS token and no shared secret anywhere in n8n's database (pg_dump --data-only).
 *
 * Run: `npm run test:scale` (installs Debian's postgresql/redis-server if missing, and the n8n runtime).
 * Env: SCALE_EXECUTIONS (10), SCALE_HIRES (100), SCALE_LATENCY_MS (50), SCALE_WORKER_CONCURRENCY (5),
 *      SCALE_RESULTS=<file> writes the figures as JSON, KEEP_N8N_FOLDER=1 keeps the user folder and logs.
 */
import * as fs from 'fs';
import { performance } from 'perf_hooks';

import { startEmulator } from '../../tools/emulator';
import type { Emulator } from '../../tools/emulator';
import * as delivery from '../../tools/emulator/webhookDelivery';
import * as n8n from '../../tools/n8n/driver';
import { queueEnv, restClient, startWorker } from './queue';
import { startPostgres, startRedis } from './services';
import { hrOnboarding, printTrigger } from './workflows';

const EXECUTIONS = Number(process.env.SCALE_EXECUTIONS || 10);
const HIRES = Number(process.env.SCALE_HIRES || 100);
const LATENCY_MS = Number(process.env.SCALE_LATENCY_MS || 50);
const CONCURRENCY = Number(process.env.SCALE_WORKER_CONCURRENCY || 5);
const OWNER = {
	email: 'owner@scale.test',
	firstName: 'Scale',
	lastName: 'Test',
	password: 'Scale-Test-Passw0rd',
};
const AUTH_OP = 'authenticateAdminApiUsingPOST';
const CREATE_OP = 'createEnrollmentsV2';
const PRINT_OP = 'singleEnrollmentPrintV2';

type Pg = Awaited<ReturnType<typeof startPostgres>>;
type Redis = Awaited<ReturnType<typeof startRedis>>;
type Worker = Awaited<ReturnType<typeof startWorker>>;
type Main = Awaited<ReturnType<typeof n8n.startN8n>>;
type Rest = Awaited<ReturnType<typeof restClient>>;

interface RunResult {
	label: string;
	workers: number;
	wallMs: number;
	executionIds: string[];
	statuses: Record<string, string>;
	answers: Array<{
		status: number;
		body: { batch?: number; enrolled?: number; printed?: number; printJobIds?: string[] };
	}>;
	byWorker: Record<string, string[]>;
	runTag: string;
	authCount: number;
	createCount: number;
	printCount: number;
	tokensIssued: number;
}

/** createUserFolder's options, which its JS defaults do not declare. */
const createUserFolder = n8n.createUserFolder as unknown as (options: {
	tarball: string;
}) => ReturnType<typeof n8n.createUserFolder>;
const hrWorkflow = hrOnboarding();
/** The IIDaaS nodes of one execution share one session: exactly one sign-in per execution. */
const SIGN_INS_PER_EXECUTION = 1;
const triggerWorkflow = printTrigger();
let home: ReturnType<typeof n8n.createUserFolder>;
let pg: Pg | undefined;
let redis: Redis | undefined;
let main: Main | undefined;
let rest: Rest;
let emu: Emulator | undefined;
let emulatorPort: number;
const workers: Worker[] = [];
const issuedTokens = new Set<string>();
const runs: RunResult[] = [];
const timings: string[] = [];
let sharedSecret = '';

/** A fresh emulator on the same port (the imported credential keeps working); remembers the old one's tokens. */
async function freshEmulator(): Promise<Emulator> {
	if (emu) {
		await delivery.settle((emu as unknown as { ctx: object }).ctx);
		for (const token of emu.issuedTokens()) issuedTokens.add(token);
		await emu.close();
	}
	emu = await startEmulator({ port: emulatorPort, latencyMs: LATENCY_MS });
	sharedSecret = emu.credentials.sharedSecret;
	return emu;
}

function maxExecutionId(): number {
	const rows = pg!.query('SELECT COALESCE(MAX(id), 0) FROM execution_entity');
	return Number(rows[0][0]);
}

function executionsSince(workflowId: string, afterId: number): Record<string, string> {
	const rows = pg!.query(
		`SELECT id, status FROM execution_entity WHERE "workflowId" = '${workflowId}' AND id > ${afterId} ORDER BY id`,
	);
	return Object.fromEntries(rows.map(([id, status]) => [id, status]));
}

async function waitUntil(what: string, check: () => boolean, timeoutMs = 60000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await n8n.sleep(250);
	}
}

/** EXECUTIONS webhook calls at once; resolves the answers once every execution has finished. */
async function postBatch(
	emulator: Emulator,
	runTag: string,
	hires: number,
): Promise<RunResult['answers']> {
	const printerId = [
		...(emulator.state.printers as Map<string, { id: string; name: string }>).values(),
	].find((p) => p.name === 'Front Desk Printer')!.id;
	return await Promise.all(
		Array.from({ length: EXECUTIONS }, async (_, batch) => {
			const res = await fetch(`${main!.url}/webhook/scale-hr-onboarding`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ batch, hires, printerId, runTag }),
				signal: AbortSignal.timeout(15 * 60 * 1000),
			});
			const text = await res.text();
			let body = {};
			try {
				body = JSON.parse(text);
			} catch {
				body = { raw: text.slice(0, 300) };
			}
			return { status: res.status, body };
		}),
	);
}

/**
 * A small untimed round first (one hire per execution), so that the timed run does not include loading the
 * package's node types, the task runner's first Code node and cold database caches in whichever worker is new.
 */
async function warmUp(label: string): Promise<void> {
	const emulator = await freshEmulator();
	const started = performance.now();
	const answers = await postBatch(emulator, `warm${Date.now().toString(36)}`, 1);
	timings.push(
		`warm-up before "${label}" (${EXECUTIONS} × 1 hire): ${((performance.now() - started) / 1000).toFixed(1)} s, answers ${[...new Set(answers.map((a) => a.status))].join(',')}`,
	);
}

/** Mean and longest execution time (n8n's startedAt → stoppedAt) of these executions, in seconds. */
function executionSeconds(ids: string[]): { mean: number; max: number } {
	if (ids.length === 0) return { mean: 0, max: 0 };
	const rows = pg!.query(
		`SELECT EXTRACT(EPOCH FROM ("stoppedAt" - "startedAt")) FROM execution_entity WHERE id IN (${ids.join(',')})`,
	);
	const seconds = rows.map(([s]) => Number(s));
	return {
		mean: Number((seconds.reduce((a, b) => a + b, 0) / seconds.length).toFixed(2)),
		max: Number(Math.max(...seconds).toFixed(2)),
	};
}

/** The HR-onboarding batch: EXECUTIONS webhook calls at once, each answered when its execution has finished. */
async function runBatch(label: string): Promise<RunResult> {
	await warmUp(label);
	const emulator = await freshEmulator();
	const runTag = label.replace(/[^a-z0-9]/gi, '').slice(0, 8) + Date.now().toString(36);
	const before = maxExecutionId();
	const started = performance.now();
	const answers = await postBatch(emulator, runTag, HIRES);
	const wallMs = performance.now() - started;
	// The webhook answers when the worker reports the result; the execution row is final a moment later.
	let statuses: Record<string, string> = {};
	await waitUntil('execution statuses', () => {
		statuses = executionsSince(hrWorkflow.id, before);
		return (
			Object.keys(statuses).length >= EXECUTIONS &&
			Object.values(statuses).every((s) => !['new', 'running', 'waiting'].includes(s))
		);
	}).catch(() => undefined);
	const executionIds = Object.keys(statuses);
	await waitUntil('worker logs', () =>
		executionIds.every((id) => workers.some((w) => w.finished().includes(id))),
	).catch(() => undefined);
	const byWorker = Object.fromEntries(
		workers.map((w) => [w.name, w.executions().filter((id) => executionIds.includes(id))]),
	);
	const result: RunResult = {
		label,
		workers: workers.length,
		wallMs,
		executionIds,
		statuses,
		answers: answers as RunResult['answers'],
		byWorker,
		runTag,
		authCount: emulator.processedCount(AUTH_OP),
		createCount: emulator.processedCount(CREATE_OP),
		printCount: emulator.processedCount(PRINT_OP),
		tokensIssued: emulator.issuedTokens().length,
	};
	runs.push(result);
	return result;
}

/** Assertions every batch must pass, whatever the number of workers. */
function expectBatchSucceeded(run: RunResult): void {
	expect(run.answers.map((a) => a.status)).toEqual(Array(EXECUTIONS).fill(200));
	expect(run.answers.map((a) => a.body.batch).sort((a, b) => Number(a) - Number(b))).toEqual(
		Array.from({ length: EXECUTIONS }, (_, i) => i),
	);
	for (const answer of run.answers)
		expect({ enrolled: answer.body.enrolled, printed: answer.body.printed }).toEqual({
			enrolled: HIRES,
			printed: HIRES,
		});
	expect(run.executionIds).toHaveLength(EXECUTIONS);
	expect(Object.values(run.statuses)).toEqual(Array(EXECUTIONS).fill('success'));
	// Every execution ran on a worker, exactly once.
	const ranOn = Object.values(run.byWorker).flat().sort();
	expect(ranOn).toEqual([...run.executionIds].sort());
}

beforeAll(async () => {
	const t = (label: string, started: number) =>
		timings.push(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
	let s = performance.now();
	n8n.prepareRuntime();
	t('runtime check/install', s);
	s = performance.now();
	const tarball = n8n.packPackage();
	home = createUserFolder({ tarball });
	t('build + pack + install package', s);

	s = performance.now();
	[pg, redis] = await Promise.all([startPostgres(), startRedis()]);
	t('start PostgreSQL + Redis', s);
	emulatorPort = await n8n.freePort();
	await freshEmulator();

	const env = queueEnv({ pg, redis });
	s = performance.now();
	const cliEnv = await n8n.n8nEnv(home.folder, env);
	await n8n.importCredential(home.folder, n8n.emulatorCredential(emu!), { env: cliEnv });
	await n8n.importWorkflow(home.folder, [hrWorkflow, triggerWorkflow], { env: cliEnv });
	t('import credential + workflows into PostgreSQL', s);

	s = performance.now();
	main = await n8n.startN8n(home.folder, { env });
	rest = await restClient(main, OWNER);
	await rest.activate(hrWorkflow.id);
	workers.push(
		await startWorker(home.folder, { env, name: 'worker-a', concurrency: CONCURRENCY, main }),
	);
	t('start main + worker-a, activate workflow', s);
});

afterAll(async () => {
	// Figures first: they read execution times from PostgreSQL, which is stopped below.
	let figures: unknown[] = [];
	try {
		figures = runs.map((r) => ({
			run: r.label,
			workers: r.workers,
			concurrencyPerWorker: CONCURRENCY,
			executions: EXECUTIONS,
			hiresPerExecution: HIRES,
			latencyMs: LATENCY_MS,
			wallSeconds: Number((r.wallMs / 1000).toFixed(1)),
			executionSeconds: executionSeconds(r.executionIds),
			executionsPerWorker: Object.fromEntries(
				Object.entries(r.byWorker).map(([name, ids]) => [name, ids.length]),
			),
			requests: {
				authenticate: r.authCount,
				createEnrollments: r.createCount,
				prints: r.printCount,
			},
		}));
		if (process.env.SCALE_RESULTS)
			fs.writeFileSync(
				process.env.SCALE_RESULTS,
				`${JSON.stringify({ at: new Date().toISOString(), figures }, null, 2)}\n`,
			);
	} catch (error) {
		figures = [`figures unavailable: ${(error as Error).message}`];
	}

	// Stop everything we started, also after a failure: workers, main, emulator, Redis, PostgreSQL.
	const stops: Array<Promise<unknown>> = workers.map((w) => w.stop());
	if (main) stops.push(main.stop());
	await Promise.allSettled(stops);
	if (emu) await emu.close();
	await Promise.allSettled([pg?.stop(), redis?.stop()]);
	if (home && !process.env.KEEP_N8N_FOLDER)
		fs.rmSync(home.folder, { recursive: true, force: true });
	console.log(
		`queue-mode timings\n  ${timings.join('\n  ')}\nfigures\n${JSON.stringify(figures, null, 2)}`,
	);
});

test(`${EXECUTIONS} × ${HIRES} hires through the queue with one worker`, async () => {
	const run = await runBatch('one worker');
	expectBatchSucceeded(run);
	expect(run.byWorker['worker-a']).toHaveLength(EXECUTIONS);
	expect(run.printCount).toBe(EXECUTIONS * HIRES);
});

test(`${EXECUTIONS} × ${HIRES} hires through the queue with two workers: all succeed, nothing twice, one sign-in per execution`, async () => {
	const s = performance.now();
	workers.push(
		await startWorker(home.folder, {
			env: queueEnv({ pg: pg!, redis: redis! }),
			name: 'worker-b',
			concurrency: CONCURRENCY,
			main,
		}),
	);
	timings.push(`start worker-b: ${((performance.now() - s) / 1000).toFixed(1)} s`);
	const run = await runBatch('two workers');
	expectBatchSucceeded(run);

	// Spread over both workers.
	expect(run.byWorker['worker-a'].length).toBeGreaterThan(0);
	expect(run.byWorker['worker-b'].length).toBeGreaterThan(0);

	const state = emu!.state as unknown as {
		enrollments: Map<string, { designName: string; values: Record<string, string> }>;
		printJobs: Map<string, { source: string; identifierValue?: string }>;
	};
	const expectedIds = Array.from({ length: EXECUTIONS }, (_, b) =>
		Array.from(
			{ length: HIRES },
			(__, n) => `E-${run.runTag}-${b}-${String(n + 1).padStart(3, '0')}`,
		),
	)
		.flat()
		.sort();

	// 1,000 enrollments reached the emulator, each hire once.
	const enrolled = [...state.enrollments.values()].filter(
		(e) =>
			e.designName === 'Employee Badge' &&
			String(e.values['Employee ID']).startsWith(`E-${run.runTag}-`),
	);
	expect(enrolled.map((e) => e.values['Employee ID']).sort()).toEqual(expectedIds);
	expect(run.createCount).toBe(EXECUTIONS * Math.ceil(HIRES / 50)); // batches of 50, no request resent
	expect(emu!.count(CREATE_OP)).toBe(run.createCount);

	// 1,000 prints, one per hire, none twice.
	const printed = [...state.printJobs.values()]
		.filter((j) => j.source === 'ENROLLMENT')
		.map((j) => String(j.identifierValue));
	expect(printed.sort()).toEqual(expectedIds);
	expect(run.printCount).toBe(EXECUTIONS * HIRES);
	expect(emu!.count(PRINT_OP)).toBe(EXECUTIONS * HIRES);
	const jobIds = run.answers.flatMap((a) => a.body.printJobIds ?? []);
	expect(new Set(jobIds).size).toBe(EXECUTIONS * HIRES);

	// Sign-ins: the node's client keeps its token for one node run, so an execution signs in once per IIDaaS node
	// it runs (here Create Enrollments and Print Badges), never per item or per request. Every node run needs one,
	// so this total means exactly one each: 2 per execution, not 200 (one per print) and no re-authentication.
	expect(run.authCount).toBe(EXECUTIONS * SIGN_INS_PER_EXECUTION);
	expect(emu!.count(AUTH_OP)).toBe(EXECUTIONS * SIGN_INS_PER_EXECUTION);
	expect(run.tokensIssued).toBe(EXECUTIONS * SIGN_INS_PER_EXECUTION);
	expect(emu!.requests.filter((r) => r.status === 401)).toHaveLength(0);
});

test('the trigger in queue mode: a signed delivery starts an execution that runs on a worker', async () => {
	const emulator = await freshEmulator();
	const ctx = (emulator as unknown as { ctx: Parameters<typeof delivery.emitEvent>[0] }).ctx;
	await rest.activate(triggerWorkflow.id);
	// The activation answer can come before n8n has registered the trigger's webhook at IIDaaS.
	await waitUntil('the webhook registration', () => delivery.webhooksOf(ctx).size > 0, 30000).catch(
		() => undefined,
	);
	const registered = [...delivery.webhooksOf(ctx).values()] as Array<{
		id: string;
		callbackUrl: string;
		_token: string;
	}>;
	// On failure: what the main instance sent the emulator while activating.
	expect({
		registered: registered.length,
		requests: emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`),
	}).toMatchObject({ registered: 1 });
	expect(registered[0].callbackUrl.startsWith(`${main!.url}/webhook/`)).toBe(true);

	const before = maxExecutionId();
	// Unsigned: refused by the trigger on the main instance, nothing queued.
	const forged = await delivery.sendDelivery({
		url: registered[0].callbackUrl,
		token: registered[0]._token,
		event: delivery.buildEvent(ctx, 'credential.print', {}),
		unsigned: true,
	});
	expect(forged.status).toBe(401);

	const records = await delivery.emitEvent(ctx, 'credential.print', {
		printJobId: 'queue-mode-check',
		enrollmentDesignName: 'Employee Badge',
	});
	expect(records.map((r: { status: number }) => r.status)).toEqual([200]);

	let statuses: Record<string, string> = {};
	await waitUntil('the trigger execution', () => {
		statuses = executionsSince(triggerWorkflow.id, before);
		return (
			Object.keys(statuses).length >= 1 &&
			Object.values(statuses).every((s) => s === 'success' || s === 'error' || s === 'crashed')
		);
	});
	expect(Object.values(statuses)).toEqual(['success']);
	const [executionId] = Object.keys(statuses);
	await waitUntil('worker log', () => workers.some((w) => w.finished().includes(executionId)));
	const ranOn = workers.filter((w) => w.executions().includes(executionId)).map((w) => w.name);
	expect(ranOn).toHaveLength(1);

	// The event reached the workflow's output.
	const data = pg!.query(
		`SELECT data FROM execution_data WHERE "executionId" = ${executionId}`,
	)[0][0];
	expect(data).toContain('queue-mode-check');

	await rest.deactivate(triggerWorkflow.id);
	// Deactivation removes the webhook at IIDaaS.
	await waitUntil('the webhook removal', () => delivery.webhooksOf(ctx).size === 0, 30000).catch(
		() => undefined,
	);
	expect(delivery.webhooksOf(ctx).size).toBe(0);
});

test('no IIDaaS token and no shared secret in n8n’s database', async () => {
	for (const token of emu!.issuedTokens()) issuedTokens.add(token);
	expect(issuedTokens.size).toBeGreaterThanOrEqual(2 * EXECUTIONS);
	const dump = pg!.dump();
	expect(dump.length).toBeGreaterThan(10000); // the dump really holds the executions
	expect(dump).toContain(runs[runs.length - 1].runTag); // ... including the last run's data
	const leaked = [...issuedTokens].filter((token) => dump.includes(token));
	expect(leaked).toHaveLength(0);
	expect(sharedSecret.length).toBeGreaterThan(8);
	expect(dump.includes(sharedSecret)).toBe(false);
});
