'use strict';
/**
 * Fault injection rules. A rule matches on operationId / method / pathPrefix (all optional, all must hold),
 * lets `skip` matching requests through, then applies its action `times` times (Infinity allowed).
 *
 * Actions:
 *   { status, body?, headers?, contentType? }  answer this instead (body: object -> JSON, string -> as is, absent -> empty)
 *   { reset: true }                            destroy the socket without answering
 *   { delayMs }                                wait, then process and answer normally
 *   { truncate: true }                         process, then send a Content-Length larger than the body and cut
 *   { processThen: <status action | {reset:true}> }  process (state changes!), then replace the answer
 */
const API_PREFIX = '/api/web';

const ACTION_KINDS = ['status', 'reset', 'delayMs', 'truncate', 'processThen'];

class Faults {
	constructor() {
		this.rules = [];
	}

	/** Adds a rule; returns it (rule.hits counts applications, rule.seen counts matches). */
	add(rule) {
		const action = rule && rule.action;
		if (!action || !ACTION_KINDS.some((k) => k in action)) {
			throw new Error(`fault rule needs an action with one of: ${ACTION_KINDS.join(', ')}`);
		}
		if (action.processThen && !('status' in action.processThen || action.processThen.reset)) {
			throw new Error('processThen needs { status } or { reset: true }');
		}
		const added = { times: 1, skip: 0, ...rule, seen: 0, hits: 0 };
		this.rules.push(added);
		return added;
	}

	remove(rule) {
		this.rules = this.rules.filter((r) => r !== rule);
	}

	clear() {
		this.rules = [];
	}

	list() {
		return [...this.rules];
	}

	/** The action to apply to this request, or null. Consumes skip/times budgets. */
	take({ operationId, method, path }) {
		for (const rule of this.rules) {
			if (!matches(rule, operationId, method, path)) continue;
			rule.seen += 1;
			if (rule.seen <= rule.skip) continue;
			rule.hits += 1;
			if (rule.hits >= rule.times) this.remove(rule);
			return rule.action;
		}
		return null;
	}
}

function matches(rule, operationId, method, path) {
	if (rule.operationId && rule.operationId !== operationId) return false;
	if (rule.method && rule.method.toUpperCase() !== method) return false;
	if (rule.pathPrefix) {
		// Accept prefixes written with or without the /api/web prefix.
		const short = path.startsWith(API_PREFIX) ? path.slice(API_PREFIX.length) : path;
		if (!path.startsWith(rule.pathPrefix) && !short.startsWith(rule.pathPrefix)) return false;
	}
	return true;
}

module.exports = { Faults };
