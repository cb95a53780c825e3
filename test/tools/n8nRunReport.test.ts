/**
 * What the n8n driver says about an `n8n execute` run that ended badly: the signal that ended the process and the
 * end of its stderr reach the failed assertion, so a CI log explains the failure without the machine.
 */
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
