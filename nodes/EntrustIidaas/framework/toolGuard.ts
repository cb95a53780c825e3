import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { OperationDefinition, ResourceDefinition } from './types';

export const ALLOW_DESTRUCTIVE_PARAMETER = 'allowDestructiveToolUse';
const ALLOW_DESTRUCTIVE_LABEL = 'Allow Destructive Operations as Tool';

/**
 * n8n registers a `usableAsTool` node a second time as `<name>Tool` (e.g. `entrustIidaasTool`) and an AI agent
 * runs that type, whether it calls the tool itself or asks the engine to run it. The type is the one signal both
 * paths share (n8n's own Airtop node and its `@tool` display rule read it the same way).
 */
export function runsAsTool(fn: Pick<IExecuteFunctions, 'getNode'>): boolean {
	const type = fn.getNode().type;
	return type.slice(type.lastIndexOf('.') + 1).endsWith('Tool');
}

/**
 * The node option that lets a tool run the destructive operations of one resource: shown only on the tool variant
 * (`@tool`) and only for those operations. Not fillable by the model (noDataExpression): the author decides.
 */
export function allowDestructiveProperties(resources: ResourceDefinition[]): INodeProperties[] {
	return resources.flatMap((resource) => {
		const operations = resource.operations
			.filter((operation) => operation.destructive)
			.map((operation) => operation.value);
		if (operations.length === 0) return [];
		return [
			{
				displayName: ALLOW_DESTRUCTIVE_LABEL,
				name: ALLOW_DESTRUCTIVE_PARAMETER,
				type: 'boolean' as const,
				noDataExpression: true,
				default: false,
				description:
					'Whether the AI agent may run this operation. It deletes or cancels data or changes the account, so as a tool it is refused unless this is on.',
				displayOptions: {
					show: { '@tool': [true], resource: [resource.value], operation: operations },
				},
			},
		];
	});
}

/**
 * Refuses a destructive operation run by an AI agent unless the node allows it. Thrown before anything is sent
 * (not even the authentication); the message is what the model reads, so it says why and what to do instead.
 */
export function refuseDestructiveToolUse(
	fn: IExecuteFunctions,
	operation: OperationDefinition,
): void {
	if (!operation.destructive || !runsAsTool(fn)) return;
	if (fn.getNodeParameter(ALLOW_DESTRUCTIVE_PARAMETER, 0, false) === true) return;
	const node = fn.getNode();
	throw new NodeOperationError(
		node,
		`Refused: "${operation.action}" deletes or cancels data or changes the Entrust IIDaaS account, and this tool may not do that. Nothing was sent to IIDaaS. Tell the user a person must do it, or the workflow author can turn on "${ALLOW_DESTRUCTIVE_LABEL}" on the node "${node.name}".`,
		{
			description: 'Destructive and account-changing operations are off for AI agents by default.',
		},
	);
}
