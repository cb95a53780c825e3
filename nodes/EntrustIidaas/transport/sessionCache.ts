import { createHash } from 'crypto';

/** A token and its web-session cookie, as the service issued them. */
export interface Session {
	token: string;
	cookie?: string;
	/** Local clock time after which the token must not be used. */
	expiresAt: number;
	lifetimeMs: number;
}

/** The session of one execution, shared by the IIDaaS nodes that run in it. */
export interface SessionHolder {
	session?: Session;
	authenticating?: Promise<Session>;
}

/** Entries idle this long are dropped: an execution that ended leaves nothing behind for long. */
const IDLE_MS = 5 * 60_000;
const MAX_ENTRIES = 200;
const holders = new Map<string, { holder: SessionHolder; lastUsed: number }>();

function sweep(now: number): void {
	for (const [key, entry] of holders) {
		const expired = entry.holder.session !== undefined && entry.holder.session.expiresAt <= now;
		if (now - entry.lastUsed > IDLE_MS || (expired && !entry.holder.authenticating)) holders.delete(key);
	}
	// Insertion order is age order: drop the oldest beyond the cap.
	for (const key of holders.keys()) {
		if (holders.size <= MAX_ENTRIES) break;
		holders.delete(key);
	}
}

/**
 * The in-memory session for one execution and one credential, so every IIDaaS node of a workflow run uses one
 * authentication. Keyed by execution ID plus a hash of the credential: a new execution, or another credential,
 * always authenticates afresh. Nothing is persisted.
 */
export function sessionForExecution(executionId: string, credentialParts: Array<string | boolean | undefined>): SessionHolder {
	const now = Date.now();
	sweep(now);
	const fingerprint = createHash('sha256').update(credentialParts.map((part) => String(part ?? '')).join('\u0000')).digest('hex');
	const key = `${executionId}:${fingerprint}`;
	let entry = holders.get(key);
	if (!entry) {
		entry = { holder: {}, lastUsed: now };
		holders.set(key, entry);
	}
	entry.lastUsed = now;
	return entry.holder;
}

/** For tests: how many executions hold a session now. */
export function cachedSessionCount(): number {
	return holders.size;
}
