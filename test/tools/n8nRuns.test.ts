/**
 * How the n8n driver reads an `n8n execute` run that ended badly: the signal that ended the process and the end of
 * its stderr reach the failed assertion, so a CI log explains the failure without the machine; and a segfault in
 * n8n's own teardown, after the finished execution was printed, is told apart from a run that failed.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import * as n8n from '../../tools/n8n/driver';
import { checkRun } from '../../tools/n8n/expectations';

const successOutput = { status: 'success', data: { resultData: { runData: {} } } };

function run(overrides: Record<string, unknown>) {
	return {
		code: 0,
		signal: null,
		stdout: '',
		stderr: '',
		ms: 1,
		output: successOutput,
		runData: {},
		error: null,
		status: 'success',
		...overrides,
	};
}

test('a clean exit is just its code and status, so it equals the expected outcome', () => {
	expect(n8n.runOutcome(run({}))).toEqual({ code: 0, status: 'success' });
});

test('a process ended by a signal after a successful run shows the signal and the end of stderr', () => {
	const stderr = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n');
	const outcome = n8n.runOutcome(run({ code: 128, signal: 'SIGSEGV', stderr }));
	expect(outcome).toMatchObject({ code: 128, status: 'success', signal: 'SIGSEGV' });
	expect(String((outcome as { stderrEnd?: string }).stderrEnd).split('\n')).toEqual(
		Array.from({ length: 15 }, (_, i) => `line ${i + 26}`),
	);
	expect(outcome).not.toEqual({ code: 0, status: 'success' });
});

test('checkRun names the signal and quotes stderr when the exit code is wrong', () => {
	const failures = checkRun({
		run: run({ code: 128, signal: 'SIGABRT', stderr: 'FATAL ERROR: something native\n' }),
		workflow: { nodes: [] },
		expect: { status: 'success' },
		emulator: { requests: [], count: () => 0 },
	});
	expect(failures).toHaveLength(1);
	expect(failures[0]).toContain('n8n execute exited with 128 (signal SIGABRT), expected 0');
	expect(failures[0]).toContain('FATAL ERROR: something native');
});

describe('a segfault after the finished execution was printed (n8n 2.x teardown)', () => {
	const finished = (error?: object) => ({
		status: error ? 'error' : 'success',
		finished: !error,
		startedAt: '2026-11-30T16:21:02.064Z',
		stoppedAt: '2026-11-30T16:21:02.141Z',
		data: { resultData: { runData: {}, ...(error ? { error } : {}) } },
	});

	test('takes the exit code n8n gives that execution: 0 for success, 1 for an error', () => {
		expect(n8n.exitOfRun({ code: 128, signal: 'SIGSEGV' }, finished())).toEqual({
			code: 0,
			teardownCrash: 'SIGSEGV',
		});
		expect(
			n8n.exitOfRun({ code: 128, signal: 'SIGSEGV' }, finished({ message: 'Bad request' })),
		).toEqual({ code: 1, teardownCrash: 'SIGSEGV' });
	});

	test('forgives nothing else: no execution printed, an unfinished one, another signal, a clean exit', () => {
		expect(n8n.exitOfRun({ code: 128, signal: 'SIGSEGV' }, null)).toEqual({ code: 128 });
		const { stoppedAt: _stoppedAt, ...unfinished } = finished();
		expect(n8n.exitOfRun({ code: 128, signal: 'SIGSEGV' }, unfinished)).toEqual({ code: 128 });
		expect(n8n.exitOfRun({ code: 128, signal: 'SIGKILL' }, finished())).toEqual({ code: 128 });
		expect(n8n.exitOfRun({ code: 128, signal: 'SIGABRT' }, finished())).toEqual({ code: 128 });
		expect(n8n.exitOfRun({ code: 1, signal: null }, finished())).toEqual({ code: 1 });
		expect(n8n.exitOfRun({ code: 0, signal: null }, finished())).toEqual({ code: 0 });
	});

	test('executeWorkflow on a stand-in n8n that prints the execution, then segfaults', async () => {
		// A runtime folder whose `n8n` prints a finished execution and dies of SIGSEGV, like n8n 2.41.1 often does.
		const runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-n8n-runtime-'));
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-n8n-home-'));
		const bin = path.join(runtime, 'node_modules/n8n/bin/n8n');
		fs.mkdirSync(path.dirname(bin), { recursive: true });
		fs.writeFileSync(path.join(runtime, '.installed'), '');
		fs.writeFileSync(
			path.join(runtime, 'node_modules/n8n/package.json'),
			JSON.stringify({ version: '1.0.0' }),
		);
		fs.writeFileSync(
			bin,
			[
				`const behaviour = require('fs').readFileSync('behaviour', 'utf8');`,
				`if (behaviour !== 'no output') console.log(JSON.stringify(${JSON.stringify(finished())}, null, 2));`,
				`process.kill(process.pid, 'SIGSEGV');`,
			].join('\n'),
		);
		const saved = { dir: process.env.N8N_RUNTIME_DIR, version: process.env.N8N_RUNTIME_VERSION };
		process.env.N8N_RUNTIME_DIR = runtime;
		process.env.N8N_RUNTIME_VERSION = '1.0.0'; // 1.x: the stand-in runs on this Node
		const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
		try {
			let driver: typeof n8n | undefined;
			jest.isolateModules(() => {
				driver = require('../../tools/n8n/driver');
			});
			fs.writeFileSync(path.join(folder, 'behaviour'), 'print, then segfault');
			const crashed = await driver!.executeWorkflow(folder, 'wf1');
			expect({ code: crashed.code, signal: crashed.signal, status: crashed.status }).toEqual({
				code: 0,
				signal: 'SIGSEGV',
				status: 'success',
			});
			expect(crashed.teardownCrash).toBe('SIGSEGV');
			expect(warn).toHaveBeenCalledWith(expect.stringContaining('died of SIGSEGV after printing'));

			fs.writeFileSync(path.join(folder, 'behaviour'), 'no output');
			const died = await driver!.executeWorkflow(folder, 'wf1');
			expect({ code: died.code, status: died.status }).toEqual({ code: 128, status: null });
			expect(driver!.runOutcome(died)).toMatchObject({ code: 128, signal: 'SIGSEGV' });
		} finally {
			warn.mockRestore();
			if (saved.dir === undefined) delete process.env.N8N_RUNTIME_DIR;
			else process.env.N8N_RUNTIME_DIR = saved.dir;
			if (saved.version === undefined) delete process.env.N8N_RUNTIME_VERSION;
			else process.env.N8N_RUNTIME_VERSION = saved.version;
			fs.rmSync(runtime, { recursive: true, force: true });
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});
});
