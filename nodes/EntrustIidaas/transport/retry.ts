import { sleep } from 'n8n-workflow';

export interface RetryPolicy {
	/** Attempts in all, first one included. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** No retry starts once this much time has passed since the first attempt. */
	maxTotalMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
	maxAttempts: 4,
	baseDelayMs: 500,
	maxDelayMs: 10_000,
	maxTotalMs: 120_000,
};
/** 429 means not processed; the 5xx statuses only for requests that are safe to repeat. */
export const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 60_000;

export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What one attempt came to: a result, a resend that costs no attempt (after a token renewal), or a failure. */
export type AttemptOutcome<T> =
	| { done: T }
	| { resendNow: true }
	| { failure: () => Error; retryable: boolean; retryAfterMs?: number };

function backoff(policy: RetryPolicy, attempt: number): number {
	const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
	const jitter = Math.random() * policy.baseDelayMs * 0.25;
	return Math.min(exponential + jitter, policy.maxDelayMs);
}

/**
 * The transport's one retry loop, for the sign-in and the API calls alike: a retryable failure is tried again
 * after a backoff (or the service's Retry-After) while attempts and total time allow; the caller decides
 * what is retryable, because only it knows whether the request may already have been processed.
 */
export async function withRetries<T>(
	policy: RetryPolicy,
	attempt: () => Promise<AttemptOutcome<T>>,
): Promise<T> {
	const started = Date.now();
	for (let attemptNumber = 1; ;) {
		const outcome = await attempt();
		if ('done' in outcome) return outcome.done;
		if ('resendNow' in outcome) continue;
		const mayRetry =
			outcome.retryable &&
			attemptNumber < policy.maxAttempts &&
			Date.now() - started < policy.maxTotalMs;
		if (!mayRetry) throw outcome.failure();
		await sleep(
			Math.min(outcome.retryAfterMs ?? backoff(policy, attemptNumber), MAX_RETRY_AFTER_MS),
		);
		attemptNumber++;
	}
}
