import { createHash } from 'crypto';

import { Session } from './session';

/** Entries idle this long are dropped: an execution that ended leaves nothing behind for long. */
const IDLE_MS = 5 * 60_000;
const MAX_ENTRIES = 200;
const sessions = new Map<string, { session: Session; lastUsed: number }>();

function sweep(now: number): void {
	for (const [key, entry] of sessions) {
		const token = entry.session.token;
		const expired = token !== undefined && token.expiresAt <= now;
		if (now - entry.lastUsed > IDLE_MS || (expired && !entry.session.signingIn)) sessions.delete(key);
	}
	// Insertion order is age order: drop the oldest beyond the cap.
	for (const key of sessions.keys()) {
		if (sessions.size <= MAX_ENTRIES) break;
		sessions.delete(key);
	}
}

/**
 * The in-memory session for one execution and one credential, so every IIDaaS node of a workflow run uses one
 * authentication. Keyed by execution ID plus a hash of the credential: a new execution, or another credential,
 * always authenticates afresh. Nothing is persisted.
 */
export function sessionForExecution(executionId: string, credentialParts: Array<string | boolean | undefined>): Session {
	const now = Date.now();
	sweep(now);
	const fingerprint = createHash('sha256').update(credentialParts.map((part) => String(part ?? '')).join('\u0000')).digest('hex');
	const key = `${executionId}:${fingerprint}`;
	let entry = sessions.get(key);
	if (!entry) {
		entry = { session: new Session(), lastUsed: now };
		sessions.set(key, entry);
	}
	entry.lastUsed = now;
	return entry.session;
}

/** For tests: how many executions hold a session now. */
export function cachedSessionCount(): number {
	return sessions.size;
}
