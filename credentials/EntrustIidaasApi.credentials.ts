import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * An Issuance API application of IIDaaS. The node authenticates with it at the start of every
 * execution and keeps the token in memory only, so nothing but these three values is stored.
 */
export class EntrustIidaasApi implements ICredentialType {
	name = 'entrustIidaasApi';

	displayName = 'Entrust IIDaaS API';

	icon = { light: 'file:../icons/entrustIidaas.svg', dark: 'file:../icons/entrustIidaas.dark.svg' } as const;

	documentationUrl = 'https://github.com/entrust-iidaas/n8n-nodes-entrust-iidaas#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Account URL',
			name: 'accountUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'customer.region.trustedauth.com',
			description:
				'The hostname shown as Hostname on the application’s Complete tab in the IIDaaS portal (with or without https://)',
		},
		{
			displayName: 'Application ID',
			name: 'applicationId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
			description: 'The Application ID of the Issuance API application',
		},
		{
			displayName: 'Shared Secret',
			name: 'sharedSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The Shared Secret of the Issuance API application',
		},
		{
			displayName: 'Enable Web Session',
			name: 'enableWebSession',
			type: 'boolean',
			default: false,
			description:
				'Whether to ask IIDaaS for a web session cookie (INTELLITRUST_SESSION_ID) and send it with every call, for accounts that require it',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.accountUrl.trim().replace(/\\/+$/, "").replace(/^(?!https?:\\/\\/)/i, "https://") }}',
			url: '/api/web/v1/adminapi/authenticate',
			method: 'POST',
			body: {
				applicationId: '={{ $credentials.applicationId.trim() }}',
				sharedSecret: '={{ $credentials.sharedSecret }}',
			},
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message: 'The Application ID or Shared Secret is malformed: copy both again from the application’s Complete tab',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'Wrong Shared Secret: IIDaaS denied access for this Application ID. Copy the secret again or regenerate it.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'The application may not authenticate: it is disabled or blocked by an IP restriction',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'Wrong Application ID: no Issuance API application with this ID exists at this Account URL',
				},
			},
		],
	};
}
