import { defineOperation } from '../../framework/define';
import { readPrintJob } from './api';
import { PRINT_JOB_SUMMARY_FIELDS, printJobIdField, readPrintJobId } from './fields';

export const getPrintJob = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a print job',
	description: 'Get a job from the print queue, with its queue state',
	simplifiedOutput: PRINT_JOB_SUMMARY_FIELDS,
	properties: [printJobIdField],
	async execute(ctx) {
		return await readPrintJob(ctx, readPrintJobId(ctx));
	},
});
