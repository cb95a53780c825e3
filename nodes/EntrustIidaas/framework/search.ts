import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { param } from './params';
import type { ItemContext } from './types';
import { fail } from './validation';

/** The service's search operators; the print queue's search (SearchAttribute) also knows IS. */
const OPERATORS = [
	'EQUALS',
	'NOT_EQUALS',
	'CONTAINS',
	'NOT_CONTAINS',
	'STARTS_WITH',
	'ENDS_WITH',
	'GREATER_THAN',
	'GREATER_THAN_OR_EQUAL',
	'LESS_THAN',
	'LESS_THAN_OR_EQUAL',
	'IN',
	'IS',
	'EXISTS',
	'NOT_EXISTS',
];

const ASCENDING: INodeProperties = {
	displayName: 'Ascending',
	name: 'ascending',
	type: 'boolean',
	default: true,
	description: 'Whether to sort in ascending order',
};

export interface SearchSpec {
	/** An attribute the search is likely on, as the placeholder. */
	attributeExample: string;
	sortDefault: string;
	ascendingDefault?: boolean;
	/** Whether the endpoint takes the IS operator. */
	withIs?: boolean;
}

/** Filters and sort of the service's paged searches (`searchByAttributes`, `orderByAttribute`). */
export function searchFields(spec: SearchSpec): INodeProperties[] {
	const { sortDefault, ascendingDefault = true } = spec;
	const operators = spec.withIs ? OPERATORS : OPERATORS.filter((operator) => operator !== 'IS');
	return [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'Filter',
					name: 'filter',
					values: [
						{
							displayName: 'Attribute',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: spec.attributeExample,
							description: 'The attribute to search on',
						},
						{
							displayName: 'Operator',
							name: 'operator',
							type: 'options',
							options: operators.map((value) => ({
								name: value
									.toLowerCase()
									.replace(/_/g, ' ')
									.replace(/^\w/, (c) => c.toUpperCase()),
								value,
							})),
							default: 'EQUALS',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description: 'For In, separate values with commas',
						},
					],
				},
			],
		},
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'collection',
			placeholder: 'Add Sort',
			default: {},
			options: [
				{ ...ASCENDING, default: ascendingDefault },
				{
					displayName: 'Sort By',
					name: 'name',
					type: 'string',
					default: sortDefault,
					description: 'The attribute to sort on',
				},
			],
		},
	];
}

/** The search part of a request body, from `searchFields`. */
export function readSearch(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
	spec: Pick<SearchSpec, 'ascendingDefault'> = {},
): IDataObject {
	const filters = param<{ filter?: IDataObject[] }>(ctx, 'filters', {}).filter ?? [];
	const searchByAttributes = filters.map((filter, index) => {
		const name = String(filter.name ?? '').trim();
		if (name === '') fail(ctx, `Filters → Filter ${index + 1} → Attribute`, 'is required');
		const operator = String(filter.operator ?? 'EQUALS');
		return operator === 'EXISTS' || operator === 'NOT_EXISTS'
			? { name, operator }
			: { name, operator, value: String(filter.value ?? '') };
	});
	const sort = param<IDataObject>(ctx, 'sort', {});
	const ascending =
		typeof sort.ascending === 'boolean' ? sort.ascending : (spec.ascendingDefault ?? true);
	const orderByAttribute =
		typeof sort.name === 'string' && sort.name.trim() !== ''
			? { name: sort.name.trim(), ascending }
			: undefined;
	return {
		...(searchByAttributes.length ? { searchByAttributes } : {}),
		...(orderByAttribute ? { orderByAttribute } : {}),
	};
}
