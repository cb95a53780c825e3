/**
 * The enrollment field mapper in the n8n editor, driven through Chromium, and the HR examples built with it:
 * - opening Create Badge Enrollment of `hr-onboarding` lists the Employee Badge design's fields, learned by the node
 *   from one small read of the design's enrollments at the emulator;
 * - the `hr-onboarding` example, mapped with it, executes successfully from the editor;
 * - `hr-onboarding-webhook` is activated and an HR system posts the same hire twice: Create or Update leaves ONE
 *   enrollment at the emulator, and the answer says created, then updated.
 *
 * Needs Debian's Chromium and the devDependency playwright-core. Env: CHROMIUM_PATH (default /usr/bin/chromium).
 */
import * as fs from 'fs';
import * as path from 'path';

import { launchBrowser } from '../../tools/n8n/browser';
import * as n8n from '../../tools/n8n/driver';
import { startStack } from '../../tools/n8n/stack';

const ARTIFACTS = path.join(n8n.REPO, 'artifacts');
const ONBOARDING = 'hr-onboarding';
const WEBHOOK_EXAMPLE = 'hr-onboarding-webhook';
const DESIGN_FIELDS = ['First Name', 'Last Name', 'Employee ID', 'Department', 'Hire Date'];

/* playwright-core is loaded at run time so that typechecking does not need it installed. */
type Locator = {
	first(): Locator;
	count(): Promise<number>;
	click(options?: object): Promise<void>;
	dblclick(options?: object): Promise<void>;
	waitFor(options?: object): Promise<void>;
	innerText(): Promise<string>;
	allInnerTexts(): Promise<string[]>;
	locator(selector: string): Locator;
	getByText(text: string | RegExp, options?: object): Locator;
	filter(options: object): Locator;
};
type Response = { url(): string; status(): number; request(): { method(): string } };
type Page = Locator & {
	goto(url: string, options?: object): Promise<unknown>;
	fill(selector: string, value: string): Promise<void>;
	waitForURL(pred: (u: URL) => boolean, options?: object): Promise<void>;
	waitForResponse(pred: (r: Response) => boolean, options?: object): Promise<Response>;
	screenshot(options: object): Promise<Buffer>;
	keyboard: { press(key: string): Promise<void> };
};
let stack: Awaited<ReturnType<typeof startStack>>;
let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
let page: Page;
let cookie = '';
const timings: string[] = [];

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
	const t = Date.now();
	const result = await fn();
	timings.push(`${label}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
	return result;
}

async function rest<T = unknown>(method: string, pathname: string, body?: unknown): Promise<T> {
	return (await n8n.restClient(stack.server.url, cookie)(method, pathname, body)) as T;
}

function example(name: string) {
	const found = stack.examples.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`examples/${name}.json is missing`);
	return found;
}

/** The emulator's Employee Badge enrollments with this Employee ID. */
function enrollmentsWithEmployeeId(employeeId: string): unknown[] {
	return [...stack.emu.state.enrollments.values()].filter(
		(enrollment: { designName: string; values: Record<string, string> }) =>
			enrollment.designName === 'Employee Badge' && enrollment.values['Employee ID'] === employeeId,
	);
}

beforeAll(async () => {
	stack = await timed('start stack (pack, install, emulator, import, n8n start, owner)', () =>
		startStack(),
	);
	cookie = (await n8n.login(stack.server.url, stack.owner)) ?? '';
	browser = await launchBrowser();
	page = browser.page as unknown as Page;
	await timed('log in', async () => await browser!.login(stack.server, stack.owner));
});

afterAll(async () => {
	if (page) {
		fs.mkdirSync(ARTIFACTS, { recursive: true });
		await page.screenshot({ path: path.join(ARTIFACTS, 'mapper-last.png') }).catch(() => undefined);
	}
	if (browser) await browser.close();
	if (stack) await stack.stop();
	// eslint-disable-next-line no-console
	console.log(`mapper browser e2e timings\n  ${timings.join('\n  ')}`);
});

test('the mapper lists the design’s fields, learned from one small read of its enrollments', async () => {
	await timed('open Create Badge Enrollment', async () => {
		await page.goto(`${stack.server.url}/workflow/${example(ONBOARDING).workflow.id}`);
		const node = page
			.locator('[data-test-id="canvas-node"]')
			.filter({ hasText: 'Create Badge Enrollment' })
			.first();
		await node.waitFor({ state: 'visible', timeout: 60000 });
		stack.emu.clearRequests();
		await node.dblclick();
		await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'visible' });
	});
	const panel = page.locator('[data-test-id="ndv"]').first();
	for (const field of DESIGN_FIELDS)
		await panel.getByText(field, { exact: true }).first().waitFor();
	// The editor asked the node for the design's fields: one page of at most 20 enrollments.
	const deadline = Date.now() + 30000;
	while (stack.emu.count('readEnrollmentsV2') === 0 && Date.now() < deadline) await n8n.sleep(250);
	const reads = stack.emu.requests.filter((request) => request.operationId === 'readEnrollmentsV2');
	expect(reads.length).toBeGreaterThanOrEqual(1);
	expect(reads[0].query).toMatchObject({ offset: '1', limit: '20' });
	expect(reads[0].path).toBe(
		`/api/web/v2/enrollments/read/${encodeURIComponent('Employee Badge')}`,
	);
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	await page.screenshot({ path: path.join(ARTIFACTS, 'mapper-fields.png') });
	await page.keyboard.press('Escape');
});

test('the onboarding example built with the mapper executes from the editor', async () => {
	const workflow = example(ONBOARDING).workflow;
	await page.goto(`${stack.server.url}/workflow/${workflow.id}`);
	await page
		.locator('[data-test-id="canvas-node"]')
		.first()
		.waitFor({ state: 'visible', timeout: 60000 });
	stack.emu.clearRequests();
	const executed = page.waitForResponse(
		(r) => /\/rest\/workflows\/[^/]+\/run/.test(r.url()) && r.request().method() === 'POST',
	);
	await timed(`execute ${ONBOARDING}`, async () => {
		await page.locator('[data-test-id="execute-workflow-button"]').click();
		expect((await executed).status()).toBe(200);
		await page.getByText('Workflow executed successfully').first().waitFor({ timeout: 90000 });
	});
	expect(await page.locator('[data-test-id="canvas-node-status-error"]').count()).toBe(0);
	const filter = encodeURIComponent(JSON.stringify({ workflowId: workflow.id }));
	const { results } = await rest<{ results: Array<Record<string, unknown>> }>(
		'GET',
		`/executions?filter=${filter}&limit=1`,
	);
	expect(results[0]).toMatchObject({ workflowId: workflow.id, mode: 'manual', status: 'success' });
	// Both hires went to IIDaaS in one create request, with the mapped values.
	expect(stack.emu.count('createEnrollmentsV2')).toBe(1);
	const created = [...stack.emu.state.enrollments.values()].filter(
		(enrollment: { values: Record<string, string> }) =>
			enrollment.values['Last Name'] === 'Vaughan',
	);
	expect(created).toContainEqual(
		expect.objectContaining({
			values: expect.objectContaining({
				'First Name': 'Dorothy',
				Department: 'Computing',
				'Hire Date': '12/01/2026',
			}),
		}),
	);
	await page.screenshot({ path: path.join(ARTIFACTS, `mapper-${ONBOARDING}.png`) });
});

test('the webhook onboarding example, sent the same hire twice, leaves one enrollment (created, then updated)', async () => {
	const { workflow, expect: expected } = example(WEBHOOK_EXAMPLE);
	const trigger = workflow.nodes.find(
		(node: { type: string }) => node.type === 'n8n-nodes-base.webhook',
	) as { parameters: { path: string } };
	const current = await rest<{ versionId: string }>('GET', `/workflows/${workflow.id}`);
	await timed('activate', () =>
		rest('POST', `/workflows/${workflow.id}/activate`, { versionId: current.versionId }),
	);

	const employeeId = `E-WH-${Date.now().toString(36).toUpperCase()}`;
	const post = async (department: string) => {
		const res = await fetch(`${stack.server.url}/webhook/${trigger.parameters.path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				firstName: 'Christine',
				lastName: 'Darden',
				employeeId,
				department,
				hireDate: '12/01/2026',
			}),
		});
		const text = await res.text();
		return {
			status: res.status,
			body: (text.startsWith('{') ? JSON.parse(text) : { text }) as Record<string, unknown>,
		};
	};

	// The activation answer can come before n8n serves the production webhook: until then it answers 404.
	stack.emu.clearRequests();
	let first = await post('Aeronautics');
	for (
		const deadline = Date.now() + 30000;
		first.status === 404 && Date.now() < deadline;
		first = await post('Aeronautics')
	)
		await n8n.sleep(500);
	if (first.status !== 200)
		throw new Error(
			`POST /webhook/${trigger.parameters.path} answered ${first.status}: ${JSON.stringify(first.body)}\n${fs.readFileSync(stack.server.logFile, 'utf8').split('\n').slice(-30).join('\n')}`,
		);
	expect(first.status).toBe(200);
	expect(first.body).toMatchObject({
		employeeId,
		enrollment: 'created',
		printStatus: 'COMPLETED',
		mobilePassState: 'COMPLETED',
	});
	expect(first.body.appleWalletUri).toMatch(/\/downloads\/apple\//);
	// One execution's requests, as the example's expectation file states them.
	for (const [operationId, count] of Object.entries(
		(expected?.requests ?? {}) as Record<string, number>,
	))
		expect({ operationId, sent: stack.emu.count(operationId) }).toEqual({
			operationId,
			sent: count,
		});

	const second = await post('Supersonics');
	expect(second.status).toBe(200);
	expect(second.body).toMatchObject({
		employeeId,
		enrollmentId: first.body.enrollmentId,
		enrollment: 'updated',
	});

	// Counted at the emulator: one enrollment for the Employee ID, holding the second post's values.
	const stored = enrollmentsWithEmployeeId(employeeId) as Array<{ values: Record<string, string> }>;
	expect(stored).toHaveLength(1);
	expect(stored[0].values.Department).toBe('Supersonics');
	expect(stack.emu.count('createEnrollmentsV2')).toBe(1);
	expect(stack.emu.count('updateEnrollmentsV2')).toBe(1);

	await rest('POST', `/workflows/${workflow.id}/deactivate`, {});
});
