import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { IidaasClient } from '../transport/client';

/** What an operation gets for one input item. */
export interface ItemContext {
	readonly fn: IExecuteFunctions;
	readonly client: IidaasClient;
	readonly itemIndex: number;
	readonly item: INodeExecutionData;
}

/** What a batched operation gets: every input item of the run. */
export interface BatchContext {
	readonly fn: IExecuteFunctions;
	readonly client: IidaasClient;
	readonly items: INodeExecutionData[];
}

/** An operation's result for one item: JSON (one or many) or full execution data (binary). */
export type OperationResult =
	IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[];

export interface OperationDefinition {
	/** Stable camelCase value saved in workflows: never change it. */
	value: string;
	/** Label in the Operation dropdown. */
	name: string;
	/** Action text shown in the nodes panel and to AI agents. */
	action: string;
	description: string;
	/** Shown above the fields, e.g. the role permission the operation needs. */
	notice?: string;
	/** Fields of this operation; display rules for resource and operation are added by the builder. */
	properties: INodeProperties[];
	/**
	 * Deletes or cancels data, or changes the account (secrets, roles, tenants, applications, webhooks). Refused when
	 * the node runs as an AI agent's tool, unless the workflow author allows it on that node (framework/toolGuard.ts).
	 */
	destructive?: boolean;
	/**
	 * The response fields worth showing by default: the operation gets an Output option (Simplified = these fields,
	 * Raw, Selected Fields), for responses too large to hand to an AI model whole (framework/output.ts).
	 */
	simplifiedOutput?: string[];
	/** Per-item execution. */
	execute?: (ctx: ItemContext) => Promise<OperationResult>;
	/**
	 * Optional second phase of a per-item operation, e.g. waiting for the job `execute` started. It runs once
	 * `execute` has run for every item, for many items at once, so N items wait in parallel, not in turn.
	 */
	finish?: (ctx: ItemContext, started: OperationResult) => Promise<OperationResult>;
	/**
	 * Whole-run execution for operations the API takes in bulk, built on `BatchRun` (framework/batch.ts). Returns
	 * one entry per input item, in input order: its result, or the Error that item failed with.
	 */
	executeBatch?: (ctx: BatchContext) => Promise<Array<OperationResult | Error>>;
}

export interface ResourceDefinition {
	value: string;
	name: string;
	description?: string;
	operations: OperationDefinition[];
}
