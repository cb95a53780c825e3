import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { compact, param } from '../../framework/params';
import { requirePositiveInteger } from '../../framework/validation';
import { PERMISSIONS, readTenantId, tenantLocator } from './fields';

export const setTenantIdentityProvider = defineOperation({
	value: 'setIdentityProvider',
	name: 'Set Identity Provider',
	action: 'Set a tenant identity provider',
	description: 'Turn tenant management on or off for a tenant and set its options',
	destructive: true,
	properties: [
		tenantLocator(),
		{
			displayName: 'Enabled',
			name: 'enabled',
			type: 'boolean',
			default: true,
			description:
				'Whether tenant management (the service provider’s sign-in to this tenant) is enabled',
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Create Default Resource Rule',
					name: 'createDefaultResourceRule',
					type: 'boolean',
					default: false,
					description:
						'Whether to create a default resource rule open to all users (only when tenant management was off)',
				},
				{
					displayName: 'Default Max Age',
					name: 'defaultMaxAge',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 3600,
					description: 'The default max age of tenant-management sign-ins',
				},
				{
					displayName: 'Disable SSO for Default Resource Rule',
					name: 'disableSSODefaultResourceRule',
					type: 'boolean',
					default: false,
					description: 'Whether the default resource rule, when created, disables single sign-on',
				},
				{
					displayName: 'Display Consent',
					name: 'displayConsent',
					type: 'boolean',
					default: false,
					description: 'Whether to show a consent page',
				},
				{ displayName: 'Signing Key ID', name: 'signingKeyId', type: 'string', default: '' },
			],
		},
	],
	async execute(ctx) {
		const id = readTenantId(ctx);
		const additional = compact(param<IDataObject>(ctx, 'additionalFields', {}));
		if (additional.defaultMaxAge !== undefined)
			additional.defaultMaxAge = requirePositiveInteger(
				ctx,
				'Default Max Age',
				additional.defaultMaxAge,
			);
		return await ctx.client.request<IDataObject>({
			method: 'PUT',
			path: '/v1/tenants/{id}/spidentityprovider',
			pathParams: { id },
			body: { ...additional, enabled: param<boolean>(ctx, 'enabled', true) === true },
			// Sets the configuration: sending it twice leaves the same result.
			idempotent: true,
			permission: PERMISSIONS.identityProviderEdit,
			itemIndex: ctx.itemIndex,
		});
	},
});
