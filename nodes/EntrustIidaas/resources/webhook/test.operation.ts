import type { IDataObject } from 'n8n-workflow';

import { emptyResult } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { WEBHOOK_PERMISSIONS } from '../../webhooks/permissions';
import { readCallbackUrl, readWebhookId, webhookLocator } from './fields';

export const testWebhook = defineOperation({
	value: 'test',
	name: 'Send Test Event',
	action: 'Send a test event to a webhook',
	description:
		'Ask IIDaaS to send a signed dummy event to the webhook. To try an Entrust IIDaaS Trigger, click its "Listen for test event", then send a test event to the webhook it registered (its name starts with "n8n").',
	properties: [
		webhookLocator(),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				{
					displayName: 'Callback URL',
					name: 'callbackUrl',
					type: 'string',
					default: '',
					placeholder: 'https://example.com/iidaas-events',
					description: 'Send the test event to this URL instead of the webhook’s own callback URL',
				},
			],
		},
	],
	async execute(ctx) {
		const id = readWebhookId(ctx);
		const options = param<IDataObject>(ctx, 'options', {});
		const body: IDataObject = {};
		if (typeof options.callbackUrl === 'string' && options.callbackUrl.trim() !== '') {
			body.callbackUrl = readCallbackUrl(ctx, 'Callback URL', options.callbackUrl);
		}
		await ctx.client.request({
			method: 'POST',
			path: '/v1/webhooks/test/{id}',
			pathParams: { id },
			body,
			permission: WEBHOOK_PERMISSIONS.edit,
			whereToCheck: 'Check whether the callback received the test event',
			itemIndex: ctx.itemIndex,
		});
		return emptyResult({ webhookId: id, testEventSent: true, ...body });
	},
});
