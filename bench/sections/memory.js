'use strict';
/**
 * 4. Peak RSS printing 1,000 cards with 2 MB images, in a fresh `node --expose-gc` process (memory-child.js),
 * with images on disk as in n8n's filesystem binary mode and the emulator in its own process.
 */
const { measureMemory } = require('../lib/memory');
const { round } = require('../lib/stats');

async function memorySection({ emu, runs: plan, log }) {
	const [printerId] = await emu.printerIds();
	const runs = [];
	for (const { items, concurrency } of plan) {
		await emu.clearRequests();
		await emu.dropPrintJobs();
		const result = await measureMemory({
			credentials: emu.credentials,
			printerId,
			items,
			imageBytes: 2 * 1024 * 1024,
			concurrency,
		});
		const counts = await emu.counts();
		const kept = await emu.lastPrintSummary();
		const emulatorRss = (await emu.memory()).rss / 1024 / 1024;
		runs.push({
			...result,
			emulatorRequests: counts.total,
			emulatorRssMb: emulatorRss,
			emulatorKeeps: kept,
		});
		log(
			`  concurrency ${concurrency}: ${result.printed}/${items} printed in ${(result.ms / 1000).toFixed(1)} s, RSS ${result.baselineRssMb.toFixed(0)} → peak ${result.peakRssMb.toFixed(0)} MB (+${result.growthMb.toFixed(0)} MB)`,
		);
	}
	await emu.dropPrintJobs();
	const main = runs[0];
	const ok = (run) => run.growthMb < 200 && run.printed === run.items;
	return {
		id: 4,
		title: 'Memory printing cards with 2 MB images',
		targets: runs.map((run, index) => ({
			metric: `Peak RSS growth over baseline, ${run.items.toLocaleString('en-US')} cards × 2 MB, concurrency ${run.concurrency}${index > 0 ? ' (extra check)' : ''}`,
			figure: `${round(run.growthMb, 1)} MB`,
			target: index === 0 ? '< 200 MB' : 'reported (8 images in flight at once)',
			pass: index === 0 ? ok(run) : run.printed === run.items,
			info: index > 0 && run.printed === run.items,
		})),
		raw: runs.map((run) =>
			Object.fromEntries(
				Object.entries(run).map(([k, v]) => [k, typeof v === 'number' ? round(v, 1) : v]),
			),
		),
		notes: [
			'The baseline is taken after a 5-card warm-up and a full GC; it includes the TypeScript transpiler and harness the bench loads, so only the growth is compared.',
			`${round(main.uploadedMb, 0)} MB of base64 image data were sent per run; the emulator keeps only a summary of each print (${JSON.stringify(main.emulatorKeeps)}).`,
		],
	};
}

module.exports = { memorySection };
