import { cachedSessionCount, sessionForExecution } from '../../nodes/EntrustIidaas/transport/sessionCache';

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
		await session.renew(undefined, async () => ({ value: 't', expiresAt: now + 1000, lifetimeMs: 1000 }));
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
