import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { PERMISSIONS, PRINT_JOB_SUMMARY_FIELDS, printJobIdField, readPrintJobId } from './fields';

export const getPrintJob = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a print job',
	description: 'Get a job from the print queue, with its queue state',
	simplifiedOutput: PRINT_JOB_SUMMARY_FIELDS,
	properties: [printJobIdField],
	async execute(ctx) {
		const printJobId = readPrintJobId(ctx);
		return await ctx.client.request<IDataObject>({
			method: 'GET',
			path: '/v1/prints/{printJobId}',
			pathParams: { printJobId },
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
	},
});
