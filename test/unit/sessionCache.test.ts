import * as fs from 'fs';
import * as path from 'path';

import { Session, SESSION_IDLE_MS } from '../../nodes/EntrustIidaas/transport/session';
import {
	cachedSessionCount,
	sessionForExecution,
} from '../../nodes/EntrustIidaas/transport/sessionCache';

describe('execution session cache', () => {
	afterEach(() => jest.restoreAllMocks());

	it('gives the same session for the same execution and credential, another for anything else', () => {
		const a = sessionForExecution('e1', ['host', 'app', 'secret', false]);
		expect(sessionForExecution('e1', ['host', 'app', 'secret', false])).toBe(a);
		expect(sessionForExecution('e2', ['host', 'app', 'secret', false])).not.toBe(a);
		expect(sessionForExecution('e1', ['host', 'app', 'other-secret', false])).not.toBe(a);
	});

	it('drops sessions that expired or sat idle, so an ended execution leaves nothing behind', async () => {
		const now = Date.now();
		const session = sessionForExecution('expiring', ['h', 'a', 's', false]);
		await session.renew(undefined, async () => ({
			value: 't',
			expiresAt: now + 1000,
			lifetimeMs: 1000,
		}));
		sessionForExecution('idle', ['h', 'a', 's', false]);
		const before = cachedSessionCount();
		jest.spyOn(Date, 'now').mockReturnValue(now + 6 * 60_000);
		sessionForExecution('fresh', ['h', 'a', 's', false]);
		expect(cachedSessionCount()).toBeLessThan(before);
		expect(sessionForExecution('expiring', ['h', 'a', 's', false]).token).toBeUndefined();
	});

	it('never keys by the secret itself', () => {
		const session = sessionForExecution('e3', ['host', 'app', 'sup3r-secret', false]);
		expect(JSON.stringify(session)).not.toContain('sup3r-secret');
	});
});

describe('session memory (issue 13.9)', () => {
	const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
	const tokenFor =
		(lifetimeMs: number, value = `token-${Math.random()}`) =>
		async () => ({
			value,
			cookie: `cookie-${value}`,
			expiresAt: Date.now() + lifetimeMs,
			lifetimeMs,
		});

	async function signedIn(session: Session, lifetimeMs: number) {
		session.begin();
		await session.renew(undefined, tokenFor(lifetimeMs));
		session.end();
		return session;
	}

	it('forgets the token (and cookie) when it expires, without any further call', async () => {
		const session = await signedIn(new Session({ idleMs: 60_000 }), 150);
		expect(session.token).toBeDefined();
		expect(session.secrets()).toHaveLength(2);
		await pause(300);
		expect(session.token).toBeUndefined();
		expect(session.secrets()).toEqual([]);
	});

	it('forgets everything shortly after the last call, though the token is still valid', async () => {
		const forgotten = jest.fn();
		const session = await signedIn(new Session({ idleMs: 150, onForget: forgotten }), 3600_000);
		await pause(50);
		expect(session.token).toBeDefined();
		await pause(300);
		expect(session.token).toBeUndefined();
		expect(session.secrets()).toEqual([]);
		expect(forgotten).toHaveBeenCalledTimes(1);
	});

	it('forgets on time when the idle time started after the session was made (a slow sign-in)', async () => {
		// The first check falls due 300 ms after the session was made, before the idle time that began when the
		// sign-in ended (200 ms) has passed; the session must look again when that idle time ends, not a second later.
		const session = new Session({ idleMs: 300 });
		session.begin();
		await session.renew(undefined, async () => {
			await pause(200);
			return await tokenFor(3600_000)();
		});
		session.end();
		await pause(150);
		expect(session.token).toBeDefined();
		await pause(350);
		expect(session.token).toBeUndefined();
	});

	it('drops each replaced token when it expires, though an earlier check was due first', async () => {
		// The check due at the first token's expiry (200 ms) drops it and finds the second not yet expired (400 ms):
		// the second must be dropped at its own expiry, not a second later. The third stays (idle time 60 s).
		const session = new Session({ idleMs: 60_000 });
		session.begin();
		const first = await session.renew(undefined, tokenFor(200, 'first-token'));
		const second = await session.renew(first, tokenFor(400, 'second-token'));
		await session.renew(second, tokenFor(3600_000, 'third-token'));
		session.end();
		await pause(600);
		expect(session.secrets()).toEqual(['third-token', 'cookie-third-token']);
	});

	it('keeps the token while a call is in flight, and forgets it once the call ended and the idle time passed', async () => {
		const session = await signedIn(new Session({ idleMs: 300 }), 3600_000);
		session.begin();
		await pause(500);
		expect(session.token).toBeDefined();
		session.end();
		await pause(50);
		expect(session.token).toBeDefined();
		await pause(500);
		expect(session.token).toBeUndefined();
	});

	it('keeps replaced tokens for redaction until they expire', async () => {
		const session = new Session({ idleMs: 60_000 });
		session.begin();
		const first = await session.renew(undefined, tokenFor(150, 'first-token'));
		await session.renew(first, tokenFor(3600_000, 'second-token'));
		session.end();
		expect(session.secrets()).toEqual([
			'first-token',
			'cookie-first-token',
			'second-token',
			'cookie-second-token',
		]);
		await pause(300);
		expect(session.secrets()).toEqual(['second-token', 'cookie-second-token']);
	});

	it('leaves the execution map when it forgets, so the next node of the execution signs in afresh', () => {
		const session = sessionForExecution('forgetting', ['h', 'a', 's', false]);
		const before = cachedSessionCount();
		session.forget();
		expect(cachedSessionCount()).toBe(before - 1);
		expect(sessionForExecution('forgetting', ['h', 'a', 's', false])).not.toBe(session);
	});

	it('says in the README how long a token can stay in memory', () => {
		const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
		expect(readme).toContain(
			`${SESSION_IDLE_MS / 1000} seconds after the execution’s last IIDaaS call`,
		);
	});
});
