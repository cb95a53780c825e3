import { defineResource } from '../../framework/define';
import { createWebhook } from './create.operation';
import { deleteWebhook } from './delete.operation';
import { getWebhook } from './get.operation';
import { getManyWebhooks } from './getAll.operation';
import { testWebhook } from './test.operation';
import { updateWebhook } from './update.operation';

export const webhookResource = defineResource({
	value: 'webhook',
	name: 'Webhook',
	description: 'Callback URLs IIDaaS sends events to (credential issued, printed, user changes...)',
	operations: [
		createWebhook,
		getWebhook,
		getManyWebhooks,
		updateWebhook,
		deleteWebhook,
		testWebhook,
	],
});
