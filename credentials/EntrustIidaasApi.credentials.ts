import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * An Issuance API application of IIDaaS. The node authenticates with it at the start of every
 * execution and keeps the token in memory only, so nothing but these values is stored.
 *
 * No declarative `test` here: n8n runs a credential's own test request in preference to a node's, and a
 * declarative request would follow redirects and go to any http host. Both nodes name their credential test
 * (`testedBy: 'entrustIidaasApiTest'`), which signs in through the node's transport.
 */
export class EntrustIidaasApi implements ICredentialType {
	name = 'entrustIidaasApi';

	displayName = 'Entrust IIDaaS API';

	icon = {
		light: 'file:../icons/entrustIidaas.svg',
		dark: 'file:../icons/entrustIidaas.dark.svg',
	} as const;

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
}
