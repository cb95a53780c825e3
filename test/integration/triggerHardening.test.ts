/**
 * The trigger's hardening (issue 13): webhooks never forgotten at IIDaaS (removal failures, callback-URL changes),
 * replay protection, the Include Headers allowlist, and forged requests with 16 KiB of headers. The cost of forged
 * requests is measured in test/unit/signatureCost.test.ts.
 */
import { sendDelivery, settle } from '../../tools/emulator/webhookDelivery';
import { useEmulator } from '../helpers/emulator';
import { startReceiver, TriggerHarness } from '../helpers/trigger';
import type { Receiver } from '../helpers/trigger';

const fixture = useEmulator();
let receiver: Receiver;

beforeAll(async () => {
	receiver = await startReceiver();
});
afterAll(async () => {
	await receiver.close();
});

const stored = () => fixture.emulator.state.webhooks as Map<string, Record<string, unknown>>;
const trigger = (params: Record<string, unknown> = {}) =>
	new TriggerHarness({
		credentials: fixture.credentials,
		webhookUrl: receiver.url,
		params: { events: ['credential.print', 'credential.create'], ...params },
	});

/** Sends one delivery to the receiver and returns what it captured. */
async function deliverOnce(send: () => Promise<unknown>) {
	const before = receiver.deliveries.length;
	await send();
	await settle(fixture.emulator.ctx);
	expect(receiver.deliveries.length).toBe(before + 1);
	return receiver.deliveries[before];
}

describe('the trigger’s webhook is never forgotten at IIDaaS', () => {
	beforeEach(() => fixture.emulator.clearRequests());

	it('removes the old webhook at IIDaaS when the trigger’s callback URL changes (13.10)', async () => {
		const harness = trigger();
		await harness.create();
		const old = harness.staticData.webhookId as string;
		// e.g. WEBHOOK_URL changed: n8n reactivates the workflow with a new URL for the same node and static data.
		harness.webhookUrl = receiver.url.replace('/webhook/', '/hooks/');
		expect(await harness.checkExists()).toBe(false);
		expect(stored().has(old)).toBe(false);
		await harness.create();
		expect([...stored().values()].map((webhook) => webhook.callbackUrl)).toEqual([
			harness.webhookUrl,
		]);
		expect(await harness.delete()).toBe(true);
		expect(stored().size).toBe(0);
	});

	it('keeps, reports and retries a webhook whose removal failed, never forgetting it (13.7)', async () => {
		const harness = trigger();
		await harness.create();
		const { webhookId: id, webhookToken: token } = harness.staticData as Record<string, string>;
		const failing = fixture.emulator.faults.add({
			operationId: 'deleteWebhookUsingDELETE',
			times: Infinity,
			action: { status: 503, body: { errorCode: 'UNAVAILABLE', errorMessage: 'Try later' } },
		});
		try {
			// Deactivation: the removal fails; the registration stays recorded and the failure is logged with its ID.
			expect(await harness.delete()).toBe(false);
			expect(harness.staticData).toEqual({
				webhookId: id,
				webhookToken: token,
				callbackUrl: receiver.url,
			});
			expect(stored().has(id)).toBe(true);
			expect(harness.logs.filter((line) => line.startsWith('error'))).toEqual([
				expect.stringContaining(`could not remove webhook ${id} at IIDaaS`),
			]);
			// Reactivation at the same URL reuses it.
			expect(await harness.checkExists()).toBe(true);
			// Reactivation at a new URL while removal still fails: a new webhook, the old one kept as stale.
			harness.webhookUrl = receiver.url.replace('/webhook/', '/hooks/');
			expect(await harness.checkExists()).toBe(false);
			await harness.create();
			expect(harness.staticData.staleWebhookIds).toEqual([id]);
			expect(harness.staticData.webhookId).not.toBe(id);
			expect(stored().has(id)).toBe(true);
		} finally {
			fixture.emulator.faults.remove(failing);
		}
		// The next deactivation removes both.
		expect(await harness.delete()).toBe(true);
		expect(stored().size).toBe(0);
		expect(harness.staticData).toEqual({});
		expect(harness.logs.join('\n')).not.toContain(token);
	});

	it('refuses a Max Signature Age of 0 or less unless Replay Check is turned off (13.4)', async () => {
		for (const maxSignatureAge of [0, -5]) {
			const refused = trigger({ options: { maxSignatureAge } });
			await expect(refused.checkExists()).rejects.toThrow(
				'Max Signature Age must be more than 0 seconds while Replay Check is on',
			);
			await expect(refused.create()).rejects.toThrow(
				'Max Signature Age must be more than 0 seconds while Replay Check is on',
			);
		}
		expect(fixture.emulator.requests).toHaveLength(0);
		const allowed = trigger({ options: { maxSignatureAge: 0, replayCheck: false } });
		expect(await allowed.create()).toBe(true);
		expect(await allowed.delete()).toBe(true);
	});
});

describe('deliveries: replays, headers, oversized signatures', () => {
	let harness: TriggerHarness;
	let token: string;

	beforeAll(async () => {
		harness = trigger();
		await harness.create();
		token = harness.staticData.webhookToken as string;
	});
	afterAll(async () => {
		await harness.delete();
	});
	beforeEach(() => {
		harness.params = { events: ['credential.print', 'credential.create'] };
	});

	const event = () => ({
		id: 'e-1',
		type: 'credential.create',
		accountId: 'acc',
		eventTime: new Date().toISOString(),
		data: { enrollmentId: 'e' },
	});

	it('adds only allowlisted headers: no identity-proxy assertions, cookies, authorization or tokens (13.8)', async () => {
		harness.params = { ...harness.params, options: { includeHeaders: true } };
		const assertion = 'eyJhbGciOiJFUzI1NiJ9.eyJlbWFpbCI6ImFkYUBleGFtcGxlLmNvbSJ9.c2ln';
		const hidden = {
			'Cf-Access-Jwt-Assertion': assertion,
			'Cf-Access-Authenticated-User-Email': 'ada@example.com',
			'X-Goog-Iap-Jwt-Assertion': assertion,
			'X-Amzn-Oidc-Data': assertion,
			'X-Amzn-Oidc-Accesstoken': assertion,
			'X-Amzn-Oidc-Identity': 'ada',
			'X-Ms-Client-Principal': assertion,
			'X-Forwarded-User': 'ada',
			Cookie: `CF_Authorization=${assertion}`,
			Authorization: 'Bearer nope',
			'Proxy-Authorization': 'Basic bm9wZQ==',
			'X-Webhook-Token': 'whsec_nope',
		};
		const visible = {
			'User-Agent': 'IIDaaS-Webhooks/1.0',
			'X-Request-Id': 'req-1',
			'X-Forwarded-For': '203.0.113.7',
		};
		const delivery = await deliverOnce(() =>
			sendDelivery({
				url: receiver.url,
				token,
				event: event(),
				extraHeaders: { ...hidden, ...visible },
			}),
		);
		const headers = (await harness.receive(delivery)).result.workflowData![0][0].json
			.headers as Record<string, unknown>;
		expect(headers).toMatchObject({
			'user-agent': 'IIDaaS-Webhooks/1.0',
			'x-request-id': 'req-1',
			'x-forwarded-for': '203.0.113.7',
			'content-type': 'application/json',
		});
		for (const name of [...Object.keys(hidden), 'signature', 'signature-input'])
			expect(headers).not.toHaveProperty(name.toLowerCase());
		expect(JSON.stringify(headers)).not.toContain('eyJ');
		expect(JSON.stringify(headers)).not.toContain('ada');
	});

	it('starts the workflow once for a delivery received twice; the repeat is answered 200 without a run (13.4)', async () => {
		const delivery = await deliverOnce(() =>
			sendDelivery({ url: receiver.url, token, event: event() }),
		);
		expect((await harness.receive(delivery)).result.workflowData).toHaveLength(1);
		const again = await harness.receive(delivery);
		expect(again.response.status).toBeUndefined();
		expect(again.result).toEqual({ webhookResponse: { received: true, duplicate: true } });
		expect(harness.logs.at(-1)).toMatch(/ignored a repeated delivery/);
		// Another base64 spelling of the same signature bytes (the 2 unused bits of the last character) is the same signature.
		const signature = String(delivery.headers.signature);
		const last = signature.length - 3; // sig=:<43 characters>=:
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
		const respelled =
			signature.slice(0, last) +
			alphabet[alphabet.indexOf(signature[last]) ^ 1] +
			signature.slice(last + 1);
		expect(respelled).not.toBe(signature);
		expect(
			(
				await harness.receive({
					...delivery,
					headers: { ...delivery.headers, signature: respelled },
				})
			).result,
		).toEqual({ webhookResponse: { received: true, duplicate: true } });
	});

	it('answers 500 without a run when Max Signature Age is 0 with Replay Check on; with Replay Check off, repeats and old deliveries run (13.4)', async () => {
		harness.params = { ...harness.params, options: { maxSignatureAge: 0 } };
		const delivery = await deliverOnce(() =>
			sendDelivery({ url: receiver.url, token, event: event() }),
		);
		const answer = await harness.receive(delivery);
		expect(answer.response.status).toBe(500);
		expect(answer.result).toEqual({ noWebhookResponse: true });
		harness.params = { ...harness.params, options: { maxSignatureAge: 0, replayCheck: false } };
		const old = await deliverOnce(() =>
			sendDelivery({ url: receiver.url, token, event: event(), replayOld: true }),
		);
		expect((await harness.receive(old)).result.workflowData).toHaveLength(1);
		expect((await harness.receive(old)).result.workflowData).toHaveLength(1);
	});

	it('answers 401 to a forged delivery with 16 KiB of repeated covered components (13.3)', async () => {
		const genuine = await deliverOnce(() =>
			sendDelivery({ url: receiver.url, token, event: event() }),
		);
		const components = `("@method" "@target-uri" ${'"content-digest" '.repeat(960)})`;
		const forged = {
			...genuine,
			headers: {
				...genuine.headers,
				'signature-input': `sig=${components};created=${Math.floor(Date.now() / 1000)};alg="hmac-sha256"`,
			},
		};
		expect(String(forged.headers['signature-input']).length).toBeGreaterThan(16000);
		const { result, response } = await harness.receive(forged);
		expect(response.status).toBe(401);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(harness.logs.at(-1)).toMatch(/Signature-Input header is too long/);
	});
});
