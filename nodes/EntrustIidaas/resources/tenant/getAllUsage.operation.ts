import { returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { searchFields } from '../../framework/search';
import type { ItemContext } from '../../framework/types';
import { fail } from '../../framework/validation';
import { collectPagedSearch } from './api';

export const getManyTenantUsage = defineOperation({
	value: 'getAllUsage',
	name: 'Get Many Usage',
	action: 'Get many entitlement usage records',
	description:
		'List entitlement usage of the tenants per aggregation period (daily, weekly, monthly), with search',
	properties: [
		{
			displayName: 'Start Time',
			name: 'usageStartTime',
			type: 'dateTime',
			default: '',
			required: true,
			description: 'Usage periods starting at or after this time (UTC). IIDaaS requires it.',
		},
		...returnAllFields(),
		...searchFields({ attributeExample: 'tenantId', sortDefault: 'startTime' }),
	],
	async execute(ctx) {
		const startTime = readStartTime(ctx);
		return await collectPagedSearch(ctx, '/v4/tenants/entitlements/usage', [
			{ name: 'startTime', operator: 'GREATER_THAN_OR_EQUAL', value: startTime },
		]);
	},
});

/** An ISO-8601 date in UTC without zone or milliseconds, the form the spec shows (2018-08-04T18:15:30). */
function readStartTime(ctx: ItemContext): string {
	const raw = param<unknown>(ctx, 'usageStartTime', '');
	const text = raw instanceof Date ? raw.toISOString() : String(raw ?? '').trim();
	if (text === '')
		fail(ctx, 'Start Time', 'is required: IIDaaS answers usage only from a start time on');
	const date = new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) || !/T/.test(text) ? text : `${text}Z`);
	if (isNaN(date.getTime()))
		fail(ctx, 'Start Time', `"${text}" is not a date and time, e.g. 2026-11-01T00:00:00`);
	return date.toISOString().slice(0, 19);
}
