/**
 * 3xx answers (issue 13.7, first half): never followed and never output as a result, for the sign-in and for API
 * calls, through the harness's n8n-like httpRequest (axios, honouring `disableFollowRedirect` as n8n does).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import { runNode } from '../../tools/harness';

interface Server {
	url: string;
	received: string[];
	close(): Promise<void>;
}

async function serve(
	handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<Server> {
	const received: string[] = [];
	const server = http.createServer((req, res) => {
		received.push(`${req.method} ${req.url}`);
		req.resume();
		req.on('end', () => handler(req, res));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		received,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

const json = (
	res: http.ServerResponse,
	status: number,
	body: object,
	headers: Record<string, string> = {},
) => {
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
};

describe('redirects are errors, never followed', () => {
	let elsewhere: Server;
	let service: Server;
	let redirectStatus = 307;
	let redirectSignIn = false;

	beforeAll(async () => {
		// The place a redirect points at would answer like IIDaaS, with a token and a result.
		elsewhere = await serve((req, res) =>
			req.url?.endsWith('/authenticate')
				? json(res, 200, {
						authToken: 'elsewhere-token',
						creationTime: new Date().toISOString(),
						expirationTime: new Date(Date.now() + 3600_000).toISOString(),
					})
				: json(res, 200, { printerCount: 99 }),
		);
		service = await serve((req, res) => {
			const location = { Location: `${elsewhere.url}${req.url}` };
			if (req.url?.endsWith('/authenticate') && !redirectSignIn) {
				return json(res, 200, {
					authToken: 'the-token',
					creationTime: new Date().toISOString(),
					expirationTime: new Date(Date.now() + 3600_000).toISOString(),
				});
			}
			return json(res, redirectStatus, { printerCount: 42 }, location);
		});
	});
	afterAll(async () => {
		await service.close();
		await elsewhere.close();
	});
	beforeEach(() => {
		service.received.length = 0;
		elsewhere.received.length = 0;
	});

	const credentials = () => ({
		accountUrl: service.url,
		applicationId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
		sharedSecret: 'the-shared-secret',
	});

	it.each([301, 302, 303, 307, 308])(
		'an API call answered %i fails the item and reaches nobody else',
		async (status) => {
			redirectStatus = status;
			redirectSignIn = false;
			const { output } = await runNode({
				credentials: credentials(),
				params: { resource: 'printer', operation: 'getSummary', requestOptions: { maxRetries: 0 } },
				continueOnFail: true,
			});
			expect(output).toHaveLength(1);
			expect(output[0].json).toMatchObject({
				httpCode: String(status),
				error: expect.stringMatching(new RegExp(`redirect.*\\(HTTP ${status}\\)`)),
			});
			expect(output[0].json.printerCount).toBeUndefined();
			expect(service.received).toEqual([
				'POST /api/web/v1/adminapi/authenticate',
				'GET /api/web/v1/printers/summary',
			]);
			expect(elsewhere.received).toEqual([]);
		},
	);

	it.each([302, 307, 308])(
		'a sign-in answered %i fails with a message about the redirect, and the secret goes nowhere else',
		async (status) => {
			redirectStatus = status;
			redirectSignIn = true;
			await expect(
				runNode({
					credentials: credentials(),
					params: {
						resource: 'printer',
						operation: 'getSummary',
						requestOptions: { maxRetries: 0 },
					},
				}),
			).rejects.toMatchObject({
				httpCode: String(status),
				message: expect.stringMatching(/answered with a redirect .*not followed/),
			});
			expect(service.received).toEqual(['POST /api/web/v1/adminapi/authenticate']);
			expect(elsewhere.received).toEqual([]);
		},
	);
});
