import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { param } from './params';
import { runsAsTool } from './toolGuard';
import type { ItemContext, OperationDefinition, OperationResult } from './types';
import { fail } from './validation';

type OutputMode = 'simplified' | 'raw' | 'selected';

const OUTPUT_OPTIONS = [
	{ name: 'Raw', value: 'raw', description: 'Every field IIDaaS returns' },
	{ name: 'Selected Fields', value: 'selected', description: 'Only the fields named below' },
	{ name: 'Simplified', value: 'simplified', description: 'The most useful fields (at most 10)' },
];

/**
 * Output (Simplified / Raw / Selected Fields) for an operation with large responses. As a tool the default is
 * Simplified, so an AI model gets a compact answer; in workflows it stays Raw, so existing workflows keep their
 * output. The `@tool` rule picks which of the two `output` properties applies.
 */
export function outputProperties(operation: OperationDefinition): INodeProperties[] {
	if (!operation.simplifiedOutput) return [];
	const output = (tool: boolean, defaultMode: OutputMode): INodeProperties => ({
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: OUTPUT_OPTIONS,
		default: defaultMode,
		description: `What each result contains. Simplified: ${operation.simplifiedOutput!.join(', ')}.`,
		displayOptions: { show: { '@tool': [tool] } },
	});
	return [
		output(false, 'raw'),
		output(true, 'simplified'),
		{
			displayName: 'Fields',
			name: 'outputFields',
			type: 'string',
			default: '',
			placeholder: operation.simplifiedOutput.slice(0, 3).join(', '),
			description: 'Comma-separated names of the fields to return, such as name and status',
			displayOptions: { show: { output: ['selected'] } },
		},
	];
}

function pick(json: IDataObject, fields: string[]): IDataObject {
	const picked: IDataObject = {};
	for (const field of fields) if (field in json) picked[field] = json[field];
	return picked;
}

function shapeResult(result: OperationResult, fields: string[]): OperationResult {
	const shapeOne = (entry: IDataObject | INodeExecutionData) =>
		'json' in entry && typeof entry.json === 'object' && entry.json !== null
			? { ...(entry as INodeExecutionData), json: pick((entry as INodeExecutionData).json, fields) }
			: pick(entry as IDataObject, fields);
	return Array.isArray(result)
		? ((result as Array<IDataObject | INodeExecutionData>).map(shapeOne) as OperationResult)
		: shapeOne(result);
}

/** The fields one item asks for, or undefined for the whole response. Bad input fails the item before any request. */
function fieldsFor(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
	operation: OperationDefinition,
): string[] | undefined {
	// The fallback mirrors the two defaults: n8n fills defaults in, other callers may not.
	const mode = param<string>(ctx, 'output', runsAsTool(ctx.fn) ? 'simplified' : 'raw');
	if (mode === 'raw') return undefined;
	if (mode === 'simplified') return operation.simplifiedOutput;
	if (mode !== 'selected')
		return fail(ctx, 'Output', `must be Simplified, Raw or Selected Fields, not "${mode}"`);
	const fields = String(param(ctx, 'outputFields', ''))
		.split(',')
		.map((field) => field.trim())
		.filter((field) => field !== '');
	if (fields.length === 0) fail(ctx, 'Fields', 'name at least one field to return, e.g. id, name');
	return fields;
}

/**
 * The operation with its Output option applied to every result. Per-item operations with a second phase are
 * shaped after `finish`, which still gets the whole first result.
 */
export function withOutputOption(operation: OperationDefinition): OperationDefinition {
	if (!operation.simplifiedOutput) return operation;
	const { execute, finish, executeBatch } = operation;
	return {
		...operation,
		execute:
			execute &&
			(async (ctx) => {
				const fields = fieldsFor(ctx, operation);
				const result = await execute(ctx);
				return fields && !finish ? shapeResult(result, fields) : result;
			}),
		finish:
			finish &&
			(async (ctx, started) => {
				const fields = fieldsFor(ctx, operation);
				const result = await finish(ctx, started);
				return fields ? shapeResult(result, fields) : result;
			}),
		executeBatch:
			executeBatch &&
			(async (ctx) => {
				const fields = ctx.items.map((_, itemIndex) =>
					fieldsFor({ fn: ctx.fn, itemIndex }, operation),
				);
				const results = await executeBatch(ctx);
				return results.map((result, itemIndex) => {
					const itemFields = fields[itemIndex];
					return result instanceof Error || !itemFields ? result : shapeResult(result, itemFields);
				});
			}),
	};
}
