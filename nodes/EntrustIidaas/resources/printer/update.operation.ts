import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { compact, param } from '../../framework/params';
import { fail } from '../../framework/validation';
import { PERMISSIONS, printerLocator, readPrinterId } from './fields';

export const updatePrinter = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update a printer',
	description: 'Rename a printer or change its location',
	notice:
		'Needs the PRINTERS:EDIT permission (the Issuance Administrator role has it; Issuance Operator does not)',
	properties: [
		printerLocator(),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Location', name: 'location', type: 'string', default: '' },
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			],
		},
	],
	async execute(ctx) {
		const printerId = readPrinterId(ctx);
		const fields = compact(param<IDataObject>(ctx, 'updateFields', {}));
		if (Object.keys(fields).length === 0)
			fail(ctx, 'Update Fields', 'add at least one field to change');
		return await ctx.client.request<IDataObject>({
			method: 'PUT',
			path: '/v2/printers/{printerId}',
			pathParams: { printerId },
			body: fields,
			idempotent: true,
			permission: PERMISSIONS.edit,
			itemIndex: ctx.itemIndex,
		});
	},
});
