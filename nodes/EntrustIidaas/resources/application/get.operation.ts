import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { applicationLocator, PERMISSIONS, readApplicationId } from './fields';

export const getApplication = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get an application',
	description: 'Get an Admin API application by its ID',
	properties: [applicationLocator()],
	async execute(ctx) {
		const id = readApplicationId(ctx);
		return await ctx.client.request<IDataObject>({
			method: 'GET',
			path: '/v1/applications/adminapi/{id}',
			pathParams: { id },
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
	},
});
