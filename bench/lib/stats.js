'use strict';
/** Small numeric and formatting helpers. */
const { execFileSync } = require('child_process');
const os = require('os');

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const round = (value, digits = 2) =>
	value === null || value === undefined ? value : Number(value.toFixed(digits));

async function timed(fn) {
	const cpuBefore = process.cpuUsage();
	const started = process.hrtime.bigint();
	const result = await fn();
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const cpu = process.cpuUsage(cpuBefore);
	return { result, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function machine() {
	const cpus = os.cpus();
	let commit = 'unknown';
	let dirty = false;
	try {
		commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}).trim();
		dirty =
			execFileSync('git', ['status', '--porcelain'], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}).trim() !== '';
	} catch {
		// not a git checkout
	}
	return {
		date: new Date().toISOString(),
		cpu: `${cpus[0] ? cpus[0].model.trim() : 'unknown'} × ${cpus.length}`,
		memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
		os: `${os.type()} ${os.release()} (${os.arch()})`,
		node: process.version,
		commit: `${commit}${dirty ? ' (with uncommitted changes)' : ''}`,
		loadAverageAtStart: os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' / '),
	};
}

module.exports = { median, round, timed, machine };
