import { defineOperation } from '../../framework/define';
import { readPrintStatus } from './api';
import { printStatusIdField, readPrintStatusId } from './fields';

export const getPrintStatus = defineOperation({
	value: 'getStatus',
	name: 'Get Status',
	action: 'Get the status of a card sent with Print',
	description: 'Get the status of a card sent with Print (QUEUED, IN_PROGRESS, COMPLETED, FAILED…)',
	properties: [printStatusIdField],
	async execute(ctx) {
		const printStatusId = readPrintStatusId(ctx);
		return { printStatusId, ...(await readPrintStatus(ctx, printStatusId)) };
	},
});
