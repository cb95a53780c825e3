import type { OperationDefinition, ResourceDefinition } from './types';

export function defineOperation(operation: OperationDefinition): OperationDefinition {
	if (!operation.execute === !operation.executeBatch) {
		throw new Error(
			`Operation "${operation.value}" must define exactly one of execute and executeBatch`,
		);
	}
	return operation;
}

export function defineResource(resource: ResourceDefinition): ResourceDefinition {
	const seen = new Set<string>();
	for (const operation of resource.operations) {
		if (seen.has(operation.value)) {
			throw new Error(
				`Resource "${resource.value}" has two operations with the value "${operation.value}"`,
			);
		}
		seen.add(operation.value);
	}
	return resource;
}

export function findOperation(
	resources: ResourceDefinition[],
	resource: string,
	operation: string,
): OperationDefinition | undefined {
	return resources
		.find((candidate) => candidate.value === resource)
		?.operations.find((candidate) => candidate.value === operation);
}
