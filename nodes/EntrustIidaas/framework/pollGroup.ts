import { sleep } from 'n8n-workflow';

/** How often a job is read and for how long (from the Wait Options: framework/wait.ts). */
export interface PollSettings {
	intervalMs: number;
	timeoutMs: number;
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
		settings: PollSettings,
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
			this.#sleep(waiter);
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
		let due = 0;
		while (due < this.#sleeping.length && this.#sleeping[due].dueAt <= now) due++;
		this.#due.push(...this.#sleeping.splice(0, due));
		this.#pump();
		if (this.#sleeping.length > 0) void this.#sleepUntil(this.#sleeping[0].dueAt);
	}

	/** Keeps the sleeping jobs in the order they are due (at the end, when every job has the same interval). */
	#sleep(waiter: Waiter): void {
		let low = 0;
		let high = this.#sleeping.length;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (this.#sleeping[middle].dueAt <= waiter.dueAt) low = middle + 1;
			else high = middle;
		}
		this.#sleeping.splice(low, 0, waiter);
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
	settings: PollSettings,
	group: PollGroup = new PollGroup(1),
): Promise<PollOutcome<T>> {
	return await group.until(read, isFinal, settings);
}
