import type { IDataObject } from 'n8n-workflow';

import { limitList, readLimit, returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { PERMISSIONS } from './fields';

export const getManyPrinters = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many printers',
	description: 'List the account’s printers, or only those the application’s groups may use',
	properties: [
		...returnAllFields(),
		{
			displayName: 'Only Printers Allowed for My Groups',
			name: 'groupRestricted',
			type: 'boolean',
			default: false,
			description: 'Whether to list only the printers that the application’s group restrictions allow',
		},
	],
	async execute(ctx) {
		const limit = readLimit(ctx);
		const restricted = param<boolean>(ctx, 'groupRestricted', false);
		const printers = await ctx.client.request<IDataObject[]>({
			method: 'GET',
			path: restricted ? '/v2/printers/restricted' : '/v2/printers',
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
		return limitList(printers, limit);
	},
});
