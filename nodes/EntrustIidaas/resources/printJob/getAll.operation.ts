import type { IDataObject } from 'n8n-workflow';

import { limitList, readLimit, returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { readSearch, searchFields } from '../../framework/search';
import { collectCursorPages } from '../../transport/pagination';
import { PERMISSIONS, PRINT_JOB_SUMMARY_FIELDS } from './fields';

const PAGE_SIZE = 100;
const PRINT_JOB_SEARCH = {
	attributeExample: 'printerName',
	sortDefault: 'createdOn',
	ascendingDefault: false,
	withIs: true,
};

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
		...searchFields(PRINT_JOB_SEARCH).map((field) => ({
			...field,
			displayOptions: { show: { wholeQueue: [false] } },
		})),
	],
	async execute(ctx) {
		const limit = readLimit(ctx);
		if (param<boolean>(ctx, 'wholeQueue', false)) {
			const jobs = await ctx.client.request<IDataObject[]>({
				method: 'GET',
				path: '/v1/prints',
				permission: PERMISSIONS.view,
				itemIndex: ctx.itemIndex,
			});
			return limitList(jobs, limit);
		}
		const search = readSearch(ctx, PRINT_JOB_SEARCH);

		return await collectCursorPages<IDataObject>(
			async (cursor, pageSize) => {
				const page = await ctx.client.request<{
					printJobs?: IDataObject[];
					paging?: { nextCursor?: string };
				}>({
					method: 'POST',
					path: '/v2/prints/paginated',
					body: {
						limit: pageSize,
						...(cursor ? { cursor } : {}),
						...search,
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
