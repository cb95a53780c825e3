import { defineResource } from '../../framework/define';
import { cancelBulkPrint } from './cancel.operation';
import { createBulkPrint } from './create.operation';
import { downloadBulkPrintLogs } from './downloadLogs.operation';
import { getBulkPrint } from './get.operation';
import { getManyBulkPrints } from './getAll.operation';

export const bulkPrintResource = defineResource({
	value: 'bulkPrint',
	name: 'Bulk Print',
	description: 'Print many enrollments in one operation and follow its progress',
	operations: [
		createBulkPrint,
		getBulkPrint,
		getManyBulkPrints,
		cancelBulkPrint,
		downloadBulkPrintLogs,
	],
});
