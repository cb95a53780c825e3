import type { IDataObject } from 'n8n-workflow';

import { limitList, readLimit, returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { PERMISSIONS } from './fields';

export const getApplicationTemplates = defineOperation({
	value: 'getTemplates',
	name: 'Get Templates',
	action: 'Get application templates',
	description: 'List the templates applications are made from, such as Issuance API',
	properties: [...returnAllFields()],
	async execute(ctx) {
		const limit = readLimit(ctx);
		const templates = await ctx.client.request<IDataObject[]>({
			method: 'GET',
			path: '/v1/applications/templates',
			permission: PERMISSIONS.templates,
			itemIndex: ctx.itemIndex,
		});
		return limitList(Array.isArray(templates) ? templates : [], limit);
	},
});
