'use strict';
/**
 * A running stack for UI-level tests: the packed package installed in a fresh user folder, the emulator with a
 * seeded print history, the credential "IIDaaS Emulator" and every example imported, `n8n start` with an owner
 * account. `await stack.stop()` ends everything it started.
 */
const fs = require('fs');
const path = require('path');

const n8n = require('./driver');
const { seedPrintHistory } = require('./seed');

const DEMO_OWNER = Object.freeze({
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'User',
	password: 'Demo-Passw0rd',
});

/**
 * @param {{ tarball?: string, seed?: { jobsPerPrinter?: number } | null, owner?: { email: string, firstName: string, lastName: string, password: string }, examples?: ReturnType<typeof n8n.loadExamples>, keepFolder?: boolean }} [options]
 */
async function startStack({
	tarball,
	seed = { jobsPerPrinter: 2 },
	owner = DEMO_OWNER,
	examples = n8n.loadExamples(),
	keepFolder = !!process.env.KEEP_N8N_FOLDER,
} = {}) {
	const { startEmulator } = require('../emulator');
	const timings = {};
	const time = async (label, fn) => {
		const t = Date.now();
		const result = await fn();
		timings[label] = Date.now() - t;
		return result;
	};
	const stops = [];
	const stop = async () => {
		for (const fn of stops.reverse()) await fn().catch(() => undefined);
		stops.length = 0;
	};
	try {
		await time('runtime', async () => n8n.prepareRuntime());
		const pkg = tarball || (await time('pack', async () => n8n.packPackage()));
		if (!tarball && !process.env.E2E_TARBALL)
			stops.push(async () => fs.rmSync(path.dirname(pkg), { recursive: true, force: true }));
		const home = await time('install', async () => n8n.createUserFolder({ tarball: pkg }));
		if (!keepFolder)
			stops.push(async () => fs.rmSync(home.folder, { recursive: true, force: true }));
		const emu = await startEmulator();
		stops.push(() => emu.close());
		if (seed) await seedPrintHistory(emu, seed);
		await time('importCredential', () =>
			n8n.importCredential(home.folder, n8n.emulatorCredential(emu)),
		);
		if (examples.length)
			await time('importWorkflows', () =>
				n8n.importWorkflow(
					home.folder,
					examples.map((e) => e.workflow),
				),
			);
		const server = await time('startN8n', () => n8n.startN8n(home.folder));
		stops.push(() => server.stop());
		await time('setupOwner', () => n8n.setupOwner(server.url, owner));
		emu.clearRequests();
		return { home, emu, server, owner, examples, timings, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startStack, DEMO_OWNER };
