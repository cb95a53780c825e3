import type { IDataObject } from 'n8n-workflow';

import { limitList, readLimit, returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { PERMISSIONS } from './fields';

export const getManyApplications = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many applications',
	description: 'List the account’s Admin API applications',
	properties: [...returnAllFields()],
	async execute(ctx) {
		const limit = readLimit(ctx);
		const applications = await ctx.client.request<IDataObject[]>({
			method: 'GET',
			path: '/v1/applications/adminapi',
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
		return limitList(applications, limit);
	},
});
