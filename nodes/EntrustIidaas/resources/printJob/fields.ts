import type { INodeProperties } from 'n8n-workflow';

import { param } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { fail, PATTERNS, requirePattern, UUID_LIKE_HINT } from '../../framework/validation';

export const PERMISSIONS = {
	add: 'ISSUANCE:ADD',
	view: 'ISSUANCE:VIEW',
	edit: 'ISSUANCE:EDIT',
	remove: 'ISSUANCE:REMOVE',
	reports: 'REPORTS:VIEW',
};

export const WHERE_TO_CHECK_PRINTS = 'Check the print queue (Print Job → Get Many) or the printer';

export const printStatusIdField: INodeProperties = {
	displayName: 'Print ID',
	name: 'printStatusId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '8e4b1c1e-2f0a-4c59-9a0e-5d2a7f3b6c10',
	description: 'The ID the Print operation returned (printStatusId)',
};

export const printJobIdField: INodeProperties = {
	displayName: 'Print Job ID',
	name: 'printJobId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '8e4b1c1e-2f0a-4c59-9a0e-5d2a7f3b6c10',
	description: 'The ID of the job in the print queue',
};

export function readPrintStatusId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requirePattern(
		ctx,
		'Print ID',
		param(ctx, 'printStatusId'),
		PATTERNS.uuidLike,
		UUID_LIKE_HINT,
	);
}

export function readPrintJobId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requirePattern(
		ctx,
		'Print Job ID',
		param(ctx, 'printJobId'),
		PATTERNS.uuidLike,
		UUID_LIKE_HINT,
	);
}

/** Smart-card commands: APDUs in hex, or the coupler commands CONNECT, DISCONNECT and RESET. */
export const smartCardCommandsField: INodeProperties = {
	displayName: 'Smart Card Commands',
	name: 'smartCardCommands',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Command',
	default: {},
	options: [
		{
			displayName: 'Command',
			name: 'command',
			values: [
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'APDU', value: 'APDU', description: 'A command APDU sent to the chip, in hex' },
						{
							name: 'Coupler',
							value: 'COUPLER',
							description: 'CONNECT, DISCONNECT or RESET the chip coupler',
						},
					],
					default: 'APDU',
				},
				{
					displayName: 'Command',
					name: 'command',
					type: 'string',
					default: '',
					placeholder: '00A4040007A0000002471001',
					hint: 'Hex APDU, or CONNECT / DISCONNECT / RESET for the coupler',
				},
				{
					displayName: 'Result Matcher',
					name: 'resultMatcher',
					type: 'string',
					default: '',
					placeholder: '9000',
					description:
						'Expected response in hex; * matches any digit. The job fails when the chip answers otherwise.',
				},
			],
		},
	],
};

const COUPLER_COMMANDS = /^(connect|disconnect|reset)$/i;

export function readSmartCardCommands(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
): Array<{ type: string; command: string; resultMatcher?: string }> {
	const collection = param<{
		command?: Array<{ type: string; command: string; resultMatcher?: string }>;
	}>(ctx, 'smartCardCommands', {});
	return (collection.command ?? []).map((entry, index) => {
		const field = `Smart Card Commands → Command ${index + 1}`;
		const command = String(entry.command ?? '').replace(/\s+/g, '');
		if (command === '') fail(ctx, field, 'is empty');
		if (entry.type === 'COUPLER' && !COUPLER_COMMANDS.test(command))
			fail(ctx, field, `"${command}" is not CONNECT, DISCONNECT or RESET`);
		if (entry.type !== 'COUPLER' && !PATTERNS.hex.test(command))
			fail(ctx, field, `"${command}" is not an APDU in hexadecimal (pairs of 0-9, A-F)`);
		const resultMatcher = String(entry.resultMatcher ?? '').replace(/\s+/g, '');
		if (resultMatcher !== '' && !/^[a-fA-F0-9*]+$/.test(resultMatcher))
			fail(ctx, `${field} → Result Matcher`, `"${resultMatcher}" may hold only hex digits and *`);
		return {
			type: entry.type === 'COUPLER' ? 'COUPLER' : 'APDU',
			command: entry.type === 'COUPLER' ? command.toUpperCase() : command,
			...(resultMatcher !== '' ? { resultMatcher } : {}),
		};
	});
}

/** The print job fields of the Simplified output (Output option; the default when an AI agent runs the node). */
export const PRINT_JOB_SUMMARY_FIELDS = [
	'jobId',
	'id',
	'name',
	'printerId',
	'printerName',
	'status',
	'statusDetails',
	'queueState',
	'identifierValue',
	'createdOn',
];
