/**
 * The package in the n8n editor, driven through Chromium: log in, open an example workflow, open the credential
 * and test it, execute the workflow, save a screenshot to artifacts/. Then the sign-in helper itself: a page left
 * blank by a script that failed to load is loaded again, and a page that stays blank fails with a report.
 *
 * Needs Debian's Chromium (scripts/n8n/install-chromium.sh) and the devDependency playwright-core (tools/n8n/browser.js).
 * Env: CHROMIUM_PATH (default /usr/bin/chromium), BROWSER_EXAMPLE (example name to open).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';

import { launchBrowser } from '../../tools/n8n/browser';
import * as n8n from '../../tools/n8n/driver';
import { startStack } from '../../tools/n8n/stack';

const ARTIFACTS = path.join(n8n.REPO, 'artifacts');
/** Preferred examples, first match wins; any example with a manual trigger otherwise. */
const PREFERRED_EXAMPLES = [
	process.env.BROWSER_EXAMPLE,
	'hr-onboarding',
	'printer-fleet-check',
].filter(Boolean) as string[];

let stack: Awaited<ReturnType<typeof startStack>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const timings: string[] = [];

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
	const t = Date.now();
	const result = await fn();
	timings.push(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
	return result;
}

function pickExample(examples: ReturnType<typeof n8n.loadExamples>) {
	const runnable = examples.filter((e) =>
		e.workflow.nodes.some((node: { type: string }) => node.type === 'n8n-nodes-base.manualTrigger'),
	);
	for (const name of PREFERRED_EXAMPLES) {
		const found = runnable.find((e) => e.name === name || e.name.startsWith(name));
		if (found) return found;
	}
	if (!runnable.length) throw new Error('no example workflow with a manual trigger in examples/');
	return runnable[0];
}

beforeAll(async () => {
	stack = await timed('start stack (pack, install, emulator, import, n8n start, owner)', () =>
		startStack(),
	);
	browser = await launchBrowser();
	page = browser.page;
});

afterAll(async () => {
	if (page) {
		fs.mkdirSync(ARTIFACTS, { recursive: true });
		await page
			.screenshot({ path: path.join(ARTIFACTS, 'browser-last.png') })
			.catch(() => undefined);
	}
	if (browser) await browser.close();
	if (stack) await stack.stop();
	// eslint-disable-next-line no-console
	console.log(
		`browser e2e timings\n  ${timings.join('\n  ')}${browser?.blocked.size ? `\n  blocked outside requests to: ${[...browser.blocked].join(', ')}` : ''}`,
	);
});

test('log in, test the credential and execute an example workflow in the editor', async () => {
	const { server, emu, owner } = stack;
	const example = pickExample(stack.examples);

	await timed('log in', () => browser.login(server, owner));

	await timed('open and test the credential', async () => {
		await page.goto(`${server.url}/home/credentials`);
		const card = page.getByText(n8n.EMULATOR_CREDENTIAL_NAME, { exact: true }).first();
		await card.waitFor({ timeout: 60000 });
		const authBefore = emu.count('authenticateAdminApiUsingPOST');
		// Opening a saved credential tests it once; Retry is the editor's "test again" button.
		const firstTest = page.waitForResponse((r) => r.url().endsWith('/rest/credentials/test'));
		await card.click();
		expect((await firstTest).status()).toBe(200);
		await page.getByText('Connection tested successfully').first().waitFor();
		const retest = page.waitForResponse((r) => r.url().endsWith('/rest/credentials/test'));
		await page.getByRole('button', { name: 'Retry' }).first().click();
		expect((await retest).status()).toBe(200);
		await page.getByText('Connection tested successfully').first().waitFor();
		// Both tests reached the emulator's sign-in endpoint.
		expect(emu.count('authenticateAdminApiUsingPOST') - authBefore).toBe(2);
		fs.mkdirSync(ARTIFACTS, { recursive: true });
		await page.screenshot({ path: path.join(ARTIFACTS, 'browser-credential.png') });
		await page.keyboard.press('Escape');
	});

	await timed(`open and execute ${example.name}`, async () => {
		await page.goto(`${server.url}/workflow/${example.workflow.id}`);
		const nodes = page.locator('[data-test-id="canvas-node"]');
		await nodes.first().waitFor({ state: 'visible', timeout: 60000 });
		const texts = (await nodes.allInnerTexts()).join('\n');
		const expectedNodes = example.workflow.nodes.filter(
			(n: { type: string }) => n.type !== 'n8n-nodes-base.stickyNote',
		);
		for (const node of expectedNodes) expect(texts).toContain(node.name);

		emu.clearRequests();
		const executed = page.waitForResponse(
			(r) => /\/rest\/workflows\/[^/]+\/run/.test(r.url()) && r.request().method() === 'POST',
		);
		await page.locator('[data-test-id="execute-workflow-button"]').click();
		expect((await executed).status()).toBe(200);
		await page.getByText('Workflow executed successfully').first().waitFor({ timeout: 60000 });
		// Every node ends with the success mark, none with an error.
		const success = page.locator('[data-test-id="canvas-node-status-success"]');
		const deadline = Date.now() + 60000;
		while ((await success.count()) < expectedNodes.length && Date.now() < deadline)
			await n8n.sleep(250);
		expect(await success.count()).toBe(expectedNodes.length);
		expect(await page.locator('[data-test-id="canvas-node-status-error"]').count()).toBe(0);

		// The server agrees: the newest execution of this workflow succeeded.
		const filter = encodeURIComponent(JSON.stringify({ workflowId: example.workflow.id }));
		// (A session of our own: the editor's cookie is bound to its browser-id header.)
		const cookie = await n8n.login(server.url, owner);
		const res = await fetch(`${server.url}/rest/executions?filter=${filter}&limit=1`, {
			headers: { cookie: cookie ?? '' },
		});
		expect(res.status).toBe(200);
		const [latest] = ((await res.json()) as { data: { results: Array<Record<string, unknown>> } })
			.data.results;
		expect(latest).toMatchObject({
			workflowId: example.workflow.id,
			mode: 'manual',
			status: 'success',
		});
		expect(emu.count('authenticateAdminApiUsingPOST')).toBeGreaterThanOrEqual(1);

		await page
			.locator('[data-test-id="zoom-to-fit"]')
			.click()
			.catch(() => undefined);
		await n8n.sleep(500);
		fs.mkdirSync(ARTIFACTS, { recursive: true });
		await page.screenshot({ path: path.join(ARTIFACTS, `browser-${example.name}.png`) });
	});
});

/** A browser whose requests for n8n's sign-in view script fail while `refuse()` says so. */
async function browserRefusingSigninView(refuse: () => boolean) {
	const other = await launchBrowser({ uiTimeoutMs: 10000 });
	await other.page.route(/\/assets\/SigninView-[^/]*\.js$/, (route) =>
		refuse() ? route.abort() : route.fallback(),
	);
	return other;
}

test('a sign-in page left blank by a script that failed to load is loaded once more, with a warning that says why', async () => {
	const { server, owner } = stack;
	// Every request for the sign-in view fails (n8n's own retries and reloads too) until the helper gives up on
	// the page and warns that it loads it again.
	let warned = false;
	const other = await browserRefusingSigninView(() => !warned);
	const warn = jest.spyOn(console, 'warn').mockImplementation(() => {
		warned = true;
	});
	try {
		await timed('log in after one blank sign-in page', () => other.login(server, owner));
		expect(new URL(other.page.url()).pathname.startsWith('/signin')).toBe(false);
		expect(warn).toHaveBeenCalledTimes(1);
		const report = String(warn.mock.calls[0][0]);
		expect(report).toContain("n8n's sign-in form did not appear; loading the page again.");
		expect(report).toMatch(/request failed: \S+\/assets\/SigninView-\S+\.js/);
		expect(report).toContain('n8n GET /rest/settings: 200');
	} finally {
		warn.mockRestore();
		await other.close();
	}
});

test('a sign-in page that stays blank fails with what the page got, whether n8n answers and the end of its log', async () => {
	const { server, owner } = stack;
	const other = await browserRefusingSigninView(() => true);
	const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
	try {
		const failure = await other.login(server, owner).then(
			() => null,
			(error: Error) => error,
		);
		expect(failure?.message).toContain("n8n's sign-in form did not appear, twice:");
		expect(failure?.message).toContain('page: ' + `${server.url}/signin`);
		expect(failure?.message).toMatch(/request failed: \S+\/assets\/SigninView-\S+\.js/);
		expect(failure?.message).toContain('n8n GET /rest/settings: 200');
		expect(failure?.message).toContain('Editor is now accessible via:'); // from n8n's log
		expect(warn).toHaveBeenCalledTimes(1); // the first blank page, before the second try
	} finally {
		warn.mockRestore();
		await other.close();
	}
});
