/** A token and its web-session cookie, as the service issued them. */
export interface Token {
	value: string;
	cookie?: string;
	/** Local clock time after which the token must not be used. */
	expiresAt: number;
	lifetimeMs: number;
}

/** Exchanges the credential for a new token (the sign-in request). */
export type SignIn = () => Promise<Token>;

/**
 * The one owner of a token: hands out a token with enough life left, renews it ahead of expiry or after a
 * refusal, and lets concurrent callers that find the same stale token share one sign-in (single flight).
 * One session serves one execution and one credential; the caller supplies the sign-in.
 */
export class Session {
	#token: Token | undefined;
	#signingIn: Promise<Token> | undefined;

	/** The token in use, if any. */
	get token(): Token | undefined {
		return this.#token;
	}

	get signingIn(): boolean {
		return this.#signingIn !== undefined;
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
					return token;
				})
				.finally(() => {
					this.#signingIn = undefined;
				});
		}
		return await this.#signingIn;
	}

	/** Keeps tokens out of anything that serialises the session. */
	toJSON(): object {
		return { signedIn: this.#token !== undefined };
	}
}
