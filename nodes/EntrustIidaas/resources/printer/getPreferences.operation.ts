import { defineOperation } from '../../framework/define';
import { readPreferences } from './api';
import { printerLocator, readPrinterId } from './fields';

export const getPrinterPreferences = defineOperation({
	value: 'getPreferences',
	name: 'Get Preferences',
	action: 'Get printer preferences',
	description: 'Get a printer’s default print preferences (orientation, copies, lamination…)',
	properties: [printerLocator()],
	async execute(ctx) {
		const printerId = readPrinterId(ctx);
		return { printerId, ...((await readPreferences(ctx, printerId)) ?? {}) };
	},
});
