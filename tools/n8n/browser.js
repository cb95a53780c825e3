'use strict';
/**
 * Chromium for UI tests, driven by playwright-core (a devDependency): Debian's /usr/bin/chromium
 * (scripts/n8n/install-chromium.sh), headless, with every request that leaves the machine blocked.
 *
 *   const browser = await launchBrowser();   // { context, page, blocked, login(url, owner), close() }
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

async function launchBrowser() {
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
	return {
		context,
		page,
		blocked,
		/** Signs in on n8n's sign-in page. */
		async login(url, { email, password }) {
			await page.goto(`${url}/signin`);
			await page.fill('#emailOrLdapLoginId', email);
			await page.fill('#password', password);
			await page.locator('[data-test-id="form-submit-button"]').click();
			await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30000 });
		},
		async close() {
			await context.close().catch(() => undefined);
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

module.exports = { CHROMIUM, launchBrowser };
