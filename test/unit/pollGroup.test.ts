import { PollGroup, pollUntil } from '../../nodes/EntrustIidaas/framework/pollGroup';

/** A fake job that becomes final on its `finalAt`-th read; records when each read started and ended. */
function job(finalAt: number, tracker: { inFlight: number; maxInFlight: number }, latencyMs = 0) {
	const reads: Array<{ start: number; end: number }> = [];
	const read = async () => {
		const start = Date.now();
		tracker.inFlight++;
		tracker.maxInFlight = Math.max(tracker.maxInFlight, tracker.inFlight);
		await new Promise((resolve) =>
			latencyMs ? setTimeout(resolve, latencyMs) : setImmediate(resolve),
		);
		tracker.inFlight--;
		reads.push({ start, end: Date.now() });
		return { status: reads.length >= finalAt ? 'COMPLETED' : 'IN_PROGRESS' };
	};
	return { reads, read };
}

const isFinal = (state: { status: string }) => state.status === 'COMPLETED';

describe('PollGroup: the waits of one node run share one timer', () => {
	it('polls many jobs, at most maxInFlight reads at once, each job no faster than its interval', async () => {
		const tracker = { inFlight: 0, maxInFlight: 0 };
		const group = new PollGroup(8);
		const jobs = Array.from({ length: 50 }, () => job(3, tracker));
		const outcomes = await Promise.all(
			jobs.map((j) => group.until(j.read, isFinal, { intervalMs: 40, timeoutMs: 10_000 })),
		);

		expect(
			outcomes.every((o) => o.polls === 3 && !o.timedOut && o.state.status === 'COMPLETED'),
		).toBe(true);
		expect(tracker.maxInFlight).toBe(8);
		for (const j of jobs)
			for (const read of [1, 2])
				expect(j.reads[read].start - j.reads[read - 1].end).toBeGreaterThanOrEqual(39);
	});

	it('reads a job as soon as it joins, and no job sleeps longer than its interval because of another', async () => {
		const tracker = { inFlight: 0, maxInFlight: 0 };
		const group = new PollGroup();
		const fast = job(3, tracker);
		const slow = job(3, tracker, 300);
		const settings = { intervalMs: 100, timeoutMs: 5_000 };
		const waits = [group.until(slow.read, isFinal, settings)];
		await new Promise((resolve) => setTimeout(resolve, 20));
		const joined = Date.now();
		waits.push(group.until(fast.read, isFinal, settings));
		await Promise.all(waits);

		// Read at once (well before the slow job's read, out for 300 ms, comes back).
		expect(fast.reads[0].start - joined).toBeLessThan(150);
		// Each read one interval after the job's own previous read, not after the slow job's.
		for (const read of [1, 2]) {
			const gap = fast.reads[read].start - fast.reads[read - 1].end;
			expect(gap).toBeGreaterThanOrEqual(99);
			expect(gap).toBeLessThan(250);
		}
		expect(fast.reads[2].end).toBeLessThan(slow.reads[1].start);
	});

	it('cancel ends every wait of the group with the reason, and nothing is read after it', async () => {
		const tracker = { inFlight: 0, maxInFlight: 0 };
		const group = new PollGroup();
		const jobs = Array.from({ length: 5 }, () => job(3, tracker));
		const waits = jobs.map((j) =>
			group.until(j.read, isFinal, { intervalMs: 50, timeoutMs: 5_000 }),
		);
		await new Promise((resolve) => setTimeout(resolve, 10));
		const reason = new Error('node run failed');
		group.cancel(reason);
		const settled = await Promise.allSettled(waits);
		expect(settled.every((s) => s.status === 'rejected' && s.reason === reason)).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 120));
		expect(jobs.map((j) => j.reads.length)).toEqual([1, 1, 1, 1, 1]);
		await expect(
			group.until(jobs[0].read, isFinal, { intervalMs: 50, timeoutMs: 5_000 }),
		).rejects.toBe(reason);
	});

	it('fails only the job whose read failed; the others go on', async () => {
		const tracker = { inFlight: 0, maxInFlight: 0 };
		const group = new PollGroup();
		const good = job(2, tracker);
		const failing = async () => {
			throw new Error('HTTP 500');
		};
		const [ok, failed] = await Promise.allSettled([
			group.until(good.read, isFinal, { intervalMs: 10, timeoutMs: 5_000 }),
			group.until(failing, isFinal, { intervalMs: 10, timeoutMs: 5_000 }),
		]);
		expect(ok).toMatchObject({ status: 'fulfilled', value: { polls: 2, timedOut: false } });
		expect(failed).toMatchObject({ status: 'rejected', reason: new Error('HTTP 500') });
	});

	it('gives up at the timeout with the last state, and a shorter interval is not held back by a longer one', async () => {
		const tracker = { inFlight: 0, maxInFlight: 0 };
		const group = new PollGroup();
		const slow = job(1000, tracker);
		const fast = job(3, tracker);
		const [slowOutcome, fastOutcome] = await Promise.all([
			group.until(slow.read, isFinal, { intervalMs: 1_000, timeoutMs: 1_500 }),
			group.until(fast.read, isFinal, { intervalMs: 20, timeoutMs: 5_000 }),
		]);
		expect(slowOutcome).toMatchObject({ timedOut: true, state: { status: 'IN_PROGRESS' } });
		expect(slowOutcome.polls).toBeGreaterThanOrEqual(2);
		expect(fastOutcome).toMatchObject({ timedOut: false, polls: 3 });
		expect(fast.reads[2].end).toBeLessThan(slow.reads[1].start);
	});

	it('pollUntil on its own polls one job: read, interval, read', async () => {
		const tracker = { inFlight: 0, maxInFlight: 0 };
		const single = job(2, tracker);
		const outcome = await pollUntil(single.read, isFinal, { intervalMs: 30, timeoutMs: 5_000 });
		expect(outcome).toMatchObject({ polls: 2, timedOut: false });
		expect(single.reads[1].start - single.reads[0].end).toBeGreaterThanOrEqual(29);
	});
});
