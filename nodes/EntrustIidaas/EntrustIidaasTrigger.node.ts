import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { entrustIidaasApiTest } from './framework/client';
import { handleDelivery } from './trigger/delivery';
import { triggerProperties } from './trigger/description';
import { checkExists, create, remove } from './trigger/lifecycle';
import { getEnrollmentDesignIds } from './trigger/methods';

/** No inputs, one main output. */
const MAIN_OUTPUT = [NodeConnectionTypes.Main];

export class EntrustIidaasTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Entrust IIDaaS Trigger',
		name: 'entrustIidaasTrigger',
		icon: {
			light: 'file:../../icons/entrustIidaas.svg',
			dark: 'file:../../icons/entrustIidaas.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow when Entrust IIDaaS sends an event: credential created, printed, user changes...',
		defaults: { name: 'Entrust IIDaaS Trigger' },
		inputs: [],
		outputs: MAIN_OUTPUT,
		credentials: [{ name: 'entrustIidaasApi', required: true, testedBy: 'entrustIidaasApiTest' }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: triggerProperties,
	};

	methods = { loadOptions: { getEnrollmentDesignIds }, credentialTest: { entrustIidaasApiTest } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery.call(this);
	}
}
