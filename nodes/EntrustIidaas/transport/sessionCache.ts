import { createHash } from 'crypto';

import { Session } from './session';

const MAX_ENTRIES = 200;
const sessions = new Map<string, Session>();

function sweep(now: number): void {
	// Each session drops itself on a timer; this also catches a process whose timers ran late.
	for (const session of sessions.values()) session.forgetIfStale(now);
	// Insertion order is age order: drop the oldest beyond the cap.
	for (const [key, session] of sessions) {
		if (sessions.size <= MAX_ENTRIES) break;
		sessions.delete(key);
		session.forget();
	}
}

/**
 * The in-memory session for one execution and one credential, so every IIDaaS node of a workflow run uses one
 * authentication. Keyed by execution ID plus a hash of the credential: a new execution, or another credential,
 * always authenticates afresh. Nothing is persisted; a session leaves this map when it forgets its tokens.
 */
export function sessionForExecution(
	executionId: string,
	credentialParts: Array<string | boolean | undefined>,
): Session {
	sweep(Date.now());
	const fingerprint = createHash('sha256')
		.update(credentialParts.map((part) => String(part ?? '')).join('\u0000'))
		.digest('hex');
	const key = `${executionId}:${fingerprint}`;
	let session = sessions.get(key);
	if (!session) {
		const created = new Session({
			onForget: () => sessions.get(key) === created && sessions.delete(key),
		});
		sessions.set(key, created);
		session = created;
	}
	return session;
}

/** For tests: how many executions hold a session now. */
export function cachedSessionCount(): number {
	return sessions.size;
}
