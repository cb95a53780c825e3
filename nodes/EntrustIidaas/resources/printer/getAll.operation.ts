import type { IDataObject } from 'n8n-workflow';

import { limitList, readLimit, returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { compact, param } from '../../framework/params';
import { PERMISSIONS, PRINTER_SUMMARY_FIELDS } from './fields';

export const getManyPrinters = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many printers',
	description:
		'List the account’s printers with name, location and status (to find a printer), or only those the application’s groups may use',
	simplifiedOutput: PRINTER_SUMMARY_FIELDS,
	properties: [
		...returnAllFields(),
		{
			displayName: 'Only Printers Allowed for My Groups',
			name: 'groupRestricted',
			type: 'boolean',
			default: false,
			description:
				'Whether to list only the printers that the application’s group restrictions allow',
		},
		{
			displayName: 'On-Premises Options',
			name: 'legacyOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: { show: { groupRestricted: [false] } },
			description:
				'Options of the classic printer list (GET /v1/printers). Instant ID on premises honours them; IIDaaS accepts them and returns the usual list.',
			options: [
				{
					displayName: 'Fields',
					name: 'fields',
					type: 'string',
					default: '',
					placeholder: 'name,deviceId,status',
					description: 'Comma-separated printer properties to return',
				},
				{
					displayName: 'Include Current Status',
					name: 'withStatus',
					type: 'boolean',
					default: false,
					description: 'Whether to ask each printer for its current status',
				},
			],
		},
	],
	async execute(ctx) {
		const limit = readLimit(ctx);
		const restricted = param<boolean>(ctx, 'groupRestricted', false);
		const legacy = restricted ? {} : compact(param<IDataObject>(ctx, 'legacyOptions', {}));
		// Only the classic v1 list takes these options; otherwise the current v2 list is used.
		const useClassicList = Object.keys(legacy).length > 0;
		const printers = await ctx.client.request<IDataObject[]>({
			method: 'GET',
			path: restricted
				? '/v2/printers/restricted'
				: useClassicList
					? '/v1/printers'
					: '/v2/printers',
			query: useClassicList ? legacy : undefined,
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
		return limitList(printers, limit);
	},
});
