import type { IDataObject } from 'n8n-workflow';

import { limitList, readLimit, returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { PERMISSIONS } from './fields';

const STATES = ['AWAITING_DATA', 'CANCELLED', 'COMPLETED', 'FAILED', 'PROCESSING', 'SCHEDULED'];

export const getManyBulkPrints = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many bulk prints',
	description: 'List the account’s bulk print operations',
	properties: [
		...returnAllFields(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'States',
					name: 'states',
					type: 'multiOptions',
					options: STATES.map((value) => ({
						name: value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' '),
						value,
					})),
					default: [],
					description: 'Only operations in one of these states',
				},
			],
		},
	],
	async execute(ctx) {
		const limit = readLimit(ctx);
		const states = (param<IDataObject>(ctx, 'filters', {}).states as string[] | undefined) ?? [];
		const operations = await ctx.client.request<IDataObject[]>({
			method: 'GET',
			path: '/v1/print',
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
		const list = Array.isArray(operations) ? operations : [];
		return limitList(
			states.length > 0
				? list.filter((operation) => states.includes(String(operation.state)))
				: list,
			limit,
		);
	},
});
