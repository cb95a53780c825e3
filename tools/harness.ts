/**
 * Runs the node's real execute path outside n8n: a small IExecuteFunctions whose httpRequest does
 * real HTTP with axios the way n8n's helper does (validateStatus, responseType, returnFullResponse),
 * so every test goes through the node's transport to a real server.
 */
import axios from 'axios';
import type { AxiosRequestConfig } from 'axios';
import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeType,
} from 'n8n-workflow';

import { EntrustIidaas } from '../nodes/EntrustIidaas/EntrustIidaas.node';

export interface Credentials {
	accountUrl: string;
	applicationId: string;
	sharedSecret: string;
	enableWebSession?: boolean;
}

/** A parameter value, or a function of the item index (like an expression). */
export type ParamValue = unknown | ((itemIndex: number) => unknown);

export interface RunOptions {
	credentials: Credentials;
	params: Record<string, ParamValue>;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	node?: INodeType;
	/** Collects log lines and anything the node might print, for leak checks. */
	logs?: string[];
	/** The execution this node run belongs to; by default every run is its own execution, as in n8n. */
	executionId?: string;
	/** Called before each HTTP request with its 1-based number (to change the world mid-run). */
	beforeRequest?: (count: number, options: IHttpRequestOptions) => void;
}

export interface RunResult {
	output: INodeExecutionData[];
	httpCalls: number;
}

/** n8n's httpRequest, reduced to what matters here, on axios like the real one. */
export async function n8nLikeHttpRequest(options: IHttpRequestOptions): Promise<unknown> {
	const config: AxiosRequestConfig = {
		url: options.url,
		baseURL: options.baseURL,
		method: options.method ?? 'GET',
		headers: (options.headers ?? {}) as Record<string, string>,
		params: options.qs,
		timeout: options.timeout,
		maxBodyLength: Infinity,
		maxContentLength: Infinity,
		responseType: options.encoding as AxiosRequestConfig['responseType'],
		maxRedirects: options.disableFollowRedirect ? 0 : undefined,
		proxy: false,
	};
	if (options.body !== undefined && !(config.method === 'GET')) config.data = options.body;
	if (options.ignoreHttpStatusErrors) config.validateStatus = () => true;
	if (
		options.json &&
		!Object.keys(config.headers ?? {}).some((key) => key.toLowerCase() === 'accept')
	) {
		config.headers = { ...config.headers, Accept: 'application/json' };
	}
	const result = await axios.request(config);
	if (options.returnFullResponse) {
		return {
			body: result.data,
			headers: result.headers,
			statusCode: result.status,
			statusMessage: result.statusText,
		};
	}
	return result.data;
}

function matchesDisplayOptions(
	property: INodeProperties,
	params: Record<string, unknown>,
): boolean {
	const show = property.displayOptions?.show ?? {};
	return Object.entries(show).every(([name, allowed]) => {
		if (name.startsWith('@')) return true;
		const value = params[name];
		return Array.isArray(allowed) && allowed.includes(value as never);
	});
}

export const TEST_NODE: INode = {
	id: 'b6f1c0de-0000-4000-8000-000000000001',
	name: 'Entrust IIDaaS',
	type: 'n8n-nodes-entrust-iidaas.entrustIidaas',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export function createExecuteFunctions(
	options: RunOptions,
): IExecuteFunctions & { httpCalls: () => number } {
	const node = options.node ?? new EntrustIidaas();
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	let httpCalls = 0;
	const executionId = options.executionId ?? `execution-${Math.random().toString(36).slice(2)}`;
	const valueAt = (name: string, itemIndex: number) => {
		const raw = options.params[name];
		return typeof raw === 'function' ? (raw as (index: number) => unknown)(itemIndex) : raw;
	};
	const staticParams = () => {
		const resolved: Record<string, unknown> = {};
		for (const name of Object.keys(options.params)) resolved[name] = valueAt(name, 0);
		return resolved;
	};
	const defaultOf = (name: string) => {
		const params = staticParams();
		const property = node.description.properties.find(
			(candidate) => candidate.name === name && matchesDisplayOptions(candidate, params),
		);
		return property?.default;
	};
	const log = (level: string) => (message: string, meta?: unknown) => {
		options.logs?.push(`${level} ${message} ${meta === undefined ? '' : JSON.stringify(meta)}`);
	};

	const fn = {
		getInputData: () => items,
		getExecutionId: () => executionId,
		getNode: () => ({ ...TEST_NODE, parameters: staticParams() as INode['parameters'] }),
		continueOnFail: () => options.continueOnFail === true,
		getCredentials: async () => ({ ...options.credentials }),
		getNodeParameter: (
			name: string,
			itemIndex: number,
			fallback?: unknown,
			extra?: { extractValue?: boolean },
		) => {
			let value: unknown = name in options.params ? valueAt(name, itemIndex) : undefined;
			// Like n8n, a dotted name reads one part of a parameter ("fieldMapping.matchingColumns").
			const [top, ...path] = name.split('.');
			if (value === undefined && path.length > 0 && top in options.params) {
				value = valueAt(top, itemIndex);
				for (const key of path)
					value =
						value !== null && typeof value === 'object'
							? (value as Record<string, unknown>)[key]
							: undefined;
			}
			if (value === undefined) value = fallback !== undefined ? fallback : defaultOf(name);
			if (value === undefined) throw new Error(`Could not get parameter "${name}"`);
			if (
				extra?.extractValue &&
				value &&
				typeof value === 'object' &&
				'__rl' in (value as IDataObject)
			) {
				return (value as IDataObject).value;
			}
			return value;
		},
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		helpers: {
			httpRequest: async (request: IHttpRequestOptions) => {
				httpCalls++;
				options.beforeRequest?.(httpCalls, request);
				return await n8nLikeHttpRequest(request);
			},
			getBinaryDataBuffer: async (itemIndex: number, propertyName: string) => {
				const binary = items[itemIndex].binary?.[propertyName];
				if (!binary) throw new Error(`No binary data property "${propertyName}"`);
				return Buffer.from(binary.data, 'base64');
			},
			assertBinaryData: (itemIndex: number, propertyName: string) => {
				const binary = items[itemIndex].binary?.[propertyName];
				if (!binary) throw new Error(`No binary data property "${propertyName}"`);
				return binary;
			},
			prepareBinaryData: async (
				buffer: Buffer,
				fileName?: string,
				mimeType?: string,
			): Promise<IBinaryData> => ({
				data: buffer.toString('base64'),
				fileName,
				mimeType: mimeType ?? 'application/octet-stream',
				fileSize: String(buffer.length),
			}),
		},
		httpCalls: () => httpCalls,
	};
	return fn as unknown as IExecuteFunctions & { httpCalls: () => number };
}

/** Runs the node once (one execution) and returns its single output. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const node = options.node ?? new EntrustIidaas();
	const fn = createExecuteFunctions({ ...options, node });
	const result = await node.execute!.call(fn);
	return { output: (result as INodeExecutionData[][])[0], httpCalls: fn.httpCalls() };
}

export function binaryItem(
	buffer: Buffer,
	mimeType = 'image/png',
	property = 'data',
	json: IDataObject = {},
): INodeExecutionData {
	return {
		json,
		binary: { [property]: { data: buffer.toString('base64'), mimeType, fileName: 'card.png' } },
	};
}

/** A small valid PNG (1×1), padded to `size` bytes when asked (for size-limit tests). */
export function pngBytes(size = 0): Buffer {
	const png = Buffer.from(
		'89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d0b0d40000000049454e44ae426082',
		'hex',
	);
	return size > png.length ? Buffer.concat([png, Buffer.alloc(size - png.length)]) : png;
}
