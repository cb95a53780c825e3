import type { INodeProperties } from 'n8n-workflow';

import { searchableLocator } from '../../framework/locator';
import { locatorValue } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { PATTERNS, requirePattern } from '../../framework/validation';

export const PRINTER_ID_HINT = 'a 32–36 character printer ID such as 0b0db90a-6091-416f-8559-2f2181e941c3';
export const DEVICE_ID_HINT = 'the 16 hexadecimal characters shown on the printer’s LCD, such as F71523262A998271';

/** Printer picker: search the account's printers, or paste an ID. */
export function printerLocator(description = 'The printer to use'): INodeProperties {
	return searchableLocator({ label: 'Printer', name: 'printerId', searchListMethod: 'searchPrinters', example: '0b0db90a-6091-416f-8559-2f2181e941c3', description });
}

export function readPrinterId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requirePattern(ctx, 'Printer', locatorValue(ctx, 'printerId'), PATTERNS.uuidLike, PRINTER_ID_HINT);
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

export const PERMISSIONS = {
	view: 'PRINTERS:VIEW',
	add: 'PRINTERS:ADD',
	edit: 'PRINTERS:EDIT',
	remove: 'PRINTERS:REMOVE',
	reports: 'REPORTS:VIEW',
	issuanceRemove: 'ISSUANCE:REMOVE',
};

/** The printer fields of the Simplified output (Output option; the default when an AI agent runs the node). */
export const PRINTER_SUMMARY_FIELDS = ['id', 'name', 'deviceId', 'location', 'model', 'status', 'hoppers', 'cardsRemaining', 'ribbonRemaining', 'printerPlatform'];
