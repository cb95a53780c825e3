import type { INodeProperties } from 'n8n-workflow';

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
