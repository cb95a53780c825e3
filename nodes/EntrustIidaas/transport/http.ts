import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

/** The n8n helper that performs HTTP (`this.helpers.httpRequest`), so users' proxy and TLS settings apply. */
export type HttpRequester = (options: IHttpRequestOptions) => Promise<unknown>;

export interface RawResponse {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
}

/** A request that never reached a response. Holds no request data: axios errors carry headers and body. */
export class NetworkError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
		this.name = 'NetworkError';
	}

	/** True when the connection was refused, i.e. the service cannot have received the request. */
	get certainlyNotReceived(): boolean {
		return this.code === 'ECONNREFUSED' || this.code === 'ENOTFOUND' || this.code === 'EAI_AGAIN';
	}

	get isTimeout(): boolean {
		return this.code === 'ETIMEDOUT' || this.code === 'ECONNABORTED';
	}
}

export interface SendOptions {
	method: IHttpRequestMethods;
	url: string;
	headers: IDataObject;
	body?: Buffer;
	timeoutMs: number;
}

function toBuffer(data: unknown): Buffer {
	if (data === undefined || data === null) return Buffer.alloc(0);
	if (Buffer.isBuffer(data)) return data;
	if (data instanceof ArrayBuffer) return Buffer.from(data);
	if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
	if (typeof data === 'string') return Buffer.from(data, 'utf8');
	return Buffer.from(JSON.stringify(data), 'utf8');
}

function networkErrorFrom(error: unknown): NetworkError {
	const source = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
	const code =
		typeof source?.code === 'string'
			? source.code
			: typeof source?.cause?.code === 'string'
				? source.cause.code
				: 'ENETWORK';
	const reason = typeof source?.message === 'string' ? source.message : 'network error';
	// Only the code and the library's one-line reason survive: never the request config.
	return new NetworkError(code, reason.split('\n')[0].slice(0, 300));
}

/** The single place where bytes leave the node. Status and network errors are returned, not thrown. */
export async function send(
	httpRequest: HttpRequester,
	options: SendOptions,
): Promise<RawResponse | NetworkError> {
	let response: unknown;
	try {
		response = await httpRequest({
			method: options.method,
			url: options.url,
			headers: options.headers,
			body: options.body,
			encoding: 'arraybuffer',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
			timeout: options.timeoutMs,
			json: false,
		});
	} catch (error) {
		return networkErrorFrom(error);
	}
	const full = response as {
		statusCode?: number;
		status?: number;
		headers?: RawResponse['headers'];
		body?: unknown;
	};
	return {
		status: full.statusCode ?? full.status ?? 0,
		headers: full.headers ?? {},
		body: toBuffer(full.body),
	};
}

export function headerValue(headers: RawResponse['headers'], name: string): string | undefined {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return Array.isArray(value) ? value.join(', ') : value;
}

export function headerValues(headers: RawResponse['headers'], name: string): string[] {
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	if (value === undefined) return [];
	return Array.isArray(value) ? value : [value];
}
