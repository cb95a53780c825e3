/**
 * Sign-in redaction (issue 13.1): a gateway that refuses the sign-in and quotes the refused request (body and
 * headers) in its answer, as WAFs do, must not put the shared secret, nor any token or cookie issued in the
 * execution, into the node's output, the error's message, description or cause, or anything n8n stores.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import { runNode } from '../../tools/harness';

const SECRET = 'Sh4red/Secret+"quoted"\\value==';
const APPLICATION_ID = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

/** Every string reachable from a value, own non-enumerable properties (message, stack, cause) included. */
function strings(value: unknown, seen = new Set<unknown>(), out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (value !== null && typeof value === 'object' && !seen.has(value)) {
		seen.add(value);
		for (const key of Object.getOwnPropertyNames(value)) {
			const descriptor = Object.getOwnPropertyDescriptor(value, key);
			if (descriptor && 'value' in descriptor) strings(descriptor.value, seen, out);
		}
	}
	return out;
}

interface EchoService {
	url: string;
	/** Status for sign-ins after the first `signInsAllowed` ones. */
	refuseWith: number;
	signInsAllowed: number;
	issued: string[];
	echoed: string[];
	close(): Promise<void>;
}

/** Issues `signInsAllowed` tokens, refuses API calls with 401 quoting their headers, then refuses sign-ins quoting body and headers. */
async function startEchoService(): Promise<EchoService> {
	let signIns = 0;
	const service = {
		refuseWith: 401,
		signInsAllowed: 0,
		issued: [] as string[],
		echoed: [] as string[],
	} as EchoService;
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const body = Buffer.concat(chunks).toString('utf8');
			const quoted = `${req.method} ${req.url} headers=${JSON.stringify(req.headers)} body=${body}`;
			const answer = (status: number, json: object, headers: Record<string, string> = {}) => {
				const text = JSON.stringify(json);
				service.echoed.push(text);
				res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
				res.end(text);
			};
			if (req.url?.endsWith('/v1/adminapi/authenticate')) {
				signIns++;
				if (signIns <= service.signInsAllowed) {
					const token = `tok3n-${signIns}-${Math.random().toString(36).slice(2)}`;
					const cookie = `c00kie-${signIns}-${Math.random().toString(36).slice(2)}`;
					service.issued.push(token, cookie);
					const now = Date.now();
					return answer(
						200,
						{
							authToken: token,
							creationTime: new Date(now).toISOString(),
							expirationTime: new Date(now + 3600_000).toISOString(),
						},
						{ 'Set-Cookie': `INTELLITRUST_SESSION_ID=${cookie}; Path=/` },
					);
				}
				// Both error families, with the request quoted in every text field.
				return signIns % 2 === 0
					? answer(service.refuseWith, {
							errorCode: `REFUSED ${quoted}`,
							errorMessage: `Request refused: ${quoted}`,
							parameters: [quoted],
						})
					: answer(service.refuseWith, {
							code: 'REFUSED',
							message: `Request refused: ${quoted}`,
							target: body,
							error: quoted,
						});
			}
			return answer(401, {
				code: 'UNAUTHORIZED',
				message: `Session ended for ${quoted}`,
				target: String(req.headers.authorization),
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	service.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	service.close = async () => await new Promise<void>((resolve) => server.close(() => resolve()));
	return service;
}

describe('sign-in errors quoting the refused request leak nothing', () => {
	let service: EchoService;
	beforeAll(async () => {
		service = await startEchoService();
	});
	afterAll(async () => await service.close());

	const cases = [400, 401, 403, 404].flatMap((status) =>
		[0, 1].flatMap((signInsAllowed) =>
			[true, false].map((continueOnFail) => ({ status, signInsAllowed, continueOnFail })),
		),
	);

	it.each(cases)(
		'HTTP $status at sign-in (after $signInsAllowed good sign-ins), Continue On Fail $continueOnFail',
		async ({ status, signInsAllowed, continueOnFail }) => {
			service.refuseWith = status;
			service.signInsAllowed = service.issued.length / 2 + signInsAllowed;
			service.echoed.length = 0;
			const logs: string[] = [];
			const result = await runNode({
				credentials: {
					accountUrl: service.url,
					applicationId: APPLICATION_ID,
					sharedSecret: SECRET,
					enableWebSession: true,
				},
				params: { resource: 'printer', operation: 'getSummary', requestOptions: { maxRetries: 0 } },
				continueOnFail,
				logs,
			}).then(
				(value) => ({ output: value.output, error: undefined as unknown }),
				(error: unknown) => ({ output: undefined, error }),
			);

			// The service really quoted the secret (and, after a good sign-in, the token and cookie).
			const echoes = service.echoed.flatMap((text) => strings(JSON.parse(text))).join('\n');
			expect(echoes).toContain(JSON.stringify(SECRET).slice(1, -1));
			for (const value of service.issued.slice(-2 * signInsAllowed))
				expect(echoes).toContain(value);

			const error = result.error as
				{ message?: string; description?: string; httpCode?: string } | undefined;
			if (continueOnFail) {
				expect(result.output).toHaveLength(1);
				expect(result.output?.[0].json.httpCode).toBe(String(status));
			} else {
				expect(error?.httpCode).toBe(String(status));
			}
			const message = continueOnFail
				? String(result.output?.[0].json.error)
				: String(error?.message);
			expect(message).toMatch(new RegExp(`HTTP ${status}`));
			// What the user sees, what n8n stores (the serialised output and error) and every string inside the error.
			const stored = [
				JSON.stringify(result.output ?? null),
				JSON.stringify(error ?? null),
				...strings(result.output),
				...strings(error),
				...logs,
			].join('\n');
			const secrets = [
				SECRET,
				JSON.stringify(SECRET).slice(1, -1),
				encodeURIComponent(SECRET),
				...service.issued,
			];
			expect(secrets.filter((secret) => stored.includes(secret))).toEqual([]);
			expect(stored).toContain('[redacted]');
		},
	);
});
