/**
 * Installed the way users install it: the packed package is published to a local npm registry (Verdaccio on
 * 127.0.0.1, tools/n8n/registry.js) and installed into a real n8n (the 2.41.1 pin) that has never seen it, through
 * Settings → Community Nodes → Install in Chromium. Then a saved workflow is opened, the node picks the credential
 * and runs against the emulator. Upgrade: 0.1.1 (the same package with a bumped version) is published and installed
 * over it with the card's Update button; the saved workflow opens and runs again. Last, the same through n8n's REST
 * endpoint (uninstall, install 0.1.0, update) with the workflow executed headlessly by `n8n execute`.
 *
 * n8n 2.x treats a registry other than registry.npmjs.org as a licensed feature (communityNodes:customRegistry):
 * the test turns that one flag on through n8n's own end-to-end test switch (E2E_TESTS=true, PATCH /rest/e2e/feature).
 * Everything else is what a user's instance does: `npm pack` from the registry, `npm outdated` for updates.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';

import { startEmulator } from '../../tools/emulator';
import type { Emulator } from '../../tools/emulator';
import * as n8n from '../../tools/n8n/driver';
import { startRegistry } from '../../tools/n8n/registry';
import { DEMO_OWNER } from '../../tools/n8n/stack';
import { launchBrowser } from '../../tools/n8n/browser';

const PACKAGE = 'n8n-nodes-entrust-iidaas';
const ARTIFACTS = path.join(n8n.REPO, 'artifacts');
const WORKFLOW = {
	id: 'communityInstall1',
	name: 'Community install check',
	nodes: [
		{
			parameters: {},
			id: 'c1',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
		},
		// No credential set: the editor assigns the only credential of the type when the node is opened.
		{
			parameters: { resource: 'printer', operation: 'getAll', returnAll: true },
			id: 'c2',
			name: 'Get Printers',
			type: `${PACKAGE}.entrustIidaas`,
			typeVersion: 1,
			position: [220, 0],
		},
	],
	connections: { Start: { main: [[{ node: 'Get Printers', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

let registry: Awaited<ReturnType<typeof startRegistry>>;
let emu: Emulator;
let folder: string;
let server: Awaited<ReturnType<typeof n8n.startN8n>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let cookie: string;
const tarballs: string[] = [];
const timings: string[] = [];

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
	const t = Date.now();
	const result = await fn();
	timings.push(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
	return result;
}

/** The packed package with another version: unpacked, version bumped, packed again (same files otherwise). */
function repackWithVersion(tarball: string, version: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iidaas-bump-'));
	execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		`${JSON.stringify({ ...manifest, version }, null, 2)}\n`,
	);
	const out = execFileSync(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', path.dirname(tarball)],
		{ cwd: dir, encoding: 'utf8' },
	);
	fs.rmSync(dir, { recursive: true, force: true });
	return path.join(path.dirname(tarball), JSON.parse(out)[0].filename);
}

async function rest(method: string, route: string, body?: unknown) {
	const res = await fetch(`${server.url}/rest${route}`, {
		method,
		headers: { cookie, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function installedVersion(): Promise<string | undefined> {
	const { body } = await rest('GET', '/community-packages');
	return (body.data as Array<{ packageName: string; installedVersion: string }>).find(
		(p) => p.packageName === PACKAGE,
	)?.installedVersion;
}

/** Opens the saved workflow and runs it from the editor's Execute button; resolves when every node succeeded. */
async function runSavedWorkflowInEditor() {
	await page.goto(`${server.url}/workflow/${WORKFLOW.id}`);
	await page
		.locator('[data-test-id="canvas-node"]')
		.first()
		.waitFor({ state: 'visible', timeout: 60000 });
	emu.clearRequests();
	const executed = page.waitForResponse(
		(r) => /\/rest\/workflows\/[^/]+\/run/.test(r.url()) && r.request().method() === 'POST',
	);
	await page.locator('[data-test-id="execute-workflow-button"]').click();
	expect((await executed).status()).toBe(200);
	await page.getByText('Workflow executed successfully').first().waitFor({ timeout: 60000 });
	expect(emu.count('getPrinters')).toBeGreaterThanOrEqual(1);
}

beforeAll(async () => {
	n8n.prepareRuntime();
	const tarball = await timed('build + npm pack', async () => n8n.packPackage());
	tarballs.push(tarball, repackWithVersion(tarball, '0.1.1'));
	registry = await timed('start registry + publish 0.1.0', async () => {
		const r = await startRegistry();
		r.publish(tarball);
		return r;
	});
	emu = await startEmulator();
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-community-'));
	// The credential and the workflow exist before the package does, as on an instance restored from a backup.
	await n8n.importCredential(folder, n8n.emulatorCredential(emu));
	await n8n.importWorkflow(folder, WORKFLOW);
	const registryEnv = {
		E2E_TESTS: 'true',
		N8N_COMMUNITY_PACKAGES_REGISTRY: registry.url.replace(/\/$/, ''),
		npm_config_registry: registry.url,
	};
	server = await timed('n8n start', () => n8n.startN8n(folder, { env: registryEnv }));
	const flag = await fetch(`${server.url}/rest/e2e/feature`, {
		method: 'PATCH',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ feature: 'feat:communityNodes:customRegistry', enabled: true }),
	});
	expect(flag.status).toBe(200);
	cookie = (await n8n.setupOwner(server.url, DEMO_OWNER)).cookie ?? '';
	browser = await launchBrowser();
	page = browser.page;
});

afterAll(async () => {
	if (page) {
		fs.mkdirSync(ARTIFACTS, { recursive: true });
		await page
			.screenshot({ path: path.join(ARTIFACTS, 'community-install-last.png') })
			.catch(() => undefined);
	}
	if (browser) await browser.close();
	if (server) await server.stop();
	if (emu) await emu.close();
	if (registry) await registry.stop();
	if (folder && !process.env.KEEP_N8N_FOLDER) fs.rmSync(folder, { recursive: true, force: true });
	if (tarballs.length && !process.env.E2E_TARBALL)
		fs.rmSync(path.dirname(tarballs[0]), { recursive: true, force: true });
	// eslint-disable-next-line no-console
	console.log(
		`community install timings\n  ${timings.join('\n  ')}${browser?.blocked.size ? `\n  blocked outside requests to: ${[...browser.blocked].join(', ')}` : ''}`,
	);
});

test('Settings → Community Nodes → Install from the registry, then pick the credential and run the node', async () => {
	await timed('log in', () => browser.login(server, DEMO_OWNER));
	expect(await installedVersion()).toBeUndefined();

	await timed('install 0.1.0 from the Community Nodes screen', async () => {
		await page.goto(`${server.url}/settings/community-nodes`);
		await page.getByRole('button', { name: 'Install a community node' }).first().click();
		await page.fill('[data-test-id="package-name-input"]', PACKAGE);
		await page.locator('[data-test-id="user-agreement-checkbox"]').click();
		const installed = page.waitForResponse(
			(r) => r.url().endsWith('/rest/community-packages') && r.request().method() === 'POST',
			{ timeout: 180000 },
		);
		await page.locator('[data-test-id="install-community-package-button"]').click();
		expect((await installed).status()).toBe(200);
		await page
			.locator('[data-test-id="community-package-card"]')
			.getByText(PACKAGE)
			.first()
			.waitFor({ timeout: 60000 });
	});
	expect(await installedVersion()).toBe('0.1.0');

	await timed('open the workflow, pick the credential, execute the node', async () => {
		await page.goto(`${server.url}/workflow/${WORKFLOW.id}`);
		await page
			.locator('[data-test-id="canvas-node"]')
			.filter({ hasText: 'Get Printers' })
			.first()
			.dblclick();
		const credential = page.locator('[data-test-id="node-credentials-select"]').first();
		await credential.waitFor();
		await credential.click();
		await page
			.locator(`[data-test-id="node-credentials-select-item-${n8n.EMULATOR_CREDENTIAL_ID}"]`)
			.click();
		expect(await credential.locator('input').first().inputValue()).toBe(
			n8n.EMULATOR_CREDENTIAL_NAME,
		);
		emu.clearRequests();
		await page.locator('[data-test-id="node-execute-button"]').first().click();
		await page
			.locator('[data-test-id="output-panel"]')
			.getByText('4 items')
			.first()
			.waitFor({ timeout: 60000 });
		expect(emu.count('getPrinters')).toBeGreaterThanOrEqual(1);
		await page.keyboard.press('Escape');
		const saved = page.waitForResponse(
			(r) => r.url().includes(`/rest/workflows/${WORKFLOW.id}`) && r.request().method() === 'PATCH',
		);
		await page.keyboard.press('Control+s');
		expect((await saved).status()).toBe(200);
	});
	await timed('run the saved workflow', () => runSavedWorkflowInEditor());
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	await page.screenshot({ path: path.join(ARTIFACTS, 'community-install-0.1.0.png') });
});

test('a newer version published to the registry is installed over it with Update; the saved workflow still runs', async () => {
	registry.publish(tarballs[1]);
	await timed('update to 0.1.1 from the Community Nodes screen', async () => {
		await page.goto(`${server.url}/settings/community-nodes`);
		// The list comes with `npm outdated` against the registry, which finds 0.1.1.
		const card = page
			.locator('[data-test-id="community-package-card"]')
			.filter({ hasText: PACKAGE })
			.first();
		await card.getByRole('button', { name: 'Update' }).first().click({ timeout: 120000 });
		const updated = page.waitForResponse(
			(r) => r.url().endsWith('/rest/community-packages') && r.request().method() === 'PATCH',
			{ timeout: 180000 },
		);
		await page.getByRole('button', { name: 'Confirm update' }).first().click();
		expect((await updated).status()).toBe(200);
		await page.getByText('Package updated').first().waitFor({ timeout: 60000 });
	});
	expect(await installedVersion()).toBe('0.1.1');
	await timed('run the saved workflow after the update', () => runSavedWorkflowInEditor());
});

test('the same through the REST endpoint: uninstall, install 0.1.0, update, then n8n execute runs the workflow', async () => {
	expect((await rest('DELETE', `/community-packages?name=${PACKAGE}`)).status).toBe(200);
	expect(await installedVersion()).toBeUndefined();
	const installed = await timed('POST /rest/community-packages (0.1.0)', () =>
		rest('POST', '/community-packages', { name: PACKAGE, version: '0.1.0' }),
	);
	expect(installed.status).toBe(200);
	expect(installed.body.data).toMatchObject({ packageName: PACKAGE, installedVersion: '0.1.0' });
	expect(
		installed.body.data.installedNodes.map((node: { type: string }) => node.type).sort(),
	).toEqual([`${PACKAGE}.entrustIidaas`, `${PACKAGE}.entrustIidaasTrigger`]);
	const updated = await timed('PATCH /rest/community-packages (update)', () =>
		rest('PATCH', '/community-packages', { name: PACKAGE }),
	);
	expect(updated.status).toBe(200);
	expect(await installedVersion()).toBe('0.1.1');
	await server.stop();
	emu.clearRequests();
	const run = await timed('n8n execute the saved workflow', () =>
		n8n.executeWorkflow(folder, WORKFLOW.id),
	);
	expect(n8n.runOutcome(run)).toEqual({ code: 0, status: 'success' });
	expect(n8n.nodeItems(run.runData, 'Get Printers')?.length).toBe(4);
	expect(emu.count('getPrinters')).toBeGreaterThanOrEqual(1);
});
