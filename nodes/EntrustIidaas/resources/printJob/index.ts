import { defineResource } from '../../framework/define';
import { cancelPrint } from './cancel.operation';
import { deletePrintJob } from './delete.operation';
import { getPrintJob } from './get.operation';
import { getManyPrintJobs } from './getAll.operation';
import { getPrintCounts } from './getCounts.operation';
import { getPrintStatus } from './getStatus.operation';
import { printCard } from './print.operation';
import { resumePrintJob } from './resume.operation';
import { sendSmartCardCommands } from './sendSmartCardCommands.operation';

export const printJobResource = defineResource({
	value: 'printJob',
	name: 'Print Job',
	description: 'Print cards and follow them through the print queue',
	operations: [
		printCard,
		getPrintStatus,
		cancelPrint,
		sendSmartCardCommands,
		getPrintJob,
		getManyPrintJobs,
		deletePrintJob,
		resumePrintJob,
		getPrintCounts,
	],
});
