'use strict';
/**
 * Runs the node's real execute path (EntrustIidaas.execute through tools/harness.ts, axios like n8n's
 * helper) and the "bare loop" baseline that sends the same requests through the same helper.
 */
require('./typescript').register();
const fs = require('fs');
const harness = require('../../tools/harness.ts');
const { EntrustIidaas } = require('../../nodes/EntrustIidaas/EntrustIidaas.node.ts');

const node = new EntrustIidaas();

function byId(value) {
	return { __rl: true, mode: 'id', value };
}

/**
 * One execution of the node. `binaryFromDisk` makes binary data behave like n8n's filesystem mode: items hold
 * only a reference (`id`, `fileSize`), and every getBinaryDataBuffer call reads the file from disk.
 */
async function runNode({ credentials, params, items, continueOnFail = false, binaryFromDisk }) {
	const fn = harness.createExecuteFunctions({ credentials, params, items, continueOnFail, node });
	if (binaryFromDisk) {
		fn.helpers.getBinaryDataBuffer = async (itemIndex, propertyName) => {
			const binary = items[itemIndex].binary && items[itemIndex].binary[propertyName];
			if (!binary) throw new Error(`No binary data property "${propertyName}"`);
			return await fs.promises.readFile(binaryFromDisk(binary.id));
		};
	}
	const started = process.hrtime.bigint();
	const result = await node.execute.call(fn);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	return { output: result[0], httpCalls: fn.httpCalls(), ms };
}

/**
 * The baseline: authenticate once, then one GET per item through the same helper (n8nLikeHttpRequest), with the
 * same request options the node's transport uses, parsing each answer. No parameters, validation or item loop.
 */
async function runBareLoop({ credentials, paths }) {
	const started = process.hrtime.bigint();
	const base = `${credentials.accountUrl}/api/web`;
	const auth = await harness.n8nLikeHttpRequest({
		method: 'POST',
		url: `${base}/v1/adminapi/authenticate`,
		headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
		body: Buffer.from(
			JSON.stringify({
				applicationId: credentials.applicationId,
				sharedSecret: credentials.sharedSecret,
			}),
		),
		encoding: 'arraybuffer',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: false,
	});
	const token = JSON.parse(Buffer.from(auth.body).toString('utf8')).authToken;
	const output = [];
	for (const path of paths) {
		const response = await harness.n8nLikeHttpRequest({
			method: 'GET',
			url: base + path,
			headers: { Authorization: token, Accept: 'application/json, */*' },
			encoding: 'arraybuffer',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: 60000,
			json: false,
		});
		if (response.statusCode !== 200)
			throw new Error(`bare loop: ${path} answered ${response.statusCode}`);
		output.push({ json: JSON.parse(Buffer.from(response.body).toString('utf8')) });
	}
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	return { output, httpCalls: paths.length + 1, ms };
}

module.exports = { runNode, runBareLoop, byId, pngBytes: harness.pngBytes, harness };
