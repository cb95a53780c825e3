import * as fs from 'fs';
import * as path from 'path';

import { EntrustIidaas } from '../../nodes/EntrustIidaas/EntrustIidaas.node';
import { defineOperation, defineResource } from '../../nodes/EntrustIidaas/framework/define';
import type { OperationDefinition } from '../../nodes/EntrustIidaas/framework/types';
import { resources } from '../../nodes/EntrustIidaas/resources';

const RESOURCES_DIR = path.resolve(__dirname, '../../nodes/EntrustIidaas/resources');

function isOperation(value: unknown): value is OperationDefinition {
	return (
		typeof value === 'object' &&
		value !== null &&
		'value' in value &&
		'action' in value &&
		'properties' in value
	);
}

describe('operation registry', () => {
	it('registers every operation file in its resource', () => {
		const folders = fs
			.readdirSync(RESOURCES_DIR)
			.filter((entry) => fs.statSync(path.join(RESOURCES_DIR, entry)).isDirectory());
		expect(folders.sort()).toEqual(resources.map((resource) => resource.value).sort());
		for (const folder of folders) {
			const resource = resources.find((candidate) => candidate.value === folder)!;
			const files = fs
				.readdirSync(path.join(RESOURCES_DIR, folder))
				.filter((file) => file.endsWith('.operation.ts'));
			expect(files.length).toBeGreaterThan(0);
			for (const file of files) {
				const exported = Object.values(require(path.join(RESOURCES_DIR, folder, file))).filter(
					isOperation,
				);
				expect({ file, count: exported.length }).toEqual({ file, count: 1 });
				expect({ file, registered: resource.operations.includes(exported[0]) }).toEqual({
					file,
					registered: true,
				});
			}
			expect(resource.operations).toHaveLength(files.length);
		}
	});

	it('keeps operation files out of the way of other files: only the resource index imports them, and fields.ts sends nothing', () => {
		const folders = fs
			.readdirSync(RESOURCES_DIR)
			.filter((entry) => fs.statSync(path.join(RESOURCES_DIR, entry)).isDirectory());
		for (const folder of folders) {
			for (const file of fs
				.readdirSync(path.join(RESOURCES_DIR, folder))
				.filter((name) => name.endsWith('.ts'))) {
				const source = fs.readFileSync(path.join(RESOURCES_DIR, folder, file), 'utf8');
				const importsOperation = /from '[^']*\.operation'/.test(source);
				expect({ file: `${folder}/${file}`, importsOperation }).toEqual({
					file: `${folder}/${file}`,
					importsOperation: file === 'index.ts',
				});
				if (file === 'fields.ts')
					expect({
						file: `${folder}/${file}`,
						sends: /\.request(Binary)?\s*[<(]/.test(source),
					}).toEqual({ file: `${folder}/${file}`, sends: false });
			}
		}
	});

	it('rejects two operations with the same value in one resource', () => {
		const op = (value: string) =>
			defineOperation({
				value,
				name: value,
				action: value,
				description: value,
				properties: [],
				execute: async () => ({}),
			});
		expect(() =>
			defineResource({ value: 'x', name: 'X', operations: [op('get'), op('get')] }),
		).toThrow(/two operations with the value "get"/);
	});

	it('requires exactly one of execute and executeBatch', () => {
		expect(() =>
			defineOperation({ value: 'a', name: 'A', action: 'a', description: 'a', properties: [] }),
		).toThrow(/exactly one/);
	});

	it('has unique resource values and camelCase values throughout', () => {
		const values = resources.map((resource) => resource.value);
		expect(new Set(values).size).toBe(values.length);
		for (const resource of resources) {
			expect(resource.value).toMatch(/^[a-z][a-zA-Z0-9]*$/);
			for (const operation of resource.operations)
				expect(operation.value).toMatch(/^[a-z][a-zA-Z0-9]*$/);
		}
	});

	it('builds the node description from the registry with display rules', () => {
		const { properties } = new EntrustIidaas().description;
		const resourceProperty = properties.find((property) => property.name === 'resource')!;
		expect(resourceProperty.options?.map((option) => (option as { value: string }).value)).toEqual(
			values(resources),
		);
		for (const resource of resources) {
			const operationProperty = properties.find(
				(property) =>
					property.name === 'operation' &&
					property.displayOptions?.show?.resource?.[0] === resource.value,
			)!;
			expect(operationProperty.options).toHaveLength(resource.operations.length);
			for (const operation of resource.operations) {
				for (const field of operation.properties) {
					const built = properties.find(
						(property) =>
							property.name === field.name &&
							property.displayOptions?.show?.operation?.includes(operation.value) &&
							property.displayOptions?.show?.resource?.includes(resource.value),
					);
					expect({
						field: `${resource.value}.${operation.value}.${field.name}`,
						found: built !== undefined,
					}).toEqual({ field: `${resource.value}.${operation.value}.${field.name}`, found: true });
				}
			}
		}
	});

	it('gives every operation an action text for the nodes panel and AI agents', () => {
		for (const resource of resources) {
			for (const operation of resource.operations) {
				expect(operation.action.length).toBeGreaterThan(5);
				expect(operation.description.length).toBeGreaterThan(10);
			}
		}
		expect(new EntrustIidaas().description.usableAsTool).toBe(true);
	});
});

function values(list: Array<{ value: string }>) {
	return list.map((entry) => entry.value);
}
