'use strict';
/** Handlers keyed by operationId, and the loader for route modules. */
const fs = require('fs');
const path = require('path');

class Registry {
	constructor(operationIds) {
		this.known = new Set(operationIds);
		this.handlers = new Map();
	}

	/** Registers handler(req, res, ctx) for a spec operationId. Typos and double registrations throw at start-up. */
	on(operationId, handler) {
		if (!this.known.has(operationId))
			throw new Error(`emulator: no operation "${operationId}" in the spec`);
		if (this.handlers.has(operationId))
			throw new Error(`emulator: "${operationId}" already has a handler`);
		if (typeof handler !== 'function')
			throw new Error(`emulator: handler for "${operationId}" is not a function`);
		this.handlers.set(operationId, handler);
		return this;
	}

	get(operationId) {
		return this.handlers.get(operationId);
	}

	has(operationId) {
		return this.handlers.has(operationId);
	}

	/** Spec operations nobody implemented yet (they answer 501). */
	missing() {
		return [...this.known].filter((id) => !this.handlers.has(id));
	}
}

/** Every routes/*.js module exports register(registry, ctx); they load in file-name order. */
function loadRouteModules(registry, ctx, dir = path.join(__dirname, 'routes')) {
	const files = fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.js'))
		.sort();
	for (const file of files) {
		const mod = require(path.join(dir, file));
		if (typeof mod.register !== 'function')
			throw new Error(`emulator: routes/${file} does not export register()`);
		mod.register(registry, ctx);
	}
	return files;
}

module.exports = { Registry, loadRouteModules };
