import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { PERMISSIONS } from './fields';

export const getPrintCounts = defineOperation({
	value: 'getCounts',
	name: 'Get Print Counts',
	action: 'Get print counts',
	description: 'Get the account’s print counters',
	notice: 'Needs the REPORTS:VIEW permission',
	properties: [],
	async execute(ctx) {
		const response = await ctx.client.request<{ counts?: IDataObject[] }>({
			method: 'GET',
			path: '/v1/printcounts',
			permission: PERMISSIONS.reports,
			itemIndex: ctx.itemIndex,
		});
		return { counts: response?.counts ?? [] };
	},
});
