'use strict';
/** IIDaaS Issuance API emulator: `const emu = await startEmulator(); ... await emu.close();` See README.md. */
const { Emulator } = require('./server');
const openapi = require('./openapi');

/** Fixed, obviously fake credentials so demos and docs can show them. */
const DEMO_CREDENTIALS = Object.freeze({
	applicationId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
	sharedSecret: 'emulator-demo-shared-secret-Zm9vYmFyYmF6cXV4',
});

const DEFAULTS = {
	port: 0,
	host: '127.0.0.1',
	applicationId: DEMO_CREDENTIALS.applicationId,
	sharedSecret: DEMO_CREDENTIALS.sharedSecret,
	tokenLifetimeSeconds: 3600,
	latencyMs: 0,
	largeBodyBytes: 100 * 1024,
	quiet: true,
	seed: true,
	validateResponses: true,
};

async function startEmulator(options = {}) {
	const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
	const emulator = new Emulator({ ...DEFAULTS, ...defined });
	return emulator.listen();
}

module.exports = {
	startEmulator,
	DEMO_CREDENTIALS,
	Emulator,
	validateRequest: openapi.validateRequest,
	validateResponse: openapi.validateResponse,
	schemaValidator: openapi.schemaValidator,
	listOperations: openapi.listOperations,
};
