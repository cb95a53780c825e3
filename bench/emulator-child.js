'use strict';
/**
 * The emulator in its own process, so its CPU and memory stay out of the node's figures. Driven over IPC by
 * lib/emulatorProcess.js: `{id, cmd, args}` in, `{id, result | error}` out.
 */
const { startEmulator } = require('../tools/emulator');
const { addPrinter } = require('../tools/emulator/routes/printers');

let emu;

const commands = {
	info: () => ({ url: emu.url, credentials: emu.credentials, pid: process.pid }),
	setLatency: (ms) => emu.setLatency(ms),
	clearRequests: () => emu.clearRequests(),
	/** All requests since the last clear, by operationId, plus the total and how many failed. */
	counts: () => {
		const byOperation = {};
		let failed = 0;
		for (const request of emu.requests) {
			const key = request.operationId || `${request.method} ${request.path}`;
			byOperation[key] = (byOperation[key] || 0) + 1;
			if (!(request.status >= 200 && request.status < 300)) failed++;
		}
		return { total: emu.requests.length, byOperation, failed };
	},
	processedCount: (operationId) => emu.processedCount(operationId),
	/** Adds printers and returns their IDs (the seed has only four). */
	addPrinters: (count) => {
		const ids = [];
		for (let i = 0; i < count; i++) {
			const suffix = String(i).padStart(6, '0');
			ids.push(
				addPrinter(emu.ctx, {
					name: `Bench Printer ${suffix}`,
					deviceId: `BE0C${'0'.repeat(6)}${suffix}`,
				}).id,
			);
		}
		return ids;
	},
	printerIds: () =>
		[...emu.state.printers.values()].filter((p) => !/jammed/i.test(p.name)).map((p) => p.id),
	/** Drops finished print jobs so long runs don't grow the store. */
	dropPrintJobs: () => emu.state.printJobs.clear(),
	printJobCount: () => emu.state.printJobs.size,
	/** What the emulator kept of the last print request: proves images are not stored. */
	lastPrintSummary: () => {
		const jobs = [...emu.state.printJobs.values()];
		return jobs.length ? jobs[jobs.length - 1].received : null;
	},
	memory: () => process.memoryUsage(),
	cpuMs: () => {
		const { user, system } = process.cpuUsage();
		return (user + system) / 1000;
	},
	state: (key) => {
		const store = emu.state[key];
		return store instanceof Map ? [...store.values()] : store;
	},
	close: async () => {
		await emu.close();
		setImmediate(() => process.exit(0));
	},
};

process.on('message', async ({ id, cmd, args = [] }) => {
	try {
		const result = await commands[cmd](...args);
		process.send({ id, result });
	} catch (error) {
		process.send({ id, error: String(error && error.stack ? error.stack : error) });
	}
});

(async () => {
	emu = await startEmulator({
		latencyMs: Number(process.env.BENCH_LATENCY_MS || 0),
		tokenLifetimeSeconds: 3600,
	});
	process.send({ ready: true });
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
process.on('disconnect', () => process.exit(0));
