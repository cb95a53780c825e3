import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withNote } from './batch';
import { param } from './params';
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

export interface PollOutcome<T> {
	state: T;
	timedOut: boolean;
	polls: number;
}

interface Waiter {
	read: () => Promise<unknown>;
	isFinal: (state: unknown) => boolean;
	intervalMs: number;
	deadline: number;
	polls: number;
	dueAt: number;
	settle: (outcome: PollOutcome<unknown> | Error) => void;
}

/** Status reads one poll group sends at once: enough to overlap their latency, few enough to stay polite. */
export const MAX_POLLS_IN_FLIGHT = 32;

/**
 * Every job one node run waits for, polled on one timer. A job is read as soon as it joins (while the node may
 * still be sending the next items' requests), then one poll interval after its previous read ended, so no job is
 * polled faster than its interval and none waits for jobs started after it. At most `maxInFlight` reads are out
 * at once; a failed read fails only its job.
 */
export class PollGroup {
	readonly #maxInFlight: number;
	#due: Waiter[] = [];
	#sleeping: Waiter[] = [];
	#inFlight = 0;
	/** When the armed timer wakes (Infinity: none armed). */
	#wakeAt = Infinity;
	#cancelled: Error | undefined;

	constructor(maxInFlight = MAX_POLLS_IN_FLIGHT) {
		this.#maxInFlight = Math.max(1, maxInFlight);
	}

	/** Polls `read` (now, then every interval) until `isFinal` holds or the timeout passes. */
	async until<T>(
		read: () => Promise<T>,
		isFinal: (state: T) => boolean,
		settings: Pick<WaitSettings, 'intervalMs' | 'timeoutMs'>,
	): Promise<PollOutcome<T>> {
		if (this.#cancelled) throw this.#cancelled;
		const outcome = await new Promise<PollOutcome<unknown> | Error>((settle) => {
			const now = Date.now();
			this.#due.push({
				read,
				isFinal: isFinal as (state: unknown) => boolean,
				intervalMs: settings.intervalMs,
				deadline: now + settings.timeoutMs,
				polls: 0,
				dueAt: now,
				settle,
			});
			this.#pump();
		});
		if (outcome instanceof Error) throw outcome;
		return outcome as PollOutcome<T>;
	}

	/** Ends every wait of the group with `reason`; reads already out are not repeated. */
	cancel(reason: Error): void {
		this.#cancelled = reason;
		for (const waiter of [...this.#due, ...this.#sleeping]) waiter.settle(reason);
		this.#due = [];
		this.#sleeping = [];
	}

	#pump(): void {
		while (this.#inFlight < this.#maxInFlight && this.#due.length > 0) {
			const waiter = this.#due.shift()!;
			this.#inFlight++;
			void this.#poll(waiter).finally(() => {
				this.#inFlight--;
				this.#pump();
			});
		}
	}

	async #poll(waiter: Waiter): Promise<void> {
		try {
			const state = await waiter.read();
			waiter.polls++;
			if (this.#cancelled) return waiter.settle(this.#cancelled);
			if (waiter.isFinal(state))
				return waiter.settle({ state, timedOut: false, polls: waiter.polls });
			const now = Date.now();
			if (now + waiter.intervalMs > waiter.deadline)
				return waiter.settle({ state, timedOut: true, polls: waiter.polls });
			waiter.dueAt = now + waiter.intervalMs;
			this.#sleeping.push(waiter);
			// A job due before the armed timer (a shorter interval) gets the timer earlier.
			if (waiter.dueAt < this.#wakeAt) void this.#sleepUntil(waiter.dueAt);
		} catch (error) {
			waiter.settle(error instanceof Error ? error : new Error(String(error)));
		}
	}

	/** The group's timer: sleeps until the earliest job is due, reads every job due by then, re-arms for the rest. */
	async #sleepUntil(wakeAt: number): Promise<void> {
		this.#wakeAt = wakeAt;
		await sleep(Math.max(0, wakeAt - Date.now()));
		if (this.#wakeAt !== wakeAt) return; // an earlier timer took over; it re-arms for the rest
		this.#wakeAt = Infinity;
		const now = Date.now();
		this.#due.push(...this.#sleeping.filter((waiter) => waiter.dueAt <= now));
		this.#sleeping = this.#sleeping.filter((waiter) => waiter.dueAt > now);
		this.#pump();
		if (this.#sleeping.length > 0)
			void this.#sleepUntil(Math.min(...this.#sleeping.map((waiter) => waiter.dueAt)));
	}
}

const groups = new WeakMap<object, PollGroup>();

/** The poll group of one node run (keyed by its execute functions): all its items' waits share one timer. */
export function pollGroupOf(run: object): PollGroup {
	let group = groups.get(run);
	if (!group) {
		group = new PollGroup();
		groups.set(run, group);
	}
	return group;
}

/** Ends the waits of a node run that is failing; a later run of the same node gets a new group. */
export function cancelPolls(run: object): void {
	groups.get(run)?.cancel(new Error('The node run failed before this job finished'));
	groups.delete(run);
}

/** Polls `read` until `isFinal` holds or the timeout passes; returns the last state and whether it timed out. */
export async function pollUntil<T>(
	read: () => Promise<T>,
	isFinal: (state: T) => boolean,
	settings: Pick<WaitSettings, 'intervalMs' | 'timeoutMs'>,
	group: PollGroup = new PollGroup(1),
): Promise<PollOutcome<T>> {
	return await group.until(read, isFinal, settings);
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
