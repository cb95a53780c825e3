#!/usr/bin/env node
'use strict';
/**
 * `npm start`: a real n8n with this package installed, the IIDaaS emulator, a ready credential and every example
 * workflow — open the printed URL and log in with the printed demo account.
 *
 *   npm start                    # n8n on http://localhost:5678 (or the next free port)
 *   npm start -- --port 5700     # another n8n port
 *   npm start -- --fresh         # throw away .n8n-home/ (workflows, executions, owner) first
 *
 * Installs what is missing (the pinned n8n runtime in .n8n-runtime/, ~5 min once), builds and packs the package
 * and installs the tarball into .n8n-home/.n8n/nodes like n8n installs community packages. Re-running reuses
 * .n8n-home/, re-installs the fresh build and re-imports the credential and the examples (fixed ids: the
 * imported copies replace the previous ones, so edits to the example workflows are overwritten — duplicate a
 * workflow to keep changes). Ctrl+C stops n8n and the emulator.
 */
const fs = require('fs');
const path = require('path');

const n8n = require('../../tools/n8n/driver');

const HOME = path.join(n8n.REPO, '.n8n-home');
const PID_FILE = path.join(HOME, 'start.pid');
const DEFAULT_N8N_PORT = 5678;
const DEFAULT_EMULATOR_PORT = 8080;
/** Demo login for the local instance only (printed on start). */
const OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'User',
	password: 'Demo-Passw0rd',
};

function parseArgs(argv) {
	const args = { port: undefined, fresh: false };
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=');
		if (flag === '--port') {
			args.port = Number(inline !== undefined ? inline : argv[++i]);
			if (!Number.isInteger(args.port) || args.port < 1 || args.port > 65535)
				throw new Error('--port needs a port number');
		} else if (flag === '--fresh') args.fresh = true;
		else if (flag === '--help' || flag === '-h') args.help = true;
		else throw new Error(`unknown argument ${argv[i]} (try --help)`);
	}
	return args;
}

async function firstFreePort(from, tries = 50) {
	for (let port = from; port < from + tries; port++) if (await n8n.portIsFree(port)) return port;
	throw new Error(`no free port in ${from}-${from + tries - 1}`);
}

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function step(label, fn) {
	const t = Date.now();
	process.stdout.write(`  ${label}...`);
	try {
		const result = await fn();
		process.stdout.write(` ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
		return result;
	} catch (error) {
		process.stdout.write(' failed\n');
		throw error;
	}
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		console.log('Usage: npm start -- [--port N] [--fresh]');
		return;
	}
	if (fs.existsSync(PID_FILE)) {
		const pid = Number(fs.readFileSync(PID_FILE, 'utf8'));
		if (pid && pid !== process.pid && alive(pid))
			throw new Error(`npm start is already running (pid ${pid}) on ${HOME}; stop it first`);
	}
	if (args.fresh) fs.rmSync(HOME, { recursive: true, force: true });
	fs.mkdirSync(HOME, { recursive: true });
	fs.writeFileSync(PID_FILE, String(process.pid));

	const started = Date.now();
	const stops = [];
	let stopping = false;
	const stopAll = async (reason) => {
		if (stopping) return;
		stopping = true;
		if (reason) console.log(`\n${reason}: stopping n8n and the emulator`);
		for (const stop of stops.reverse()) {
			try {
				await stop();
			} catch (error) {
				console.error(`  while stopping: ${error.message}`);
			}
		}
		fs.rmSync(PID_FILE, { force: true });
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.once(signal, () => stopAll(signal).then(() => process.exit(0)));
	}

	try {
		console.log('Preparing n8n with n8n-nodes-entrust-iidaas:');
		n8n.prepareRuntime();
		const { n8nVersion } = n8n.runtimePaths();
		const tarball = await step('build and pack the package', () => n8n.packPackage());
		await step(`install it into ${path.relative(n8n.REPO, HOME)}/.n8n/nodes`, () =>
			n8n.createUserFolder({ tarball, folder: HOME }),
		);
		if (!process.env.E2E_TARBALL)
			fs.rmSync(path.dirname(tarball), { recursive: true, force: true });

		let startEmulator;
		try {
			({ startEmulator } = require('../../tools/emulator'));
		} catch (error) {
			throw new Error(`the IIDaaS emulator (tools/emulator) cannot be loaded: ${error.message}`);
		}
		const { seedPrintHistory } = require('../../tools/n8n/seed');
		const emu = await step('start the IIDaaS emulator', async () => {
			const e = await startEmulator({ port: await firstFreePort(DEFAULT_EMULATOR_PORT) });
			stops.push(() => e.close());
			// A print history (some FAILED on the jammed printer) and one job per printer held for approval.
			await seedPrintHistory(e, { jobsPerPrinter: 2, heldJobsPerPrinter: 1 });
			return e;
		});

		const examples = n8n.loadExamples();
		await step('import the credential "IIDaaS Emulator"', () =>
			n8n.importCredential(HOME, n8n.emulatorCredential(emu)),
		);
		if (examples.length) {
			await step(`import ${examples.length} example workflow(s)`, () =>
				n8n.importWorkflow(
					HOME,
					examples.map((e) => e.workflow),
				),
			);
		}

		const port = args.port || (await firstFreePort(DEFAULT_N8N_PORT));
		if (args.port && !(await n8n.portIsFree(port))) throw new Error(`port ${port} is in use`);
		const server = await step(`start n8n ${n8nVersion}`, () =>
			n8n.startN8n(HOME, { port, env: { N8N_HOST: 'localhost' } }),
		);
		stops.push(() => server.stop());
		const owner = await step('set up the owner account', () =>
			n8n.setupOwner(server.url, OWNER).catch((error) => ({ error })),
		);

		console.log('');
		console.log(
			`n8n is running: ${server.url}   (ready in ${Math.round((Date.now() - started) / 1000)} s)`,
		);
		if (owner.error) {
			console.log(
				`  Owner account: could not set up or sign in as ${OWNER.email} (${owner.error.message.split('\n')[0]}).`,
			);
			console.log('  If you changed its password, use yours; `npm start -- --fresh` starts over.');
		} else {
			console.log(
				`  Log in:     ${OWNER.email} / ${OWNER.password}   (local demo account${owner.created ? ', just created' : ''})`,
			);
		}
		console.log(
			`  Emulator:   ${emu.url}   (IIDaaS Issuance API emulator, ${emu.state.printers.size} printers)`,
		);
		console.log(
			`  Credential: "${n8n.EMULATOR_CREDENTIAL_NAME}" (Entrust IIDaaS API) points at the emulator`,
		);
		for (const example of examples)
			console.log(
				`  Workflow:   ${server.url}/workflow/${example.workflow.id}   ${example.workflow.name}`,
			);
		console.log(`  n8n log:    ${path.relative(process.cwd(), server.logFile) || server.logFile}`);
		console.log('Ctrl+C stops n8n and the emulator.');

		// Keep running until Ctrl+C, or until n8n exits on its own.
		await server.exited;
		if (!stopping) {
			console.error(`n8n exited on its own; see ${server.logFile}`);
			await stopAll();
			process.exit(1);
		}
	} catch (error) {
		console.error(`\nnpm start failed: ${error.message}`);
		await stopAll();
		process.exit(1);
	}
}

main();
