import type { INodeProperties } from 'n8n-workflow';

import { outputProperties } from './output';
import { allowDestructiveProperties } from './toolGuard';
import type { ResourceDefinition } from './types';

/** Builds the node's properties (resource, operation, fields) from the registry. */
export function buildProperties(
	resources: ResourceDefinition[],
	commonProperties: INodeProperties[] = [],
): INodeProperties[] {
	const defaultResource = resources[0].value;
	const resourceProperty: INodeProperties = {
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: resources.map((resource) => ({
			name: resource.name,
			value: resource.value,
			description: resource.description,
		})),
		default: defaultResource,
	};

	const properties: INodeProperties[] = [resourceProperty];
	for (const resource of resources) {
		const operations = [...resource.operations].sort((a, b) => a.name.localeCompare(b.name));
		const defaultOperation = resource.operations[0].value;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: operations.map((operation) => ({
				name: operation.name,
				value: operation.value,
				action: operation.action,
				description: operation.description,
			})),
			default: defaultOperation,
		});
	}
	for (const resource of resources) {
		for (const operation of resource.operations) {
			if (operation.notice) {
				properties.push({
					displayName: operation.notice,
					name: `${resource.value}${operation.value[0].toUpperCase()}${operation.value.slice(1)}Notice`,
					type: 'notice',
					default: '',
					displayOptions: { show: { resource: [resource.value], operation: [operation.value] } },
				});
			}
			for (const property of [...operation.properties, ...outputProperties(operation)]) {
				const show = {
					...property.displayOptions?.show,
					resource: [resource.value],
					operation: [operation.value],
				};
				properties.push({ ...property, displayOptions: { ...property.displayOptions, show } });
			}
		}
	}
	return [...properties, ...allowDestructiveProperties(resources), ...commonProperties];
}
