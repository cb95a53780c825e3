import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { PERMISSIONS } from './fields';

export const getApplicationTemplates = defineOperation({
	value: 'getTemplates',
	name: 'Get Templates',
	action: 'Get application templates',
	description: 'List the templates applications are made from, such as Issuance API',
	properties: [],
	async execute(ctx) {
		const templates = await ctx.client.request<IDataObject[]>({
			method: 'GET',
			path: '/v1/applications/templates',
			permission: PERMISSIONS.templates,
			itemIndex: ctx.itemIndex,
		});
		return Array.isArray(templates) ? templates : [];
	},
});
