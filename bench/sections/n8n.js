'use strict';
/**
 * 6. Side by side in the real n8n (the pinned runtime in .n8n-runtime, the package installed from its tarball the
 * way n8n installs community packages): the package's HR-onboarding example vs the same onboarding built with plain
 * HTTP Request nodes (bench/n8n/hr-onboarding-plain.json), both for the same generated hires, against the emulator.
 * Reported: requests the emulator received and the execution's wall time (n8n's startedAt → stoppedAt), as ratios.
 */
const fs = require('fs');
const path = require('path');
const { median, round } = require('../lib/stats');

const REPO = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(REPO, 'examples/hr-onboarding.json');
const PLAIN = path.join(__dirname, '..', 'n8n', 'hr-onboarding-plain.json');

/** The same hires for both workflows; a run tag keeps Employee IDs (the design's primary key) unique per run. */
function hiresCode(count) {
	return [
		`// ${count} generated new hires (benchmark), the same fields as the example's sample hires.`,
		"const run = Date.now().toString(36).toUpperCase();",
		`return Array.from({ length: ${count} }, (_, i) => ({`,
		"  json: { firstName: `Hire${i}`, lastName: 'Benchmark', employeeId: `E-${run}-${i}`, department: 'Operations', hireDate: '12/01/2026' },",
		'}));',
		'',
	].join('\n');
}

function withHires(workflow, count) {
	const copy = JSON.parse(JSON.stringify(workflow));
	const node = copy.nodes.find((n) => n.name === 'New Hires');
	if (!node) throw new Error(`workflow "${workflow.name}" has no "New Hires" node`);
	node.parameters.jsCode = hiresCode(count);
	return copy;
}

/** The example with "Max Concurrent Requests" set on its IIDaaS nodes (bulk operations ignore it). */
function withConcurrency(workflow, concurrency) {
	const copy = JSON.parse(JSON.stringify(workflow));
	copy.id = `${workflow.id}C${concurrency}`.slice(0, 36);
	copy.name = `${workflow.name} (Max Concurrent Requests ${concurrency})`;
	for (const node of copy.nodes) {
		if (node.type !== 'n8n-nodes-entrust-iidaas.entrustIidaas') continue;
		node.parameters.requestOptions = { ...(node.parameters.requestOptions || {}), maxConcurrency: concurrency };
	}
	return copy;
}

function plainWorkflow(emu, count) {
	const text = fs
		.readFileSync(PLAIN, 'utf8')
		.replaceAll('__ACCOUNT_URL__', emu.credentials.accountUrl)
		.replaceAll('__APPLICATION_ID__', emu.credentials.applicationId)
		.replaceAll('__SHARED_SECRET__', emu.credentials.sharedSecret);
	return withHires(JSON.parse(text), count);
}

/** Items that reached the last node, over all its runs (the plain workflow's loops may reach it more than once). */
function finishedItems(n8n, runData, nodeName) {
	const runs = runData[nodeName] || [];
	return runs.flatMap((_run, index) => n8n.nodeItems(runData, nodeName, { run: index }) || []);
}

function missingPieces() {
	const missing = [];
	let n8n;
	try {
		n8n = require('../../tools/n8n/driver');
	} catch {
		missing.push('the real-n8n harness tools/n8n/driver.js');
		return { missing };
	}
	try {
		n8n.runtimePaths();
	} catch (error) {
		missing.push(`the n8n runtime (${error.message})`);
	}
	if (!fs.existsSync(EXAMPLE)) missing.push('the example examples/hr-onboarding.json');
	return { missing, n8n };
}

async function n8nSection({ emu, hires, rounds = 1, concurrentVariant = 8, log }) {
	const { missing, n8n } = missingPieces();
	const title = `Real n8n: ${hires}-hire onboarding, plain HTTP Request nodes vs the package`;
	if (missing.length) {
		return {
			id: 6,
			title,
			error: `missing ${missing.join(', ')}. Install the runtime with scripts/n8n/prepare-runtime.sh, or run with --skip-n8n.`,
			targets: [{ metric: 'Section ran', figure: 'not run', target: 'runs', pass: false }],
		};
	}
	const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
	const lastExampleNode = example.connections ? lastNode(example) : 'Print Badge';
	const workflows = {
		package: { workflow: withHires(example, hires), finalNode: lastExampleNode },
		plain: { workflow: plainWorkflow(emu, hires), finalNode: 'Onboarding Summary' },
	};
	if (concurrentVariant) workflows.packageConcurrent = { workflow: withConcurrency(workflows.package.workflow, concurrentVariant), finalNode: lastExampleNode };

	let t = Date.now();
	const tarball = n8n.packPackage();
	const home = n8n.createUserFolder({ tarball });
	if (!process.env.E2E_TARBALL) fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	log(`  packed and installed the package in ${((Date.now() - t) / 1000).toFixed(0)} s`);
	const runs = Object.fromEntries(Object.keys(workflows).map((kind) => [kind, []]));
	try {
		t = Date.now();
		await n8n.importCredential(home.folder, n8n.emulatorCredential({ url: emu.credentials.accountUrl, credentials: emu.credentials }));
		await n8n.importWorkflow(home.folder, Object.values(workflows).map((w) => w.workflow));
		log(`  imported the credential and both workflows in ${((Date.now() - t) / 1000).toFixed(0)} s`);
		for (let round = 0; round < rounds; round++) {
			const kinds = Object.keys(workflows);
			const order = round % 2 === 0 ? kinds.reverse() : kinds;
			for (const kind of order) {
				const { workflow, finalNode } = workflows[kind];
				await emu.clearRequests();
				await emu.dropPrintJobs();
				const run = await n8n.executeWorkflow(home.folder, workflow.id, { timeoutMs: 600000 });
				const counts = await emu.counts();
				if (run.code !== 0 || run.status !== 'success') {
					throw new Error(`${kind} workflow: exit ${run.code}, status ${run.status}: ${run.error ? run.error.message : run.stderr.slice(-500)}`);
				}
				const done = finishedItems(n8n, run.runData, finalNode);
				const completed = done.filter((item) => [item.json.state, item.json.status, item.json.flashPassState].includes('COMPLETED')).length;
				if (done.length !== hires) throw new Error(`${kind} workflow: ${done.length} items reached "${finalNode}", expected ${hires}`);
				const executionMs = Date.parse(run.output.stoppedAt) - Date.parse(run.output.startedAt);
				const nodeMs = Object.fromEntries(
					Object.entries(run.runData).map(([name, list]) => [name, list.reduce((sum, r) => sum + (r.executionTime || 0), 0)]),
				);
				runs[kind].push({ requests: counts.total, byOperation: counts.byOperation, failedRequests: counts.failed, executionMs, cliMs: run.ms, completed, nodeMs });
				log(`  ${kind}: ${counts.total} requests ${JSON.stringify(counts.byOperation)}, ${completed}/${hires} items COMPLETED, execution ${(executionMs / 1000).toFixed(1)} s (CLI ${(run.ms / 1000).toFixed(1)} s)`);
			}
		}
	} finally {
		if (!process.env.KEEP_N8N_FOLDER) fs.rmSync(home.folder, { recursive: true, force: true });
	}

	const requests = (kind) => median(runs[kind].map((r) => r.requests));
	const wall = (kind) => median(runs[kind].map((r) => r.executionMs));
	const requestRatio = requests('plain') / requests('package');
	// The comparison only means something while both workflows do the same thing: the same API operations.
	const operations = (kind) => Object.keys(runs[kind][0].byOperation).sort().join(', ');
	const equivalent = operations('plain') === operations('package');
	const slowest = Object.entries(runs.package[0].nodeMs).sort((a, b) => b[1] - a[1])[0];
	const timeRatio = wall('plain') / wall('package');
	return {
		id: 6,
		title,
		description: [
			'Package: `examples/hr-onboarding.json` as shipped, with its **New Hires** node generating the hires.',
			'Plain: `bench/n8n/hr-onboarding-plain.json`, the same steps with an HTTP Request node that authenticates and HTTP',
			'Request nodes that pass its token by expression: one create request per hire, Get Printers once, one print per hire,',
			'one mobile flash pass request per hire, and Wait (0.5 s) loops polling every unfinished print and pass, the same',
			'0.5 s the example polls with. A user without the package has no bulk flash pass or enrollment batching at hand.',
			`n8n ${safeVersion(n8n)} (\`n8n execute\`), the emulator in its own process at 0 ms latency.`,
			'',
			`Where the package's time goes: "${slowest[0]}" takes ${(slowest[1] / 1000).toFixed(1)} s of its ${(wall('package') / 1000).toFixed(1)} s. A node`,
			`waits for each item before starting the next one (Max Concurrent Requests 1, the default), so ${hires} prints that each`,
			'need three polls 0.5 s apart wait one after the other, while the plain loop submits all prints and polls them together.',
			'The emulator advances a print one step per poll, so every poll interval is pure waiting here.',
			concurrentVariant ? `The variant sets Max Concurrent Requests ${concurrentVariant} on the example's IIDaaS nodes.` : '',
		].join('\n'),
		targets: [
			{
				metric: `Both workflows call the same API operations and bring all ${hires} hires to the last node`,
				figure: equivalent ? 'yes' : `no: package ${operations('package')}; plain ${operations('plain')}`,
				target: 'yes',
				pass: equivalent,
			},
			{ metric: `Requests sent: plain ÷ package (${requests('plain')} ÷ ${requests('package')})`, figure: round(requestRatio, 2), target: '≥ 1 (the package sends fewer)', pass: requestRatio >= 1 },
			{ metric: `Execution wall time: plain ÷ package (${(wall('plain') / 1000).toFixed(1)} s ÷ ${(wall('package') / 1000).toFixed(1)} s)`, figure: round(timeRatio, 2), target: 'reported (no target in the issue)', pass: true, info: true },
			...(runs.packageConcurrent
				? [
						{
							metric: `Execution wall time: plain ÷ package with Max Concurrent Requests ${concurrentVariant} (${(wall('plain') / 1000).toFixed(1)} s ÷ ${(wall('packageConcurrent') / 1000).toFixed(1)} s; ${requests('packageConcurrent')} requests)`,
							figure: round(wall('plain') / wall('packageConcurrent'), 2),
							target: 'reported (variant)',
							pass: true,
							info: true,
						},
					]
				: []),
		],
		raw: { hires, rounds, ...runs },
	};
}

function lastNode(workflow) {
	const sources = new Set(Object.keys(workflow.connections));
	const targets = new Set(Object.values(workflow.connections).flatMap((c) => (c.main || []).flat().map((link) => link.node)));
	const ends = [...targets].filter((name) => !sources.has(name));
	return ends[0];
}

function safeVersion(n8n) {
	try {
		return n8n.runtimePaths().n8nVersion;
	} catch {
		return 'unknown';
	}
}

module.exports = { n8nSection };
