import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { IidaasClient } from '../transport/client';
import { createClient } from './client';
import { findOperation } from './define';
import { withOutputOption } from './output';
import { refuseDestructiveToolUse } from './toolGuard';
import type { OperationDefinition, OperationResult, ResourceDefinition } from './types';
import { cancelPolls } from './pollGroup';

function isExecutionData(value: unknown): value is INodeExecutionData {
	return (
		typeof value === 'object' &&
		value !== null &&
		'json' in value &&
		typeof (value as INodeExecutionData).json === 'object'
	);
}

/** An empty answer becomes `{}` and a bare value `{ data }` (as in n8n's HTTP Request node): items always hold an object. */
function asJson(entry: unknown): IDataObject {
	if (entry === undefined || entry === null) return {};
	if (typeof entry === 'object' && !Array.isArray(entry)) return entry as IDataObject;
	return { data: entry as IDataObject[keyof IDataObject] };
}

/** Normalises an operation result into output items paired with the input item. */
export function toExecutionData(result: OperationResult, itemIndex: number): INodeExecutionData[] {
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) => {
		const data: INodeExecutionData = isExecutionData(entry)
			? { ...entry }
			: { json: asJson(entry) };
		data.pairedItem = { item: itemIndex };
		return data;
	});
}

function asNodeError(fn: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (
		error instanceof Error &&
		'context' in error &&
		typeof (error as { context: unknown }).context === 'object'
	) {
		const context = (error as unknown as { context: IDataObject }).context;
		if (context.itemIndex === undefined) context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(fn.getNode(), error instanceof Error ? error : String(error), {
		itemIndex,
	});
}

function errorOutput(error: Error, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description !== '') json.errorDescription = description;
	const httpCode = (error as { httpCode?: unknown }).httpCode;
	if (typeof httpCode === 'string' && httpCode !== '') json.httpCode = httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

/** Runs `task` for every index with at most `limit` in flight; stops scheduling after a failure when asked to. */
async function forEachBounded(
	count: number,
	limit: number,
	task: (index: number) => Promise<void>,
	shouldStop: () => boolean,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count && !shouldStop()) {
			const index = next++;
			await task(index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
}

async function runPerItem(
	fn: IExecuteFunctions,
	client: IidaasClient,
	operation: OperationDefinition,
	items: INodeExecutionData[],
	concurrency: number,
): Promise<INodeExecutionData[]> {
	const outputs: INodeExecutionData[][] = new Array(items.length);
	const continueOnFail = fn.continueOnFail();
	// A failed send stops further sends; a failed wait does not (its card was sent, the others go on).
	let sendFailure: { index: number; error: Error } | undefined;
	let waitFailure: { index: number; error: Error } | undefined;
	const waits: Array<Promise<void>> = [];

	const fail = (itemIndex: number, error: unknown, phase: 'send' | 'wait') => {
		const nodeError = asNodeError(fn, error, itemIndex);
		if (continueOnFail) {
			outputs[itemIndex] = [errorOutput(nodeError, itemIndex)];
			return;
		}
		const first = phase === 'send' ? sendFailure : waitFailure;
		if (first && first.index < itemIndex) return;
		if (phase === 'send') sendFailure = { index: itemIndex, error: nodeError };
		else waitFailure = { index: itemIndex, error: nodeError };
	};

	// Each item that started a job waits for it as soon as its request is answered, while the next items are
	// still being sent: the waits of a node run share its poll group (pollGroup.ts), which bounds the reads.
	const finish = (itemIndex: number, started: OperationResult) =>
		waits.push(
			operation.finish!({ fn, client, itemIndex, item: items[itemIndex] }, started).then(
				(finished) => {
					outputs[itemIndex] = toExecutionData(finished, itemIndex);
				},
				(error: unknown) => fail(itemIndex, error, 'wait'),
			),
		);

	await forEachBounded(
		items.length,
		concurrency,
		async (itemIndex) => {
			let result: OperationResult;
			try {
				result = await operation.execute!({ fn, client, itemIndex, item: items[itemIndex] });
			} catch (error) {
				return fail(itemIndex, error, 'send');
			}
			outputs[itemIndex] = toExecutionData(result, itemIndex);
			if (operation.finish) finish(itemIndex, result);
		},
		() => sendFailure !== undefined,
	);
	// The node fails on a failed send: waiting for the cards sent before it would only delay the error.
	if (sendFailure) cancelPolls(fn);
	await Promise.all(waits);
	const failure = sendFailure ?? waitFailure;
	if (failure) throw failure.error;
	return outputs.flat();
}

async function runBatch(
	fn: IExecuteFunctions,
	client: IidaasClient,
	operation: OperationDefinition,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const results = await operation.executeBatch!({ fn, client, items });
	const continueOnFail = fn.continueOnFail();
	const outputs: INodeExecutionData[] = [];
	results.forEach((result, itemIndex) => {
		if (result instanceof Error) {
			const nodeError = asNodeError(fn, result, itemIndex);
			if (!continueOnFail) throw nodeError;
			outputs.push(errorOutput(nodeError, itemIndex));
		} else {
			outputs.push(...toExecutionData(result, itemIndex));
		}
	});
	return outputs;
}

/** The node's execute: one client (one session) for the whole execution, one item loop. */
export async function runOperation(
	fn: IExecuteFunctions,
	resources: ResourceDefinition[],
): Promise<INodeExecutionData[][]> {
	const items = fn.getInputData();
	const resource = fn.getNodeParameter('resource', 0) as string;
	const operationValue = fn.getNodeParameter('operation', 0) as string;
	const found = findOperation(resources, resource, operationValue);
	if (!found) {
		throw new NodeOperationError(
			fn.getNode(),
			`The operation "${operationValue}" is not known for the resource "${resource}"`,
		);
	}
	// As an AI agent's tool, destructive operations stop here, before the sign-in; Output shapes every result.
	refuseDestructiveToolUse(fn, found);
	const operation = withOutputOption(found);
	const requestOptions = fn.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const client = await createClient(fn, {
		timeoutMs: typeof requestOptions.timeout === 'number' ? requestOptions.timeout : undefined,
		retry:
			typeof requestOptions.maxRetries === 'number'
				? { maxAttempts: requestOptions.maxRetries + 1 }
				: undefined,
	});
	const concurrency =
		typeof requestOptions.maxConcurrency === 'number' ? requestOptions.maxConcurrency : 1;

	const output = operation.executeBatch
		? await runBatch(fn, client, operation, items)
		: await runPerItem(fn, client, operation, items, concurrency);
	return [output];
}
