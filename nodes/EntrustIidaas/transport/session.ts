/** A token and its web-session cookie, as the service issued them. */
export interface Token {
	readonly value: string;
	readonly cookie?: string;
	/** Local clock time after which the token must not be used. */
	readonly expiresAt: number;
	readonly lifetimeMs: number;
}

/** Exchanges the credential for a new token (the sign-in request). */
export type SignIn = () => Promise<Token>;

/** A session is forgotten this long after its last call ended: an execution that ended leaves no token behind. */
export const SESSION_IDLE_MS = 60_000;
/** A due drop that could not happen (a sign-in under way) is looked at again this much later. */
const RECHECK_MS = 1_000;

/**
 * The one owner of a token: hands out a token with enough life left, renews it ahead of expiry or after a
 * refusal, and lets concurrent callers that find the same stale token share one sign-in (single flight).
 * It forgets its tokens when they expire and shortly after the last call (never while a call runs), and
 * remembers every token and cookie it was issued meanwhile, so errors can redact them all.
 */
export class Session {
	#token: Token | undefined;
	#signingIn: Promise<Token> | undefined;
	/** Answers in which the service accepted a token: grows while the session works. */
	#accepted = 0;
	/** Requests out with each token, and who waits for them to come back. */
	#out = new Map<Token, { count: number; waiters: Array<() => void> }>();
	#issued: Token[] = [];
	#callsInFlight = 0;
	#lastActivity = Date.now();
	/** Fires when the tokens may be due to be dropped; the timer behind it keeps no process alive. */
	#dropCheck: { signal: AbortSignal; at: number } | undefined;
	readonly #idleMs: number;
	readonly #onForget: (() => void) | undefined;

	constructor(options: { idleMs?: number; onForget?: () => void } = {}) {
		this.#idleMs = options.idleMs ?? SESSION_IDLE_MS;
		this.#onForget = options.onForget;
		this.#scheduleDropCheck();
	}

	/** The token in use, if any. */
	get token(): Token | undefined {
		return this.#token;
	}

	get signingIn(): boolean {
		return this.#signingIn !== undefined;
	}

	/** Every token and web-session cookie this session holds, current or replaced: what errors must not show. */
	secrets(): string[] {
		return this.#issued.flatMap((token) =>
			token.cookie ? [token.value, token.cookie] : [token.value],
		);
	}

	/** Marks a call in flight: the session keeps its tokens until `end`. */
	begin(): void {
		this.#callsInFlight++;
		this.#lastActivity = Date.now();
	}

	end(): void {
		this.#callsInFlight = Math.max(0, this.#callsInFlight - 1);
		this.#lastActivity = Date.now();
		this.#scheduleDropCheck();
	}

	/** How many answers accepted a token so far; a request compares it between its refusals. */
	get progress(): number {
		return this.#accepted;
	}

	/** A request goes out with `token`. */
	sending(token: Token): void {
		const out = this.#out.get(token) ?? { count: 0, waiters: [] };
		out.count++;
		this.#out.set(token, out);
	}

	/** The request with `token` came back; `accepted` when the service took the token (a 2xx). */
	answered(token: Token, accepted: boolean): void {
		if (accepted) this.#accepted++;
		const out = this.#out.get(token);
		if (!out) return;
		out.count--;
		if (out.count > 0) return;
		this.#out.delete(token);
		for (const wake of out.waiters) wake();
	}

	/**
	 * A token that outlives the request: more than `marginMs` left, but never more than half the token's life,
	 * so short-lived tokens are not renewed on every call.
	 */
	async valid(marginMs: number, signIn: SignIn): Promise<Token> {
		const token = this.#token;
		if (token) {
			const margin = Math.min(marginMs, token.lifetimeMs / 2);
			if (token.expiresAt - Date.now() > margin) return token;
		}
		return await this.renew(token, signIn);
	}

	/** A token newer than `stale`: the one another caller already got, or a new sign-in shared by all who ask meanwhile. */
	async renew(stale: Token | undefined, signIn: SignIn): Promise<Token> {
		if (this.#token !== undefined && this.#token !== stale) return this.#token;
		if (!this.#signingIn) {
			this.#signingIn = signIn()
				.then((token) => {
					this.#token = token;
					this.#issued.push(token);
					this.#scheduleDropCheck();
					return token;
				})
				.finally(() => {
					this.#signingIn = undefined;
				});
		}
		return await this.#signingIn;
	}

	/**
	 * After the service refused `refused` (401): whether to resend, and whether that used the request's renewal.
	 * A token that another request already replaced costs nothing: the resend takes the newer one. Otherwise the
	 * session renews it (or the request joins the renewal under way), once per request — and again only if other
	 * requests got through since (the service drops sessions, the credential is fine), judged once the requests
	 * that carry the refused token came back. A service that refuses every token costs one renewal in all.
	 */
	async replaceRefused(
		refused: Token,
		request: { renewalUsed: boolean; progressSince: number },
		signIn: SignIn,
	): Promise<{ renewed: boolean } | undefined> {
		if (this.#token !== refused) return { renewed: false };
		if (request.renewalUsed) {
			await this.#settled(refused);
			if (this.#token !== refused) return { renewed: false };
			if (this.#accepted <= request.progressSince) return undefined;
		}
		await this.renew(refused, signIn);
		return { renewed: true };
	}

	async #settled(token: Token): Promise<void> {
		const out = this.#out.get(token);
		if (!out) return;
		await new Promise<void>((resolve) => out.waiters.push(resolve));
	}

	/** Drops every token now. */
	forget(): void {
		this.#dropCheck = undefined;
		this.#token = undefined;
		this.#issued = [];
		this.#onForget?.();
	}

	/** Forgets expired tokens, and everything once the current token expired or the session sat idle. True if forgotten. */
	forgetIfStale(now = Date.now()): boolean {
		if (this.#callsInFlight > 0 || this.#signingIn) return false;
		if (
			now - this.#lastActivity >= this.#idleMs ||
			(this.#token !== undefined && this.#token.expiresAt <= now)
		) {
			this.forget();
			return true;
		}
		this.#issued = this.#issued.filter((token) => token.expiresAt > now);
		return false;
	}

	/** Keeps tokens out of anything that serialises the session. */
	toJSON(): object {
		return { signedIn: this.#token !== undefined };
	}

	/** When the session must next look at its tokens: the earliest expiry, or the end of the idle time. */
	#dropDue(): number {
		return Math.min(
			this.#lastActivity + this.#idleMs,
			...this.#issued.map((token) => token.expiresAt),
		);
	}

	/** Keeps one check pending, at the earliest moment something may be due; a check that finds nothing due re-arms. */
	#scheduleDropCheck(at = this.#dropDue()): void {
		if (this.#dropCheck && this.#dropCheck.at <= at) return;
		const signal = AbortSignal.timeout(Math.max(0, at - Date.now()));
		this.#dropCheck = { signal, at };
		signal.addEventListener(
			'abort',
			() => {
				if (this.#dropCheck?.signal !== signal) return;
				this.#dropCheck = undefined;
				if (this.#callsInFlight > 0 || this.forgetIfStale()) return;
				// Activity since, or a timer that fired a moment early: look again when the next drop is due.
				// A sign-in under way cannot be dropped: look again a little later.
				const now = Date.now();
				this.#scheduleDropCheck(
					this.#signingIn ? now + RECHECK_MS : Math.max(this.#dropDue(), now + 1),
				);
			},
			{ once: true },
		);
	}
}
