import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { entrustIidaasApiTest } from './framework/client';
import { requestOptionsProperty } from './framework/commonFields';
import { buildProperties } from './framework/description';
import { runOperation } from './framework/run';
import { listSearch, loadOptions, resourceMapping } from './methods';
import { resources } from './resources';

/** One main input and one main output. */
const MAIN_CONNECTION = [NodeConnectionTypes.Main];

export class EntrustIidaas implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Entrust IIDaaS',
		name: 'entrustIidaas',
		icon: {
			light: 'file:../../icons/entrustIidaas.svg',
			dark: 'file:../../icons/entrustIidaas.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Issue ID cards with Entrust Instant ID as a Service: printers, printing, enrollments, mobile passes',
		defaults: { name: 'Entrust IIDaaS' },
		usableAsTool: true,
		inputs: MAIN_CONNECTION,
		outputs: MAIN_CONNECTION,
		credentials: [{ name: 'entrustIidaasApi', required: true, testedBy: 'entrustIidaasApiTest' }],
		properties: buildProperties(resources, [requestOptionsProperty]),
	};

	methods = {
		listSearch,
		loadOptions,
		credentialTest: { entrustIidaasApiTest },
		resourceMapping,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runOperation(this, resources);
	}
}
