import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { PERMISSIONS } from './fields';

export const getPrinterSummary = defineOperation({
	value: 'getSummary',
	name: 'Get Summary',
	action: 'Count the printers of the account',
	description: 'Get how many printers the account has',
	notice: 'Needs the REPORTS:VIEW permission',
	properties: [],
	async execute(ctx) {
		return (
			(await ctx.client.request<IDataObject>({
				method: 'GET',
				path: '/v1/printers/summary',
				permission: PERMISSIONS.reports,
				itemIndex: ctx.itemIndex,
			})) ?? {}
		);
	},
});
