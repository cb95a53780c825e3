'use strict';
/**
 * n8n in queue mode on loopback: a main instance (`n8n start`) and any number of `n8n worker` processes sharing one
 * PostgreSQL database, one Redis (Bull queue) and one encryption key. Builds on tools/n8n/driver.js (runtime, package
 * install, CLI import, `n8n start`, owner setup) and adds what queue mode needs.
 *
 *   const env = queueEnv({ pg, redis });                       // EXECUTIONS_MODE=queue + DB_* + QUEUE_BULL_REDIS_*
 *   await n8n.importCredential(folder, cred, { env: await n8n.n8nEnv(folder, env) });
 *   const main = await n8n.startN8n(folder, { env });
 *   const worker = await startWorker(folder, { env, name: 'worker-a', concurrency: 5, main });
 *   worker.executions()                                        // execution IDs this worker started (from its log)
 */
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const n8n = require('../../tools/n8n/driver');
const { freePort, sleep, tail, HOST } = require('./services');

/** The settings every process of the cluster shares. */
function queueEnv({ pg, redis }) {
	return {
		...pg.env(),
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		// Keep every execution (and its data) in the database, so the test can read statuses and scan for secrets.
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_PRUNE: 'false',
		N8N_LOG_LEVEL: 'info', // the workers' "Worker started execution <id>" lines tell who ran what
	};
}

const workers = new Set();
process.on('exit', () => {
	for (const pid of workers) {
		try {
			process.kill(-pid, 'SIGKILL');
		} catch {
			// gone
		}
	}
});

/**
 * `n8n worker --concurrency=N` on folder. Resolves once its health server says it is ready (connected to the DB
 * and Redis). `main` (the handle of startN8n) gives the workers the main instance's webhook URL.
 * Handle: { name, pid, logFile, executions(), stop() }.
 * @param {string} folder
 * @param {{ env?: Record<string, string>, name: string, concurrency?: number, main?: { url: string }, timeoutMs?: number }} options
 */
async function startWorker(
	folder,
	{ env: extra = {}, name, concurrency = 5, main, timeoutMs = 180000 },
) {
	const { node, bin } = n8n.runtimePaths();
	const healthPort = await freePort();
	const env = await n8n.n8nEnv(folder, {
		...extra,
		...(main ? { WEBHOOK_URL: `${main.url}/`, N8N_EDITOR_BASE_URL: `${main.url}/` } : {}),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		N8N_WORKER_SERVER_ADDRESS: HOST,
		WORKER_NAME: name,
	});
	const logFile = path.join(folder, `n8n-${name}.log`);
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(node, [bin, 'worker', `--concurrency=${concurrency}`], {
		cwd: folder,
		env,
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	fs.closeSync(fd);
	workers.add(child.pid);
	let exited = null;
	const exitPromise = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			workers.delete(child.pid);
			resolve(exited);
		}),
	);
	const group = (signal) => {
		try {
			process.kill(-child.pid, signal);
		} catch {
			// gone
		}
	};
	const handle = {
		name,
		pid: child.pid,
		logFile,
		concurrency,
		/** IDs of the executions this worker started, read from its log. */
		executions() {
			const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
			return [...text.matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
		},
		/** IDs of the executions this worker finished. */
		finished() {
			const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
			return [...text.matchAll(/Worker finished execution (\d+)/g)].map((m) => m[1]);
		},
		async stop({ timeoutMs: stopTimeout = 20000 } = {}) {
			if (exited) return exited;
			group('SIGTERM'); // a worker waits for its running jobs, then exits
			const timer = setTimeout(() => group('SIGKILL'), stopTimeout);
			const result = await exitPromise;
			clearTimeout(timer);
			group('SIGKILL');
			return result;
		},
	};
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (exited)
			throw new Error(
				`n8n worker ${name} exited (code ${exited.code}) before it was ready:\n${tail(logFile, 40)}`,
			);
		if (Date.now() > deadline) {
			await handle.stop();
			throw new Error(`n8n worker ${name} not ready after ${timeoutMs} ms:\n${tail(logFile, 40)}`);
		}
		try {
			const res = await fetch(`http://${HOST}:${healthPort}/healthz/readiness`, {
				signal: AbortSignal.timeout(3000),
			});
			await res.arrayBuffer();
			if (res.status === 200) return handle;
		} catch {
			// not listening yet
		}
		await sleep(500);
	}
}

/* ------------------------------------------------------------------ REST API of the main instance */

/** A small client for the main instance's internal REST API, signed in as the owner. */
async function restClient(main, owner) {
	const { cookie } = await n8n.setupOwner(main.url, owner);
	if (!cookie) throw new Error('owner setup returned no n8n-auth cookie');
	const call = async (method, pathname, body) => {
		const res = await fetch(`${main.url}/rest${pathname}`, {
			method,
			headers: { cookie, 'content-type': 'application/json', 'browser-id': 'scale-test' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok)
			throw new Error(`${method} /rest${pathname} answered ${res.status}: ${text.slice(0, 500)}`);
		const parsed = text ? JSON.parse(text) : null;
		return parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed;
	};
	return {
		call,
		/** Publishes (activates) a workflow imported earlier: its triggers and production webhooks go live. */
		async activate(workflowId) {
			const workflow = await call('GET', `/workflows/${workflowId}`);
			return await call('POST', `/workflows/${workflowId}/activate`, {
				versionId: workflow.versionId,
			});
		},
		async deactivate(workflowId) {
			return await call('POST', `/workflows/${workflowId}/deactivate`, {});
		},
	};
}

module.exports = { queueEnv, startWorker, restClient };
