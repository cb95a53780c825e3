import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { compact, param } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { fail, PATTERNS, requirePattern } from '../../framework/validation';

/** The spec's ServiceBundle types. */
const BUNDLES = [
	'ADVANCED',
	'API',
	'CONSUMER',
	'ENTERPRISE',
	'ESSENTIALS',
	'PLUS',
	'PREMIUM',
	'PROFESSIONAL',
	'STANDARD',
];
/** The trial sizes the spec allows for print jobs and pass claims. */
const TRIAL_SIZES = [
	{ name: '25', value: 25 },
	{ name: '100', value: 100 },
];

/** An issuance tenant as fields: its issuance and flash-pass entitlements and the admin API application it starts with. */
export const issuanceTenantFields: INodeProperties[] = [
	{
		displayName: 'Issuance Entitlement',
		name: 'issuanceEntitlement',
		type: 'collection',
		placeholder: 'Add Issuance Entitlement Field',
		default: {},
		description:
			'Card issuance for the new tenant (entitlements.issuance and entitlements.flashPass)',
		options: [
			{
				displayName: 'Mobile Flash Pass Claims',
				name: 'flashPassQuantity',
				type: 'options',
				options: TRIAL_SIZES,
				default: 25,
				description: 'Pass claims allowed during the trial',
			},
			{
				displayName: 'Print Jobs',
				name: 'quantity',
				type: 'options',
				options: TRIAL_SIZES,
				default: 25,
				description: 'Print jobs allowed during the trial',
			},
			{
				displayName: 'Service Bundles',
				name: 'serviceBundles',
				type: 'multiOptions',
				options: BUNDLES.map((value) => ({
					name: value.charAt(0) + value.slice(1).toLowerCase(),
					value,
				})),
				default: ['STANDARD'],
				description: 'The capabilities of the tenant; at least one',
			},
			{
				displayName: 'Trial End',
				name: 'endDate',
				type: 'dateTime',
				default: '',
				description: 'At most 30 days after the start',
			},
		],
	},
	{
		displayName: 'Admin API Application',
		name: 'adminApiApplication',
		type: 'collection',
		placeholder: 'Add Application Field',
		default: {},
		description:
			'An API application created with the tenant, so automation can manage it from the start',
		options: [
			{
				displayName: 'Allow Long-Lived Token',
				name: 'allowLongLivedToken',
				type: 'boolean',
				default: false,
				description: 'Whether the application may use a long-lived token',
			},
			{ displayName: 'Description', name: 'description', type: 'string', default: '' },
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'Provisioning',
			},
			{
				displayName: 'Role ID',
				name: 'roleId',
				type: 'string',
				default: '',
				description:
					'The UUID of the tenant role the application gets (or give a Service Provider Role ID)',
			},
			{
				displayName: 'Service Provider Role ID',
				name: 'spRoleId',
				type: 'string',
				default: '',
				description: 'The UUID of the service provider role the application gets',
			},
		],
	},
];

function isoDate(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
	field: string,
	value: unknown,
): string | undefined {
	const text = String(value ?? '').trim();
	if (text === '') return undefined;
	const date = new Date(text);
	if (isNaN(date.getTime())) fail(ctx, field, `"${text}" is not a date`);
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The `entitlements` additions and the `adminApiApplication` of a CreateTenantParms body, from the fields above. */
export function readIssuanceTenant(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): {
	entitlements: IDataObject;
	adminApiApplication?: IDataObject;
} {
	const issuance = param<IDataObject>(ctx, 'issuanceEntitlement', {});
	const entitlements: IDataObject = {};
	if (Object.keys(issuance).length > 0) {
		const bundles = (issuance.serviceBundles as string[] | undefined) ?? ['STANDARD'];
		if (bundles.length === 0)
			fail(ctx, 'Issuance Entitlement → Service Bundles', 'choose at least one bundle');
		entitlements.issuance = compact({
			quantity: Number(issuance.quantity ?? 25),
			serviceBundles: bundles.map((bundleType) => ({ bundleType })),
			endDate: isoDate(ctx, 'Issuance Entitlement → Trial End', issuance.endDate),
		});
		if (issuance.flashPassQuantity !== undefined)
			entitlements.flashPass = { quantity: Number(issuance.flashPassQuantity) };
	}
	const application = param<IDataObject>(ctx, 'adminApiApplication', {});
	if (Object.keys(application).length === 0) return { entitlements };
	const field = (name: string) => `Admin API Application → ${name}`;
	const name = String(application.name ?? '').trim();
	if (name === '')
		fail(ctx, field('Name'), 'is required when the tenant gets an admin API application');
	const roleId = application.roleId
		? requirePattern(ctx, field('Role ID'), application.roleId, PATTERNS.uuidLike, 'a role UUID')
		: undefined;
	const spRoleId = application.spRoleId
		? requirePattern(
				ctx,
				field('Service Provider Role ID'),
				application.spRoleId,
				PATTERNS.uuidLike,
				'a role UUID',
			)
		: undefined;
	if (!roleId && !spRoleId)
		fail(
			ctx,
			field('Role ID'),
			'give a Role ID or a Service Provider Role ID: the application needs a role',
		);
	return {
		entitlements,
		adminApiApplication: compact({
			name,
			description: application.description,
			roleId,
			spRoleId,
			allowLongLivedToken: application.allowLongLivedToken,
		}),
	};
}
