import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { fail, requireText } from '../../framework/validation';
import { isCredentialEvent } from '../../webhooks/events';
import { WEBHOOK_PERMISSIONS } from '../../webhooks/permissions';
import {
	enrollmentDesignIdsField,
	eventsField,
	expiryField,
	readCallbackUrl,
	readEvents,
	readExpiry,
	readWebhookId,
	webhookLocator,
	withoutToken,
} from './fields';

interface WebhookEvent {
	type: string;
	filter?: string;
}

/** The current events without their read-only IDs, so they can be sent back. */
function currentEvents(webhook: IDataObject): WebhookEvent[] {
	const events = Array.isArray(webhook.events) ? (webhook.events as IDataObject[]) : [];
	return events.map((event) =>
		typeof event.filter === 'string'
			? { type: String(event.type), filter: event.filter }
			: { type: String(event.type) },
	);
}

/** The enrollment design IDs of the current credential-event filter, to keep them when only the events change. */
function currentDesignIds(events: WebhookEvent[]): string[] {
	const filter = events.find((event) => isCredentialEvent(event.type) && event.filter)?.filter;
	if (!filter) return [];
	try {
		const parsed = JSON.parse(filter) as unknown;
		return Array.isArray(parsed)
			? parsed
					.map((entry) => String((entry as IDataObject)?.enrollmentDesignId ?? ''))
					.filter((id) => id !== '')
			: [];
	} catch {
		return [];
	}
}

export const updateWebhook = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update a webhook',
	description: 'Change some of a webhook’s settings and keep the others as they are',
	destructive: true,
	properties: [
		webhookLocator(),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description:
				'Only the fields given here change; the service replaces the whole webhook, so the node reads it first and merges',
			options: [
				{
					displayName: 'Callback URL',
					name: 'callbackUrl',
					type: 'string',
					default: '',
					placeholder: 'https://example.com/iidaas-events',
				},
				{
					displayName: 'Enabled',
					name: 'enabled',
					type: 'boolean',
					default: true,
					description: 'Whether IIDaaS sends events to the webhook',
				},
				{
					...enrollmentDesignIdsField,
					description:
						'Comma-separated enrollment design IDs for credential events; leave empty to receive events of all designs',
				},
				{
					...eventsField,
					required: false,
					description: 'The new list of events (replaces the current one)',
				},
				{
					...expiryField,
					description: 'Days from now after which IIDaaS disables the webhook; 0 means never',
				},
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			],
		},
	],
	async execute(ctx) {
		const id = readWebhookId(ctx);
		const changes = param<IDataObject>(ctx, 'updateFields', {});
		if (Object.keys(changes).length === 0)
			fail(ctx, 'Update Fields', 'add at least one field to change');
		const name = changes.name === undefined ? undefined : requireText(ctx, 'Name', changes.name);
		const callbackUrl =
			changes.callbackUrl === undefined
				? undefined
				: readCallbackUrl(ctx, 'Callback URL', changes.callbackUrl);
		const expiry = changes.expiry === undefined ? undefined : readExpiry(ctx, changes.expiry);
		if (changes.events !== undefined) readEvents(ctx, changes.events, '');

		// The API's PUT replaces the whole webhook: read, merge, write.
		const current =
			(await ctx.client.request<IDataObject>({
				method: 'GET',
				path: '/v1/webhooks/{id}',
				pathParams: { id },
				permission: WEBHOOK_PERMISSIONS.view,
				itemIndex: ctx.itemIndex,
			})) ?? {};
		const existingEvents = currentEvents(current);
		let events: WebhookEvent[] = existingEvents;
		if (changes.events !== undefined || changes.enrollmentDesignIds !== undefined) {
			const types =
				(changes.events as string[] | undefined) ?? existingEvents.map((event) => event.type);
			const designIds = changes.enrollmentDesignIds ?? currentDesignIds(existingEvents);
			events = readEvents(ctx, types, designIds);
		}
		const body: IDataObject = {
			name: name ?? current.name,
			callbackUrl: callbackUrl ?? current.callbackUrl,
			events,
			enabled: changes.enabled ?? current.enabled ?? true,
		};
		// The webhook shows an expiry date, not the days it was given: send expiry only when it changes.
		if (expiry !== undefined) body.expiry = expiry;
		const updated = await ctx.client.request<IDataObject>({
			method: 'PUT',
			path: '/v1/webhooks/{id}',
			pathParams: { id },
			body,
			idempotent: true,
			permission: WEBHOOK_PERMISSIONS.edit,
			itemIndex: ctx.itemIndex,
		});
		return withoutToken(updated ?? { id, ...body });
	},
});
