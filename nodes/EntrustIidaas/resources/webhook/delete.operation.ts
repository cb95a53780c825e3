import { defineOperation } from '../../framework/define';
import { WEBHOOK_PERMISSIONS } from '../../webhooks/permissions';
import { readWebhookId, webhookLocator, WHERE_TO_CHECK } from './fields';

export const deleteWebhook = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete a webhook',
	description: 'Stop IIDaaS from sending events to a webhook and remove it',
	destructive: true,
	properties: [webhookLocator()],
	async execute(ctx) {
		const id = readWebhookId(ctx);
		await ctx.client.request({
			method: 'DELETE',
			path: '/v1/webhooks/{id}',
			pathParams: { id },
			permission: WEBHOOK_PERMISSIONS.remove,
			whereToCheck: WHERE_TO_CHECK,
			itemIndex: ctx.itemIndex,
		});
		return { deleted: true, webhookId: id };
	},
});
