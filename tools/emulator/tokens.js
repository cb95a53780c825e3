'use strict';
/** Issued auth tokens and the checks every authenticated request goes through. */

const SESSION_COOKIE = 'INTELLITRUST_SESSION_ID';

class TokenStore {
	constructor(ids, lifetimeSeconds) {
		this.ids = ids;
		this.lifetimeSeconds = lifetimeSeconds;
		this.tokens = new Map(); // token -> { token, applicationId, createdAt, expiresAt, sessionId }
	}

	issue(applicationId, { webSession = false } = {}) {
		const createdAt = Date.now();
		const record = {
			token: this.ids.token(32),
			applicationId,
			createdAt,
			expiresAt: createdAt + this.lifetimeSeconds * 1000,
			sessionId: webSession ? this.ids.token(24) : null,
		};
		this.tokens.set(record.token, record);
		return record;
	}

	expireAll() {
		const past = Date.now() - 1000;
		for (const record of this.tokens.values()) record.expiresAt = past;
	}

	issued() {
		return [...this.tokens.keys()];
	}

	/**
	 * Checks the Authorization header (raw token or "Bearer <token>") and, for web-session tokens, the cookie.
	 * Returns { ok: true, record } or { ok: false, reason: 'MISSING'|'UNKNOWN'|'EXPIRED'|'SESSION', message }.
	 */
	check(headers) {
		const header = String(headers.authorization || '').trim();
		if (!header)
			return { ok: false, reason: 'MISSING', message: 'Authorization header is missing' };
		const token = header.replace(/^Bearer\s+/i, '');
		const record = this.tokens.get(token);
		if (!record) return { ok: false, reason: 'UNKNOWN', message: 'Invalid authorization token' };
		if (Date.now() >= record.expiresAt)
			return { ok: false, reason: 'EXPIRED', record, message: 'Authorization token has expired' };
		if (record.sessionId && parseCookies(headers.cookie)[SESSION_COOKIE] !== record.sessionId) {
			return {
				ok: false,
				reason: 'SESSION',
				record,
				message: `Web session cookie ${SESSION_COOKIE} is missing or invalid`,
			};
		}
		return { ok: true, record };
	}
}

function parseCookies(header) {
	const cookies = {};
	for (const part of String(header || '').split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
	}
	return cookies;
}

module.exports = { TokenStore, SESSION_COOKIE, parseCookies };
