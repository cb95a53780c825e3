import * as fs from 'fs';
import * as path from 'path';

import { resources } from '../../nodes/EntrustIidaas/resources';
const { operationsTable, currentSection } = require('../../scripts/operations-table.js');

describe('README', () => {
	const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

	it('lists exactly the operations of the registry (run `npm run readme` after adding one)', () => {
		expect(currentSection(readme)).toBe(operationsTable(resources));
	});

	it('gives the two commands: the main job and the tests, and .ci/run runs the test command', () => {
		expect(readme).toContain('npm ci && npm start');
		expect(readme).toContain('npm ci && npm test');
		expect(fs.readFileSync(path.resolve(__dirname, '../../.ci/run'), 'utf8')).toContain(
			'npm ci && npm test',
		);
	});
});
