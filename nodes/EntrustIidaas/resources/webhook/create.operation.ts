import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { requireText } from '../../framework/validation';
import { WEBHOOK_PERMISSIONS } from '../../webhooks/permissions';
import {
	enrollmentDesignIdsField,
	eventsField,
	expiryField,
	readCallbackUrl,
	readEvents,
	readExpiry,
	WHERE_TO_CHECK,
} from './fields';

export const createWebhook = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create a webhook',
	description:
		'Register a callback URL for IIDaaS events. The output holds the signing token, which IIDaaS shows only once.',
	destructive: true,
	properties: [
		{
			displayName: 'Name',
			name: 'name',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Badge printed → HR system',
		},
		{
			displayName: 'Callback URL',
			name: 'callbackUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/iidaas-events',
			description:
				'The HTTPS URL IIDaaS posts events to. To start a workflow, use the Entrust IIDaaS Trigger node instead: it registers and removes its own webhook.',
		},
		eventsField,
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Enabled',
					name: 'enabled',
					type: 'boolean',
					default: true,
					description: 'Whether IIDaaS sends events to the webhook',
				},
				enrollmentDesignIdsField,
				expiryField,
			],
		},
	],
	async execute(ctx) {
		const name = requireText(ctx, 'Name', param(ctx, 'name'));
		const callbackUrl = readCallbackUrl(ctx, 'Callback URL', param(ctx, 'callbackUrl'));
		const additional = param<IDataObject>(ctx, 'additionalFields', {});
		const events = readEvents(ctx, param(ctx, 'events'), additional.enrollmentDesignIds);
		const body: IDataObject = { name, callbackUrl, events, enabled: additional.enabled ?? true };
		if (additional.expiry !== undefined) body.expiry = readExpiry(ctx, additional.expiry);
		// The answer carries the signing token (shown only now): output it, the user needs it.
		return (
			(await ctx.client.request<IDataObject>({
				method: 'POST',
				path: '/v1/webhooks',
				body,
				permission: WEBHOOK_PERMISSIONS.add,
				whereToCheck: WHERE_TO_CHECK,
				itemIndex: ctx.itemIndex,
			})) ?? {}
		);
	},
});
