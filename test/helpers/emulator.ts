import type { INodeExecutionData } from 'n8n-workflow';

import { startEmulator } from '../../tools/emulator';
import type { Emulator, EmulatorOptions } from '../../tools/emulator';
import { runNode } from '../../tools/harness';
import type { Credentials, ParamValue, RunOptions, RunResult } from '../../tools/harness';

export interface EmulatorFixture {
	emulator: Emulator;
	credentials: Credentials;
	/** Runs one execution of the node against the emulator. */
	run(
		params: Record<string, ParamValue>,
		options?: Partial<Omit<RunOptions, 'params'>>,
	): Promise<RunResult>;
}

/** Starts an emulator for a test file (beforeAll) and stops it afterwards (afterAll). */
export function useEmulator(options: EmulatorOptions = {}): EmulatorFixture {
	const fixture = {} as EmulatorFixture;
	beforeAll(async () => {
		fixture.emulator = await startEmulator(options);
		fixture.credentials = {
			accountUrl: fixture.emulator.url,
			applicationId: fixture.emulator.credentials.applicationId,
			sharedSecret: fixture.emulator.credentials.sharedSecret,
		};
		fixture.run = (params, runOptions = {}) =>
			runNode({ credentials: fixture.credentials, ...runOptions, params });
	});
	afterAll(async () => {
		await fixture.emulator?.close();
	});
	return fixture;
}

/** A resource locator value in ID mode, as n8n saves it. */
export function byId(value: string) {
	return { __rl: true, mode: 'id', value };
}

export function jsonOf(output: INodeExecutionData[]) {
	return output.map((item) => item.json);
}
