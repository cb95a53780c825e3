/**
 * End-to-end tests against a real n8n (pinned runtime in .n8n-runtime/, installed by scripts/n8n/prepare-runtime.sh)
 * with the packed package installed as a community node. Slow: one n8n process at a time.
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	// First run installs the n8n runtime (~5-7 min on 2 cores) inside beforeAll.
	testTimeout: 15 * 60 * 1000,
	maxWorkers: 1,
	verbose: true,
};
