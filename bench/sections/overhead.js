'use strict';
/**
 * 2. The node's own overhead: the node's execute path vs a bare loop that sends the same requests (authenticate,
 * then one GET per printer) through the same HTTP helper, in the same process against the same emulator.
 * Runs are interleaved (the order alternates each round) after a warm-up of each. Each round's node run and bare run
 * are seconds apart, so they share the machine's load of the moment: the figure is the median of the per-round ratios
 * (the ratio of the medians is reported next to it).
 */
const { runNode, runBareLoop, byId } = require('../lib/node');
const { median, round, timed } = require('../lib/stats');

async function overheadSection({ emu, items: count, rounds, log }) {
	const credentials = emu.credentials;
	const printerIds = await emu.printerIds();
	const idAt = (i) => printerIds[i % printerIds.length];
	const items = Array.from({ length: count }, (_, i) => ({ json: { i } }));
	const params = {
		resource: 'printer',
		operation: 'get',
		lookUpBy: 'printerId',
		printerId: (i) => byId(idAt(i)),
		requestOptions: {},
	};
	const paths = Array.from({ length: count }, (_, i) => `/v1/printers/${idAt(i)}`);

	const nodeRun = async () => {
		const { result, ms, cpuMs } = await timed(() => runNode({ credentials, items, params }));
		if (result.output.length !== count || result.output.some((item, i) => item.json.id !== idAt(i)))
			throw new Error('overhead: the node returned unexpected output');
		return { ms, cpuMs };
	};
	const bareRun = async () => {
		const { result, ms, cpuMs } = await timed(() => runBareLoop({ credentials, paths }));
		if (result.output.length !== count)
			throw new Error('overhead: the bare loop returned unexpected output');
		return { ms, cpuMs };
	};

	await nodeRun(); // warm-up: JIT, sockets
	await bareRun();
	const node = [];
	const bare = [];
	for (let round = 0; round < rounds; round++) {
		await emu.clearRequests();
		if (round % 2 === 0) {
			node.push(await nodeRun());
			bare.push(await bareRun());
		} else {
			bare.push(await bareRun());
			node.push(await nodeRun());
		}
		log(
			`  round ${round + 1}: node ${node[round].ms.toFixed(0)} ms, bare loop ${bare[round].ms.toFixed(0)} ms`,
		);
	}
	const nodeMs = median(node.map((r) => r.ms));
	const bareMs = median(bare.map((r) => r.ms));
	const pairRatios = node.map((r, i) => r.ms / bare[i].ms);
	const ratio = median(pairRatios);
	const cpuRatio = median(node.map((r) => r.cpuMs)) / median(bare.map((r) => r.cpuMs));
	return {
		id: 2,
		title: 'Node overhead vs a bare loop',
		targets: [
			{
				metric: `Wall time, node ÷ bare loop (${count} × Printer → Get, median of ${rounds} interleaved rounds)`,
				figure: round(ratio, 3),
				target: '≤ 1.15',
				pass: ratio <= 1.15,
			},
		],
		raw: {
			operation: 'Printer → Get by ID, concurrency 1, latency 0 ms',
			items: count,
			rounds,
			nodeMs: node.map((r) => round(r.ms, 1)),
			bareLoopMs: bare.map((r) => round(r.ms, 1)),
			medianNodeMs: round(nodeMs, 1),
			medianBareLoopMs: round(bareMs, 1),
			perRoundRatios: pairRatios.map((r) => round(r, 3)),
			ratioOfMedians: round(nodeMs / bareMs, 3),
			benchProcessCpuMsNode: node.map((r) => round(r.cpuMs, 0)),
			benchProcessCpuMsBare: bare.map((r) => round(r.cpuMs, 0)),
			cpuTimeRatio: round(cpuRatio, 3),
			perItemOverheadUs: round(((nodeMs - bareMs) / count) * 1000, 1),
		},
	};
}

module.exports = { overheadSection };
