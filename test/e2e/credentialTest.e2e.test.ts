/**
 * The credential's Test in a real n8n (issue 13.2): n8n finds the node-side test through `testedBy` and runs it
 * with its own legacy request helper. Checked through n8n's REST API (what the editor's Test button calls): the
 * right credential passes, each wrong value gets its own message, plain http to a remote host sends nothing, and a
 * 307 from the Account URL is not followed (the second server receives nothing).
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

import * as n8n from '../../tools/n8n/driver';
import { startStack } from '../../tools/n8n/stack';

type Stack = Awaited<ReturnType<typeof startStack>>;
let stack: Stack | undefined;
let cookie = '';

async function testCredential(
	data: Record<string, unknown>,
): Promise<{ status: string; message: string }> {
	const res = await fetch(`${stack!.server.url}/rest/credentials/test`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify({
			credentials: { id: '', name: 'IIDaaS under test', type: 'entrustIidaasApi', data },
		}),
	});
	const text = await res.text();
	if (!res.ok)
		throw new Error(`POST /rest/credentials/test answered ${res.status}: ${text.slice(0, 500)}`);
	return JSON.parse(text).data;
}

async function recordingServer(status: number, location?: string) {
	const received: string[] = [];
	const server = http.createServer((req, res) => {
		received.push(`${req.method} ${req.url}`);
		req.resume();
		req.on('end', () => {
			res.writeHead(status, {
				'Content-Type': 'application/json',
				...(location ? { Location: location } : {}),
			});
			res.end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		received,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

beforeAll(async () => {
	stack = await startStack({ examples: [], seed: null });
	cookie = (await n8n.login(stack.server.url, stack.owner)) ?? '';
});

afterAll(async () => {
	await stack?.stop();
});

test('n8n runs the node-side credential test: distinct messages, no http to remote hosts, no redirect followed', async () => {
	const { emu } = stack!;
	const good = {
		accountUrl: emu.url,
		applicationId: emu.credentials.applicationId,
		sharedSecret: emu.credentials.sharedSecret,
		enableWebSession: false,
	};
	const before = emu.count('authenticateAdminApiUsingPOST');
	expect(await testCredential(good)).toEqual({
		status: 'OK',
		message: 'Authenticated with IIDaaS',
	});
	expect(emu.count('authenticateAdminApiUsingPOST') - before).toBe(1);

	expect(await testCredential({ ...good, sharedSecret: 'a-wrong-secret' })).toMatchObject({
		status: 'Error',
		message: expect.stringMatching(/Shared Secret is wrong/),
	});
	expect(
		await testCredential({ ...good, applicationId: '00000000-0000-4000-8000-000000000000' }),
	).toMatchObject({
		status: 'Error',
		message: expect.stringMatching(/No Issuance API application/),
	});
	expect(await testCredential({ ...good, accountUrl: 'http://127.0.0.1:1' })).toMatchObject({
		status: 'Error',
		message: expect.stringMatching(/could not be reached/),
	});
	expect(
		await testCredential({ ...good, accountUrl: 'http://customer.region.trustedauth.com' }),
	).toMatchObject({ status: 'Error', message: expect.stringMatching(/must use https/) });

	const elsewhere = await recordingServer(200);
	const redirect = await recordingServer(307, `${elsewhere.url}/api/web/v1/adminapi/authenticate`);
	try {
		expect(await testCredential({ ...good, accountUrl: redirect.url })).toMatchObject({
			status: 'Error',
			message: expect.stringMatching(/redirect/),
		});
		expect(redirect.received).toEqual(['POST /api/web/v1/adminapi/authenticate']);
		expect(elsewhere.received).toEqual([]);
	} finally {
		await redirect.close();
		await elsewhere.close();
	}
});
