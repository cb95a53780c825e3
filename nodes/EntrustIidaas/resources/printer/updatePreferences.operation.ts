import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { fail } from '../../framework/validation';
import { readPreferences } from './api';
import { PERMISSIONS, printerLocator, readPrinterId } from './fields';
import { preferenceOptions, toPrinterPreferences } from './preferences';

export const updatePrinterPreferences = defineOperation({
	value: 'updatePreferences',
	name: 'Update Preferences',
	action: 'Update printer preferences',
	description: 'Change some of a printer’s print preferences and keep the others as they are',
	notice:
		'Needs the PRINTERS:VIEW and PRINTERS:EDIT permissions (the Issuance Administrator role has them)',
	properties: [
		printerLocator(),
		{
			displayName: 'Preferences',
			name: 'preferences',
			type: 'collection',
			placeholder: 'Add Preference',
			default: {},
			description:
				'Only the preferences given here change; the service replaces the whole set, so the node reads the current set first and merges',
			options: preferenceOptions,
		},
	],
	async execute(ctx) {
		const printerId = readPrinterId(ctx);
		const changes = param<IDataObject>(ctx, 'preferences', {});
		if (Object.keys(changes).length === 0)
			fail(ctx, 'Preferences', 'add at least one preference to change');
		// The API's PUT replaces the whole set: read, merge, write.
		const current = await readPreferences(ctx, printerId);
		const merged = toPrinterPreferences(changes, current ?? {});
		await ctx.client.request({
			method: 'PUT',
			path: '/v1/printers/{printerId}/preferences',
			pathParams: { printerId },
			body: merged,
			idempotent: true,
			permission: PERMISSIONS.edit,
			itemIndex: ctx.itemIndex,
		});
		return { printerId, ...merged };
	},
});
