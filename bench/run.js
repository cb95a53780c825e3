#!/usr/bin/env node
'use strict';
/**
 * `npm run bench` — measures the node against the emulator and writes BENCHMARKS.md.
 *
 *   node bench/run.js                 all sections, writes BENCHMARKS.md, exits 1 when a target is missed
 *   node bench/run.js --skip-n8n      without section 6 (the real-n8n comparison)
 *   node bench/run.js --only=2,3      just these sections (BENCHMARKS.md is not written)
 *   node bench/run.js --out=FILE      write the report somewhere else
 *
 * The emulator runs in its own process so its CPU and memory stay out of the node's figures; the node runs its
 * real execute path (tools/harness.ts, HTTP through axios like n8n's helper). See BENCHMARKS.md.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const { startEmulatorProcess } = require('./lib/emulatorProcess');
const { machine } = require('./lib/stats');
const { writeReport } = require('./lib/report');

const REPO = path.resolve(__dirname, '..');

function parseArgs(argv) {
	const args = { skipN8n: false, only: null, out: path.join(REPO, 'BENCHMARKS.md') };
	for (const arg of argv) {
		if (arg === '--skip-n8n') args.skipN8n = true;
		else if (arg.startsWith('--only=')) args.only = arg.slice(7).split(',').map(Number);
		else if (arg.startsWith('--out=')) args.out = path.resolve(arg.slice(6));
		else if (arg === '--help' || arg === '-h') args.help = true;
		else throw new Error(`unknown argument ${arg} (try --help)`);
	}
	return args;
}

const SECTIONS = [
	{
		id: 1,
		run: (ctx) =>
			require('./sections/requests').requestsSection({ ...ctx, sizes: [1, 100, 10_000] }),
	},
	{
		id: 2,
		run: (ctx) =>
			require('./sections/overhead').overheadSection({ ...ctx, items: 2_000, rounds: 7 }),
	},
	{
		id: 3,
		run: (ctx) =>
			require('./sections/scaling').scalingSection({
				...ctx,
				small: 1_000,
				large: 10_000,
				rounds: 5,
			}),
	},
	{
		id: 4,
		run: (ctx) =>
			require('./sections/memory').memorySection({
				...ctx,
				runs: [
					{ items: 1_000, concurrency: 1 },
					{ items: 300, concurrency: 8 },
				],
			}),
	},
	{
		id: 5,
		run: (ctx) =>
			require('./sections/concurrency').concurrencySection({
				...ctx,
				latencyMs: 50,
				items: 200,
				rounds: 2,
			}),
	},
	{ id: 8, run: (ctx) => require('./sections/statusSearch').statusSearchSection(ctx) },
	{
		id: 6,
		run: (ctx) =>
			require('./sections/n8n').n8nSection({
				...ctx,
				hires: [100, 1000],
				rounds: { 100: 3, 1000: 1 },
				gets: 2000,
				getRounds: 3,
				coldRounds: 3,
			}),
	},
];

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(3, 11).join('\n'));
		return 0;
	}
	const info = machine();
	const started = Date.now();
	const log = (line) => console.log(line);
	log(
		`IIDaaS node benchmark — ${info.cpu}, ${info.memory}, Node ${info.node}, load ${info.loadAverageAtStart}`,
	);

	const wanted = SECTIONS.filter((s) => (args.only ? args.only.includes(s.id) : true)).filter(
		(s) => !(s.id === 6 && args.skipN8n),
	);
	const results = [];
	const emu = await startEmulatorProcess();
	try {
		await emu.addPrinters(96); // 100 printers to spread reads over, like a fleet
		for (const section of wanted) {
			log(`\n[${section.id}] ...`);
			const t = Date.now();
			try {
				const result = await section.run({ emu, log });
				result.seconds = Math.round((Date.now() - t) / 100) / 10;
				results.push(result);
				for (const target of result.targets)
					log(
						`  ${target.info ? 'INFO' : target.pass ? 'PASS' : target.pending ? 'PENDING' : 'MISS'}  ${target.metric}: ${target.figure} (target ${target.target})`,
					);
			} catch (error) {
				log(`  ERROR ${error && error.stack ? error.stack : error}`);
				results.push({
					id: section.id,
					title: `Section ${section.id}`,
					error: String(error && error.message ? error.message : error),
					targets: [{ metric: 'Section ran', figure: 'error', target: 'runs', pass: false }],
				});
			}
		}
	} finally {
		await emu.close().catch(() => undefined);
	}
	if (args.skipN8n && !args.only) {
		results.push({
			id: 6,
			title: 'Real n8n: plain HTTP Request nodes vs the package',
			skipped: '--skip-n8n was given',
			targets: [],
		});
	}

	info.loadAverageAtEnd = os
		.loadavg()
		.map((l) => l.toFixed(2))
		.join(' / ');
	info.totalSeconds = Math.round((Date.now() - started) / 1000);
	info.command = `node bench/run.js ${process.argv.slice(2).join(' ')}`.trim();
	const missed = results.flatMap((r) => r.targets).filter((t) => !t.pass && !t.pending);
	if (!args.only) {
		writeReport(args.out, info, results);
		log(`\nWrote ${path.relative(process.cwd(), args.out) || args.out}`);
	}
	log(
		`\n${missed.length === 0 ? 'All targets met' : `${missed.length} target(s) missed`} in ${info.totalSeconds} s.`,
	);
	return missed.length === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(2);
	},
);
