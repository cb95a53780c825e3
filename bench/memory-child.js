'use strict';
/**
 * Section 4 in a fresh process (run with --expose-gc): prints N cards whose 2 MB images live on disk, as in n8n's
 * filesystem binary mode, and reports the peak RSS over a baseline taken after a warm-up and a full GC.
 * Input (IPC): {credentials, printerId, items, imageBytes, concurrency, dir}. Output (IPC): the figures.
 */
const fs = require('fs');
const path = require('path');
const { runNode, byId, pngBytes } = require('./lib/node');

const MB = 1024 * 1024;

function kernelPeakRss() {
	const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
	return match ? Number(match[1]) * 1024 : undefined;
}

/** Resets the kernel's peak-RSS counter to the current RSS (Linux); false when not allowed. */
function resetKernelPeak() {
	try {
		fs.writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

function fullGc() {
	for (let i = 0; i < 3; i++) global.gc();
}

async function main({ credentials, printerId, items: count, imageBytes, concurrency, dir }) {
	if (typeof global.gc !== 'function') throw new Error('run with --expose-gc');
	// Distinct files so the OS page cache, not a shared Buffer, serves repeated reads; each item names one.
	const files = 10;
	fs.mkdirSync(dir, { recursive: true });
	for (let f = 0; f < files; f++) {
		const image = pngBytes(imageBytes);
		image.fill(f + 1, 64); // different content per file, PNG signature intact
		fs.writeFileSync(path.join(dir, `card-${f}.png`), image);
	}
	const makeItems = (n) =>
		Array.from({ length: n }, (_, i) => ({
			json: { employee: `E${String(i).padStart(5, '0')}` },
			// Like n8n's filesystem mode: a reference and a size, no inlined data.
			binary: {
				photo: {
					data: 'filesystem-v2',
					id: `filesystem-v2:bench/card-${i % files}.png`,
					mimeType: 'image/png',
					fileName: 'card.png',
					fileSize: '2 MB',
				},
			},
		}));
	const params = {
		resource: 'printJob',
		operation: 'print',
		printerId: byId(printerId),
		images: { layer: [{ side: 'front', layer: 'COLOR', binaryPropertyName: 'photo' }] },
		magstripe: {},
		smartCardCommands: {},
		printFields: {},
		printerPreferences: {},
		waitForCompletion: false,
		requestOptions: { maxConcurrency: concurrency },
	};
	const binaryFromDisk = (id) => path.join(dir, path.basename(id));

	// Warm-up: load and JIT the whole path (axios, http, the node) before the baseline.
	await runNode({ credentials, params, items: makeItems(5), binaryFromDisk });

	const items = makeItems(count);
	fullGc();
	await new Promise((resolve) => setTimeout(resolve, 200));
	fullGc();
	const baseline = process.memoryUsage();
	const kernelReset = resetKernelPeak();

	let sampledPeak = baseline.rss;
	let samples = 0;
	const sampler = setInterval(() => {
		samples++;
		const rss = process.memoryUsage.rss();
		if (rss > sampledPeak) sampledPeak = rss;
	}, 20);
	const cpuBefore = process.cpuUsage();
	const run = await runNode({ credentials, params, items, binaryFromDisk });
	const cpu = process.cpuUsage(cpuBefore);
	clearInterval(sampler);
	const kernelPeak = kernelReset ? kernelPeakRss() : undefined;
	const peak = Math.max(sampledPeak, kernelPeak || 0);
	const printed = run.output.filter((item) => item.json.printStatusId && !item.json.error).length;
	fs.rmSync(dir, { recursive: true, force: true });
	return {
		items: count,
		concurrency,
		imageBytes,
		printed,
		httpCalls: run.httpCalls,
		ms: run.ms,
		cpuMs: (cpu.user + cpu.system) / 1000,
		baselineRssMb: baseline.rss / MB,
		baselineHeapMb: baseline.heapUsed / MB,
		sampledPeakRssMb: sampledPeak / MB,
		kernelPeakRssMb: kernelPeak === undefined ? null : kernelPeak / MB,
		peakRssMb: peak / MB,
		growthMb: (peak - baseline.rss) / MB,
		samples,
		afterRunRssMb: process.memoryUsage.rss() / MB,
		uploadedMb: (count * imageBytes * 4) / 3 / MB,
	};
}

process.once('message', (config) => {
	main(config)
		.then((result) => process.send({ result }, () => process.exit(0)))
		.catch((error) =>
			process.send({ error: String(error && error.stack ? error.stack : error) }, () =>
				process.exit(1),
			),
		);
});
