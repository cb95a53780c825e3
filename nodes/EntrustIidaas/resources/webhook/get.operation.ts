import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { WEBHOOK_PERMISSIONS } from '../../webhooks/permissions';
import { readWebhookId, webhookLocator, withoutToken } from './fields';

export const getWebhook = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a webhook',
	description: 'Get a webhook’s callback URL, events and state',
	properties: [webhookLocator()],
	async execute(ctx) {
		const id = readWebhookId(ctx);
		const webhook = await ctx.client.request<IDataObject>({
			method: 'GET',
			path: '/v1/webhooks/{id}',
			pathParams: { id },
			permission: WEBHOOK_PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
		return withoutToken(webhook);
	},
});
