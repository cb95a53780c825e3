import type { INodeProperties } from 'n8n-workflow';

import { param } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import {
	fail,
	PATTERNS,
	requirePattern,
	requireText,
	UUID_LIKE_HINT,
} from '../../framework/validation';
import { waitForCompletionFields } from '../../framework/wait';
import { checkEnrollmentId } from '../enrollment/fields';
import {
	checkHopper,
	checkExceptionSlotMessage,
	hopperFields,
	PRINTER_ID_HINT,
} from '../printer/fields';

export const PERMISSIONS = {
	add: 'ISSUANCE:ADD',
	view: 'ISSUANCE:VIEW',
	remove: 'ISSUANCE:REMOVE',
};

export const WHERE_TO_CHECK = 'Check the bulk print operations (Bulk Print → Get Many)';

export const bulkPrintIdField: INodeProperties = {
	displayName: 'Bulk Print ID',
	name: 'bulkPrintId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '3f1c2a8e-6b7d-4e21-9c55-0a9e8d7c6b5a',
	description: 'The ID of the bulk print operation, as Create returned it',
};

export function readBulkPrintId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requirePattern(
		ctx,
		'Bulk Print ID',
		param(ctx, 'bulkPrintId'),
		PATTERNS.uuidLike,
		UUID_LIKE_HINT,
	);
}

export const logsBinaryField: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	default: 'data',
	hint: 'The name of the output binary field to put the logs in',
};

/** What Create prints: the enrollments of each item, the printer (by name, as bulk print addresses it) and the hopper. */
export const createFields: INodeProperties[] = [
	{
		displayName: 'Enrollment IDs',
		name: 'enrollmentIds',
		type: 'string',
		default: '={{ $json.id }}',
		required: true,
		description:
			'The enrollment ID(s) of this item: one ID, several separated by commas or new lines, or a list from an expression. The IDs of all input items are printed together.',
	},
	{
		displayName: 'Printer',
		name: 'printer',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description:
			'The printer that prints the cards. Bulk print addresses printers by name; a printer picked from the list is looked up once for its name.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a printer...',
				typeOptions: { searchListMethod: 'searchPrinters', searchable: true },
			},
			{ displayName: 'By Name', name: 'name', type: 'string', placeholder: 'Front Desk Printer' },
		],
	},
	...hopperFields,
	...waitForCompletionFields('bulk print'),
	{
		displayName: 'Attach Logs When Rows Fail',
		name: 'attachLogs',
		type: 'boolean',
		default: true,
		description:
			'Whether to download the row log of an operation that ends with failed rows and attach it as a file to the first item of that operation',
		displayOptions: { show: { waitForCompletion: [true] } },
	},
	{
		displayName: 'Put Logs in Field',
		name: 'logsBinaryPropertyName',
		type: 'string',
		default: 'logs',
		hint: 'The name of the output binary field to put the logs in',
		displayOptions: { show: { waitForCompletion: [true], attachLogs: [true] } },
	},
];

/** One item of Create, checked: its enrollment IDs, its printer (a name, or an ID to look up) and where the cards come from. */
export interface BulkPrintPlan {
	ids: string[];
	printer: { mode: 'name' | 'id'; value: string };
	hopper: number;
	exceptionSlotMessage: string;
}

export function readBulkPrintPlan(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): BulkPrintPlan {
	const raw = param<unknown>(ctx, 'enrollmentIds');
	const parts = (Array.isArray(raw) ? raw : [raw])
		.flatMap((entry) => (typeof entry === 'string' ? entry.split(/[\s,]+/) : [entry]))
		.filter((entry) => entry !== '' && entry !== undefined && entry !== null);
	if (parts.length === 0)
		fail(ctx, 'Enrollment IDs', 'is required: give at least one enrollment ID');
	const ids = parts.map((entry, index) =>
		checkEnrollmentId(
			ctx,
			entry,
			parts.length > 1 ? `Enrollment IDs → ID ${index + 1}` : 'Enrollment IDs',
		),
	);

	const locator = ctx.fn.getNodeParameter('printer', ctx.itemIndex) as
		{ mode?: string; value?: unknown } | string;
	const mode =
		typeof locator === 'object' && locator !== null && locator.mode !== 'name' ? 'id' : 'name';
	const value = requireText(
		ctx,
		'Printer',
		typeof locator === 'object' && locator !== null ? locator.value : locator,
	);
	if (mode === 'id' && !PATTERNS.uuidLike.test(value))
		fail(ctx, 'Printer', `"${value}" is not a printer ID: expected ${PRINTER_ID_HINT}`);

	const hopper = checkHopper(ctx, param(ctx, 'hopper', 1));
	const exceptionSlotMessage =
		hopper === 0 ? checkExceptionSlotMessage(ctx, param(ctx, 'exceptionSlotMessage', '')) : '';
	return { ids, printer: { mode, value }, hopper, exceptionSlotMessage };
}
