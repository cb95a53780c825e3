'use strict';
/** Writes BENCHMARKS.md from the figures of one run. */
const fs = require('fs');

const escape = (value) => String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(header, rows) {
	return [
		`| ${header.join(' | ')} |`,
		`| ${header.map(() => '---').join(' | ')} |`,
		...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
	].join('\n');
}

const status = (target) =>
	target.info ? 'reported' : target.pass ? 'met' : target.pending ? 'pending' : '**missed**';

function sectionMarkdown(result) {
	const lines = [`## ${result.id}. ${result.title}`, ''];
	if (result.skipped) return [...lines, `Not run: ${result.skipped}.`, ''].join('\n');
	if (result.error) lines.push(`**The section failed:** ${result.error}`, '');
	if (result.description) lines.push(result.description, '');
	if (result.targets.length)
		lines.push(
			table(
				['Measure', 'Figure', 'Target', 'Result'],
				result.targets.map((t) => [t.metric, t.figure, t.target, status(t)]),
			),
			'',
		);
	if (result.rows) {
		lines.push(
			table(
				[
					'Operation, items',
					'Requests (emulator)',
					'Helper calls',
					'Authentications',
					'Expected',
					'Wall time (ms)',
					'As expected',
				],
				result.rows.map((r) => [
					r.label,
					r.emulatorRequests,
					r.helperCalls,
					r.authentications,
					r.expected,
					r.ms,
					r.pass ? 'yes' : '**no**',
				]),
			),
			'',
		);
	}
	for (const note of result.notes || []) lines.push(`- ${note}`);
	if (result.notes && result.notes.length) lines.push('');
	if (result.raw)
		lines.push('Raw figures:', '', '```json', JSON.stringify(result.raw, null, 2), '```', '');
	if (result.seconds !== undefined) lines.push(`Section time: ${result.seconds} s.`, '');
	return lines.join('\n');
}

function writeReport(file, info, results) {
	const allTargets = results.flatMap((r) => r.targets.map((t) => ({ ...t, section: r.id })));
	const missed = allTargets.filter((t) => !t.pass && !t.pending && !t.info).length;
	const text = [
		'# Benchmarks',
		'',
		'Measured by `npm run bench` (`node bench/run.js`), which overwrites this file. Every figure below comes from the run',
		'described here; nothing is asserted in unit tests. The run exits non-zero when a target is missed.',
		'',
		'## Run',
		'',
		table(
			['', ''],
			[
				['Date', info.date],
				['Machine', `${info.cpu}, ${info.memory} RAM`],
				['OS', info.os],
				['Node.js', info.node],
				['Commit', info.commit],
				['Command', `\`${info.command}\``],
				['Load average (1/5/15 min) at start', info.loadAverageAtStart],
				['Load average at end', info.loadAverageAtEnd],
				['Total time', `${info.totalSeconds} s`],
			],
		),
		'',
		'How it measures:',
		'',
		'- The node runs its real execute path (`EntrustIidaas.execute` through `tools/harness.ts`, whose HTTP helper',
		"  uses axios the way n8n's `httpRequest` does) against the IIDaaS emulator over loopback HTTP. The TypeScript",
		'  sources are transpiled on load (`bench/lib/typescript.js`, same emit as `tsc` under `isolatedModules`).',
		'- The emulator runs in a separate process (`bench/emulator-child.js`), so its CPU and memory are not counted',
		"  as the node's. Latency is injected by the emulator (0 ms unless a section says 50 ms).",
		"- Request counts are what the emulator received, authentication included, checked against the helper's own count.",
		'- Timings are wall-clock (`process.hrtime`) of one node execution; where runs repeat, they are interleaved and the',
		'  median is used. The machine is shared, so the load average above matters when reading the timings.',
		'',
		'## Summary',
		'',
		table(
			['#', 'Measure', 'Figure', 'Target', 'Result'],
			allTargets.map((t) => [t.section, t.metric, t.figure, t.target, status(t)]),
		),
		'',
		missed === 0 ? 'All targets met.' : `${missed} target(s) missed.`,
		'',
		...notesMarkdown(),
		...results.map(sectionMarkdown),
		...queueModeMarkdown(),
	].join('\n');
	fs.writeFileSync(file, `${text.trimEnd()}\n`);
}

/** Findings written by hand (bench/notes/*.md): what profiling showed and what changed because of it. */
function notesMarkdown() {
	const dir = require('path').resolve(__dirname, '../notes');
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.md'))
		.sort()
		.flatMap((name) => [fs.readFileSync(require('path').join(dir, name), 'utf8').trimEnd(), '']);
}

/** The queue-mode figures `npm run test:scale` recorded (bench/results/queue-mode.json), quoted with their date. */
function queueModeMarkdown() {
	const file = require('path').resolve(__dirname, '../results/queue-mode.json');
	if (!fs.existsSync(file))
		return ['', '## 7. Queue mode', '', 'No figures yet: run `npm run test:scale`.'];
	const { at, figures } = JSON.parse(fs.readFileSync(file, 'utf8'));
	const rows = figures.map((f) => [
		f.run,
		f.workers,
		`${f.executions} × ${f.hiresPerExecution}`,
		`${f.latencyMs} ms`,
		f.concurrencyPerWorker,
		`${f.wallSeconds} s`,
		JSON.stringify(f.executionsPerWorker),
		JSON.stringify(f.requests),
	]);
	const [one, two] = figures;
	return [
		'',
		'## 7. Queue mode (from `npm run test:scale`)',
		'',
		`Recorded ${at} by the queue-mode test: n8n 2.41.1 main + workers on PostgreSQL and Redis, 10 executions of the`,
		'100-hire onboarding at once through the queue, emulator at 50 ms latency. Not re-measured by `npm run bench`.',
		'',
		table(
			[
				'Run',
				'Workers',
				'Executions × hires',
				'Latency',
				'Concurrency per worker',
				'Wall time',
				'Executions per worker',
				'Requests',
			],
			rows,
		),
		'',
		one && two
			? `Wall time, one worker ÷ two workers: ${(one.wallSeconds / two.wallSeconds).toFixed(2)}.`
			: '',
	];
}

module.exports = { writeReport };
