import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { compact, mergeDeep, param } from '../../framework/params';
import {
	fail,
	parseJsonObject,
	requirePattern,
	requirePositiveInteger,
	requireText,
} from '../../framework/validation';
import {
	readWaitSettings,
	UNSUCCESSFUL_STATES,
	waitForCompletionFields,
	waitForJob,
} from '../../framework/wait';
import { readCreateResult, readCreateStatus } from './api';
import { PERMISSIONS, WHERE_TO_CHECK_TENANTS } from './fields';
import { issuanceTenantFields, readIssuanceTenant } from './issuanceFields';

const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const TWO_LETTERS = /^[A-Za-z]{2}$/;

export const createTenant = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create a tenant',
	description:
		'Start creating a tenant with its first administrator and entitlement; optionally wait until it exists',
	destructive: true,
	properties: [
		{
			displayName: 'Company Name',
			name: 'companyName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'Acme Inc.',
		},
		{
			displayName: 'Domain',
			name: 'domain',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'acme',
			description: 'The domain of the new account; it becomes part of its hostname',
		},
		{
			displayName: 'Admin User ID',
			name: 'adminUserId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'jsmith',
			description: 'The user ID of the tenant’s first administrator',
		},
		{
			displayName: 'Admin Email',
			name: 'adminEmail',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: 'The email address of the first administrator (the account may require it)',
		},
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
		{
			displayName: 'Entitlement Quantity',
			name: 'quantity',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50000000 },
			default: 100,
			description: 'How many user entitlements the tenant gets from the service provider’s own',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Admin First Name', name: 'firstName', type: 'string', default: '' },
				{ displayName: 'Admin Last Name', name: 'lastName', type: 'string', default: '' },
				{
					displayName: 'Admin Mobile',
					name: 'mobile',
					type: 'string',
					default: '',
					placeholder: '+16138691234',
				},
				{
					displayName: 'Authentication Account',
					name: 'authenticationAccount',
					type: 'boolean',
					default: false,
					description:
						'Whether the tenant is an authentication service (for children of the root service provider)',
				},
				{
					displayName: 'Company Country',
					name: 'companyCountry',
					type: 'string',
					default: '',
					placeholder: 'CA',
					description: 'Two-letter ISO 3166-1 country code',
				},
				{
					displayName: 'Company State',
					name: 'companyState',
					type: 'string',
					default: '',
					placeholder: 'ON',
					description: 'Two-letter province or state code',
				},
				{
					displayName: 'Deliver Welcome Email',
					name: 'deliverWelcomeEmail',
					type: 'boolean',
					default: false,
					description: 'Whether to email the first administrator a welcome message',
				},
				{
					displayName: 'Issuance Account',
					name: 'issuanceAccount',
					type: 'boolean',
					default: false,
					description:
						'Whether the tenant is an issuance service (for children of the root service provider)',
				},
				{
					displayName: 'Service Provider',
					name: 'serviceProvider',
					type: 'boolean',
					default: false,
					description: 'Whether the tenant is itself a service provider',
				},
			],
		},
		...issuanceTenantFields,
		{
			displayName: 'Additional Parameters (JSON)',
			name: 'additionalJson',
			type: 'json',
			default: '{}',
			description:
				'More of the CreateTenantParms body, merged in: e.g. {"entitlements": {"smsVoice": {...}}, "tenant": {...}}. Fields set above win.',
		},
		...waitForCompletionFields('tenant creation'),
	],
	async execute(ctx) {
		const additional = param<IDataObject>(ctx, 'additionalFields', {});
		const extra = parseJsonObject(
			ctx,
			'Additional Parameters (JSON)',
			param(ctx, 'additionalJson', '{}'),
		);
		const issuanceTenant = readIssuanceTenant(ctx);
		const companyCountry = additional.companyCountry
			? requirePattern(
					ctx,
					'Company Country',
					additional.companyCountry,
					TWO_LETTERS,
					'a two-letter country code such as CA',
				)
			: undefined;
		const companyState = additional.companyState
			? requirePattern(
					ctx,
					'Company State',
					additional.companyState,
					TWO_LETTERS,
					'a two-letter code such as ON',
				)
			: undefined;
		const fields: IDataObject = {
			tenant: compact({
				companyName: requireText(ctx, 'Company Name', param(ctx, 'companyName')),
				domain: requirePattern(
					ctx,
					'Domain',
					param(ctx, 'domain'),
					DOMAIN,
					'letters, digits, dashes and dots, such as acme',
				),
				companyCountry: companyCountry?.toUpperCase(),
				companyState: companyState?.toUpperCase(),
				authenticationAccount: additional.authenticationAccount,
				issuanceAccount: additional.issuanceAccount,
				serviceProvider: additional.serviceProvider,
			}),
			adminUser: compact({
				userId: requireText(ctx, 'Admin User ID', param(ctx, 'adminUserId')),
				email: String(param(ctx, 'adminEmail', '')).trim(),
				firstName: additional.firstName,
				lastName: additional.lastName,
				mobile: additional.mobile,
			}),
			entitlements: {
				contractMode: param<string>(ctx, 'contractMode', 'TRIAL'),
				quantity: requirePositiveInteger(
					ctx,
					'Entitlement Quantity',
					param(ctx, 'quantity', 100),
					50_000_000,
				),
				...issuanceTenant.entitlements,
			},
			...(issuanceTenant.adminApiApplication
				? { adminApiApplication: issuanceTenant.adminApiApplication }
				: {}),
			...(additional.deliverWelcomeEmail !== undefined
				? { deliverWelcomeEmail: additional.deliverWelcomeEmail }
				: {}),
		};
		for (const key of ['tenant', 'adminUser', 'entitlements', 'adminApiApplication']) {
			const value = extra[key];
			if (
				value !== undefined &&
				(value === null || typeof value !== 'object' || Array.isArray(value))
			) {
				fail(ctx, 'Additional Parameters (JSON)', `"${key}" must be an object`);
			}
		}
		const body = mergeDeep(extra, fields);
		const wait = readWaitSettings(ctx);

		const started = await ctx.client.request<IDataObject>({
			method: 'POST',
			path: '/v5/async/tenants',
			body,
			permission: PERMISSIONS.add,
			whereToCheck: `${WHERE_TO_CHECK_TENANTS} for the domain ${String((body.tenant as IDataObject).domain)}`,
			itemIndex: ctx.itemIndex,
		});
		const createOperationId = typeof started?.id === 'string' ? started.id : undefined;
		if (!wait.enabled || !createOperationId) return started ?? {};

		const state = await waitForJob(ctx.fn, wait, {
			kind: 'tenant creation',
			id: createOperationId,
			itemIndex: ctx.itemIndex,
			read: async () => await readCreateStatus(ctx, createOperationId),
			checkWith: 'Tenant → Get Create Status',
		});
		// Output as asked: a creation that did not succeed has no result to read.
		if (UNSUCCESSFUL_STATES.includes(String(state.state))) return state;
		const result = await readCreateResult(ctx, createOperationId);
		return { ...state, ...result };
	},
});
