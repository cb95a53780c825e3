'use strict';
/** Runs memory-child.js in a fresh `node --expose-gc` process and returns its figures. */
const { fork } = require('child_process');
const os = require('os');
const path = require('path');

function measureMemory(config) {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, '..', 'memory-child.js'), [], {
			execArgv: [
				'--expose-gc',
				...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/benchprof'] : []),
			],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let answered = false;
		child.once('message', (message) => {
			answered = true;
			if (message.error) reject(new Error(message.error));
			else resolve(message.result);
		});
		child.once('exit', (code) => {
			if (!answered) reject(new Error(`memory child exited with ${code} before answering`));
		});
		child.send({
			dir: path.join(os.tmpdir(), `iidaas-bench-images-${process.pid}-${Date.now()}`),
			...config,
		});
	});
}

module.exports = { measureMemory };
