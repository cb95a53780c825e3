'use strict';
/**
 * The benchmark's warm n8n: one long-running `n8n start` server on a user folder, its workflows started by
 * Webhook triggers (in place of their Manual triggers) and read back over n8n's REST API, the way users run n8n.
 * Used by section 6 (bench/sections/n8n.js); the server itself is started by tools/n8n/driver.js.
 */
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const OWNER = Object.freeze({
	email: 'bench@example.com',
	firstName: 'Bench',
	lastName: 'Runner',
	password: 'Bench-Passw0rd',
});
/** Execution states that are over; anything else (new, running, waiting) is still going. */
const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);
/** How long one warm run may take once n8n has recorded it. */
const RUN_TIMEOUT_MS = 1_800_000;

/**
 * A copy of `workflow` under its own ID (`<id>W`) whose Manual trigger is a Webhook trigger of the same name:
 * POST /webhook/<path>, answering as soon as the call is received so the answer does not wait for the run.
 * Everything else is unchanged.
 */
function withWebhook(workflow) {
	const copy = JSON.parse(JSON.stringify(workflow));
	const trigger = copy.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	if (!trigger) throw new Error(`workflow "${workflow.name}" has no Manual trigger`);
	copy.id = `${workflow.id.slice(0, 35)}W`;
	copy.name = `${workflow.name} (webhook)`;
	const webhookPath = `bench-${copy.id.toLowerCase()}`;
	Object.assign(trigger, {
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		parameters: {
			httpMethod: 'POST',
			path: webhookPath,
			responseMode: 'onReceived',
			options: {},
		},
		webhookId: crypto.randomUUID(),
	});
	return { workflow: copy, webhookPath };
}

/** `flatted` as n8n serialises execution data with it: the runtime's own copy. */
function loadFlatted(n8n) {
	return require(path.join(n8n.runtimePaths().dir, 'node_modules', 'flatted'));
}

/**
 * Starts `n8n start` on `folder`, creates its owner, activates the webhook workflows. Resolves a session
 * { server, rest(method, pathname, body), trigger(webhookPath, body) }.
 */
async function startWarmServer(n8n, folder, webhookWorkflows, log) {
	const t = Date.now();
	const server = await n8n.startN8n(folder);
	try {
		const { cookie } = await n8n.setupOwner(server.url, OWNER);
		if (!cookie) throw new Error('n8n answered the owner setup without an auth cookie');
		const rest = n8n.restClient(server.url, cookie);
		for (const workflow of webhookWorkflows) {
			const current = await rest('GET', `/workflows/${workflow.id}`);
			await rest('POST', `/workflows/${workflow.id}/activate`, { versionId: current.versionId });
		}
		const trigger = async (webhookPath, body) => {
			// The activation answer can come before n8n serves the production webhook: until then it answers 404.
			const deadline = Date.now() + 30_000;
			for (;;) {
				const res = await fetch(`${server.url}/webhook/${webhookPath}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
					signal: AbortSignal.timeout(60_000),
				});
				const text = await res.text();
				if (res.status === 200) return;
				if (res.status !== 404 || Date.now() > deadline)
					throw new Error(
						`POST /webhook/${webhookPath} answered ${res.status}: ${text.slice(0, 300)}\n${tailOf(server.logFile)}`,
					);
				await n8n.sleep(500);
			}
		};
		log(
			`  n8n start on ${server.url}: ready, owner set up, ${webhookWorkflows.length} webhook workflows active in ${((Date.now() - t) / 1000).toFixed(0)} s`,
		);
		return { server, rest, trigger };
	} catch (error) {
		await server.stop();
		throw error;
	}
}

/** The workflow's executions, newest first (at most `limit`): [{ id, status, ... }]. */
async function listExecutions(session, workflowId, limit = 20) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const list = await session.rest('GET', `/executions?filter=${filter}&limit=${limit}`);
	return (list && list.results) || [];
}

/**
 * One warm run: POST to the workflow's webhook, find the execution that call started (the first one of this
 * workflow that was not there before the call), wait until it has finished, read it in full.
 * Resolves the shape compare() reads: { status, output: { startedAt, stoppedAt }, runData, error, ms }.
 */
async function runWarm(n8n, session, flatted, { workflow, webhookPath }) {
	const before = await listExecutions(session, workflow.id);
	const numeric = before.every((e) => /^\d+$/.test(String(e.id)));
	const newest = Math.max(0, ...before.map((e) => Number(e.id) || 0));
	const seen = new Set(before.map((e) => String(e.id)));
	const isNew = (e) =>
		numeric && /^\d+$/.test(String(e.id)) ? Number(e.id) > newest : !seen.has(String(e.id));
	const started = Date.now();
	await session.trigger(webhookPath, { benchmark: true, at: new Date().toISOString() });
	const deadline = started + RUN_TIMEOUT_MS;
	let found;
	let polls = 0;
	for (;;) {
		polls++;
		const fresh = (await listExecutions(session, workflow.id, 5)).filter(isNew);
		if (fresh.length > 1)
			throw new Error(
				`"${workflow.name}": ${fresh.length} new executions after one webhook call (${fresh.map((e) => e.id).join(', ')})`,
			);
		found = fresh[0];
		if (found && FINISHED.has(found.status)) break;
		// An execution n8n did not even record (e.g. it failed before it started) is reported after a minute.
		if (Date.now() > (found ? deadline : Math.min(deadline, started + 60_000)))
			throw new Error(
				`"${workflow.name}": ${found ? `execution ${found.id} still ${found.status}` : 'no execution recorded'} ${((Date.now() - started) / 1000).toFixed(0)} s after its webhook was called\n${tailOf(session.server.logFile)}`,
			);
		// Every 0.2 s at first, then every tenth of the time so far (at most 2 s): few REST calls into the server
		// while a long run is going, and a short run is seen finished within 0.2 s.
		await n8n.sleep(Math.min(2000, Math.max(200, (Date.now() - started) / 10)));
	}
	const ms = Date.now() - started;
	const full = await session.rest('GET', `/executions/${found.id}`);
	if (full.dataTooLargeToDisplay)
		throw new Error(
			`"${workflow.name}": execution ${found.id}'s data is over EXECUTIONS_DATA_MAX_DISPLAY_SIZE, n8n did not return it`,
		);
	const data = typeof full.data === 'string' ? flatted.parse(full.data) : full.data;
	const resultData = (data && data.resultData) || {};
	return {
		code: 0,
		status: full.status,
		executionId: full.id,
		output: { startedAt: full.startedAt, stoppedAt: full.stoppedAt },
		runData: resultData.runData || {},
		error: resultData.error || null,
		ms,
		polls,
		stderr: '',
	};
}

function tailOf(file, lines = 30) {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}

module.exports = { loadFlatted, runWarm, startWarmServer, withWebhook };
