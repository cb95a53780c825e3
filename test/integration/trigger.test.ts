import { emitEvent, sendDelivery, settle } from '../../tools/emulator/webhookDelivery';
import { byId, useEmulator } from '../helpers/emulator';
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
const trigger = (
	params: Record<string, unknown> = {},
	extra: Partial<ConstructorParameters<typeof TriggerHarness>[0]> = {},
) =>
	new TriggerHarness({
		credentials: fixture.credentials,
		webhookUrl: receiver.url,
		params: { events: ['credential.print', 'credential.create'], ...params },
		...extra,
	});

/** Sends one delivery to the receiver and returns what it captured. */
async function deliverOnce(send: () => Promise<unknown>) {
	const before = receiver.deliveries.length;
	await send();
	await settle(fixture.emulator.ctx);
	expect(receiver.deliveries.length).toBe(before + 1);
	return receiver.deliveries[before];
}

describe('Entrust IIDaaS Trigger webhook lifecycle', () => {
	beforeEach(() => fixture.emulator.clearRequests());

	it('registers a webhook on activation, finds it, and removes it on deactivation', async () => {
		const harness = trigger({ enrollmentDesignIds: ['design-a'], options: { expiry: 7 } });
		expect(await harness.checkExists()).toBe(false);
		expect(fixture.emulator.requests).toHaveLength(0);

		expect(await harness.create()).toBe(true);
		const { webhookId, webhookToken, callbackUrl } = harness.staticData as Record<string, string>;
		expect(webhookToken).toMatch(/^whsec_/);
		expect(callbackUrl).toBe(receiver.url);
		expect(stored().get(webhookId)).toMatchObject({
			name: 'n8n: Badge printing / Entrust IIDaaS Trigger',
			callbackUrl: receiver.url,
			enabled: true,
			expiryDate: expect.any(String),
			_token: webhookToken,
			events: [
				expect.objectContaining({
					type: 'credential.print',
					filter: '[{"enrollmentDesignId":"design-a"}]',
				}),
				expect.objectContaining({
					type: 'credential.create',
					filter: '[{"enrollmentDesignId":"design-a"}]',
				}),
			],
		});
		expect(harness.logs.join('\n')).not.toContain(webhookToken);

		expect(await harness.checkExists()).toBe(true);
		expect(fixture.emulator.count('readWebhookUsingGET')).toBe(1);

		expect(await harness.delete()).toBe(true);
		expect(stored().has(webhookId)).toBe(false);
		expect(harness.staticData).toEqual({});
		expect(await harness.checkExists()).toBe(false);
		expect(await harness.delete()).toBe(true);
		expect(fixture.emulator.count('deleteWebhookUsingDELETE')).toBe(1);
	});

	it('treats a webhook deleted elsewhere as gone: checkExists false, delete fine on 404', async () => {
		const harness = trigger();
		await harness.create();
		const id = harness.staticData.webhookId as string;
		stored().delete(id);
		expect(await harness.checkExists()).toBe(false);
		expect(harness.staticData).toEqual({});

		await harness.create();
		stored().delete(harness.staticData.webhookId as string);
		expect(await harness.delete()).toBe(true);
		expect(fixture.emulator.requests.at(-1)).toMatchObject({
			operationId: 'deleteWebhookUsingDELETE',
			status: 404,
		});
		expect(harness.staticData).toEqual({});
	});

	it('replaces a disabled webhook; a test listen (its own static data, as n8n gives it) leaves production’s alone', async () => {
		const harness = trigger();
		await harness.create();
		const first = harness.staticData.webhookId as string;
		stored().get(first)!.enabled = false; // IIDaaS disables a webhook after repeated failures
		expect(await harness.checkExists()).toBe(false);
		expect(stored().has(first)).toBe(false);

		await harness.create();
		const production = harness.staticData.webhookId as string;
		const listening = trigger(
			{},
			{ mode: 'manual', webhookUrl: receiver.url.replace('/webhook/', '/webhook-test/') },
		);
		expect(await listening.checkExists()).toBe(false);
		await listening.create();
		expect(stored().get(listening.staticData.webhookId as string)!.name).toMatch(/\(test\)$/);
		expect(await listening.delete()).toBe(true);
		expect(stored().has(production)).toBe(true);
		await harness.delete();
		expect(stored().size).toBe(0);
	});

	it('refuses a callback URL IIDaaS cannot call, before sending anything', async () => {
		const harness = trigger({}, { webhookUrl: 'http://n8n.internal:5678/webhook/x/webhook' });
		await expect(harness.create()).rejects.toThrow(
			/IIDaaS cannot call this n8n instance .*only calls HTTPS URLs/,
		);
		await expect(trigger({ events: [] }).create()).rejects.toThrow(
			/Events: choose at least one event/,
		);
		expect(fixture.emulator.requests).toHaveLength(0);
	});
});

describe('Entrust IIDaaS Trigger deliveries', () => {
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

	const event = (type = 'credential.create') => ({
		id: 'e-1',
		type,
		accountId: 'acc',
		eventTime: new Date().toISOString(),
		data: { enrollmentId: 'AbC+/=' },
	});

	it('starts the workflow with the event of a genuine delivery', async () => {
		const delivery = await deliverOnce(() =>
			emitEvent(fixture.emulator.ctx, 'credential.create', {
				enrollmentId: 'AbC+/=',
				enrollmentDesignId: 'd',
			}),
		);
		const { result, response } = await harness.receive(delivery);
		expect(response.status).toBeUndefined();
		expect(result.workflowData).toEqual([
			[
				{
					json: expect.objectContaining({
						type: 'credential.create',
						data: { enrollmentId: 'AbC+/=', enrollmentDesignId: 'd' },
					}),
				},
			],
		]);
		expect(result.workflowData![0][0].json).not.toHaveProperty('headers');
	});

	it('receives a signed credential.create delivery when the node creates an enrollment', async () => {
		const before = receiver.deliveries.length;
		const created = await fixture.run({
			resource: 'enrollment',
			operation: 'create',
			enrollmentDesignName: 'Employee Badge',
			fieldMode: 'json',
			fieldsJson: JSON.stringify({
				'First Name': 'Ada',
				'Last Name': 'Lovelace',
				'Employee ID': 'E-1815',
			}),
		});
		await settle(fixture.emulator.ctx);
		const deliveries = receiver.deliveries.slice(before);
		expect(deliveries).toHaveLength(1);
		const { result } = await harness.receive(deliveries[0]);
		expect(result.workflowData![0][0].json).toMatchObject({
			type: 'credential.create',
			data: { enrollmentId: created.output[0].json.id },
		});
	});

	it.each([
		['tampered', { tamper: true }],
		['unsigned', { unsigned: true }],
		['wrong-token', { wrongToken: true }],
		['replayed (old created)', { replayOld: true }],
	])('answers a %s delivery with 401 and does not start the workflow', async (_name, broken) => {
		const delivery = await deliverOnce(() =>
			sendDelivery({ url: receiver.url, token, event: event(), ...broken }),
		);
		const { result, response } = await harness.receive(delivery);
		expect(response.status).toBe(401);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(harness.logs.at(-1)).toMatch(/rejected a delivery/);
		expect(harness.logs.join('\n')).not.toContain(token);
	});

	it('rejects a genuine signature for another URL, but accepts the registered URL behind a proxy', async () => {
		const delivery = await deliverOnce(() =>
			sendDelivery({ url: receiver.url, token, event: event() }),
		);
		// n8n behind a proxy sees another URL; the registered callback URL in static data still verifies.
		expect(
			(await harness.receive(delivery, 'http://localhost:5678/webhook/5b1f0e2a-trigger/webhook'))
				.result.workflowData,
		).toHaveLength(1);
		const elsewhere = await deliverOnce(() =>
			sendDelivery({ url: `${receiver.url}?other`, token, event: event() }),
		);
		expect((await harness.receive(elsewhere)).response.status).toBe(401);
	});

	it('answers 200 without a run for events that are not selected', async () => {
		const delivery = await deliverOnce(() =>
			sendDelivery({ url: receiver.url, token, event: event('user.deleted') }),
		);
		const { result, response } = await harness.receive(delivery);
		expect(response.status).toBeUndefined();
		expect(result.workflowData).toBeUndefined();
		expect(result.webhookResponse).toEqual({ received: true, ignored: true });
	});

	it('lets test events from Send Test Event through unless turned off', async () => {
		const sendTest = () =>
			fixture.run({
				resource: 'webhook',
				operation: 'test',
				webhookId: byId(harness.staticData.webhookId as string),
			});
		const delivery = await deliverOnce(sendTest);
		expect((await harness.receive(delivery)).result.workflowData?.[0][0].json).toMatchObject({
			type: 'webhook.test',
		});
		harness.params = { ...harness.params, options: { includeTestEvents: false } };
		// A new test event: the first one is now a repeat, which would start nothing either way.
		const another = await deliverOnce(sendTest);
		expect((await harness.receive(another)).result).toEqual({
			webhookResponse: { received: true, ignored: true },
		});
	});

	it('adds the headers on request, without signature or credential headers', async () => {
		harness.params = { ...harness.params, options: { includeHeaders: true } };
		const delivery = await deliverOnce(() =>
			sendDelivery({
				url: receiver.url,
				token,
				event: event(),
				extraHeaders: { Authorization: 'Bearer nope', 'X-Api-Token': 'secret' },
			}),
		);
		const json = (await harness.receive(delivery)).result.workflowData![0][0].json;
		const headers = json.headers as Record<string, unknown>;
		expect(headers['content-digest']).toEqual(expect.stringMatching(/^sha-256=/));
		for (const name of ['signature', 'signature-input', 'authorization', 'x-api-token'])
			expect(headers).not.toHaveProperty(name);
	});

	it('accepts unsigned deliveries only when Verify Signature is off, and still answers 400 to a non-JSON body', async () => {
		harness.params = { ...harness.params, verifySignature: false };
		const unsigned = await deliverOnce(() =>
			sendDelivery({ url: receiver.url, token, event: event(), unsigned: true }),
		);
		expect((await harness.receive(unsigned)).result.workflowData).toHaveLength(1);
		const garbage = await deliverOnce(() =>
			sendDelivery({ url: receiver.url, token, event: 'not json', unsigned: true }),
		);
		expect((await harness.receive(garbage)).response.status).toBe(400);
	});

	it('answers 401 when the node has no token (static data lost)', async () => {
		const stranger = trigger();
		const delivery = await deliverOnce(() =>
			sendDelivery({ url: receiver.url, token, event: event() }),
		);
		expect((await stranger.receive(delivery)).response.status).toBe(401);
	});
});
