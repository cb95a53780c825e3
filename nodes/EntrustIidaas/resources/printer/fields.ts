import type { INodeProperties } from 'n8n-workflow';

import { searchableLocator } from '../../framework/locator';
import { locatorValue, param } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { fail, PATTERNS, requirePattern } from '../../framework/validation';

export const PRINTER_ID_HINT =
	'a 32–36 character printer ID such as 0b0db90a-6091-416f-8559-2f2181e941c3';
const DEVICE_ID_HINT =
	'the 16 hexadecimal characters shown on the printer’s LCD, such as F71523262A998271';

/** Printer picker: search the account's printers, or paste an ID. */
export function printerLocator(description = 'The printer to use'): INodeProperties {
	return searchableLocator({
		label: 'Printer',
		name: 'printerId',
		searchListMethod: 'searchPrinters',
		example: '0b0db90a-6091-416f-8559-2f2181e941c3',
		description,
	});
}

export function readPrinterId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requirePattern(
		ctx,
		'Printer',
		locatorValue(ctx, 'printerId'),
		PATTERNS.uuidLike,
		PRINTER_ID_HINT,
	);
}

export const deviceIdField: INodeProperties = {
	displayName: 'Device ID',
	name: 'deviceId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'F71523262A998271',
	hint: 'The 16 hexadecimal characters shown on the printer’s LCD',
	description: 'The unique device ID of the printer',
};

export function readDeviceId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>, value: unknown): string {
	return requirePattern(ctx, 'Device ID', value, PATTERNS.deviceId, DEVICE_ID_HINT).toUpperCase();
}

export const MAX_HOPPER = 6;
/** Sigma printers show at most 45 characters (older ones 32). */
export const MAX_EXCEPTION_SLOT_MESSAGE = 45;

/** The input hopper of a print: 1 to 6, or 0 for the exception slot with a message on the printer's screen. */
export const hopperField: INodeProperties = {
	displayName: 'Hopper',
	name: 'hopper',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: MAX_HOPPER },
	default: 1,
	description: 'The input hopper to take the card from; 0 uses the exception slot',
};

export const exceptionSlotMessageField: INodeProperties = {
	displayName: 'Exception Slot Message',
	name: 'exceptionSlotMessage',
	type: 'string',
	default: '',
	description: `Shown on the printer’s screen when the exception slot is used (at most ${MAX_EXCEPTION_SLOT_MESSAGE} characters)`,
};

/** Hopper, and the exception slot message shown when it is 0. */
export const hopperFields: INodeProperties[] = [
	hopperField,
	{ ...exceptionSlotMessageField, displayOptions: { show: { hopper: [0] } } },
];

export function checkHopper(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
	value: unknown,
	lowest = 0,
): number {
	const hopper = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof hopper !== 'number' || !Number.isInteger(hopper) || hopper < lowest)
		fail(
			ctx,
			'Hopper',
			`must be a whole number from ${lowest} to ${MAX_HOPPER}, not "${String(value)}"`,
		);
	if (hopper > MAX_HOPPER) fail(ctx, 'Hopper', `must be at most ${MAX_HOPPER}, not ${hopper}`);
	return hopper;
}

export function checkExceptionSlotMessage(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
	value: unknown,
): string {
	const message = String(value ?? '').trim();
	if (message.length > MAX_EXCEPTION_SLOT_MESSAGE) {
		fail(
			ctx,
			'Exception Slot Message',
			`is ${message.length} characters long; printers show at most ${MAX_EXCEPTION_SLOT_MESSAGE}`,
		);
	}
	return message;
}

/** Reads `hopperFields`; the message only counts for the exception slot. */
export function readHopper(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): {
	hopper: number;
	exceptionSlotMessage: string;
} {
	const hopper = checkHopper(ctx, param(ctx, 'hopper', 1));
	return {
		hopper,
		exceptionSlotMessage:
			hopper === 0 ? checkExceptionSlotMessage(ctx, param(ctx, 'exceptionSlotMessage', '')) : '',
	};
}

export const PERMISSIONS = {
	view: 'PRINTERS:VIEW',
	add: 'PRINTERS:ADD',
	edit: 'PRINTERS:EDIT',
	remove: 'PRINTERS:REMOVE',
	reports: 'REPORTS:VIEW',
	issuanceRemove: 'ISSUANCE:REMOVE',
};

/** The printer fields of the Simplified output (Output option; the default when an AI agent runs the node). */
export const PRINTER_SUMMARY_FIELDS = [
	'id',
	'name',
	'deviceId',
	'location',
	'model',
	'status',
	'hoppers',
	'cardsRemaining',
	'ribbonRemaining',
	'printerPlatform',
];
