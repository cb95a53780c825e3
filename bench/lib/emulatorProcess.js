'use strict';
/** Starts bench/emulator-child.js and returns an async proxy to it: `await emu.counts()`, `await emu.close()`. */
const { fork } = require('child_process');
const path = require('path');

async function startEmulatorProcess({ latencyMs = 0 } = {}) {
	const child = fork(path.join(__dirname, '..', 'emulator-child.js'), [], {
		env: { ...process.env, BENCH_LATENCY_MS: String(latencyMs) },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		execArgv: [],
	});
	const pending = new Map();
	let nextId = 1;
	await new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`emulator process exited (${code})`)));
		child.on('message', function onReady(message) {
			if (message && message.ready) {
				child.off('message', onReady);
				resolve();
			}
		});
	});
	child.removeAllListeners('exit');
	child.on('message', (message) => {
		const waiter = pending.get(message.id);
		if (!waiter) return;
		pending.delete(message.id);
		if (message.error) waiter.reject(new Error(message.error));
		else waiter.resolve(message.result);
	});
	const call = (cmd, ...args) =>
		new Promise((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve, reject });
			child.send({ id, cmd, args });
		});
	const info = await call('info');
	const proxy = new Proxy(
		{
			url: info.url,
			pid: info.pid,
			credentials: { accountUrl: info.url, ...info.credentials },
			child,
		},
		{
			get(target, name) {
				if (name in target) return target[name];
				if (name === 'then') return undefined;
				return (...args) => call(name, ...args);
			},
		},
	);
	return proxy;
}

module.exports = { startEmulatorProcess };
