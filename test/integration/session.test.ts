import { useEmulator } from '../helpers/emulator';

const fixture = useEmulator();
const getStatusOf100 = () => ({
	items: Array.from({ length: 100 }, (_, index) => ({ json: { index } })),
});

describe('per-execution session against the emulator', () => {
	beforeEach(() => fixture.emulator.clearRequests());

	it('authenticates exactly once for a 100-item execution: N+1 requests', async () => {
		const { output, httpCalls } = await fixture.run(
			{ resource: 'printer', operation: 'getSummary' },
			getStatusOf100(),
		);
		expect(output).toHaveLength(100);
		expect(fixture.emulator.count('authenticateAdminApiUsingPOST')).toBe(1);
		expect(fixture.emulator.requests).toHaveLength(101);
		expect(httpCalls).toBe(101);
		expect(output.map((item) => item.pairedItem)).toEqual(
			Array.from({ length: 100 }, (_, item) => ({ item })),
		);
	});

	it('authenticates again in the next execution (no token outlives an execution)', async () => {
		await fixture.run({ resource: 'printer', operation: 'getSummary' });
		await fixture.run({ resource: 'printer', operation: 'getSummary' });
		expect(fixture.emulator.count('authenticateAdminApiUsingPOST')).toBe(2);
		const tokens = fixture.emulator.issuedTokens();
		expect(new Set(tokens.slice(-2)).size).toBe(2);
	});

	it('shares one authentication between the IIDaaS nodes of one execution, never across executions', async () => {
		await fixture.run({ resource: 'printer', operation: 'getSummary' }, { executionId: 'exec-A' });
		await fixture.run(
			{ resource: 'printer', operation: 'getAll', returnAll: true },
			{ executionId: 'exec-A' },
		);
		await fixture.run({ resource: 'printJob', operation: 'getCounts' }, { executionId: 'exec-A' });
		expect(fixture.emulator.count('authenticateAdminApiUsingPOST')).toBe(1);
		await fixture.run({ resource: 'printer', operation: 'getSummary' }, { executionId: 'exec-B' });
		expect(fixture.emulator.count('authenticateAdminApiUsingPOST')).toBe(2);
		// Another credential in the same execution gets its own session.
		await fixture.run(
			{ resource: 'printer', operation: 'getSummary' },
			{ executionId: 'exec-A', credentials: { ...fixture.credentials, enableWebSession: true } },
		);
		expect(fixture.emulator.count('authenticateAdminApiUsingPOST')).toBe(3);
	});

	it('renews once when the token expires mid-run and loses no item', async () => {
		const { output } = await fixture.run(
			{ resource: 'printer', operation: 'getSummary' },
			{
				...getStatusOf100(),
				beforeRequest: (count) => {
					if (count === 50) fixture.emulator.expireAllTokens();
				},
			},
		);
		expect(output).toHaveLength(100);
		expect(output.every((item) => typeof item.json.printerCount === 'number')).toBe(true);
		expect(fixture.emulator.count('authenticateAdminApiUsingPOST')).toBe(2);
		expect(fixture.emulator.requests.filter((request) => request.status === 401)).toHaveLength(1);
	});

	it('renews ahead of expiry when the service issues short-lived tokens', async () => {
		fixture.emulator.setTokenLifetime(20);
		try {
			const { output } = await fixture.run(
				{ resource: 'printer', operation: 'getSummary' },
				{ items: [{ json: {} }, { json: {} }] },
			);
			expect(output).toHaveLength(2);
			// The margin shrinks to half a short token's life: one token serves both calls, none is refused.
			expect(fixture.emulator.count('authenticateAdminApiUsingPOST')).toBe(1);
			expect(fixture.emulator.requests.filter((request) => request.status === 401)).toHaveLength(0);
		} finally {
			fixture.emulator.setTokenLifetime(3600);
		}
	});

	it('keeps and sends the web-session cookie when the credential asks for it', async () => {
		const { output } = await fixture.run(
			{ resource: 'printer', operation: 'getSummary' },
			{
				credentials: { ...fixture.credentials, enableWebSession: true },
				items: [{ json: {} }, { json: {} }],
			},
		);
		expect(output).toHaveLength(2);
		expect(fixture.emulator.requests.every((request) => request.status === 200)).toBe(true);
	});

	it('tells a wrong Application ID from a wrong Shared Secret', async () => {
		await expect(
			fixture.run(
				{ resource: 'printer', operation: 'getSummary' },
				{ credentials: { ...fixture.credentials, sharedSecret: 'wrong' } },
			),
		).rejects.toThrow(/Shared Secret is wrong/);
		await expect(
			fixture.run(
				{ resource: 'printer', operation: 'getSummary' },
				{
					credentials: {
						...fixture.credentials,
						applicationId: '00000000-0000-4000-8000-000000000000',
					},
				},
			),
		).rejects.toThrow(/No Issuance API application with this Application ID/);
	});

	it('says when the host cannot be reached', async () => {
		await expect(
			fixture.run(
				{ resource: 'printer', operation: 'getSummary', requestOptions: { maxRetries: 0 } },
				{ credentials: { ...fixture.credentials, accountUrl: 'http://127.0.0.1:1' } },
			),
		).rejects.toThrow(/refused|could not be reached|ECONNREFUSED/i);
	});

	it('never puts the secret or a token in the output', async () => {
		const { output } = await fixture.run({
			resource: 'printer',
			operation: 'getAll',
			returnAll: true,
		});
		const dump = JSON.stringify(output);
		expect(dump).not.toContain(fixture.credentials.sharedSecret);
		for (const token of fixture.emulator.issuedTokens()) expect(dump).not.toContain(token);
	});
});
