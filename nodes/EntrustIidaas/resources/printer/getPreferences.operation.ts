import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { PERMISSIONS, printerLocator, readPrinterId } from './fields';

export const getPrinterPreferences = defineOperation({
	value: 'getPreferences',
	name: 'Get Preferences',
	action: 'Get the preferences of a printer',
	description: 'Get a printer’s default print preferences (orientation, copies, lamination…)',
	properties: [printerLocator()],
	async execute(ctx) {
		const printerId = readPrinterId(ctx);
		const preferences = await ctx.client.request<IDataObject>({
			method: 'GET',
			path: '/v1/printers/{printerId}/preferences',
			pathParams: { printerId },
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
		return { printerId, ...(preferences ?? {}) };
	},
});
