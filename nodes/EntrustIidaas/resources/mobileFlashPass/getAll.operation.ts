import type { IDataObject } from 'n8n-workflow';

import { limitList, readLimit, returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { PERMISSIONS } from './fields';

export const getManyFlashPassOperations = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many mobile flash pass operations',
	description: 'List the bulk operations that issued mobile flash passes',
	properties: [...returnAllFields()],
	async execute(ctx) {
		const limit = readLimit(ctx);
		// The service answers the whole list at once: Limit is applied here.
		const operations = await ctx.client.request<IDataObject[]>({
			method: 'GET',
			path: '/v1/mobileFlashPass',
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
		return limitList(operations, limit);
	},
});
