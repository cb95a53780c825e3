import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withNote } from './batch';
import { param } from './params';
import { pollGroupOf, pollUntil } from './pollGroup';
import type { ItemContext } from './types';
import { fail, requirePositiveInteger } from './validation';

/** States of the service's jobs (bulk operations, prints, tenant creations) after which nothing changes any more. */
const FINAL_STATES = ['COMPLETED', 'FAILED', 'CANCELLED'];
export const UNSUCCESSFUL_STATES = ['FAILED', 'CANCELLED'];

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
	if (!Number.isFinite(interval) || interval <= 0)
		fail(ctx, 'Poll Interval (Seconds)', 'must be a positive number');
	const timeout =
		options.timeout === undefined
			? 300
			: requirePositiveInteger(ctx, 'Timeout (Seconds)', options.timeout);
	return {
		enabled,
		intervalMs: Math.round(interval * 1000),
		timeoutMs: timeout * 1000,
		failOnUnsuccessful: options.failOnUnsuccessful !== false,
	};
}

/** A job the service runs after accepting a request, and how to read and explain it. */
export interface Job {
	/** What the user knows it as: "bulk print", "print job", "tenant creation". */
	kind: string;
	id: string;
	itemIndex: number;
	read: () => Promise<IDataObject>;
	/** The operation that shows the job later, e.g. "Bulk Print → Get". */
	checkWith: string;
	/** The answer's field holding the state (`state` unless told) and the one explaining a failure. */
	stateField?: string;
	reasonField?: string;
	/** Whether a final state fails the item; FAILED and CANCELLED by default. */
	isUnsuccessful?: (state: IDataObject) => boolean;
	/** Said first when the job ends unsuccessfully, or is still running at the timeout. */
	onFailure?: string;
	onTimeout?: (state: IDataObject) => string;
}

/**
 * Polls a job the item started until it reaches a final state, together with the node run's other jobs. A timeout, or an unsuccessful end when the wait
 * options say so, fails the item; the job itself was sent once and is never sent again.
 */
export async function waitForJob(
	fn: IExecuteFunctions,
	wait: WaitSettings,
	job: Job,
): Promise<IDataObject> {
	const node = fn.getNode();
	const stateField = job.stateField ?? 'state';
	const notResent = `It was sent once and is not sent again: check it with ${job.checkWith}.`;
	let outcome;
	try {
		// Every job of one node run is polled in the same group: one timer, a bounded number of reads in flight.
		outcome = await pollUntil(
			job.read,
			(current) => FINAL_STATES.includes(String(current?.[stateField])),
			wait,
			pollGroupOf(fn),
		);
	} catch (error) {
		throw withNote(error as Error, `The ${job.kind} ${job.id} was started. ${notResent}`);
	}
	const { state, timedOut, polls } = outcome;
	const current = String(state?.[stateField]);
	const itemIndex = job.itemIndex;
	if (timedOut) {
		throw new NodeOperationError(
			node,
			`The ${job.kind} ${job.id} is still ${current} after ${wait.timeoutMs / 1000} s [item ${itemIndex}]`,
			{
				itemIndex,
				description: `${job.onTimeout?.(state) ?? ''}It goes on. ${notResent}`,
			},
		);
	}
	const unsuccessful = job.isUnsuccessful
		? job.isUnsuccessful(state)
		: UNSUCCESSFUL_STATES.includes(current);
	if (wait.failOnUnsuccessful && unsuccessful) {
		const reason = state[job.reasonField ?? 'errorMessage'];
		throw new NodeOperationError(
			node,
			`The ${job.kind} ${job.id} ended ${current}${reason ? `: ${String(reason)}` : ''} [item ${itemIndex}]`,
			{
				itemIndex,
				description: `${job.onFailure ? `${job.onFailure} ` : ''}Turn off "Fail Item When Not Successful" in the wait options to output the final state instead.`,
			},
		);
	}
	return { ...state, polls };
}
