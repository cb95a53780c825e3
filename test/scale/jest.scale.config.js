/**
 * The queue-mode scale test (`npm run test:scale`): PostgreSQL, Redis, an n8n main instance and two workers.
 * Not part of `npm test` (the default jest config matches *.test.ts only, this one *.scale.ts).
 */
const path = require('path');

module.exports = {
	rootDir: path.resolve(__dirname, '../..'),
	testEnvironment: 'node',
	roots: ['<rootDir>/test/scale'],
	testMatch: ['**/*.scale.ts'],
	transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	// The first run may install the n8n runtime (~5-7 min on 2 cores) inside beforeAll.
	testTimeout: 20 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
};
