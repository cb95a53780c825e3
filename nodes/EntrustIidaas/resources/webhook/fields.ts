import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { searchableLocator } from '../../framework/locator';
import { locatorValue } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { fail, requirePattern } from '../../framework/validation';
import { callbackUrlProblem } from '../../webhooks/callbackUrl';
import { splitIds, toWebhookEvents, WEBHOOK_EVENTS } from '../../webhooks/events';

export const WHERE_TO_CHECK = 'Check the webhook list (Webhook → Get Many)';

/** The spec calls webhook IDs UUIDs but its example is `wh_1a2b…`: accept both shapes, nothing that could alter the path. */
const WEBHOOK_ID = /^[A-Za-z0-9_-]{1,100}$/;
const WEBHOOK_ID_HINT = 'a webhook ID such as 0b0db90a-6091-416f-8559-2f2181e941c3';

export function webhookLocator(description = 'The webhook to use'): INodeProperties {
	return searchableLocator({
		label: 'Webhook',
		name: 'webhookId',
		searchListMethod: 'searchWebhooks',
		example: '0b0db90a-6091-416f-8559-2f2181e941c3',
		idPattern: { regex: WEBHOOK_ID.source, meaning: 'letters, digits, _ and -' },
		description,
	});
}

export function readWebhookId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requirePattern(
		ctx,
		'Webhook',
		locatorValue(ctx, 'webhookId'),
		WEBHOOK_ID,
		WEBHOOK_ID_HINT,
	);
}

export function readCallbackUrl(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
	field: string,
	value: unknown,
): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') fail(ctx, field, 'is required');
	const problem = callbackUrlProblem(text);
	if (problem) fail(ctx, field, problem);
	return text;
}

export const eventsField: INodeProperties = {
	displayName: 'Events',
	name: 'events',
	type: 'multiOptions',
	options: WEBHOOK_EVENTS,
	default: [],
	required: true,
	description: 'The events IIDaaS sends to the callback URL',
};

export const expiryField: INodeProperties = {
	displayName: 'Expiry (Days)',
	name: 'expiry',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1000 },
	default: 0,
	description: 'After how many days IIDaaS disables the webhook; 0 means never',
};

export const enrollmentDesignIdsField: INodeProperties = {
	displayName: 'Enrollment Design IDs',
	name: 'enrollmentDesignIds',
	type: 'string',
	default: '',
	placeholder: 'fd1d1b86-d258-4332-ad89-ead30d2dae7f',
	description:
		'Comma-separated enrollment design IDs: credential events are sent only for these designs. Empty means all designs.',
};

/** Reads the events (at least one, from the spec's list) and builds the API's WebhookEvent list. */
export function readEvents(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
	types: unknown,
	designIds: unknown,
): Array<{ type: string; filter?: string }> {
	const list = Array.isArray(types) ? types.map(String) : [];
	if (list.length === 0) fail(ctx, 'Events', 'choose at least one event');
	const known = new Set(WEBHOOK_EVENTS.map((event) => event.value));
	const unknown = list.filter((type) => !known.has(type));
	if (unknown.length > 0)
		fail(ctx, 'Events', `"${unknown.join('", "')}" is not an IIDaaS event type`);
	return toWebhookEvents(list, splitIds(designIds));
}

export function readExpiry(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>, value: unknown): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1000) {
		fail(ctx, 'Expiry (Days)', `must be a whole number from 0 to 1000, not "${String(value)}"`);
	}
	return value;
}

/** The token is a secret shown once, at creation: other operations never output it. */
export function withoutToken(webhook: IDataObject | undefined): IDataObject {
	const { token: _token, ...rest } = webhook ?? {};
	return rest;
}
