'use strict';
/**
 * Checks one `n8n execute --rawOutput` run against an expectation file (examples/<name>.expect.json).
 * Returns a list of human-readable failures (empty = pass), so a test can show all of them at once.
 *
 * Expectation file:
 * {
 *   "seed": { "jobsPerPrinter": 2 },            // how the test prepares the emulator (see seed.js)
 *   "status": "success",                        // execution status ("success" | "error")
 *   "lastNodeExecuted": "Node name",
 *   "nodes": {
 *     "Node name": {
 *       "items": 4,                             // exact item count of output 0 (run 0)
 *       "minItems": 1,                          // or a lower bound
 *       "fields": ["id", "name"],               // every item has these json keys
 *       "first": { "name": "x" },               // the first item's json contains these values
 *       "some": [{ "name": "x" }],              // for each entry, at least one item contains these values
 *       "every": { "success": true },           // every item contains these values
 *       "count": { "status": { "FAILED": 1 } }, // how many items have each value of a key
 *       "binary": ["data"]                      // every item has these binary properties
 *     }
 *   },
 *   "notExecuted": ["Node name"],               // nodes that must not have run
 *   "requests": { "operationId": 1 },           // exact emulator request counts for the execution
 *   "oneAuthPerExecution": true,                // default true: all IIDaaS nodes of one execution share one
 *                                               //   authenticateAdminApiUsingPOST (none when no IIDaaS node ran)
 *   "allowHttpErrors": false                    // default false: every emulator answer was 2xx
 *   "runBy": "test/e2e/agent.e2e.test.ts"       // optional: that test runs the example (it needs more than the
 *                                               //   emulator, e.g. a scripted chat model); the examples test skips it
 * }
 */
const { isDeepStrictEqual } = require('util');

const { tail } = require('./driver');

const IIDAAS_NODE_TYPE = 'n8n-nodes-entrust-iidaas.entrustIidaas';
const IIDAAS_TRIGGER_TYPE = 'n8n-nodes-entrust-iidaas.entrustIidaasTrigger';
const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
const AUTH_OPERATION = 'authenticateAdminApiUsingPOST';

/**
 * The node that starts `workflow` on an outside event, or null. `n8n execute` can only start a workflow at a
 * Manual Trigger, so a workflow without one that starts at a trigger node (the Entrust IIDaaS Trigger, a Webhook,
 * any other `...Trigger` type) has to be activated and sent events instead (test/e2e/trigger.e2e.test.ts).
 * Decided by node type, never by node name.
 */
function eventTriggerOf(workflow) {
	const nodes = (workflow && workflow.nodes) || [];
	if (nodes.some((n) => n.type === MANUAL_TRIGGER_TYPE)) return null;
	const isTrigger = (type) =>
		type === IIDAAS_TRIGGER_TYPE ||
		type === 'n8n-nodes-base.webhook' ||
		/Trigger$/.test(String(type).split('.').pop());
	return nodes.find((n) => isTrigger(n.type)) || null;
}

function contains(json, partial) {
	return Object.entries(partial).every(
		([key, value]) => json && isDeepStrictEqual(json[key], value),
	);
}

function show(value) {
	const text = JSON.stringify(value);
	return text && text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * run: the result of executeWorkflow(); workflow: the workflow JSON; emulator: the emulator handle (its
 * `requests` must hold only this execution's requests).
 */
function checkRun({ run, workflow, expect, emulator }) {
	const failures = [];
	const fail = (message) => failures.push(message);
	if (!run.output) {
		fail(
			`no execution JSON on stdout (exit ${run.code}); stdout ends with:\n${tail(run.stdout || '', 15)}\nstderr ends with:\n${tail(run.stderr || '', 15)}`,
		);
		return failures;
	}
	const wantStatus = expect.status || 'success';
	if (run.status !== wantStatus) {
		const err = run.error
			? `${run.error.message || ''} ${run.error.description || ''}`.trim()
			: 'none';
		fail(`execution status is ${run.status}, expected ${wantStatus} (error: ${err})`);
	}
	const wantCode = wantStatus === 'success' ? 0 : 1;
	if (run.code !== wantCode)
		fail(
			`n8n execute exited with ${run.code}${run.signal ? ` (signal ${run.signal})` : ''}, expected ${wantCode}; stderr ends with:\n${tail(run.stderr || '', 15)}`,
		);
	const lastNode =
		run.output.data && run.output.data.resultData && run.output.data.resultData.lastNodeExecuted;
	if (expect.lastNodeExecuted && lastNode !== expect.lastNodeExecuted) {
		fail(`last node executed is "${lastNode}", expected "${expect.lastNodeExecuted}"`);
	}

	const workflowNodes = new Set((workflow.nodes || []).map((n) => n.name));
	for (const [name, want] of Object.entries(expect.nodes || {})) {
		if (!workflowNodes.has(name)) {
			fail(`expectation names node "${name}", which the workflow does not have`);
			continue;
		}
		const runs = run.runData[name];
		if (!runs || !runs.length) {
			fail(`node "${name}" did not run`);
			continue;
		}
		if (runs[0].error) fail(`node "${name}" failed: ${runs[0].error.message}`);
		const items = (runs[0].data && runs[0].data.main && runs[0].data.main[0]) || [];
		const jsons = items.map((i) => i.json);
		const label = `node "${name}"`;
		if (want.items !== undefined && items.length !== want.items)
			fail(`${label} returned ${items.length} items, expected ${want.items}`);
		if (want.minItems !== undefined && items.length < want.minItems)
			fail(`${label} returned ${items.length} items, expected at least ${want.minItems}`);
		for (const field of want.fields || []) {
			const missing = jsons.findIndex((j) => !j || !(field in j));
			if (missing !== -1)
				fail(`${label} item ${missing} has no field "${field}": ${show(jsons[missing])}`);
		}
		if (want.first && !contains(jsons[0], want.first))
			fail(`${label} first item ${show(jsons[0])} does not contain ${show(want.first)}`);
		for (const partial of want.some || []) {
			if (!jsons.some((j) => contains(j, partial)))
				fail(`${label}: no item contains ${show(partial)}`);
		}
		if (want.every) {
			const bad = jsons.findIndex((j) => !contains(j, want.every));
			if (bad !== -1)
				fail(`${label} item ${bad} ${show(jsons[bad])} does not contain ${show(want.every)}`);
		}
		for (const [key, perValue] of Object.entries(want.count || {})) {
			for (const [value, n] of Object.entries(perValue)) {
				const got = jsons.filter((j) => j && String(j[key]) === value).length;
				if (got !== n) fail(`${label}: ${got} items have ${key}=${value}, expected ${n}`);
			}
		}
		for (const prop of want.binary || []) {
			const bad = items.findIndex((i) => !i.binary || !i.binary[prop]);
			if (bad !== -1) fail(`${label} item ${bad} has no binary property "${prop}"`);
		}
	}
	for (const name of expect.notExecuted || []) {
		if (run.runData[name]) fail(`node "${name}" ran, but should not have`);
	}

	if (emulator) {
		for (const [operationId, n] of Object.entries(expect.requests || {})) {
			const got = emulator.count(operationId);
			if (got !== n) fail(`emulator saw ${got} × ${operationId}, expected ${n}`);
		}
		if (expect.oneAuthPerExecution !== false) {
			// The node runs as itself or, for an AI agent, as its tool variant (`<type>Tool`).
			const iidaasRan = (workflow.nodes || []).some(
				(n) =>
					(n.type === IIDAAS_NODE_TYPE || n.type === `${IIDAAS_NODE_TYPE}Tool`) &&
					run.runData[n.name],
			);
			const auths = emulator.count(AUTH_OPERATION);
			const want = iidaasRan ? 1 : 0;
			if (auths !== want)
				fail(
					`emulator saw ${auths} × ${AUTH_OPERATION} in one execution, expected ${want} (one session shared by all IIDaaS nodes)`,
				);
		}
		if (!expect.allowHttpErrors) {
			const errors = emulator.requests.filter((r) => !(r.status >= 200 && r.status < 300));
			if (errors.length)
				fail(
					`emulator answered errors: ${errors.map((r) => `${r.method} ${r.path} → ${r.status}`).join(', ')}`,
				);
		}
		const unknown = emulator.requests.filter((r) => r.operationId === null);
		if (unknown.length)
			fail(
				`requests to paths the API does not have: ${unknown.map((r) => `${r.method} ${r.path}`).join(', ')}`,
			);
	}
	return failures;
}

module.exports = {
	checkRun,
	contains,
	eventTriggerOf,
	IIDAAS_NODE_TYPE,
	IIDAAS_TRIGGER_TYPE,
	AUTH_OPERATION,
};
