import type { INodeProperties } from 'n8n-workflow';

import { searchableLocator } from '../../framework/locator';
import { locatorValue, param } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { fail, PATTERNS, requirePattern } from '../../framework/validation';

const TENANT_ID_HINT = 'the tenant’s UUID, such as 9b5ab80c-c27b-4c5e-8f2d-b382925a67c1';
export const WHERE_TO_CHECK_TENANTS = 'Check the tenant list (Tenant → Get Many)';

/** Tenant picker: search the service provider's tenants by company name, or paste an ID. */
export function tenantLocator(description = 'The tenant to use'): INodeProperties {
	return searchableLocator({
		label: 'Tenant',
		name: 'tenantId',
		searchListMethod: 'searchTenants',
		example: '9b5ab80c-c27b-4c5e-8f2d-b382925a67c1',
		description,
	});
}

export function readTenantId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requirePattern(
		ctx,
		'Tenant',
		locatorValue(ctx, 'tenantId'),
		PATTERNS.uuidLike,
		TENANT_ID_HINT,
	);
}

export const createOperationIdField: INodeProperties = {
	displayName: 'Create Operation ID',
	name: 'createOperationId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '9baeff56-6694-4c87-b36b-d327a2521723',
	description:
		'The ID that Tenant → Create output (field ID): it identifies the creation, not the tenant',
};

export function readCreateOperationId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requirePattern(
		ctx,
		'Create Operation ID',
		param(ctx, 'createOperationId'),
		PATTERNS.uuidLike,
		'the UUID that Tenant → Create output in its field id',
	);
}

/** Converts a date field to the ISO 8601 date-time the API wants. */
export function readDateTime(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
	field: string,
	value: unknown,
): string {
	const time =
		typeof value === 'string' || typeof value === 'number' ? Date.parse(String(value)) : Number.NaN;
	if (Number.isNaN(time)) fail(ctx, field, `"${String(value)}" is not a date and time`);
	return new Date(time).toISOString();
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

/** Entitlement types a tenant's entitlement can be read by (the spec's path enum). */
export const entitlementTypeField: INodeProperties = {
	displayName: 'Entitlement Type',
	name: 'entitlementType',
	type: 'options',
	options: [
		{ name: 'Transactions', value: 'TRANSACTIONS' },
		{ name: 'Users', value: 'USERS' },
	],
	default: 'USERS',
};

/** The tenant fields of the Simplified output (Output option; the default when an AI agent runs the node). */
export const TENANT_SUMMARY_FIELDS = [
	'id',
	'companyName',
	'hostname',
	'locked',
	'contractMode',
	'serviceProvider',
];
