'use strict';
/**
 * Writes the README's Compatibility table (between the compat-table markers) from the records of the last
 * multi-version run in artifacts/compat/ (scripts/n8n/compat.sh): for each n8n version, the Node.js it ran on, the
 * example workflows and checks that passed, and the date.
 * Usage: node scripts/n8n/compat-table.js <version...>
 */
const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '../..');
const README = path.join(REPO, 'README.md');
const DIR = path.join(REPO, 'artifacts', 'compat');
const START = '<!-- compat-table:start (written by scripts/n8n/compat.sh from its last run) -->';
const END = '<!-- compat-table:end -->';

function row(version) {
	const runFile = path.join(DIR, `run-${version}.json`);
	const jestFile = path.join(DIR, `jest-${version}.json`);
	if (!fs.existsSync(runFile) || !fs.existsSync(jestFile)) return `| ${version} | | not run | |`;
	const run = JSON.parse(fs.readFileSync(runFile, 'utf8'));
	const jest = JSON.parse(fs.readFileSync(jestFile, 'utf8'));
	const tests = jest.testResults.flatMap((file) => file.assertionResults);
	const examples = tests.filter((t) => t.ancestorTitles.some((a) => a.startsWith('example ')));
	const passedExamples = examples.filter((t) => t.status === 'passed').length;
	const failed = tests
		.filter((t) => t.status === 'failed')
		.map((t) => t.ancestorTitles.concat(t.title).join(' › '));
	const result = failed.length
		? `**${failed.length} failed**: ${failed.join('; ')}`
		: `${passedExamples}/${examples.length} example workflows and ${tests.length - examples.length} other checks passed`;
	return `| ${version} | ${run.node.replace(/^v/, '')} | ${result} | ${run.date} |`;
}

function main(versions) {
	if (!versions.length) throw new Error('usage: node scripts/n8n/compat-table.js <version...>');
	const table = [
		START,
		'| n8n | Node.js running n8n | Example workflows headless against the emulator, per-node expectations | Last run |',
		'| --- | --- | --- | --- |',
		...versions.map(row),
		END,
	].join('\n');
	const readme = fs.readFileSync(README, 'utf8');
	const from = readme.indexOf(START);
	const to = readme.indexOf(END);
	if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END} section`);
	fs.writeFileSync(README, readme.slice(0, from) + table + readme.slice(to + END.length));
	// eslint-disable-next-line no-console
	console.log(table);
}

main(process.argv.slice(2));
