// Builds the README's Operations section from the node's operation registry, so the two cannot drift:
// `npm run readme` rewrites the section and test/unit/readme.test.ts fails when they differ.
'use strict';

const START = '<!-- operations:start -->';
const END = '<!-- operations:end -->';

/** @param {Array<{name: string, value: string, operations: Array<{name: string, value: string, description: string}>}>} resources */
function operationsTable(resources) {
	const count = resources.reduce((total, resource) => total + resource.operations.length, 0);
	const lines = [
		`${count} operations in ${resources.length} resources.`,
		'',
		'| Resource | Operation | What it does |',
		'| --- | --- | --- |',
	];
	for (const resource of resources) {
		for (const operation of resource.operations) {
			lines.push(
				`| ${resource.name} | ${operation.name} | ${operation.description.replace(/\|/g, '\\|')} |`,
			);
		}
	}
	return lines.join('\n');
}

function replaceSection(readme, table) {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start === -1 || end === -1 || end < start)
		throw new Error(`README.md needs the markers ${START} and ${END}`);
	return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}

function currentSection(readme) {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start === -1 || end === -1) return undefined;
	return readme.slice(start + START.length, end).trim();
}

module.exports = { operationsTable, replaceSection, currentSection };

if (require.main === module) {
	const fs = require('fs');
	const path = require('path');
	const { resources } = require('../dist/nodes/EntrustIidaas/resources');
	const file = path.resolve(__dirname, '../README.md');
	fs.writeFileSync(file, replaceSection(fs.readFileSync(file, 'utf8'), operationsTable(resources)));
	console.log('README.md operations section updated');
}
