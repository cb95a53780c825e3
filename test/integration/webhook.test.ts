import { createServer } from 'http';
import type { IncomingHttpHeaders, Server } from 'http';
import type { AddressInfo } from 'net';

import { verifyDelivery } from '../../nodes/EntrustIidaas/trigger/signature';
import { emitEvent, settle } from '../../tools/emulator/webhookDelivery';
import { byId, jsonOf, useEmulator } from '../helpers/emulator';

// The emulator's print-job module is plain JS without types.
const { createPrintJob } = require('../../tools/emulator/printJobs') as {
	createPrintJob: (ctx: unknown, printer: unknown, opts: Record<string, unknown>) => { id: string };
};

const fixture = useEmulator();

interface Received {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

/** A callback receiver on loopback that records every delivery and answers 200. */
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];

beforeAll(async () => {
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			received.push({
				method: req.method!,
				url: req.url!,
				headers: req.headers,
				body: Buffer.concat(chunks),
			});
			res.writeHead(200).end();
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/iidaas`;
});
afterAll(async () => {
	await new Promise((resolve) => receiver.close(resolve));
});

const stored = () => fixture.emulator.state.webhooks as Map<string, Record<string, unknown>>;

describe('Webhook resource against the emulator', () => {
	beforeEach(() => {
		fixture.emulator.clearRequests();
		received.length = 0;
	});

	it('creates (with the one-time token), gets, lists, updates and deletes a webhook', async () => {
		const created = await fixture.run({
			resource: 'webhook',
			operation: 'create',
			name: 'Badge events',
			callbackUrl: 'https://hooks.example.com/iidaas',
			events: ['credential.print', 'user.created'],
			additionalFields: { enrollmentDesignIds: 'd-1, d-2', expiry: 30 },
		});
		const webhook = created.output[0].json;
		const id = webhook.id as string;
		expect(webhook).toMatchObject({
			name: 'Badge events',
			callbackUrl: 'https://hooks.example.com/iidaas',
			enabled: true,
			token: expect.stringMatching(/^whsec_/),
		});
		expect(webhook.events).toEqual([
			{
				id: expect.any(String),
				type: 'credential.print',
				filter: '[{"enrollmentDesignId":"d-1"},{"enrollmentDesignId":"d-2"}]',
			},
			{ id: expect.any(String), type: 'user.created' },
		]);
		expect(stored().get(id)).toMatchObject({ name: 'Badge events', _token: webhook.token });
		expect(fixture.emulator.processedCount('createWebhookUsingPOST')).toBe(1);

		const got = await fixture.run({ resource: 'webhook', operation: 'get', webhookId: byId(id) });
		expect(got.output[0].json).toMatchObject({
			id,
			name: 'Badge events',
			expiryDate: expect.any(String),
		});
		expect(got.output[0].json).not.toHaveProperty('token');

		const listed = await fixture.run({ resource: 'webhook', operation: 'getAll', returnAll: true });
		expect(jsonOf(listed.output).map((entry) => entry.id)).toContain(id);
		expect(JSON.stringify(listed.output)).not.toContain('whsec_');

		// Change one field: the rest (events and their filter, URL, name) must survive the full PUT.
		const updated = await fixture.run({
			resource: 'webhook',
			operation: 'update',
			webhookId: byId(id),
			updateFields: { enabled: false },
		});
		expect(updated.output[0].json).toMatchObject({
			id,
			name: 'Badge events',
			enabled: false,
			callbackUrl: 'https://hooks.example.com/iidaas',
		});
		expect(updated.output[0].json).not.toHaveProperty('token');
		expect(stored().get(id)!.events).toEqual([
			expect.objectContaining({
				type: 'credential.print',
				filter: '[{"enrollmentDesignId":"d-1"},{"enrollmentDesignId":"d-2"}]',
			}),
			expect.objectContaining({ type: 'user.created' }),
		]);
		expect(fixture.emulator.count('readWebhookUsingGET')).toBe(2);

		// New events keep the design filter unless it is changed too.
		await fixture.run({
			resource: 'webhook',
			operation: 'update',
			webhookId: byId(id),
			updateFields: { events: ['credential.create'], name: 'Renamed' },
		});
		expect(stored().get(id)).toMatchObject({
			name: 'Renamed',
			enabled: false,
			events: [
				expect.objectContaining({
					type: 'credential.create',
					filter: '[{"enrollmentDesignId":"d-1"},{"enrollmentDesignId":"d-2"}]',
				}),
			],
		});
		await fixture.run({
			resource: 'webhook',
			operation: 'update',
			webhookId: byId(id),
			updateFields: { enrollmentDesignIds: '' },
		});
		expect(stored().get(id)!.events).toEqual([
			{ id: expect.any(String), type: 'credential.create' },
		]);

		const deleted = await fixture.run({
			resource: 'webhook',
			operation: 'delete',
			webhookId: byId(id),
		});
		expect(deleted.output[0].json).toEqual({ deleted: true, webhookId: id });
		expect(stored().has(id)).toBe(false);
		const gone = await fixture.run(
			{ resource: 'webhook', operation: 'get', webhookId: byId(id) },
			{ continueOnFail: true },
		);
		expect(gone.output[0].json).toMatchObject({ httpCode: '404' });
	});

	it('sends a signed test event to the callback (or to another URL) with Send Test Event', async () => {
		const created = await fixture.run({
			resource: 'webhook',
			operation: 'create',
			name: 'Test me',
			callbackUrl: receiverUrl,
			events: ['credential.create'],
		});
		const { id, token } = created.output[0].json as { id: string; token: string };

		const sent = await fixture.run({ resource: 'webhook', operation: 'test', webhookId: byId(id) });
		expect(sent.output[0].json).toEqual({ success: true, webhookId: id, testEventSent: true });
		expect(received).toHaveLength(1);
		const delivery = received[0];
		expect(delivery.method).toBe('POST');
		expect(JSON.parse(delivery.body.toString())).toMatchObject({
			type: 'webhook.test',
			accountId: fixture.emulator.state.tenantId,
		});
		expect(
			verifyDelivery(
				{
					method: 'POST',
					targetUris: [receiverUrl],
					headers: delivery.headers,
					rawBody: delivery.body,
				},
				{ token },
			),
		).toMatchObject({ valid: true, label: 'sig' });

		const otherUrl = receiverUrl.replace('/hooks/iidaas', '/other');
		const redirected = await fixture.run({
			resource: 'webhook',
			operation: 'test',
			webhookId: byId(id),
			options: { callbackUrl: otherUrl },
		});
		expect(redirected.output[0].json).toMatchObject({ callbackUrl: otherUrl });
		expect(received[1].url).toBe('/other');
		expect(fixture.emulator.processedCount('testWebhookUsingPOST')).toBe(2);
		await fixture.run({ resource: 'webhook', operation: 'delete', webhookId: byId(id) });
	});

	it('delivers events only to webhooks subscribed to them, honouring the enrollment design filter', async () => {
		const created = await fixture.run({
			resource: 'webhook',
			operation: 'create',
			name: 'Prints',
			callbackUrl: receiverUrl,
			events: ['credential.print'],
			additionalFields: { enrollmentDesignIds: 'design-a' },
		});
		const id = created.output[0].json.id as string;
		await emitEvent(fixture.emulator.ctx, 'credential.print', {
			enrollmentDesignId: 'design-a',
			printJobId: 'job-1',
		});
		await emitEvent(fixture.emulator.ctx, 'credential.print', {
			enrollmentDesignId: 'design-b',
			printJobId: 'job-2',
		});
		await emitEvent(fixture.emulator.ctx, 'user.created', {});
		await settle(fixture.emulator.ctx);
		expect(received.map((entry) => JSON.parse(entry.body.toString()).data.printJobId)).toEqual([
			'job-1',
		]);
		await fixture.run({ resource: 'webhook', operation: 'delete', webhookId: byId(id) });
	});

	it('sends credential.print when an enrollment print job is created', async () => {
		const created = await fixture.run({
			resource: 'webhook',
			operation: 'create',
			name: 'Enrollment prints',
			callbackUrl: receiverUrl,
			events: ['credential.print'],
		});
		const id = created.output[0].json.id as string;
		const [design] = [...(fixture.emulator.state.enrollmentDesigns?.values() ?? [])] as Array<{
			id: string;
			name: string;
		}>;
		const printer = [...fixture.emulator.state.printers.values()][0];
		const job = createPrintJob(fixture.emulator.ctx, printer, {
			name: `${design?.name ?? 'Design'} 42`,
			source: 'ENROLLMENT',
		});
		await settle(fixture.emulator.ctx);
		expect(received).toHaveLength(1);
		expect(JSON.parse(received[0].body.toString())).toMatchObject({
			type: 'credential.print',
			data: { printJobId: job.id, printerId: printer.id },
		});
		await fixture.run({ resource: 'webhook', operation: 'delete', webhookId: byId(id) });
	});

	it('validates input before sending anything', async () => {
		await expect(
			fixture.run({
				resource: 'webhook',
				operation: 'create',
				name: 'x',
				callbackUrl: 'http://hooks.example.com/x',
				events: ['user.created'],
			}),
		).rejects.toThrow(/Callback URL: IIDaaS only calls HTTPS URLs \[item 0\]/);
		await expect(
			fixture.run({
				resource: 'webhook',
				operation: 'create',
				name: 'x',
				callbackUrl: 'https://hooks.example.com/x',
				events: [],
			}),
		).rejects.toThrow(/Events: choose at least one event \[item 0\]/);
		await expect(
			fixture.run({
				resource: 'webhook',
				operation: 'create',
				name: 'x',
				callbackUrl: 'https://hooks.example.com/x',
				events: ['user.exploded'],
			}),
		).rejects.toThrow(/Events: .*not an IIDaaS event type/);
		await expect(
			fixture.run({
				resource: 'webhook',
				operation: 'create',
				name: 'x',
				callbackUrl: 'https://h.example.com',
				events: ['user.created'],
				additionalFields: { expiry: 2000 },
			}),
		).rejects.toThrow(/Expiry \(Days\)/);
		await expect(
			fixture.run({ resource: 'webhook', operation: 'get', webhookId: byId('../printers') }),
		).rejects.toThrow(/Webhook: .*not valid.*\[item 0\]/);
		await expect(
			fixture.run({
				resource: 'webhook',
				operation: 'update',
				webhookId: byId('abc'),
				updateFields: {},
			}),
		).rejects.toThrow(/Update Fields: add at least one field/);
		expect(fixture.emulator.requests).toHaveLength(0);
	});

	it('names the permission on 403 and never sends a failed creation twice', async () => {
		fixture.emulator.setPermissions(['WEBHOOKS:VIEW']);
		try {
			await expect(
				fixture.run({
					resource: 'webhook',
					operation: 'create',
					name: 'Denied',
					callbackUrl: 'https://h.example.com/x',
					events: ['user.created'],
				}),
			).rejects.toMatchObject({
				httpCode: '403',
				description: expect.stringContaining('WEBHOOKS:ADD'),
			});
		} finally {
			fixture.emulator.setPermissions(null);
		}
		const rule = fixture.emulator.faults.add({
			operationId: 'createWebhookUsingPOST',
			action: { processThen: { status: 502 } },
		});
		await expect(
			fixture.run({
				resource: 'webhook',
				operation: 'create',
				name: 'Once',
				callbackUrl: 'https://h.example.com/once',
				events: ['user.created'],
			}),
		).rejects.toMatchObject({
			description: expect.stringContaining('Webhook → Get Many'),
		});
		expect(rule.hits).toBe(1);
		expect(fixture.emulator.processedCount('createWebhookUsingPOST')).toBe(1);
		const leftover = [...stored().values()].find((webhook) => webhook.name === 'Once')!;
		expect(JSON.stringify(fixture.emulator.requests)).not.toContain(String(leftover._token));
		await fixture.run({
			resource: 'webhook',
			operation: 'delete',
			webhookId: byId(String(leftover.id)),
		});
	});
});
