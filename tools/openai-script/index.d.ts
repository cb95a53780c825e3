/** Types for the scripted OpenAI-compatible chat model (plain CommonJS in index.js). */

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool' | string;
	content: unknown;
	tool_calls?: Array<{
		id: string;
		type: 'function';
		function: { name: string; arguments: string };
	}>;
	tool_call_id?: string;
}

export interface OfferedTool {
	type: 'function';
	function: {
		name: string;
		description?: string;
		parameters?: { properties?: Record<string, { type?: string; description?: string }> };
	};
}

export declare class Chat {
	readonly messages: ChatMessage[];
	readonly tools: OfferedTool[];
	readonly lastUserText: string;
	readonly toolNames: string[];
	/** The parsed result of the last call of tool `name`, or undefined. */
	toolResult<T = unknown>(name: string): T | undefined;
}

export type Reply =
	{ toolCalls: Array<{ name: string; args: Record<string, unknown> }> } | { content: string };
export type ScriptStep = (chat: Chat) => Reply;

export interface Completion {
	messages: ChatMessage[];
	tools: OfferedTool[];
	stream: boolean;
	reply: Reply | null;
	error: string | null;
}

export interface ScriptedModel {
	/** Base URL for the OpenAI credential, ending in /v1. */
	url: string;
	port: number;
	completions: Completion[];
	setScript(steps: ScriptStep[]): void;
	close(): Promise<void>;
}

export function startScriptedModel(options?: {
	port?: number;
	script?: ScriptStep[];
}): Promise<ScriptedModel>;
export function toolCall(name: string, args?: Record<string, unknown>): Reply;
export function toolCall(calls: Array<{ name: string; args?: Record<string, unknown> }>): Reply;
export function answer(text: string): Reply;
