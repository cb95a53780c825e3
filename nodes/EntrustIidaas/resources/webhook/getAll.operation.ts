import type { IDataObject } from 'n8n-workflow';

import { limitList, readLimit, returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { WEBHOOK_PERMISSIONS } from '../../webhooks/permissions';
import { withoutToken } from './fields';

export const getManyWebhooks = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many webhooks',
	description: 'List the account’s webhooks (at most 20 per tenant)',
	properties: [...returnAllFields()],
	async execute(ctx) {
		const limit = readLimit(ctx);
		const webhooks = await ctx.client.request<IDataObject[]>({
			method: 'GET',
			path: '/v1/webhooks',
			permission: WEBHOOK_PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
		return limitList(webhooks, limit).map(withoutToken);
	},
});
