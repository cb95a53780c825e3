'use strict';
/**
 * Chromium for UI tests, driven by playwright-core (a devDependency): Debian's /usr/bin/chromium
 * (scripts/n8n/install-chromium.sh), headless, with every request that leaves the machine blocked.
 *
 *   const browser = await launchBrowser();   // { context, page, blocked, login(server, owner), close() }
 *   launchBrowser({ uiTimeoutMs })           // a shorter wait, for tests of the waiting itself
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const { tail } = require('./driver');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/**
 * How long a page, an element or an answer may take before a UI step fails (every playwright wait of the context
 * and the sign-in form). The editor's first load is ~5 s on an idle 2-core machine; a loaded CI runner needs room.
 */
const UI_TIMEOUT_MS = 60000;

/** @param {{ uiTimeoutMs?: number }} [options] */
async function launchBrowser({ uiTimeoutMs = UI_TIMEOUT_MS } = {}) {
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`${CHROMIUM} is missing: run scripts/n8n/install-chromium.sh`);
	const { chromium } = require('playwright-core');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width: 1440, height: 900 },
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	context.setDefaultTimeout(uiTimeoutMs);
	/** Hosts the page tried to reach outside the machine (aborted). */
	const blocked = new Set();
	await context.route('**/*', (route) => {
		const url = new URL(route.request().url());
		if (LOCAL_HOSTS.has(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:')
			return route.continue();
		blocked.add(url.host);
		return route.abort();
	});
	const page = context.pages()[0] || (await context.newPage());
	const trouble = watchForTrouble(page);
	return {
		context,
		page,
		blocked,
		/**
		 * Signs in on n8n's sign-in page. `server` is n8n's { url, logFile? }. The editor is ~460 files on first
		 * load; if the form is not there after the UI timeout the page is loaded once more (a file that failed to
		 * load leaves n8n's editor blank), and if it is still missing the error says what the page got, whether
		 * n8n answers, and the end of n8n's log.
		 */
		async login(server, { email, password }) {
			const form = page.locator('#emailOrLdapLoginId');
			for (let attempt = 1; ; attempt++) {
				await page.goto(`${server.url}/signin`);
				const shown = await form
					.waitFor({ state: 'visible' })
					.then(() => true)
					.catch(() => false);
				if (shown) break;
				const report = await describeTrouble(page, trouble, server);
				if (attempt === 2) throw new Error(`n8n's sign-in form did not appear, twice:\n${report}`);
				// eslint-disable-next-line no-console
				console.warn(`n8n's sign-in form did not appear; loading the page again.\n${report}`);
				trouble.clear();
			}
			await form.fill(email);
			await page.fill('#password', password);
			await page.locator('[data-test-id="form-submit-button"]').click();
			await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
		},
		async close() {
			await context.close().catch(() => undefined);
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

/** Keeps the last things that went wrong on the page: failed requests, error answers, script errors, a crash. */
function watchForTrouble(page) {
	const events = [];
	const note = (text) => {
		events.push(`${new Date().toISOString().slice(11, 23)} ${text}`);
		if (events.length > 30) events.shift();
	};
	page.on('requestfailed', (request) =>
		note(`request failed: ${request.url()} (${request.failure()?.errorText})`),
	);
	page.on('response', (response) => {
		// The editor asks /rest/login before anyone signed in; its 401 is expected.
		if (response.status() >= 400 && !response.url().endsWith('/rest/login'))
			note(`answered ${response.status()}: ${response.url()}`);
	});
	page.on('pageerror', (error) => note(`script error: ${String(error.message).slice(0, 300)}`));
	page.on('crash', () => note('the page crashed'));
	return { events, clear: () => events.splice(0) };
}

async function describeTrouble(page, trouble, server) {
	const lines = [`page: ${page.url()}`];
	const text = await page
		.evaluate(() => document.body?.innerText ?? '(no body)')
		.catch((error) => `(unreadable: ${error.message})`);
	lines.push(`page text: ${JSON.stringify(String(text).slice(0, 300))}`);
	const settings = await fetch(`${server.url}/rest/settings`, {
		signal: AbortSignal.timeout(10000),
	})
		.then((res) => `${res.status}`)
		.catch((error) => `no answer (${error.message})`);
	lines.push(`n8n GET /rest/settings: ${settings}`);
	lines.push(
		...(trouble.events.length
			? trouble.events
			: ['no failed request, error answer or script error']),
	);
	if (server.logFile) {
		const log = fs.existsSync(server.logFile) ? fs.readFileSync(server.logFile, 'utf8') : '';
		lines.push(`end of n8n's log:\n${tail(log, 25)}`);
	}
	return lines.map((line) => `  ${line}`).join('\n');
}

module.exports = { CHROMIUM, launchBrowser };
