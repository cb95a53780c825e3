'use strict';
/**
 * A local npm registry (Verdaccio) on 127.0.0.1, to install this package the way users do: `npm publish` the packed
 * tarball to it, then point n8n or npm at it.
 *
 *   const { startRegistry } = require('./registry');
 *   const registry = await startRegistry();          // { url, npmrc, publish(tarball), stop() }
 *   registry.publish(tarball);                      // npm publish, as a maintainer would
 *   ...                                             // npm install --registry registry.url, or n8n's Install button
 *   await registry.stop();
 *
 * Verdaccio is installed on first use into <repo>/.n8n-runtimes/verdaccio/ (about 30 s, then cached). It has no
 * uplinks: it serves only what was published to it, so nothing is fetched from anywhere else.
 */
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '../..');
const VERDACCIO_VERSION = '6.8.0'; // 6.9+ needs Node 22; the machine's Node is 20
const INSTALL_DIR = path.join(REPO, '.n8n-runtimes', 'verdaccio');
const PUBLISHER = Object.freeze({ name: 'ci-publisher', password: 'local-registry-only' });

/** Installs Verdaccio unless it is there already. Returns the path of its CLI. */
function prepareRegistry() {
	const marker = path.join(INSTALL_DIR, '.installed');
	const bin = path.join(INSTALL_DIR, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
	if (
		fs.existsSync(marker) &&
		fs.readFileSync(marker, 'utf8').trim() === `verdaccio@${VERDACCIO_VERSION}` &&
		fs.existsSync(bin)
	)
		return bin;
	fs.mkdirSync(INSTALL_DIR, { recursive: true });
	// Verdaccio 6.8 asks for node-fetch 2.6.x, which npm cannot resolve here; 2.7.0 is the same API.
	const manifest = {
		name: 'local-npm-registry',
		private: true,
		overrides: { 'node-fetch': '2.7.0' },
	};
	fs.writeFileSync(
		path.join(INSTALL_DIR, 'package.json'),
		`${JSON.stringify(manifest, null, 2)}\n`,
	);
	const result = spawnSync(
		'npm',
		[
			'install',
			'--no-audit',
			'--no-fund',
			'--no-save',
			'--ignore-scripts',
			'--loglevel=error',
			`verdaccio@${VERDACCIO_VERSION}`,
		],
		{
			cwd: INSTALL_DIR,
			encoding: 'utf8',
		},
	);
	if (result.status !== 0)
		throw new Error(
			`installing verdaccio@${VERDACCIO_VERSION} failed:\n${result.stdout}${result.stderr}`,
		);
	fs.writeFileSync(marker, `verdaccio@${VERDACCIO_VERSION}\n`);
	return bin;
}

/**
 * Starts Verdaccio on a free port with fresh storage, creates a publisher account and an npmrc holding its token.
 * @param {{ port?: number }} [options]
 * @returns {Promise<{ url: string, npmrc: string, folder: string, publish(tarball: string): void, stop(): Promise<void> }>}
 */
async function startRegistry({ port } = {}) {
	const bin = prepareRegistry();
	const { freePort, sleep } = require('./driver');
	const listenPort = port || (await freePort());
	const url = `http://127.0.0.1:${listenPort}/`;
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-registry-'));
	fs.writeFileSync(
		path.join(folder, 'config.yaml'),
		[
			'storage: ./storage',
			'auth:',
			'  htpasswd:',
			'    file: ./htpasswd',
			'    max_users: 10',
			'uplinks: {}',
			'packages:',
			"  '**':",
			'    access: $all',
			'    publish: $authenticated',
			'    unpublish: $authenticated',
			'web:',
			'  enable: false',
			'log: { type: stdout, format: pretty, level: warn }',
			'',
		].join('\n'),
	);
	const log = path.join(folder, 'verdaccio.log');
	const fd = fs.openSync(log, 'a');
	const child = spawn(
		process.execPath,
		[bin, '--config', path.join(folder, 'config.yaml'), '--listen', `127.0.0.1:${listenPort}`],
		{
			cwd: folder,
			stdio: ['ignore', fd, fd],
			detached: true,
		},
	);
	fs.closeSync(fd);
	let exited = false;
	const exitPromise = new Promise((resolve) => child.on('exit', () => resolve((exited = true))));
	const stop = async () => {
		if (!exited) {
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch {
				// already gone
			}
			let timer;
			await Promise.race([
				exitPromise,
				new Promise((resolve) => (timer = setTimeout(resolve, 5000))),
			]);
			clearTimeout(timer);
			if (!exited) process.kill(-child.pid, 'SIGKILL');
		}
		fs.rmSync(folder, { recursive: true, force: true });
	};
	process.on('exit', () => {
		if (!exited) process.kill(-child.pid, 'SIGKILL');
	});
	try {
		const deadline = Date.now() + 60000;
		for (;;) {
			if (exited)
				throw new Error(`verdaccio exited before it was ready:\n${fs.readFileSync(log, 'utf8')}`);
			if (Date.now() > deadline)
				throw new Error(`verdaccio was not ready after 60 s:\n${fs.readFileSync(log, 'utf8')}`);
			const ok = await fetch(`${url}-/ping`).then(
				(r) => r.ok,
				() => false,
			);
			if (ok) break;
			await sleep(250);
		}
		// `npm adduser` in one request: Verdaccio creates the account and answers with its token.
		const res = await fetch(`${url}-/user/org.couchdb.user:${PUBLISHER.name}`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: PUBLISHER.name, password: PUBLISHER.password }),
		});
		const body = await res.json();
		if (!res.ok || !body.token)
			throw new Error(
				`creating the publisher account answered ${res.status}: ${JSON.stringify(body)}`,
			);
		const npmrc = path.join(folder, 'npmrc');
		fs.writeFileSync(
			npmrc,
			`registry=${url}\n//127.0.0.1:${listenPort}/:_authToken=${body.token}\n`,
			{ mode: 0o600 },
		);
		return {
			url,
			npmrc,
			folder,
			/** `npm publish <tarball>` to this registry, exactly the bytes given. */
			publish(tarball) {
				const result = spawnSync(
					'npm',
					['publish', tarball, '--registry', url, '--userconfig', npmrc, '--ignore-scripts'],
					{ cwd: folder, encoding: 'utf8' },
				);
				if (result.status !== 0)
					throw new Error(
						`npm publish ${path.basename(tarball)} failed:\n${result.stdout}${result.stderr}`,
					);
			},
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { VERDACCIO_VERSION, prepareRegistry, startRegistry };
