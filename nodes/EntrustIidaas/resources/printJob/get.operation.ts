import { defineOperation } from '../../framework/define';
import { readPrintJob } from './api';
import { printJobIdField, readPrintJobId } from './fields';

export const getPrintJob = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a print job',
	description: 'Get a job from the print queue, with its queue state',
	properties: [printJobIdField],
	async execute(ctx) {
		return await readPrintJob(ctx, readPrintJobId(ctx));
	},
});
