import type { IDataObject } from 'n8n-workflow';

import { limitList, readLimit, returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { fail } from '../../framework/validation';
import { collectCursorPages } from '../../transport/pagination';
import { PERMISSIONS, PRINT_JOB_SUMMARY_FIELDS } from './fields';

const OPERATORS = ['EQUALS', 'NOT_EQUALS', 'CONTAINS', 'NOT_CONTAINS', 'STARTS_WITH', 'ENDS_WITH', 'GREATER_THAN', 'GREATER_THAN_OR_EQUAL', 'LESS_THAN', 'LESS_THAN_OR_EQUAL', 'IN', 'IS', 'EXISTS', 'NOT_EXISTS'];
const PAGE_SIZE = 100;

export const getManyPrintJobs = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many print jobs',
	description: 'List jobs in the print queue, with search and ordering',
	simplifiedOutput: PRINT_JOB_SUMMARY_FIELDS,
	properties: [
		{
			displayName: 'Whole Queue in One Request',
			name: 'wholeQueue',
			type: 'boolean',
			default: false,
			description:
				'Whether to read the whole print queue in one request (GET /v1/prints) instead of pages of 100. Search and sort are not available then, and jobs come in the queue’s job shape (ID is the job’s UUID).',
		},
		...returnAllFields(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'fixedCollection',
			displayOptions: { show: { wholeQueue: [false] } },
			typeOptions: { multipleValues: true },
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Filter',
					name: 'filter',
					values: [
						{ displayName: 'Attribute', name: 'name', type: 'string', default: '', placeholder: 'printerName', description: 'The print job attribute to search on, e.g. printerName, status, name' },
						{
							displayName: 'Operator',
							name: 'operator',
							type: 'options',
							options: OPERATORS.map((value) => ({ name: value.toLowerCase().replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase()), value })),
							default: 'EQUALS',
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'collection',
			displayOptions: { show: { wholeQueue: [false] } },
			placeholder: 'Add Sort',
			default: {},
			options: [
				{ displayName: 'Sort By', name: 'name', type: 'string', default: 'createdOn', description: 'The attribute to sort on' },
				{ displayName: 'Ascending', name: 'ascending', type: 'boolean', default: false, description: 'Whether to sort in ascending order' },
			],
		},
	],
	async execute(ctx) {
		const limit = readLimit(ctx);
		if (param<boolean>(ctx, 'wholeQueue', false)) {
			const jobs = await ctx.client.request<IDataObject[]>({ method: 'GET', path: '/v1/prints', permission: PERMISSIONS.view, itemIndex: ctx.itemIndex });
			return limitList(jobs, limit);
		}
		const filters = param<{ filter?: IDataObject[] }>(ctx, 'filters', {}).filter ?? [];
		const searchByAttributes = filters.map((filter, index) => {
			const name = String(filter.name ?? '').trim();
			if (name === '') fail(ctx, `Filters → Filter ${index + 1} → Attribute`, 'is required');
			return { name, operator: filter.operator ?? 'EQUALS', value: String(filter.value ?? '') };
		});
		const sort = param<IDataObject>(ctx, 'sort', {});
		const orderByAttribute = typeof sort.name === 'string' && sort.name !== '' ? { name: sort.name, ascending: sort.ascending === true } : undefined;

		return await collectCursorPages<IDataObject>(
			async (cursor, pageSize) => {
				const page = await ctx.client.request<{ printJobs?: IDataObject[]; paging?: { nextCursor?: string } }>({
					method: 'POST',
					path: '/v2/prints/paginated',
					body: {
						limit: pageSize,
						...(cursor ? { cursor } : {}),
						...(orderByAttribute ? { orderByAttribute } : {}),
						...(searchByAttributes.length ? { searchByAttributes } : {}),
					},
					// A search: reading it twice changes nothing.
					idempotent: true,
					permission: PERMISSIONS.view,
					itemIndex: ctx.itemIndex,
				});
				return { items: page?.printJobs ?? [], nextCursor: page?.paging?.nextCursor };
			},
			limit,
			PAGE_SIZE,
		);
	},
});
