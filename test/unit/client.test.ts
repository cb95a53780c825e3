import type { IHttpRequestOptions } from 'n8n-workflow';

import { IidaasClient } from '../../nodes/EntrustIidaas/transport/client';
import { parseRetryAfter } from '../../nodes/EntrustIidaas/transport/retry';
import { TEST_NODE } from '../../tools/harness';

const SECRET = 'sh4red-s3cret-value-XYZ';
const CREDENTIALS = {
	accountUrl: 'tenant.example.trustedauth.com',
	applicationId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
	sharedSecret: SECRET,
};

type Reply =
	| { status: number; body?: unknown; headers?: Record<string, string | string[]> }
	| { networkError: string };

/** A scripted httpRequest: authentication answers with fresh tokens, other calls take replies from `script`. */
function fakeService(script: Reply[] = [], lifetimeMs = 3600_000) {
	const calls: IHttpRequestOptions[] = [];
	let tokens = 0;
	const requester = async (options: IHttpRequestOptions) => {
		calls.push(options);
		if (options.url.endsWith('/v1/adminapi/authenticate')) {
			tokens++;
			const now = Date.now();
			return {
				statusCode: 200,
				headers: { 'set-cookie': [`INTELLITRUST_SESSION_ID=cookie-${tokens}; Path=/; HttpOnly`] },
				body: Buffer.from(
					JSON.stringify({
						authToken: `token-${tokens}`,
						creationTime: new Date(now).toISOString(),
						expirationTime: new Date(now + lifetimeMs).toISOString(),
					}),
				),
			};
		}
		const reply = script.shift() ?? { status: 200, body: { ok: true } };
		if ('networkError' in reply) {
			const error = Object.assign(new Error(`${reply.networkError} while talking`), {
				code: reply.networkError,
				config: { headers: options.headers, data: options.body },
			});
			throw error;
		}
		const body =
			reply.body === undefined
				? Buffer.alloc(0)
				: Buffer.from(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
		return {
			statusCode: reply.status,
			headers: reply.headers ?? { 'content-type': 'application/json' },
			body,
		};
	};
	const apiCalls = () => calls.filter((call) => !call.url.endsWith('/authenticate'));
	const authCalls = () => calls.filter((call) => call.url.endsWith('/authenticate'));
	return { requester, calls, apiCalls, authCalls };
}

const fastRetry = { retry: { baseDelayMs: 1, maxDelayMs: 5 } };

describe('IidaasClient session', () => {
	it('authenticates once for many requests and sends the raw token', async () => {
		const service = fakeService();
		const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS);
		for (let i = 0; i < 5; i++) await client.request({ method: 'GET', path: '/v2/printers' });
		expect(service.authCalls()).toHaveLength(1);
		expect(service.apiCalls()).toHaveLength(5);
		expect(service.apiCalls()[0].headers?.Authorization).toBe('token-1');
		expect(service.apiCalls()[0].url).toBe(
			'https://tenant.example.trustedauth.com/api/web/v2/printers',
		);
	});

	it('authenticates lazily: no request at all before the first call', () => {
		const service = fakeService();
		new IidaasClient(TEST_NODE, service.requester, CREDENTIALS);
		expect(service.calls).toHaveLength(0);
	});

	it('shares one authentication between concurrent first calls', async () => {
		const service = fakeService();
		const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS);
		await Promise.all(
			Array.from({ length: 8 }, () => client.request({ method: 'GET', path: '/v2/printers' })),
		);
		expect(service.authCalls()).toHaveLength(1);
	});

	it('renews a token that is within the safety margin of expiry', async () => {
		const service = fakeService([], 10_000);
		const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS, {
			tokenMarginMs: 30_000,
		});
		// 10 s of life, margin capped at half of it: still valid now...
		await client.request({ method: 'GET', path: '/v2/printers' });
		expect(service.authCalls()).toHaveLength(1);
		// ...but not once less than half of it is left.
		jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 6_000);
		await client.request({ method: 'GET', path: '/v2/printers' });
		jest.restoreAllMocks();
		expect(service.authCalls()).toHaveLength(2);
		expect(service.apiCalls()[1].headers?.Authorization).toBe('token-2');
	});

	it('gets a fresh token before a large upload when little lifetime is left', async () => {
		const service = fakeService([], 600_000);
		const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS);
		await client.request({ method: 'GET', path: '/v2/printers' });
		// 10 min tokens: 4 min left is plenty for a read but too little for a 300 KB upload (5 min wanted).
		jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 360_000);
		await client.request({ method: 'GET', path: '/v2/printers' });
		expect(service.authCalls()).toHaveLength(1);
		await client.request({
			method: 'POST',
			path: '/v1/printers/{printerId}/print',
			pathParams: { printerId: 'a'.repeat(32) },
			body: { data: 'x'.repeat(300 * 1024) },
		});
		jest.restoreAllMocks();
		expect(service.authCalls()).toHaveLength(2);
	});

	it('renews once and resends once after a 401, then gives up with the service message', async () => {
		const service = fakeService([
			{ status: 401, body: { code: 'UNAUTHORIZED', message: 'Token expired' } },
			{ status: 200, body: [] },
		]);
		const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS);
		await expect(
			client.request({ method: 'POST', path: '/v1/printers', body: {} }),
		).resolves.toEqual([]);
		expect(service.authCalls()).toHaveLength(2);

		const failing = fakeService([
			{ status: 401, body: { code: 'UNAUTHORIZED', message: 'Nope' } },
			{ status: 401, body: { code: 'UNAUTHORIZED', message: 'Still nope' } },
		]);
		const client2 = new IidaasClient(TEST_NODE, failing.requester, CREDENTIALS);
		await expect(client2.request({ method: 'GET', path: '/v2/printers' })).rejects.toMatchObject({
			httpCode: '401',
			message: expect.stringContaining('Still nope'),
		});
		expect(failing.apiCalls()).toHaveLength(2);
	});

	it('sends the web-session cookie when enabled', async () => {
		const service = fakeService();
		const client = new IidaasClient(TEST_NODE, service.requester, {
			...CREDENTIALS,
			enableWebSession: true,
		});
		await client.request({ method: 'GET', path: '/v2/printers' });
		expect(JSON.parse(String(service.authCalls()[0].body))).toMatchObject({
			enableWebSession: true,
		});
		expect(service.apiCalls()[0].headers?.Cookie).toBe('INTELLITRUST_SESSION_ID=cookie-1');
	});

	it('percent-encodes path parameters (base64 enrollment IDs)', async () => {
		const service = fakeService();
		const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS);
		await client.request({
			method: 'GET',
			path: '/v2/enrollments/{id}',
			pathParams: { id: 'ab+c/d==' },
		});
		expect(service.apiCalls()[0].url).toBe(
			'https://tenant.example.trustedauth.com/api/web/v2/enrollments/ab%2Bc%2Fd%3D%3D',
		);
	});
});

describe('IidaasClient retry policy', () => {
	it('retries reads on 5xx and network errors', async () => {
		const service = fakeService([
			{ status: 503 },
			{ networkError: 'ECONNRESET' },
			{ status: 200, body: [1] },
		]);
		const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS, fastRetry);
		await expect(client.request({ method: 'GET', path: '/v2/printers' })).resolves.toEqual([1]);
		expect(service.apiCalls()).toHaveLength(3);
	});

	it('stops retrying reads after the attempt bound', async () => {
		const service = fakeService([
			{ status: 500 },
			{ status: 500 },
			{ status: 500 },
			{ status: 500 },
			{ status: 500 },
		]);
		const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS, {
			retry: { baseDelayMs: 1, maxAttempts: 3 },
		});
		await expect(client.request({ method: 'GET', path: '/v2/printers' })).rejects.toMatchObject({
			httpCode: '500',
		});
		expect(service.apiCalls()).toHaveLength(3);
	});

	it('never resends a print after a 5xx, a reset or a timeout', async () => {
		for (const reply of [
			{ status: 500 },
			{ status: 502 },
			{ networkError: 'ECONNRESET' },
			{ networkError: 'ECONNABORTED' },
		] as Reply[]) {
			const service = fakeService([reply, { status: 200, body: {} }]);
			const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS, fastRetry);
			const error: any = await client
				.request({
					method: 'POST',
					path: '/v1/printers/{printerId}/print',
					pathParams: { printerId: 'a'.repeat(32) },
					body: {},
					whereToCheck: 'Check the print queue',
				})
				.catch((caught: Error & { description?: string }) => caught);
			expect(error).toBeInstanceOf(Error);
			expect((error as { description?: string }).description).toMatch(
				/may have reached IIDaaS.*Check the print queue/,
			);
			expect(service.apiCalls()).toHaveLength(1);
		}
	});

	it('resends a print after 429 (not processed), honouring Retry-After, and after a refused connection', async () => {
		const service = fakeService([
			{ status: 429, headers: { 'retry-after': '0' } },
			{ networkError: 'ECONNREFUSED' },
			{ status: 200, body: { printStatus: { id: 'x' } } },
		]);
		const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS, fastRetry);
		await expect(
			client.request({ method: 'POST', path: '/v1/printers', body: {} }),
		).resolves.toEqual({ printStatus: { id: 'x' } });
		expect(service.apiCalls()).toHaveLength(3);
	});

	it('parses Retry-After in seconds and as a date', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});
});

describe('IidaasClient errors', () => {
	it('maps the Error body with status, message and the permission the role lacks on 403', async () => {
		const service = fakeService([
			{ status: 403, body: { code: 'FORBIDDEN', message: 'Access denied' } },
		]);
		const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS);
		const error: any = await client
			.request({ method: 'POST', path: '/v1/printers', body: {}, permission: 'PRINTERS:ADD' })
			.catch((caught: any) => caught);
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('403');
		expect(error.message).toContain('Access denied');
		expect(error.description).toContain('PRINTERS:ADD');
	});

	it('maps the ErrorInfo body', async () => {
		const service = fakeService([
			{
				status: 404,
				body: { errorCode: 'WEBHOOK_NOT_FOUND', errorMessage: 'Webhook not found', parameters: [] },
			},
		]);
		const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS);
		const error: any = await client
			.request({ method: 'GET', path: '/v1/webhooks/{id}', pathParams: { id: 'x' } })
			.catch((caught: any) => caught);
		expect(error.httpCode).toBe('404');
		expect(error.message).toContain('Webhook not found');
		expect(error.description).toContain('WEBHOOK_NOT_FOUND');
	});

	it('reports HTML and empty error bodies without crashing', async () => {
		const service = fakeService([
			{ status: 502, body: '<html>Bad Gateway</html>', headers: { 'content-type': 'text/html' } },
			{ status: 400 },
		]);
		const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS, {
			retry: { maxAttempts: 1 },
		});
		await expect(client.request({ method: 'GET', path: '/v2/printers' })).rejects.toMatchObject({
			httpCode: '502',
			message: expect.stringContaining('not JSON (text/html'),
		});
		await expect(client.request({ method: 'GET', path: '/v2/printers' })).rejects.toMatchObject({
			httpCode: '400',
		});
	});

	it('says which credential value is wrong when authentication fails', async () => {
		for (const [status, text] of [
			[401, /Shared Secret is wrong/],
			[404, /Application ID/],
		] as const) {
			const requester = async () => ({
				statusCode: status,
				headers: {},
				body: Buffer.from(JSON.stringify({ errorCode: 'X', errorMessage: 'denied' })),
			});
			const client = new IidaasClient(TEST_NODE, requester, CREDENTIALS);
			await expect(client.request({ method: 'GET', path: '/v2/printers' })).rejects.toMatchObject({
				message: expect.stringMatching(text),
			});
		}
	});

	it('redacts the secret and token when the service echoes them in its error text', async () => {
		const service = fakeService([
			{
				status: 400,
				body: { code: 'BAD', message: `bad token token-1 for secret ${SECRET}`, target: SECRET },
			},
		]);
		const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS);
		const error: any = await client
			.request({ method: 'GET', path: '/v2/printers' })
			.catch((caught: any) => caught);
		const dump = JSON.stringify({
			message: error.message,
			description: error.description,
			context: error.context,
			cause: error.cause,
		});
		expect(error.message).toContain('[redacted]');
		expect(dump).not.toContain(SECRET);
		expect(dump).not.toContain('token-1');
	});

	it('keeps the secret and token out of errors, even from network errors that carry the request', async () => {
		const service = fakeService([
			{ networkError: 'ECONNRESET' },
			{ status: 500, body: { code: 'E', message: 'boom' } },
		]);
		const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS, {
			retry: { maxAttempts: 1 },
		});
		const errors: any[] = [
			await client
				.request({ method: 'POST', path: '/v1/printers', body: {} })
				.catch((caught: any) => caught),
			await client
				.request({ method: 'POST', path: '/v1/printers', body: {} })
				.catch((caught: any) => caught),
		];
		for (const error of errors) {
			const dump = JSON.stringify({
				...error,
				message: error.message,
				description: error.description,
				cause: error.cause,
				stack: error.stack,
			});
			expect(dump).not.toContain(SECRET);
			expect(dump).not.toContain('token-1');
		}
		expect(JSON.stringify(client)).not.toContain(SECRET);
	});
});

describe('IidaasClient hardening (issue 13)', () => {
	it('resends a 401 for a token another request already replaced without using up its one renewal', async () => {
		// A is held at the service with token-1 while B is refused, renews to token-2 and succeeds. A is then refused
		// for token-1 (replaced: resent with token-2 for free) and for token-2 (its own renewal: token-3).
		let releaseA: () => void = () => undefined;
		const heldA = new Promise<void>((resolve) => (releaseA = resolve));
		let tokens = 0;
		const answers: string[] = [];
		const requester = async (options: IHttpRequestOptions) => {
			if (options.url.endsWith('/authenticate')) {
				tokens++;
				return {
					statusCode: 200,
					headers: {},
					body: Buffer.from(
						JSON.stringify({
							authToken: `token-${tokens}`,
							creationTime: new Date().toISOString(),
							expirationTime: new Date(Date.now() + 3600_000).toISOString(),
						}),
					),
				};
			}
			const token = String(options.headers?.Authorization);
			const who = options.url.endsWith('/a') ? 'A' : 'B';
			if (who === 'A' && token === 'token-1') await heldA;
			const refused = token === 'token-1' || (who === 'A' && token === 'token-2');
			answers.push(`${who}:${token}:${refused ? 401 : 200}`);
			if (who === 'B' && !refused) releaseA();
			return {
				statusCode: refused ? 401 : 200,
				headers: { 'content-type': 'application/json' },
				body: Buffer.from(refused ? '{"code":"UNAUTHORIZED"}' : '{"ok":true}'),
			};
		};
		const client = new IidaasClient(TEST_NODE, requester, CREDENTIALS);
		await client.authenticate();
		await expect(
			Promise.all([
				client.request({ method: 'GET', path: '/v1/a' }),
				client.request({ method: 'GET', path: '/v1/b' }),
			]),
		).resolves.toEqual([{ ok: true }, { ok: true }]);
		expect(answers).toEqual([
			'B:token-1:401',
			'B:token-2:200',
			'A:token-1:401',
			'A:token-2:401',
			'A:token-3:200',
		]);
	});

	it('still gives up after one renewal when the service refuses every token', async () => {
		const service = fakeService(
			Array.from({ length: 10 }, () => ({
				status: 401,
				body: { code: 'UNAUTHORIZED', message: 'Nope' },
			})),
		);
		const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS);
		const results = await Promise.allSettled(
			[1, 2, 3].map(() => client.request({ method: 'GET', path: '/v2/printers' })),
		);
		expect(
			results.map(
				(result) =>
					result.status === 'rejected' && (result.reason as { httpCode?: string }).httpCode,
			),
		).toEqual(['401', '401', '401']);
		expect(service.authCalls()).toHaveLength(2);
		expect(service.apiCalls()).toHaveLength(6);
	});

	it.each([
		['.', /"\." is not a valid value/],
		['..', /"\.\." is not a valid value/],
		['', /is required/],
	])(
		'refuses the path parameter %p before anything is sent, naming the field and the item',
		async (value, problem) => {
			const service = fakeService();
			const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS);
			for (const [path, params, field] of [
				['/v1/webhooks/{id}', { id: value }, 'Webhook ID'],
				['/v1/printers/{printerId}', { printerId: value }, 'Printer ID'],
				[
					'/v4/tenants/{tenantid}/entitlements/{type}',
					{ tenantid: 'a'.repeat(32), type: value },
					'Type',
				],
			] as const) {
				const error: any = await client
					.request({ method: 'DELETE', path, pathParams: params, itemIndex: 2 })
					.catch((caught: unknown) => caught);
				expect(error.constructor.name).toBe('NodeOperationError');
				expect(error.message).toMatch(new RegExp(`^${field}: `));
				expect(error.message).toMatch(problem);
				expect(error.message).toMatch(/\[item 2\]$/);
				expect(error.context.itemIndex).toBe(2);
			}
			expect(service.calls).toHaveLength(0);
		},
	);

	it('treats a redirect as an error, never as a result, and never asks n8n to follow one', async () => {
		const location = { location: 'https://elsewhere.example.com/api/web/v2/printers' };
		const service = fakeService([
			{ status: 302, headers: location, body: { items: ['not a result'] } },
			{ status: 303, headers: location },
			{ status: 307, headers: location },
		]);
		const client = new IidaasClient(TEST_NODE, service.requester, CREDENTIALS, fastRetry);
		await expect(client.request({ method: 'GET', path: '/v2/printers' })).rejects.toMatchObject({
			httpCode: '302',
			message: expect.stringMatching(/redirect.*does not follow \(HTTP 302\)/),
		});
		const print: any = await client
			.request({
				method: 'POST',
				path: '/v1/printers/{printerId}/print',
				pathParams: { printerId: 'a'.repeat(32) },
				body: {},
				whereToCheck: 'Check the print queue',
			})
			.catch((caught: unknown) => caught);
		expect(print.httpCode).toBe('303');
		expect(print.description).toMatch(/may have reached IIDaaS.*Check the print queue/);
		await expect(client.request({ method: 'GET', path: '/v2/printers' })).rejects.toMatchObject({
			httpCode: '307',
		});
		expect(service.apiCalls()).toHaveLength(3);
		expect(service.calls.every((call) => call.disableFollowRedirect === true)).toBe(true);
	});

	it('redacts a replaced token, and the secret in its JSON-escaped form, from an echoed error', async () => {
		const secret = 'sh4red"s3cret\\value';
		let releaseA: () => void = () => undefined;
		const heldA = new Promise<void>((resolve) => (releaseA = resolve));
		let tokens = 0;
		const requester = async (options: IHttpRequestOptions) => {
			if (options.url.endsWith('/authenticate')) {
				tokens++;
				return {
					statusCode: 200,
					headers: {},
					body: Buffer.from(
						JSON.stringify({
							authToken: `token-${tokens}-abcdef`,
							creationTime: new Date().toISOString(),
							expirationTime: new Date(Date.now() + 3600_000).toISOString(),
						}),
					),
				};
			}
			const token = String(options.headers?.Authorization);
			if (options.url.endsWith('/a')) {
				await heldA;
				// A gateway quotes the request: the header (the old token) and a body holding the secret.
				const echo = JSON.stringify({ headers: options.headers, body: { sharedSecret: secret } });
				return {
					statusCode: 400,
					headers: { 'content-type': 'application/json' },
					body: Buffer.from(
						JSON.stringify({ code: 'BLOCKED', message: `Blocked: ${echo}`, target: token }),
					),
				};
			}
			if (token === 'token-1-abcdef')
				return { statusCode: 401, headers: {}, body: Buffer.alloc(0) };
			releaseA();
			return {
				statusCode: 200,
				headers: { 'content-type': 'application/json' },
				body: Buffer.from('{}'),
			};
		};
		const client = new IidaasClient(TEST_NODE, requester, { ...CREDENTIALS, sharedSecret: secret });
		const [a]: any[] = await Promise.all([
			client.request({ method: 'GET', path: '/v1/a' }).catch((caught: unknown) => caught),
			client.request({ method: 'GET', path: '/v1/b' }),
		]);
		expect(tokens).toBe(2);
		const dump = JSON.stringify({
			message: a.message,
			description: a.description,
			context: a.context,
			cause: a.cause,
			errorResponse: a.errorResponse,
		});
		expect(a.message).toContain('[redacted]');
		expect(dump).not.toContain('token-1-abcdef');
		expect(dump).not.toContain('s3cret');
	});
});
