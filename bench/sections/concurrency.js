'use strict';
/**
 * 5. Throughput at 50 ms latency with Max Concurrent Requests 1 vs 8, plus the option's guarantees at
 * concurrency 8: output order equals input order, continueOnFail output identical to concurrency 1, and every
 * non-idempotent print processed exactly once.
 */
const { isDeepStrictEqual } = require('util');
const { runNode, byId, pngBytes } = require('../lib/node');
const { median, round } = require('../lib/stats');

const MISSING_PRINTER = '00000000-0000-4000-8000-0000000000ff';

async function concurrencySection({ emu, latencyMs, items: count, rounds, log }) {
	const credentials = emu.credentials;
	const printerIds = await emu.printerIds();
	const idAt = (i) => printerIds[i % printerIds.length];
	const items = Array.from({ length: count }, (_, i) => ({ json: { i } }));
	const getParams = (concurrency, idOf = idAt) => ({
		resource: 'printer',
		operation: 'get',
		lookUpBy: 'printerId',
		printerId: (i) => byId(idOf(i)),
		requestOptions: { maxConcurrency: concurrency },
	});

	await emu.setLatency(latencyMs);
	const checks = [];
	const times = { 1: [], 8: [] };
	try {
		for (let round = 0; round < rounds; round++) {
			for (const concurrency of [1, 8]) {
				await emu.clearRequests();
				const run = await runNode({ credentials, items, params: getParams(concurrency) });
				const counts = await emu.counts();
				const ordered = run.output.every(
					(item, i) => item.json.id === idAt(i) && item.pairedItem.item === i,
				);
				if (run.output.length !== count || !ordered || counts.total !== count + 1)
					throw new Error(`concurrency ${concurrency}: wrong output or ${counts.total} requests`);
				times[concurrency].push(run.ms);
				log(
					`  round ${round + 1}, concurrency ${concurrency}: ${count} items in ${run.ms.toFixed(0)} ms (${((count / run.ms) * 1000).toFixed(1)} items/s)`,
				);
			}
		}
		checks.push({
			what: `Concurrency 8: output order = input order, pairedItem = input index (${count} items, ${rounds} runs)`,
			pass: true,
		});

		// continueOnFail: every 7th item names a printer that doesn't exist; outputs must match concurrency 1 exactly.
		const withFailures = (i) => (i % 7 === 3 ? MISSING_PRINTER : idAt(i));
		const outputs = {};
		for (const concurrency of [1, 8]) {
			const run = await runNode({
				credentials,
				items,
				params: getParams(concurrency, withFailures),
				continueOnFail: true,
			});
			outputs[concurrency] = run.output;
		}
		const failures = outputs[8].filter((item) => item.json.error !== undefined).length;
		checks.push({
			what: `continueOnFail at concurrency 8: output identical to concurrency 1 (${failures} failing items at their input positions)`,
			pass: isDeepStrictEqual(outputs[1], outputs[8]) && failures === Math.ceil((count - 3) / 7),
		});

		// Without continueOnFail, the error names the first failing item.
		let error;
		try {
			await runNode({ credentials, items, params: getParams(8, withFailures) });
		} catch (caught) {
			error = caught;
		}
		checks.push({
			what: 'No continueOnFail at concurrency 8: the run fails on the first failing item (item 3)',
			pass: error !== undefined && error.context && error.context.itemIndex === 3,
		});

		// Non-idempotent calls: each print is processed exactly once, results in input order.
		await emu.clearRequests();
		const png = pngBytes().toString('base64');
		const printItems = Array.from({ length: count }, (_, i) => ({
			json: { i },
			binary: { data: { data: png, mimeType: 'image/png', fileName: 'card.png' } },
		}));
		const printRun = await runNode({
			credentials,
			items: printItems,
			params: {
				resource: 'printJob',
				operation: 'print',
				printerId: (i) => byId(idAt(i)),
				images: { layer: [{ side: 'front', layer: 'COLOR', binaryPropertyName: 'data' }] },
				magstripe: {},
				smartCardCommands: {},
				printFields: {},
				printerPreferences: {},
				waitForCompletion: false,
				requestOptions: { maxConcurrency: 8 },
			},
		});
		const processed = await emu.processedCount('print');
		const unique = new Set(printRun.output.map((item) => item.json.printStatusId)).size;
		const inOrder = printRun.output.every(
			(item, i) => item.json.printerId === idAt(i) && item.pairedItem.item === i,
		);
		checks.push({
			what: `Print at concurrency 8: ${count} items → ${processed} prints processed, ${unique} distinct print IDs, in input order`,
			pass: processed === count && unique === count && inOrder,
		});
		await emu.dropPrintJobs();
	} finally {
		await emu.setLatency(0);
	}

	const t1 = median(times[1]);
	const t8 = median(times[8]);
	const speedup = t1 / t8;
	for (const check of checks) log(`  ${check.pass ? 'ok  ' : 'FAIL'} ${check.what}`);
	return {
		id: 5,
		title: `Throughput at ${latencyMs} ms latency, concurrency 1 vs 8`,
		targets: [
			{
				metric: `Throughput at concurrency 8 ÷ concurrency 1 (${count} × Printer → Get, ${latencyMs} ms, median of ${rounds})`,
				figure: `${round(speedup, 2)}×`,
				target: '≥ 6×',
				pass: speedup >= 6,
			},
			...checks.map((check) => ({
				metric: check.what,
				figure: check.pass ? 'yes' : 'no',
				target: 'yes',
				pass: check.pass,
			})),
		],
		raw: {
			latencyMs,
			items: count,
			msConcurrency1: times[1].map((ms) => round(ms, 1)),
			msConcurrency8: times[8].map((ms) => round(ms, 1)),
			itemsPerSecondConcurrency1: round((count / t1) * 1000, 1),
			itemsPerSecondConcurrency8: round((count / t8) * 1000, 1),
			idealSpeedup: 8,
		},
	};
}

module.exports = { concurrencySection };
