import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { searchableLocator } from '../../framework/locator';
import { locatorValue, param } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { fail, PATTERNS, requirePattern } from '../../framework/validation';

export const TENANT_ID_HINT = 'the tenant’s UUID, such as 9b5ab80c-c27b-4c5e-8f2d-b382925a67c1';
export const WHERE_TO_CHECK_TENANTS = 'Check the tenant list (Tenant → Get Many)';
/** States of CreateTenantAsyncStatus after which nothing changes any more. */
export const FINAL_CREATE_STATES = ['COMPLETED', 'FAILED', 'CANCELLED'];
export const UNSUCCESSFUL_CREATE_STATES = ['FAILED', 'CANCELLED'];

/** Tenant picker: search the service provider's tenants by company name, or paste an ID. */
export function tenantLocator(description = 'The tenant to use'): INodeProperties {
	return searchableLocator({ label: 'Tenant', name: 'tenantId', searchListMethod: 'searchTenants', example: '9b5ab80c-c27b-4c5e-8f2d-b382925a67c1', description });
}

export function readTenantId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requirePattern(ctx, 'Tenant', locatorValue(ctx, 'tenantId'), PATTERNS.uuidLike, TENANT_ID_HINT);
}

export const createOperationIdField: INodeProperties = {
	displayName: 'Create Operation ID',
	name: 'createOperationId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '9baeff56-6694-4c87-b36b-d327a2521723',
	description: 'The ID that Tenant → Create output (field ID): it identifies the creation, not the tenant',
};

export function readCreateOperationId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requirePattern(ctx, 'Create Operation ID', param(ctx, 'createOperationId'), PATTERNS.uuidLike, 'the UUID that Tenant → Create output in its field id');
}

/** Converts a date field to the ISO 8601 date-time the API wants. */
export function readDateTime(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>, field: string, value: unknown): string {
	const time = typeof value === 'string' || typeof value === 'number' ? Date.parse(String(value)) : Number.NaN;
	if (Number.isNaN(time)) fail(ctx, field, `"${String(value)}" is not a date and time`);
	return new Date(time).toISOString();
}

const OPERATORS = ['EQUALS', 'NOT_EQUALS', 'CONTAINS', 'NOT_CONTAINS', 'STARTS_WITH', 'ENDS_WITH', 'GREATER_THAN', 'GREATER_THAN_OR_EQUAL', 'LESS_THAN', 'LESS_THAN_OR_EQUAL', 'IN', 'EXISTS', 'NOT_EXISTS'];

/** Filters and sort of a SearchParms body (tenant and usage pages). */
export function searchProperties(attributeExample: string, sortDefault: string): INodeProperties[] {
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
						{ displayName: 'Attribute', name: 'name', type: 'string', default: '', placeholder: attributeExample, description: 'The attribute to search on' },
						{
							displayName: 'Operator',
							name: 'operator',
							type: 'options',
							options: OPERATORS.map((value) => ({ name: value.toLowerCase().replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase()), value })),
							default: 'EQUALS',
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'For In, separate values with commas' },
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
				{ displayName: 'Ascending', name: 'ascending', type: 'boolean', default: true, description: 'Whether to sort in ascending order' },
				{ displayName: 'Sort By', name: 'name', type: 'string', default: sortDefault, description: 'The attribute to sort on' },
			],
		},
	];
}

/** The search part of a SearchParms body; sent with the first page only (the cursor carries it on). */
export function readSearch(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): IDataObject {
	const filters = param<{ filter?: IDataObject[] }>(ctx, 'filters', {}).filter ?? [];
	const searchByAttributes = filters.map((filter, index) => {
		const name = String(filter.name ?? '').trim();
		if (name === '') fail(ctx, `Filters → Filter ${index + 1} → Attribute`, 'is required');
		const operator = String(filter.operator ?? 'EQUALS');
		return operator === 'EXISTS' || operator === 'NOT_EXISTS' ? { name, operator } : { name, operator, value: String(filter.value ?? '') };
	});
	const sort = param<IDataObject>(ctx, 'sort', {});
	const orderByAttribute = typeof sort.name === 'string' && sort.name.trim() !== '' ? { name: sort.name.trim(), ascending: sort.ascending !== false } : undefined;
	return {
		...(searchByAttributes.length ? { searchByAttributes } : {}),
		...(orderByAttribute ? { orderByAttribute } : {}),
	};
}

/** Deep merge for JSON given next to UI fields: `override` wins on the same key. */
export function mergeDeep(base: IDataObject, override: IDataObject): IDataObject {
	const result: IDataObject = { ...base };
	for (const [key, value] of Object.entries(override)) {
		const existing = result[key];
		const bothObjects = [existing, value].every((entry) => entry !== null && typeof entry === 'object' && !Array.isArray(entry));
		result[key] = bothObjects ? mergeDeep(existing as IDataObject, value as IDataObject) : value;
	}
	return result;
}

export const PERMISSIONS = {
	view: 'TENANTS:VIEW',
	add: 'TENANTS:ADD',
	edit: 'TENANTS:EDIT',
	remove: 'TENANTS:REMOVE',
	entitlementsView: 'SPENTITLEMENTS:VIEW',
	entitlementsEdit: 'SPENTITLEMENTS:EDIT',
	entitlementsRemove: 'SPENTITLEMENTS:REMOVE',
	identityProviderView: 'SPIDENTITYPROVIDERS:VIEW',
	identityProviderEdit: 'SPIDENTITYPROVIDERS:EDIT',
};

/** The tenant fields of the Simplified output (Output option; the default when an AI agent runs the node). */
export const TENANT_SUMMARY_FIELDS = ['id', 'companyName', 'hostname', 'locked', 'contractMode', 'serviceProvider'];
