import { sleep } from 'n8n-workflow';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { param } from './params';
import type { ItemContext } from './types';
import { fail, requirePositiveInteger } from './validation';

export interface WaitSettings {
	enabled: boolean;
	intervalMs: number;
	timeoutMs: number;
	failOnUnsuccessful: boolean;
}

/** "Wait for Completion" and its options, shared by print, bulk print and flash pass operations. */
export function waitForCompletionFields(what: string): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description: `Whether to poll until the ${what} reaches a final state and output that state`,
		},
		{
			displayName: 'Wait Options',
			name: 'waitOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: { waitForCompletion: [true] } },
			options: [
				{
					displayName: 'Fail Item When Not Successful',
					name: 'failOnUnsuccessful',
					type: 'boolean',
					default: true,
					description: `Whether a ${what} that ends FAILED or CANCELLED fails the item (otherwise its final state is output)`,
				},
				{
					displayName: 'Poll Interval (Seconds)',
					name: 'pollInterval',
					type: 'number',
					typeOptions: { minValue: 0.1 },
					default: 2,
				},
				{
					displayName: 'Timeout (Seconds)',
					name: 'timeout',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 300,
					description: 'How long to wait before the item fails; the job itself goes on',
				},
			],
		},
	];
}

export function readWaitSettings(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): WaitSettings {
	const enabled = param<boolean>(ctx, 'waitForCompletion', false);
	const options = enabled ? param<IDataObject>(ctx, 'waitOptions', {}) : {};
	const interval = options.pollInterval === undefined ? 2 : Number(options.pollInterval);
	if (!Number.isFinite(interval) || interval <= 0) fail(ctx, 'Poll Interval (Seconds)', 'must be a positive number');
	const timeout = options.timeout === undefined ? 300 : requirePositiveInteger(ctx, 'Timeout (Seconds)', options.timeout);
	return {
		enabled,
		intervalMs: Math.round(interval * 1000),
		timeoutMs: timeout * 1000,
		failOnUnsuccessful: options.failOnUnsuccessful !== false,
	};
}

/** Polls `read` until `isFinal` holds or the timeout passes; returns the last state and whether it timed out. */
export async function pollUntil<T>(
	read: () => Promise<T>,
	isFinal: (state: T) => boolean,
	settings: Pick<WaitSettings, 'intervalMs' | 'timeoutMs'>,
): Promise<{ state: T; timedOut: boolean; polls: number }> {
	const deadline = Date.now() + settings.timeoutMs;
	let polls = 0;
	for (;;) {
		const state = await read();
		polls++;
		if (isFinal(state)) return { state, timedOut: false, polls };
		if (Date.now() + settings.intervalMs > deadline) return { state, timedOut: true, polls };
		await sleep(settings.intervalMs);
	}
}
