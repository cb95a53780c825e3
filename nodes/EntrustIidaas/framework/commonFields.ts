import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { param } from './params';
import type { ItemContext } from './types';
import { requirePositiveInteger } from './validation';

/** Return All / Limit, as in every n8n "Get Many" operation. */
export function returnAllFields(maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The number of results wanted, or undefined for all of them. */
export function readLimit(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): number | undefined {
	if (param<boolean>(ctx, 'returnAll', false)) return undefined;
	return requirePositiveInteger(ctx, 'Limit', param(ctx, 'limit', 50));
}

/** Applies Return All / Limit to an API that always answers with the whole list. */
export function limitList<T>(list: T[] | undefined, limit: number | undefined): T[] {
	const all = Array.isArray(list) ? list : [];
	return limit === undefined ? all : all.slice(0, limit);
}

/** Options for every operation: how requests are sent. */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 32 },
			default: 1,
			description:
				'How many items are sent to IIDaaS at the same time. Output order always follows input order. Operations that send items in bulk ignore it.',
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: 3,
			description:
				'How often a request is retried after a rate limit, or, for reads only, after a server or network error. Prints and creations are never resent once they may have reached IIDaaS.',
		},
		{
			displayName: 'Timeout (Ms)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1000 },
			default: 60000,
			description: 'How long to wait for an answer to one request, in milliseconds',
		},
	],
};

export function emptyResult(extra: IDataObject): IDataObject {
	return { success: true, ...extra };
}
