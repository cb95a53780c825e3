'use strict';
/**
 * 3. Scaling: time for 10,000 items ÷ time for 1,000 (Printer → Get, concurrency 1, 0 ms).
 *
 * On a shared machine, load from other processes only ever adds time, and a 10,000-item execution lasts ten times
 * longer than a 1,000-item one, so a lone short run can slip into a quiet moment that a long run never gets; that
 * bias alone pushes the ratio above 10. So each round times ten back-to-back 1,000-item executions (each a full
 * execution: its own authentication and item loop) next to one 10,000-item execution: both cover the same span of
 * time, the 1,000-item time is their mean, and the ratio is the median over the rounds.
 */
const { runNode, byId } = require('../lib/node');
const { median, round, timed } = require('../lib/stats');

async function scalingSection({ emu, small, large, rounds, log }) {
	const credentials = emu.credentials;
	const printerIds = await emu.printerIds();
	const idAt = (i) => printerIds[i % printerIds.length];
	const params = {
		resource: 'printer',
		operation: 'get',
		lookUpBy: 'printerId',
		printerId: (i) => byId(idAt(i)),
		requestOptions: {},
	};
	const run = async (count) => {
		await emu.clearRequests();
		const items = Array.from({ length: count }, (_, i) => ({ json: { i } }));
		const { result, ms, cpuMs } = await timed(() => runNode({ credentials, items, params }));
		const counts = await emu.counts();
		if (result.output.length !== count || counts.total !== count + 1 || counts.failed !== 0) {
			throw new Error(
				`scaling: ${count} items gave ${result.output.length} outputs and ${counts.total} requests (${counts.failed} failed)`,
			);
		}
		return { ms, cpuMs };
	};
	const repeats = Math.round(large / small);

	// Warm-up: the JIT keeps improving over the first several thousand items.
	for (let i = 0; i < repeats; i++) await run(small);
	const smallRuns = [];
	const largeRuns = [];
	const ratios = [];
	for (let round = 0; round < rounds; round++) {
		const block = [];
		const measureSmall = async () => {
			for (let i = 0; i < repeats; i++) block.push(await run(small));
		};
		// Alternate which comes first, so neither always follows the other.
		if (round % 2 === 0) {
			await measureSmall();
			largeRuns.push(await run(large));
		} else {
			largeRuns.push(await run(large));
			await measureSmall();
		}
		const smallMean = block.reduce((sum, r) => sum + r.ms, 0) / block.length;
		smallRuns.push(...block);
		ratios.push(largeRuns[round].ms / smallMean);
		log(
			`  round ${round + 1}: ${small} items ${smallMean.toFixed(0)} ms (mean of ${repeats}), ${large} items ${largeRuns[round].ms.toFixed(0)} ms → ${ratios[round].toFixed(2)}`,
		);
	}
	const ratio = median(ratios);
	const cpuRatio = median(largeRuns.map((r) => r.cpuMs)) / median(smallRuns.map((r) => r.cpuMs));
	const limit = (large / small) * 1.1;
	return {
		id: 3,
		title: 'Scaling',
		targets: [
			{
				metric: `Wall time for ${large.toLocaleString('en-US')} items ÷ ${small.toLocaleString('en-US')} items (median of ${rounds} rounds)`,
				figure: round(ratio, 2),
				target: `≤ ${round(limit, 1)}`,
				pass: ratio <= limit,
			},
		],
		raw: {
			operation: 'Printer → Get by ID, concurrency 1, latency 0 ms',
			perRoundRatios: ratios.map((r) => round(r, 2)),
			[`wallMs${small}`]: smallRuns.map((r) => round(r.ms, 1)),
			[`wallMs${large}`]: largeRuns.map((r) => round(r.ms, 1)),
			[`benchProcessCpuMs${small}`]: smallRuns.map((r) => round(r.cpuMs, 0)),
			[`benchProcessCpuMs${large}`]: largeRuns.map((r) => round(r.cpuMs, 0)),
			cpuTimeRatioOfMedians: round(cpuRatio, 2),
			medianMsPerItemSmall: round(median(smallRuns.map((r) => r.ms)) / small, 3),
			medianMsPerItemLarge: round(median(largeRuns.map((r) => r.ms)) / large, 3),
		},
	};
}

module.exports = { scalingSection };
