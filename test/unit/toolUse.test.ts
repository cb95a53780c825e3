import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { EntrustIidaas } from '../../nodes/EntrustIidaas/EntrustIidaas.node';
import {
	ALLOW_DESTRUCTIVE_PARAMETER,
	runsAsTool,
} from '../../nodes/EntrustIidaas/framework/toolGuard';
import { resources } from '../../nodes/EntrustIidaas/resources';
import { createExecuteFunctions } from '../../tools/harness';

/** The type n8n gives the tool variant of a `usableAsTool` node (convertNodeToAiTool appends "Tool"). */
const TOOL_TYPE = 'n8n-nodes-entrust-iidaas.entrustIidaasTool';

const DESTRUCTIVE = [
	'application.create',
	'application.delete',
	'application.regenerateSecret',
	'application.update',
	'bulkPrint.cancel',
	'enrollment.delete',
	'mobileFlashPass.cancel',
	'printJob.cancel',
	'printJob.delete',
	'printer.cancelAllJobs',
	'printer.delete',
	'printer.deleteLost',
	'role.assignToUser',
	'role.removeFromUser',
	'tenant.create',
	'tenant.delete',
	'tenant.deleteEntitlement',
	'tenant.lock',
	'tenant.setEntitlement',
	'tenant.setIdentityProvider',
	'tenant.unlock',
	'webhook.create',
	'webhook.delete',
	'webhook.update',
];

/** Nothing listens here: a refused operation must not even try to sign in. */
const CREDENTIALS = {
	accountUrl: 'http://127.0.0.1:9',
	applicationId: '00000000-0000-4000-8000-000000000000',
	sharedSecret: 'not-used',
};
const { properties } = new EntrustIidaas().description;

function shownFor(property: INodeProperties, resource: string, operation: string): boolean {
	const show = property.displayOptions?.show;
	return Boolean(show?.resource?.includes(resource) && show?.operation?.includes(operation));
}

describe('the node as an AI agent tool', () => {
	it('knows it runs as a tool from its node type, as n8n registers the tool variant', () => {
		const withType = (type: string) =>
			({ getNode: () => ({ type }) }) as unknown as IExecuteFunctions;
		expect(runsAsTool(withType(TOOL_TYPE))).toBe(true);
		expect(runsAsTool(withType('CUSTOM.entrustIidaasTool'))).toBe(true);
		expect(runsAsTool(withType('n8n-nodes-entrust-iidaas.entrustIidaas'))).toBe(false);
		expect(runsAsTool(withType('n8n-nodes-entrust-iidaas.entrustIidaasTrigger'))).toBe(false);
		// Only the node's own name counts, not the package prefix.
		expect(runsAsTool(withType('acmeTool.entrustIidaas'))).toBe(false);
	});

	it('marks exactly the operations that delete, cancel or change the account as destructive', () => {
		const marked = resources.flatMap((resource) =>
			resource.operations
				.filter((op) => op.destructive)
				.map((op) => `${resource.value}.${op.value}`),
		);
		expect(marked.sort()).toEqual(DESTRUCTIVE);
	});

	it('offers "Allow Destructive Operations as Tool" on the tool variant of every destructive operation, not fillable by the model', () => {
		const allow = properties.filter((property) => property.name === ALLOW_DESTRUCTIVE_PARAMETER);
		for (const resource of resources) {
			for (const operation of resource.operations) {
				const offered = allow.filter((property) =>
					shownFor(property, resource.value, operation.value),
				);
				expect({ op: `${resource.value}.${operation.value}`, offered: offered.length }).toEqual({
					op: `${resource.value}.${operation.value}`,
					offered: operation.destructive ? 1 : 0,
				});
			}
		}
		for (const property of allow) {
			expect(property).toMatchObject({ type: 'boolean', default: false, noDataExpression: true });
			expect(property.displayOptions?.show?.['@tool']).toEqual([true]);
		}
	});

	// The enrollment field-mapping mode decides which fields exist at all (mapper, JSON, pairs): the author's choice.
	it('lets the model fill every field: only resource, operation, the field-mapping mode and the allow switch refuse expressions', () => {
		const locked = new Set(
			properties.filter((property) => property.noDataExpression).map((property) => property.name),
		);
		expect([...locked].sort()).toEqual([
			ALLOW_DESTRUCTIVE_PARAMETER,
			'fieldMapping',
			'operation',
			'resource',
		]);
	});

	it('gives operations with large responses an Output option: Simplified for a tool, Raw in workflows', () => {
		for (const resource of resources) {
			for (const operation of resource.operations.filter((op) => op.simplifiedOutput)) {
				expect(operation.simplifiedOutput!.length).toBeLessThanOrEqual(10);
				const outputs = properties.filter(
					(property) =>
						property.name === 'output' && shownFor(property, resource.value, operation.value),
				);
				expect(
					outputs.map((property) => [property.displayOptions?.show?.['@tool'], property.default]),
				).toEqual([
					[[false], 'raw'],
					[[true], 'simplified'],
				]);
				expect(
					properties.some(
						(property) =>
							property.name === 'outputFields' &&
							shownFor(property, resource.value, operation.value),
					),
				).toBe(true);
			}
		}
		const withOutput = resources.flatMap((resource) =>
			resource.operations
				.filter((op) => op.simplifiedOutput)
				.map((op) => `${resource.value}.${op.value}`),
		);
		expect(withOutput.sort()).toEqual([
			'printJob.get',
			'printJob.getAll',
			'printer.get',
			'printer.getAll',
			'role.get',
			'role.getAll',
			'tenant.get',
			'tenant.getAll',
		]);
	});

	it('refuses every destructive operation as a tool before anything is sent, and says why', async () => {
		for (const resource of resources) {
			for (const operation of resource.operations.filter((op) => op.destructive)) {
				const fn = createExecuteFunctions({
					credentials: CREDENTIALS,
					params: { resource: resource.value, operation: operation.value },
				});
				const asTool = {
					...fn,
					getNode: () => ({ ...fn.getNode(), type: TOOL_TYPE }),
				} as unknown as IExecuteFunctions;
				await expect(new EntrustIidaas().execute.call(asTool)).rejects.toThrow(
					`Refused: "${operation.action}" deletes or cancels data or changes the Entrust IIDaaS account, and this tool may not do that. Nothing was sent to IIDaaS. Tell the user a person must do it, or the workflow author can turn on "Allow Destructive Operations as Tool" on the node "Entrust IIDaaS".`,
				);
				expect(fn.httpCalls()).toBe(0);
			}
		}
	});
});
