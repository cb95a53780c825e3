/**
 * The credential's Test button (issue 13.2): n8n calls the node's `methods.credentialTest` named by `testedBy`
 * with the legacy `request` helper. It must never send the Shared Secret over plain http to a non-loopback host,
 * never follow a redirect with it, and keep the distinct messages.
 */
import axios from 'axios';
import * as http from 'http';
import type { AddressInfo } from 'net';
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
	INodeType,
} from 'n8n-workflow';

import { EntrustIidaasApi } from '../../credentials/EntrustIidaasApi.credentials';
import { EntrustIidaas } from '../../nodes/EntrustIidaas/EntrustIidaas.node';
import { EntrustIidaasTrigger } from '../../nodes/EntrustIidaas/EntrustIidaasTrigger.node';
import { useEmulator } from '../helpers/emulator';

const fixture = useEmulator();
const AUTH_OP = 'authenticateAdminApiUsingPOST';

interface LegacyOptions {
	method?: string;
	uri: string;
	headers?: Record<string, string>;
	body?: unknown;
	encoding?: null;
	simple?: boolean;
	resolveWithFullResponse?: boolean;
	followRedirect?: boolean;
	followAllRedirects?: boolean;
	maxRedirects?: number;
	timeout?: number;
}

/**
 * n8n's legacy `request` helper, reduced to what matters here, with its redirect rule: redirects are followed
 * for GET and HEAD unless `followRedirect: false`, and for every method with `followAllRedirects`.
 */
function legacyRequest(calls: LegacyOptions[]) {
	return async (options: LegacyOptions) => {
		calls.push(options);
		const method = (options.method ?? 'GET').toUpperCase();
		const follow =
			(options.followRedirect !== false && (method === 'GET' || method === 'HEAD')) ||
			options.followAllRedirects === true;
		const response = await axios.request({
			url: options.uri,
			method,
			headers: options.headers,
			data: options.body,
			timeout: options.timeout,
			maxRedirects: follow ? (options.maxRedirects ?? 5) : 0,
			responseType: options.encoding === null ? 'arraybuffer' : 'text',
			validateStatus: options.simple === false ? () => true : undefined,
			proxy: false,
		});
		return options.resolveWithFullResponse
			? { body: response.data, headers: response.headers, statusCode: response.status }
			: response.data;
	};
}

async function runTest(
	node: INodeType,
	data: object,
	calls: LegacyOptions[] = [],
): Promise<INodeCredentialTestResult> {
	const credentialTest = node.methods?.credentialTest?.entrustIidaasApiTest;
	if (!credentialTest)
		throw new Error('the node has no credential test named entrustIidaasApiTest');
	const context = {
		helpers: { request: legacyRequest(calls) },
	} as unknown as ICredentialTestFunctions;
	const credential = {
		id: '1',
		name: 'IIDaaS',
		type: 'entrustIidaasApi',
		data,
	} as unknown as ICredentialsDecrypted;
	return await credentialTest.call(context, credential);
}

/** A loopback server that records what reaches it and answers `status` with a Location header. */
async function startServer(status: number, location?: string) {
	const received: Array<{ method?: string; url?: string; body: string }> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({
				method: req.method,
				url: req.url,
				body: Buffer.concat(chunks).toString('utf8'),
			});
			res.writeHead(status, {
				'Content-Type': 'application/json',
				...(location ? { Location: location } : {}),
			});
			res.end(JSON.stringify({ message: 'moved' }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		received,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('credential test', () => {
	it('is the node-side test in both nodes, and the credential has no declarative test that n8n would run instead', () => {
		// n8n runs a credential's own `test` request in preference to a node's `testedBy`.
		expect((new EntrustIidaasApi() as { test?: unknown }).test).toBeUndefined();
		for (const node of [new EntrustIidaas(), new EntrustIidaasTrigger()]) {
			expect(node.description.credentials).toEqual([
				{ name: 'entrustIidaasApi', required: true, testedBy: 'entrustIidaasApiTest' },
			]);
			expect(typeof node.methods?.credentialTest?.entrustIidaasApiTest).toBe('function');
		}
	});

	it('succeeds with the right credential', async () => {
		const before = fixture.emulator.count(AUTH_OP);
		await expect(runTest(new EntrustIidaas(), fixture.credentials)).resolves.toEqual({
			status: 'OK',
			message: 'Authenticated with IIDaaS',
		});
		await expect(runTest(new EntrustIidaasTrigger(), fixture.credentials)).resolves.toMatchObject({
			status: 'OK',
		});
		expect(fixture.emulator.count(AUTH_OP) - before).toBe(2);
	});

	it('keeps distinct messages: wrong secret, wrong application ID, unreachable, not https', async () => {
		const results = await Promise.all([
			runTest(new EntrustIidaas(), { ...fixture.credentials, sharedSecret: 'wrong-secret-value' }),
			runTest(new EntrustIidaas(), {
				...fixture.credentials,
				applicationId: '00000000-0000-4000-8000-000000000000',
			}),
			runTest(new EntrustIidaas(), { ...fixture.credentials, accountUrl: 'http://127.0.0.1:1' }),
			runTest(new EntrustIidaas(), {
				...fixture.credentials,
				accountUrl: 'http://customer.region.trustedauth.com',
			}),
		]);
		expect(results.map((result) => result.status)).toEqual(['Error', 'Error', 'Error', 'Error']);
		expect(results[0].message).toMatch(/Shared Secret is wrong/);
		expect(results[1].message).toMatch(/No Issuance API application with this Application ID/);
		expect(results[2].message).toMatch(/could not be reached \(ECONNREFUSED\)/);
		expect(results[3].message).toMatch(/must use https/);
		expect(new Set(results.map((result) => result.message.slice(0, 40))).size).toBe(4);
		for (const result of results) expect(result.message).not.toContain('wrong-secret-value');
	});

	it('never sends the secret over plain http to a host that is not this machine', async () => {
		const calls: LegacyOptions[] = [];
		for (const accountUrl of [
			'http://customer.region.trustedauth.com',
			'http://10.0.0.8:8080',
			'http://[fe80::1]',
		]) {
			const result = await runTest(
				new EntrustIidaas(),
				{ ...fixture.credentials, accountUrl },
				calls,
			);
			expect(result).toMatchObject({
				status: 'Error',
				message: expect.stringMatching(/must use https/),
			});
		}
		expect(calls).toEqual([]);
	});

	it('never follows a redirect with the secret', async () => {
		const elsewhere = await startServer(200);
		const redirects = await Promise.all(
			[301, 302, 303, 307, 308].map(
				async (status) =>
					await startServer(status, `${elsewhere.url}/api/web/v1/adminapi/authenticate`),
			),
		);
		try {
			for (const redirect of redirects) {
				const calls: LegacyOptions[] = [];
				const result = await runTest(
					new EntrustIidaas(),
					{ ...fixture.credentials, accountUrl: redirect.url },
					calls,
				);
				expect(result).toMatchObject({
					status: 'Error',
					message: expect.stringMatching(/redirect/),
				});
				expect(redirect.received).toHaveLength(1);
				expect(
					calls.every((call) => call.followRedirect === false && call.followAllRedirects === false),
				).toBe(true);
			}
			expect(elsewhere.received).toEqual([]);
		} finally {
			await Promise.all([elsewhere, ...redirects].map(async (server) => await server.close()));
		}
	});
});
