/**
 * The Entrust IIDaaS Trigger in a real n8n (`n8n start`, main mode; queue mode is covered by
 * test/scale/queue-mode.scale.ts), with the package installed from its `npm pack` tarball the way n8n installs
 * community packages, running examples/pre-print-approval.json against the emulator with pre-print hold on:
 *
 * - activating the workflow through n8n's REST API registers a webhook at IIDaaS (the trigger's create());
 * - printing an enrollment makes the emulator send a signed credential.print event: n8n runs the workflow, which
 *   approves the job and resumes it at IIDaaS, or keeps it on hold when the rule says no;
 * - forged deliveries (body changed after signing, unsigned, signed with another token, 14 KiB of repeated covered
 *   components) are answered 401 and start no execution;
 * - a genuine delivery received twice starts one execution; the repeat is answered 200 (replay record);
 * - deactivating removes the webhook at IIDaaS.
 *
 * This is the test that runs the trigger-started example: examples.e2e.test.ts can't (`n8n execute` needs a
 * manual start) and skips it.
 */
import * as fs from 'fs';
import * as path from 'path';

import { startEmulator } from '../../tools/emulator';
import type { Emulator } from '../../tools/emulator';
import * as delivery from '../../tools/emulator/webhookDelivery';
import * as n8n from '../../tools/n8n/driver';

const EXAMPLE = 'pre-print-approval';
const TRIGGER_NODE = 'Card Sent to Print';
const OWNER = {
	email: 'trigger-e2e@example.com',
	firstName: 'Trigger',
	lastName: 'Test',
	password: 'Trigger-Passw0rd',
};
const API = '/api/web';
const FINAL_EXECUTION_STATUSES = ['success', 'error', 'crashed', 'canceled'];

interface Execution {
	id: string;
	status: string;
	mode: string;
	workflowId: string;
}
interface RegisteredWebhook {
	id: string;
	name: string;
	callbackUrl: string;
	events: Array<{ type: string }>;
	_token: string;
}

const example = n8n.loadExamples().find((e) => e.name === EXAMPLE);
const timings: string[] = [];
let home: ReturnType<typeof n8n.createUserFolder> | undefined;
let tarball: string | undefined;
let emu: Emulator;
let server: Awaited<ReturnType<typeof n8n.startN8n>> | undefined;
let cookie = '';

/* ------------------------------------------------------------------ helpers */

async function timed<T>(label: string, fn: () => T | Promise<T>): Promise<T> {
	const t = Date.now();
	const result = await fn();
	timings.push(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
	return result;
}

async function waitUntil(
	what: string,
	check: () => boolean | Promise<boolean>,
	timeoutMs = 60000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await n8n.sleep(250);
	}
}

/** n8n's internal REST API as the owner; answers its `data`. */
async function rest<T = unknown>(method: string, pathname: string, body?: unknown): Promise<T> {
	return (await n8n.restClient(server!.url, cookie)(method, pathname, body)) as T;
}

async function executions(): Promise<Execution[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: example!.workflow.id }));
	const data = await rest<{ results: Execution[] }>(
		'GET',
		`/executions?filter=${filter}&limit=100`,
	);
	return data.results;
}

/** Waits until `count` executions exist and all have finished; resolves them, newest first. */
async function finishedExecutions(count: number): Promise<Execution[]> {
	let list: Execution[] = [];
	await waitUntil(`${count} finished execution(s)`, async () => {
		list = await executions();
		return list.length >= count && list.every((e) => FINAL_EXECUTION_STATUSES.includes(e.status));
	});
	return list;
}

function webhooks(): RegisteredWebhook[] {
	return [...delivery.webhooksOf(emu.ctx).values()] as RegisteredWebhook[];
}

/** A client of the emulator's public API (what the IIDaaS portal or another system would do). */
async function iidaas<T = any>(method: string, pathname: string, body?: unknown): Promise<T> {
	const auth = await fetch(`${emu.url}${API}/v1/adminapi/authenticate`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(emu.credentials),
	});
	const { authToken } = (await auth.json()) as { authToken: string };
	const res = await fetch(`${emu.url}${API}${pathname}`, {
		method,
		headers: { authorization: authToken, ...(body ? { 'content-type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await res.text();
	if (!res.ok)
		throw new Error(`${method} ${pathname} answered ${res.status}: ${text.slice(0, 300)}`);
	return (text ? JSON.parse(text) : null) as T;
}

function printerId(name: string): string {
	const printer = [...emu.state.printers.values()].find((p) => p.name === name);
	if (!printer) throw new Error(`no printer "${name}" in the emulator`);
	return printer.id as string;
}

/** Prints a seeded Employee Badge enrollment; with pre-print hold on the job waits in AWAITING_PRINT. */
async function printBadge(employeeId: string, printerName: string): Promise<string> {
	const { printJobId } = await iidaas<{ printJobId: string }>('POST', '/v2/print/single', {
		enrollmentDesignName: 'Employee Badge',
		primaryKey: employeeId,
		printerId: printerId(printerName),
		hopper: 1,
	});
	return printJobId;
}

function job(id: string): Record<string, any> {
	return emu.state.printJobs.get(id) as Record<string, any>;
}

/* ------------------------------------------------------------------ setup */

beforeAll(async () => {
	if (!example) throw new Error(`examples/${EXAMPLE}.json is missing`);
	await timed('runtime check/install', () => n8n.prepareRuntime());
	tarball = await timed('build + npm pack', () => n8n.packPackage());
	home = await timed('install into user folder', () => n8n.createUserFolder({ tarball: tarball! }));
	emu = await startEmulator({ port: await n8n.freePort() });
	emu.setPrePrintHold(true);
	await timed('import credential and workflow', async () => {
		await n8n.importCredential(home!.folder, n8n.emulatorCredential(emu));
		await n8n.importWorkflow(home!.folder, example.workflow);
	});
	server = await timed('n8n start', () => n8n.startN8n(home!.folder));
	const owner = await n8n.setupOwner(server.url, OWNER);
	if (!owner.cookie) throw new Error('owner setup gave no n8n-auth cookie');
	cookie = owner.cookie;
});

afterAll(async () => {
	if (server) await server.stop();
	if (emu) {
		await delivery.settle(emu.ctx);
		await emu.close();
	}
	if (home && !process.env.KEEP_N8N_FOLDER)
		fs.rmSync(home.folder, { recursive: true, force: true });
	if (tarball && !process.env.E2E_TARBALL)
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	console.log(`trigger e2e timings\n  ${timings.join('\n  ')}`);
});

/* ------------------------------------------------------------------ tests */

test('the example starts with the Entrust IIDaaS Trigger on credential.print and resumes the event’s job', () => {
	const nodes = example!.workflow.nodes as Array<{
		name: string;
		type: string;
		webhookId?: string;
		parameters: Record<string, any>;
	}>;
	const trigger = nodes.find((n) => n.name === TRIGGER_NODE)!;
	expect(trigger.type).toBe('n8n-nodes-entrust-iidaas.entrustIidaasTrigger');
	expect(trigger.parameters).toMatchObject({ events: ['credential.print'], verifySignature: true });
	expect(typeof trigger.webhookId).toBe('string');
	expect(nodes.find((n) => n.name === 'Resume Print Job')!.parameters.resumePrintJobId).toBe(
		'={{ $json.data.printJobId }}',
	);
});

test('activating the workflow registers its webhook at IIDaaS', async () => {
	expect(webhooks()).toHaveLength(0);
	const workflow = await rest<{ versionId: string }>('GET', `/workflows/${example!.workflow.id}`);
	await timed('activate', () =>
		rest('POST', `/workflows/${example!.workflow.id}/activate`, { versionId: workflow.versionId }),
	);
	// The activation answer can come before n8n has registered the trigger's webhook.
	await waitUntil('the webhook registration', () => webhooks().length > 0, 30000).catch(
		() => undefined,
	);
	// On failure: what n8n sent the emulator while activating.
	expect({
		registered: webhooks().length,
		requests: emu.requests.map((r) => `${r.method} ${r.path} ${r.status}`),
	}).toMatchObject({ registered: 1 });
	const [webhook] = webhooks();
	const node = (example!.workflow.nodes as Array<{ name: string; webhookId?: string }>).find(
		(n) => n.name === TRIGGER_NODE,
	)!;
	expect(webhook.callbackUrl).toBe(`${server!.url}/webhook/${node.webhookId}/webhook`);
	expect(webhook.events.map((e) => e.type)).toEqual(['credential.print']);
	expect(webhook.name).toContain(example!.workflow.name);
	expect(webhook.name).not.toContain('(test)');
	expect(emu.processedCount('createWebhookUsingPOST')).toBe(1);
	expect(await executions()).toHaveLength(0);
});

test('a held Employee Badge print is approved: n8n runs the workflow and the job is resumed at IIDaaS', async () => {
	emu.clearRequests();
	const printJobId = await printBadge('E-1001', 'Badge Office Printer');
	expect(job(printJobId).status).toBe('AWAITING_PRINT');
	await delivery.settle(emu.ctx);
	const records = emu.ctx.state.webhookDeliveries as Array<{ type: string; status: number }>;
	expect(records.filter((r) => r.type === 'credential.print').map((r) => r.status)).toEqual([200]);

	const [execution] = await timed('approved event → finished execution', () =>
		finishedExecutions(1),
	);
	expect(execution).toMatchObject({
		workflowId: example!.workflow.id,
		mode: 'webhook',
		status: 'success',
	});
	expect(emu.processedCount('resumePrintJob')).toBe(1);
	expect(job(printJobId).status).not.toBe('AWAITING_PRINT');
	expect(job(printJobId).status).toBe('QUEUED');
	// The execution saw this job's event.
	expect(JSON.stringify(await rest('GET', `/executions/${execution.id}`))).toContain(printJobId);
	// One sign-in for the execution's IIDaaS node.
	expect(emu.count('authenticateAdminApiUsingPOST')).toBe(2); // 1 by this test's own API client + 1 by n8n
});

test('a held print on the jammed printer is not approved: the execution succeeds and the job stays on hold', async () => {
	const printJobId = await printBadge('E-1002', 'Jammed Printer - QA Lab');
	await delivery.settle(emu.ctx);
	const list = await timed('rejected event → finished execution', () => finishedExecutions(2));
	expect(list.map((e) => e.status)).toEqual(['success', 'success']);
	expect(JSON.stringify(await rest('GET', `/executions/${list[0].id}`))).toContain(printJobId);
	expect(emu.processedCount('resumePrintJob')).toBe(1);
	expect(job(printJobId).status).toBe('AWAITING_PRINT');
});

test('forged deliveries to the production webhook URL are answered 401 and start no execution', async () => {
	const [webhook] = webhooks();
	const held = [...emu.state.printJobs.values()].find((j) => j.status === 'AWAITING_PRINT')!;
	// An event the rule would approve, for the job still on hold: accepted, it would resume the job.
	const event = delivery.buildEvent(emu.ctx, 'credential.print', {
		printJobId: held.id,
		printerName: 'Front Desk Printer',
		enrollmentDesignName: 'Employee Badge',
		status: 'AWAITING_PRINT',
	});
	const before = (await executions()).length;
	const answers = {
		tampered: (
			await delivery.sendDelivery({
				url: webhook.callbackUrl,
				token: webhook._token,
				event,
				tamper: true,
			})
		).status,
		unsigned: (
			await delivery.sendDelivery({
				url: webhook.callbackUrl,
				token: webhook._token,
				event,
				unsigned: true,
			})
		).status,
		wrongToken: (
			await delivery.sendDelivery({
				url: webhook.callbackUrl,
				token: webhook._token,
				event,
				wrongToken: true,
			})
		).status,
		replayed: (
			await delivery.sendDelivery({
				url: webhook.callbackUrl,
				token: webhook._token,
				event,
				replayOld: true,
			})
		).status,
		// The review's attack: about 14 KiB of repeated covered components (refused before parsing, see signatureCost.test.ts).
		repeatedComponents: (
			await delivery.sendDelivery({
				url: webhook.callbackUrl,
				token: webhook._token,
				event,
				extraHeaders: {
					'Signature-Input': `sig=("@method" "@target-uri" ${'"content-digest" '.repeat(820)});alg="hmac-sha256"`,
				},
			})
		).status,
	};
	expect(answers).toEqual({
		tampered: 401,
		unsigned: 401,
		wrongToken: 401,
		replayed: 401,
		repeatedComponents: 401,
	});
	// Refused by the trigger's signature check (it logs each one), not by something in front of it.
	await waitUntil(
		'the rejections in n8n’s log',
		() =>
			(
				fs
					.readFileSync(server!.logFile, 'utf8')
					.match(/Entrust IIDaaS Trigger rejected a delivery/g) ?? []
			).length >= 5,
		10000,
	);
	// Executions are saved when they start: give n8n time to show one if it had started any.
	await n8n.sleep(2000);
	expect(await executions()).toHaveLength(before);
	expect(emu.processedCount('resumePrintJob')).toBe(1);
	expect(job(held.id).status).toBe('AWAITING_PRINT');
});

test('a genuine delivery received twice starts one execution; the repeat is answered 200 and starts none', async () => {
	const [webhook] = webhooks();
	const held = [...emu.state.printJobs.values()].find((j) => j.status === 'AWAITING_PRINT')!;
	// For the jammed printer: the rule does not approve it, so the run leaves the job on hold.
	const event = delivery.buildEvent(emu.ctx, 'credential.print', {
		printJobId: held.id,
		printerName: 'Jammed Printer - QA Lab',
		status: 'AWAITING_PRINT',
	});
	const body = JSON.stringify(event);
	const headers = delivery.signHeaders({
		url: webhook.callbackUrl,
		token: webhook._token,
		body,
		keyid: webhook.id,
	});
	const send = async () => {
		const res = await fetch(webhook.callbackUrl, { method: 'POST', headers, body });
		return { status: res.status, body: await res.text() };
	};
	const before = (await executions()).length;
	const first = await send();
	const repeat = await send();
	expect(first.status).toBe(200);
	expect({ status: repeat.status, body: JSON.parse(repeat.body) }).toEqual({
		status: 200,
		body: { received: true, duplicate: true },
	});
	await waitUntil(
		'the repeat in n8n’s log',
		() =>
			fs
				.readFileSync(server!.logFile, 'utf8')
				.includes('Entrust IIDaaS Trigger ignored a repeated delivery'),
		10000,
	);
	const list = await timed('delivery → finished execution', () => finishedExecutions(before + 1));
	// Executions are saved when they start: give n8n time to show a second one if it had started one.
	await n8n.sleep(2000);
	expect(await executions()).toHaveLength(before + 1);
	expect(list[0].status).toBe('success');
	expect(job(held.id).status).toBe('AWAITING_PRINT');
});

test('deactivating the workflow removes its webhook at IIDaaS', async () => {
	const [webhook] = webhooks();
	await timed('deactivate', () =>
		rest('POST', `/workflows/${example!.workflow.id}/deactivate`, {}),
	);
	await waitUntil('the webhook removal', () => webhooks().length === 0, 30000).catch(
		() => undefined,
	);
	expect(webhooks()).toHaveLength(0);
	expect(emu.processedCount('deleteWebhookUsingDELETE')).toBe(1);
	// n8n no longer listens there: even a correctly signed delivery starts nothing.
	const event = delivery.buildEvent(emu.ctx, 'credential.print', {
		printJobId: 'after-deactivation',
	});
	const late = await delivery.sendDelivery({
		url: webhook.callbackUrl,
		token: webhook._token,
		event,
	});
	expect(late.status).toBe(404);
	// Two prints and the delivery that was sent twice.
	expect(await executions()).toHaveLength(3);
});
