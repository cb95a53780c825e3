#!/usr/bin/env node
'use strict';
/**
 * Runs example workflows headlessly in a real n8n against a fresh emulator and checks them against their
 * examples/<name>.expect.json — the e2e test's loop, for writing an example:
 *
 *   node scripts/n8n/run-example.js printer-fleet-check [more names...] [--show] [--no-build]
 *
 * --show prints every node's output items; --no-build reuses the last tarball (E2E_TARBALL or the build is packed).
 * Exit code 1 when an expectation fails.
 */
const fs = require('fs');
const path = require('path');

const n8n = require('../../tools/n8n/driver');
const { checkRun, eventTriggerOf } = require('../../tools/n8n/expectations');
const { seedPrintHistory } = require('../../tools/n8n/seed');

async function main() {
	const argv = process.argv.slice(2);
	const show = argv.includes('--show');
	const build = !argv.includes('--no-build');
	const names = argv.filter((a) => !a.startsWith('--'));
	const all = n8n.loadExamples();
	// Trigger-started examples cannot run under `n8n execute`: test/e2e/trigger.e2e.test.ts runs them.
	const chosen = names.length
		? names.map(
				(name) => all.find((e) => e.name === name) || fail(`no example ${name} in examples/`),
			)
		: all.filter((e) => !eventTriggerOf(e.workflow));
	const { startEmulator } = require('../../tools/emulator');

	n8n.prepareRuntime();
	const tarball = n8n.packPackage({ build });
	const home = n8n.createUserFolder({ tarball });
	const port = await n8n.freePort();
	let emu = await startEmulator({ port });
	let failed = 0;
	try {
		await n8n.importCredential(home.folder, n8n.emulatorCredential(emu));
		await n8n.importWorkflow(
			home.folder,
			chosen.map((e) => e.workflow),
		);
		for (const example of chosen) {
			await emu.close();
			emu = await startEmulator({ port });
			const expect = example.expect || {};
			if (expect.seed) await seedPrintHistory(emu, expect.seed);
			emu.clearRequests();
			const run = await n8n.executeWorkflow(home.folder, example.workflow.id);
			console.log(
				`\n${example.name}: exit ${run.code}, status ${run.status}, ${(run.ms / 1000).toFixed(1)} s`,
			);
			for (const [node, runs] of Object.entries(run.runData)) {
				const items = (runs[0].data && runs[0].data.main && runs[0].data.main[0]) || [];
				console.log(
					`  ${node}: ${items.length} item(s)${runs[0].error ? `, ERROR ${runs[0].error.message}` : ''}`,
				);
				if (show)
					for (const item of items.slice(0, 10))
						console.log(`    ${JSON.stringify(item.json).slice(0, 400)}`);
			}
			const counts = {};
			for (const r of emu.requests) counts[r.operationId] = (counts[r.operationId] || 0) + 1;
			console.log(`  emulator requests: ${JSON.stringify(counts)}`);
			if (!example.expect) {
				console.log(`  no examples/${example.name}.expect.json`);
				failed++;
				continue;
			}
			const failures = checkRun({
				run,
				workflow: example.workflow,
				expect: example.expect,
				emulator: emu,
			});
			if (failures.length) failed++;
			console.log(
				failures.length ? `  FAILED:\n    ${failures.join('\n    ')}` : '  expectations: ok',
			);
		}
	} finally {
		await emu.close();
		fs.rmSync(home.folder, { recursive: true, force: true });
		if (!process.env.E2E_TARBALL)
			fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
	process.exit(failed ? 1 : 0);
}

function fail(message) {
	throw new Error(message);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
