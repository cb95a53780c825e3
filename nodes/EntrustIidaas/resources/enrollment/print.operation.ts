import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { compact, param } from '../../framework/params';
import { requireText } from '../../framework/validation';
import { readWaitSettings, waitForCompletionFields } from '../../framework/wait';
import {
	deviceIdField,
	hopperFields,
	printerLocator,
	readDeviceId,
	readHopper,
	readPrinterId,
} from '../printer/fields';
import { readPrintJob, waitForPrint } from '../printJob/api';
import {
	designField,
	enrollmentIdField,
	PERMISSIONS,
	readDesignName,
	readEnrollmentId,
} from './fields';

export const printEnrollment = defineOperation({
	value: 'print',
	name: 'Print',
	action: 'Print the card of an enrollment',
	description:
		'Print the card (such as an employee badge) of one enrollment on a printer; the job appears in the print queue',
	properties: [
		{
			displayName: 'Identify Enrollment By',
			name: 'printBy',
			type: 'options',
			options: [
				{ name: 'Enrollment ID', value: 'enrollmentId' },
				{
					name: 'Design and Primary Key',
					value: 'primaryKey',
					description: 'The enrollment design’s name and the record’s primary key',
				},
			],
			default: 'enrollmentId',
		},
		{ ...enrollmentIdField(), displayOptions: { show: { printBy: ['enrollmentId'] } } },
		{ ...designField, displayOptions: { show: { printBy: ['primaryKey'] } } },
		{
			displayName: 'Primary Key',
			name: 'primaryKey',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1',
			description: 'The value of the enrollment design’s primary key field for the record to print',
			displayOptions: { show: { printBy: ['primaryKey'] } },
		},
		{
			displayName: 'Identify Printer By',
			name: 'printerBy',
			type: 'options',
			options: [
				{ name: 'Printer', value: 'printer', description: 'From the list, by ID or by URL' },
				{
					name: 'Device ID',
					value: 'deviceId',
					description: 'The 16 hexadecimal characters shown on the printer’s screen',
				},
			],
			default: 'printer',
		},
		{
			...printerLocator('The printer that prints the card'),
			displayOptions: { show: { printerBy: ['printer'] } },
		},
		{ ...deviceIdField, displayOptions: { show: { printerBy: ['deviceId'] } } },
		...hopperFields,
		...waitForCompletionFields('print job'),
	],
	async execute(ctx) {
		const byId = param<string>(ctx, 'printBy', 'enrollmentId') === 'enrollmentId';
		const target = byId
			? { enrollmentId: readEnrollmentId(ctx) }
			: {
					enrollmentDesignName: readDesignName(ctx),
					primaryKey: requireText(ctx, 'Primary Key', param(ctx, 'primaryKey')),
				};
		const printer =
			param<string>(ctx, 'printerBy', 'printer') === 'deviceId'
				? { deviceId: readDeviceId(ctx, param(ctx, 'deviceId')) }
				: { printerId: readPrinterId(ctx) };
		const { hopper, exceptionSlotMessage } = readHopper(ctx);
		readWaitSettings(ctx); // bad wait options fail the item before the card is sent

		const accepted = await ctx.client.request<{ printJobId?: string }>({
			method: 'POST',
			path: '/v2/print/single',
			body: compact({ ...target, ...printer, hopper, exceptionSlotMessage }),
			permission: PERMISSIONS.print,
			whereToCheck: 'Check the print queue (Print Job → Get Many) or the printer',
			itemIndex: ctx.itemIndex,
		});
		const result: IDataObject = { printJobId: accepted?.printJobId, ...printer, ...target };
		return result;
	},
	// Each card is waited for as soon as it is accepted, together with the node run's other prints.
	async finish(ctx, started) {
		const result = started as IDataObject;
		const wait = readWaitSettings(ctx);
		const printJobId = result.printJobId;
		if (!wait.enabled || typeof printJobId !== 'string') return result;
		const final = await waitForPrint(ctx, wait, {
			kind: 'print job',
			id: printJobId,
			read: async () => await readPrintJob(ctx, printJobId),
			checkWith: 'Print Job → Get',
		});
		return { ...result, ...final, printJobId };
	},
});
