import { defineResource } from '../../framework/define';
import { cancelAllPrinterJobs } from './cancelAllJobs.operation';
import { createPrinter } from './create.operation';
import { deletePrinter } from './delete.operation';
import { deleteLostPrinter } from './deleteLost.operation';
import { getPrinter } from './get.operation';
import { getManyPrinters } from './getAll.operation';
import { getPrinterPreferences } from './getPreferences.operation';
import { getPrinterSummary } from './getSummary.operation';
import { updatePrinter } from './update.operation';
import { updatePrinterPreferences } from './updatePreferences.operation';

export const printerResource = defineResource({
	value: 'printer',
	name: 'Printer',
	description: 'Card printers registered with IIDaaS',
	operations: [
		createPrinter,
		getPrinter,
		getManyPrinters,
		updatePrinter,
		deletePrinter,
		getPrinterPreferences,
		updatePrinterPreferences,
		getPrinterSummary,
		cancelAllPrinterJobs,
		deleteLostPrinter,
	],
});
