import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { readPrinter } from './api';
import {
	deviceIdField,
	PERMISSIONS,
	PRINTER_SUMMARY_FIELDS,
	printerLocator,
	readDeviceId,
	readPrinterId,
} from './fields';

export const getPrinter = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a printer',
	description: 'Get a printer by its ID or by its device ID',
	simplifiedOutput: PRINTER_SUMMARY_FIELDS,
	properties: [
		{
			displayName: 'Look Up By',
			name: 'lookUpBy',
			type: 'options',
			options: [
				{ name: 'Printer ID', value: 'printerId' },
				{
					name: 'Device ID',
					value: 'deviceId',
					description: 'The 16-character ID shown on the printer’s LCD',
				},
			],
			default: 'printerId',
		},
		{ ...printerLocator(), displayOptions: { show: { lookUpBy: ['printerId'] } } },
		{ ...deviceIdField, displayOptions: { show: { lookUpBy: ['deviceId'] } } },
	],
	async execute(ctx) {
		if (param<string>(ctx, 'lookUpBy', 'printerId') === 'deviceId') {
			const deviceId = readDeviceId(ctx, param(ctx, 'deviceId'));
			return await ctx.client.request<IDataObject>({
				method: 'GET',
				path: '/v2/printers/{deviceId}',
				pathParams: { deviceId },
				permission: PERMISSIONS.view,
				itemIndex: ctx.itemIndex,
			});
		}
		return await readPrinter(ctx, readPrinterId(ctx));
	},
});
