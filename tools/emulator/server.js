'use strict';
/**
 * Emulator core: HTTP server, recording, latency, fault injection, auth, permissions, validation, dispatch.
 *
 * Request pipeline (each step may answer and stop):
 *   read body (10 MB limit → 413) → latency → resolve operation → fault rule → OPTIONS probe → 404
 *   → auth (401, or 500 for an expired token with a large body) → permission (403) → validation (400)
 *   → handler (501 if none) → response checked against the spec → sent (or replaced by the fault rule).
 */
const http = require('http');
const { EventEmitter } = require('events');
const openapi = require('./openapi');
const { Reply } = require('./reply');
const { Faults } = require('./faults');
const { TokenStore } = require('./tokens');
const { Registry, loadRouteModules } = require('./registry');
const { createIds, createState } = require('./state');

const BODY_LIMIT_BYTES = 10 * 1024 * 1024;

class Emulator {
	constructor(options) {
		this.options = options;
		this.credentials = { applicationId: options.applicationId, sharedSecret: options.sharedSecret };
		this.ids = createIds();
		this.state = createState({
			...this.credentials,
			tenantId: options.tenantId || this.ids.uuid(),
		});
		this.tokens = new TokenStore(this.ids, options.tokenLifetimeSeconds);
		this.faults = new Faults();
		this.events = new EventEmitter();
		this.requests = [];
		this.latencyMs = options.latencyMs;
		this.sessionRequestLimit = null;
		this.url = null;
		this.port = null;
		this.processed = new Map();
		this.timers = new Set();
		this.sockets = new Set();
		this.closed = false;
		this.registry = new Registry(openapi.listOperations().map((op) => op.operationId));
		this.ctx = {
			state: this.state,
			ids: this.ids,
			tokens: this.tokens,
			events: this.events,
			options,
			emulator: this,
			baseUrl: () => this.url,
			now: () => new Date().toISOString(),
			log: (...args) => this.log(...args),
		};
		loadRouteModules(this.registry, this.ctx);
		this.server = http.createServer((req, res) => {
			this.handle(req, res).catch((err) => this.crash(res, err));
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	listen() {
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.options.port, this.options.host, () => {
				this.server.off('error', reject);
				this.port = this.server.address().port;
				const host = ['0.0.0.0', '::'].includes(this.options.host)
					? '127.0.0.1'
					: this.options.host;
				this.url = `http://${host}:${this.port}`;
				resolve(this);
			});
		});
	}

	// ---- public handle API -------------------------------------------------------------------------------

	count(operationId) {
		return this.requests.filter((r) => r.operationId === operationId).length;
	}

	processedCount(operationId) {
		return this.processed.get(operationId) || 0;
	}

	clearRequests() {
		this.requests.length = 0;
		this.processed.clear();
	}

	expireAllTokens() {
		this.tokens.expireAll();
	}

	issuedTokens() {
		return this.tokens.issued();
	}

	setLatency(ms) {
		this.latencyMs = Math.max(0, Number(ms) || 0);
	}

	/**
	 * The service ends a session at its Nth authenticated request, which gets a 401 (a service that drops sessions
	 * often); null turns it off. Counted per token, so every session serves N - 1 requests.
	 */
	setSessionRequestLimit(requests) {
		this.sessionRequestLimit = requests ? Number(requests) : null;
	}

	setTokenLifetime(seconds) {
		this.tokens.lifetimeSeconds = Number(seconds);
	}

	/** Permissions granted to every application (e.g. ['PRINTERS:VIEW']); null grants everything. */
	setPermissions(permissions) {
		this.state.settings.permissions = permissions ? [...permissions] : null;
	}

	setPrintOutcome(outcome) {
		if (!['COMPLETED', 'FAILED'].includes(outcome))
			throw new Error('print outcome must be COMPLETED or FAILED');
		this.state.settings.printOutcome = outcome;
	}

	setPrePrintHold(enabled) {
		this.state.settings.prePrintHold = Boolean(enabled);
	}

	/** Spec operations without a handler (they answer 501). */
	missingHandlers() {
		return this.registry.missing();
	}

	async close() {
		if (this.closed) return;
		this.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		const closing = new Promise((resolve) => this.server.close(() => resolve()));
		this.server.closeAllConnections();
		for (const socket of this.sockets) socket.destroy();
		await closing;
	}

	log(...args) {
		if (!this.options.quiet) console.log('[iidaas-emulator]', ...args);
	}

	// ---- pipeline ----------------------------------------------------------------------------------------

	async handle(req, res) {
		const url = new URL(req.url, 'http://emulator.local');
		const entry = {
			method: req.method,
			path: url.pathname,
			query: openapi.queryToObject(url.searchParams),
			operationId: null,
			status: null,
			bodyBytes: 0,
			authorized: false,
			at: Date.now(),
		};
		this.requests.push(entry);
		const call = { req, res, url, entry, headers: req.headers, route: null };
		try {
			Object.assign(call, await readBody(req, BODY_LIMIT_BYTES));
		} catch {
			entry.status = 0; // client went away mid-upload
			return;
		}
		entry.bodyBytes = call.bytes;
		await this.sleep(this.latencyMs);
		await this.dispatch(call);
		this.log(
			`${entry.method} ${entry.path} -> ${entry.status} (${entry.operationId || '-'})${entry.fault ? ' [fault]' : ''}`,
		);
	}

	async dispatch(call) {
		const { req, entry } = call;
		if (req.method === 'OPTIONS') entry.operationId = 'OPTIONS';
		else {
			const match = openapi.matchRoute(req.method, call.url.pathname);
			call.route = match.route || null;
			entry.operationId = match.route ? match.route.operationId : null;
		}
		const fault = this.faults.take({
			operationId: entry.operationId,
			method: req.method,
			path: entry.path,
		});
		if (fault) entry.fault = true;
		if (fault && fault.reset) return this.reset(call);
		if (fault && 'status' in fault) return this.send(call, faultReply(fault));
		if (fault && fault.delayMs) await this.sleep(fault.delayMs);
		if (this.closed) return undefined;

		const reply = await this.processRequest(call);
		if (fault && fault.processThen) {
			return fault.processThen.reset
				? this.reset(call)
				: this.send(call, faultReply(fault.processThen));
		}
		if (fault && fault.truncate) return this.sendTruncated(call, reply);
		return this.send(call, reply);
	}

	async processRequest(call) {
		const { req, entry } = call;
		if (call.tooLarge)
			return new Reply().sendError(413, 'PAYLOAD_TOO_LARGE', 'Request body exceeds 10 MB');
		if (req.method === 'OPTIONS') return this.optionsProbe(call);
		if (!call.route) {
			return new Reply().sendError(
				404,
				'NOT_FOUND',
				`No operation ${req.method} ${entry.path}`,
				entry.path,
			);
		}
		const route = call.route;
		const reply = new Reply(route.errorStyle);
		const auth = this.tokens.check(req.headers);
		entry.authorized = auth.ok;
		if (route.operation.security && auth.ok && this.sessionLimitReached(auth.record)) {
			entry.authorized = false;
			return reply.error(401, 'UNAUTHORIZED', 'The session has ended');
		}
		if (route.operation.security && !auth.ok) return this.authFailure(call, auth, reply);
		if (route.operation.security && !this.permitted(route.permission)) {
			// Like the vendor, don't name the missing permission: the node has to add it from the spec.
			return reply.error(403, 'ACCESS_DENIED', 'Access denied');
		}
		const checked = openapi.validateRequest({
			method: req.method,
			path: req.url,
			headers: req.headers,
			body: call.body,
		});
		if (!checked.ok)
			return reply.error(
				checked.error.status,
				checked.error.code,
				checked.error.message,
				checked.error.target,
			);
		return this.runHandler(call, checked, auth, reply);
	}

	optionsProbe(call) {
		const auth = this.tokens.check(call.req.headers);
		call.entry.authorized = auth.ok;
		if (!openapi.pathExists(call.url.pathname))
			return new Reply().sendError(404, 'NOT_FOUND', `No resource at ${call.entry.path}`);
		return auth.ok
			? new Reply().sendEmpty(204)
			: new Reply().sendError(401, 'UNAUTHORIZED', auth.message);
	}

	authFailure(call, auth, reply) {
		// Vendor quirk: a large upload whose token expires in flight gets a 500, not a 401.
		if (auth.reason === 'EXPIRED' && call.bytes > this.options.largeBodyBytes) {
			return reply.error(500, 'INTERNAL_SERVER_ERROR', 'An unexpected error occurred');
		}
		return reply.error(401, 'UNAUTHORIZED', auth.message);
	}

	sessionLimitReached(record) {
		if (!this.sessionRequestLimit) return false;
		record.requests = (record.requests || 0) + 1;
		if (record.requests < this.sessionRequestLimit) return false;
		record.expiresAt = Date.now() - 1000;
		return true;
	}

	permitted(permission) {
		const granted = this.state.settings.permissions;
		return !granted || !permission || granted.includes(permission);
	}

	async runHandler(call, checked, auth, reply) {
		const { operationId, route } = checked;
		const handler = this.registry.get(operationId);
		if (!handler)
			return reply.error(501, 'NOT_IMPLEMENTED', `The emulator has no handler for ${operationId}`);
		const request = {
			method: call.req.method,
			path: call.entry.path,
			operationId,
			route,
			params: checked.params,
			query: checked.query,
			body: checked.body,
			headers: call.req.headers,
			auth: auth.ok ? auth.record : null,
			application: auth.ok
				? this.state.applications.get(auth.record.applicationId.toLowerCase())
				: null,
		};
		this.processed.set(operationId, this.processedCount(operationId) + 1);
		try {
			await handler(request, reply, this.ctx);
		} catch (err) {
			console.error(`[iidaas-emulator] handler ${operationId} threw:`, err);
			return new Reply(route.errorStyle).error(
				500,
				'INTERNAL_SERVER_ERROR',
				`Emulator handler failed: ${err.message}`,
			);
		}
		if (!reply.sent)
			return new Reply(route.errorStyle).error(
				500,
				'INTERNAL_SERVER_ERROR',
				`Handler ${operationId} sent no response`,
			);
		return this.checkReply(operationId, reply);
	}

	/** A handler answering off-contract is an emulator bug: make it loud instead of letting tests pass on it. */
	checkReply(operationId, reply) {
		if (this.options.validateResponses === false) return reply;
		const problem = openapi.validateResponse(
			operationId,
			reply.status,
			reply.contentType,
			reply.body,
		);
		if (!problem) return reply;
		console.error(`[iidaas-emulator] ${operationId} answered off-contract: ${problem}`);
		return new Reply(reply.errorStyle).error(
			500,
			'EMULATOR_RESPONSE_INVALID',
			`${operationId}: ${problem}`,
		);
	}

	send(call, reply) {
		const { res, entry } = call;
		entry.status = reply.status;
		if (res.destroyed || res.writableEnded) return;
		const headers = { ...reply.headers, 'Content-Length': reply.body.length };
		if (reply.contentType) headers['Content-Type'] = reply.contentType;
		res.writeHead(reply.status, headers);
		res.end(reply.body);
	}

	/** Promise more bytes than are sent, then drop the connection mid-body. */
	sendTruncated(call, reply) {
		const { res, entry } = call;
		let { status, body, contentType } = reply;
		if (!body.length) {
			status = 200;
			contentType = 'application/json';
			body = Buffer.from(
				JSON.stringify({ note: 'this response was cut on purpose by the emulator' }),
			);
		}
		entry.status = status;
		if (res.destroyed) return;
		res.writeHead(status, {
			...reply.headers,
			'Content-Type': contentType || 'application/json',
			'Content-Length': body.length,
		});
		res.write(
			body.subarray(0, Math.floor(body.length / 2)),
			() => res.socket && res.socket.destroy(),
		);
	}

	reset(call) {
		call.entry.status = 0;
		const socket = call.req.socket;
		if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
		else socket.destroy();
	}

	sleep(ms) {
		if (!ms || ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	crash(res, err) {
		console.error('[iidaas-emulator] internal error:', err);
		if (!res.headersSent && !res.destroyed) {
			res.writeHead(500, { 'Content-Type': 'application/json' });
			res.end(
				JSON.stringify({ code: 'INTERNAL_SERVER_ERROR', message: String(err && err.message) }),
			);
		}
	}
}

function readBody(req, limit) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let bytes = 0;
		req.on('data', (chunk) => {
			bytes += chunk.length;
			if (bytes <= limit) chunks.push(chunk); // keep draining past the limit so we can still answer 413
		});
		req.on('end', () => resolve({ body: Buffer.concat(chunks), bytes, tooLarge: bytes > limit }));
		req.on('error', reject);
	});
}

/** Reply for a { status, body?, headers?, contentType? } fault action. */
function faultReply(action) {
	const reply = new Reply();
	if (action.body === undefined) reply.sendEmpty(action.status);
	else if (typeof action.body === 'string' || Buffer.isBuffer(action.body)) {
		reply.sendBinary(
			action.status,
			action.contentType || 'text/plain; charset=utf-8',
			Buffer.from(action.body),
		);
	} else reply.sendJson(action.status, action.body);
	if (action.contentType) reply.contentType = action.contentType;
	Object.assign(reply.headers, action.headers || {});
	return reply;
}

module.exports = { Emulator, BODY_LIMIT_BYTES };
