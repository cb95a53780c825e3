import type { IDataObject } from 'n8n-workflow';

import { emptyResult } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { compact, mergeDeep, param } from '../../framework/params';
import { fail, parseJsonObject, requirePositiveInteger } from '../../framework/validation';
import {
	entitlementTypeField,
	PERMISSIONS,
	readDateTime,
	readTenantId,
	tenantLocator,
} from './fields';

export const setTenantEntitlement = defineOperation({
	value: 'setEntitlement',
	name: 'Set Entitlement',
	action: 'Set a tenant entitlement',
	description:
		'Create or change a tenant’s entitlement: quantity, dates, contract mode, and issuance or SMS/voice parts',
	destructive: true,
	properties: [
		tenantLocator(),
		entitlementTypeField,
		{
			displayName: 'Entitlement Fields',
			name: 'entitlementFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Contract Mode',
					name: 'contractMode',
					type: 'options',
					options: [
						{ name: 'Production', value: 'PRODUCTION' },
						{ name: 'Trial', value: 'TRIAL' },
					],
					default: 'TRIAL',
				},
				{ displayName: 'Contract Number', name: 'contractNumber', type: 'string', default: '' },
				{ displayName: 'Customer ID', name: 'customerId', type: 'string', default: '' },
				{
					displayName: 'End Date',
					name: 'endDate',
					type: 'dateTime',
					default: '',
					description: 'When the entitlement ends; after the start date',
				},
				{ displayName: 'Entitlement ID', name: 'entitlementId', type: 'string', default: '' },
				{
					displayName: 'Quantity',
					name: 'quantity',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 50000000 },
					default: 100,
					description: 'How many entitlements the tenant gets; needed when the entitlement is new',
				},
				{
					displayName: 'Smart Login Enabled',
					name: 'smartLoginEnabled',
					type: 'boolean',
					default: false,
					description: 'Whether Smart Card Smart Login is enabled',
				},
				{
					displayName: 'Start Date',
					name: 'startDate',
					type: 'dateTime',
					default: '',
					description: 'When the entitlement starts; not in the future',
				},
				{
					displayName: 'Status',
					name: 'status',
					type: 'options',
					options: [
						{ name: 'Active', value: 'ACTIVE' },
						{ name: 'Inactive', value: 'INACTIVE' },
						{ name: 'Terminated', value: 'TERMINATED' },
					],
					default: 'ACTIVE',
				},
				{
					displayName: 'Subscription Line ID',
					name: 'subscriptionLineId',
					type: 'string',
					default: '',
				},
				{
					displayName: 'Users Billing Type',
					name: 'usersBillingType',
					type: 'options',
					options: [
						{ name: 'Pay Per Use', value: 'PAY_PER_USE' },
						{ name: 'Pre-Paid', value: 'PRE_PAID' },
					],
					default: 'PRE_PAID',
				},
			],
		},
		{
			displayName: 'Additional Parameters (JSON)',
			name: 'additionalJson',
			type: 'json',
			default: '{}',
			description:
				'More of the EntitlementParms body, merged in: e.g. {"smsVoice": {"quantity": 1000}, "issuance": {"quantity": 25, "serviceBundles": [{"bundleType": "STANDARD"}]}}. Fields set above win.',
		},
	],
	async execute(ctx) {
		const tenantId = readTenantId(ctx);
		const type = param<string>(ctx, 'entitlementType', 'USERS');
		const fields = compact(param<IDataObject>(ctx, 'entitlementFields', {}));
		if (fields.quantity !== undefined)
			fields.quantity = requirePositiveInteger(ctx, 'Quantity', fields.quantity, 50_000_000);
		if (fields.startDate !== undefined)
			fields.startDate = readDateTime(ctx, 'Start Date', fields.startDate);
		if (fields.endDate !== undefined)
			fields.endDate = readDateTime(ctx, 'End Date', fields.endDate);
		if (
			fields.startDate &&
			fields.endDate &&
			Date.parse(String(fields.endDate)) <= Date.parse(String(fields.startDate))
		) {
			fail(ctx, 'End Date', 'must be after the start date');
		}
		const extra = parseJsonObject(
			ctx,
			'Additional Parameters (JSON)',
			param(ctx, 'additionalJson', '{}'),
		);
		const body = mergeDeep(extra, { ...fields, type });
		if (Object.keys(body).length === 1)
			fail(ctx, 'Entitlement Fields', 'add at least one field to set');
		await ctx.client.request({
			method: 'PUT',
			path: '/v4/tenants/{tenantid}/entitlements',
			pathParams: { tenantid: tenantId },
			body,
			// Sets the given values: sending it twice leaves the same entitlement.
			idempotent: true,
			permission: PERMISSIONS.entitlementsEdit,
			itemIndex: ctx.itemIndex,
		});
		return emptyResult({ tenantId, entitlementType: type, values: body });
	},
});
