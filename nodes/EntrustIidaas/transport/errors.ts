import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { headerValue } from './http';
import type { NetworkError, RawResponse } from './http';

export interface ServiceError {
	status: number;
	code?: string;
	message?: string;
	target?: string;
	parameters?: unknown[];
}

/** Reads both error bodies of the API: `Error {code, message, target}` and `ErrorInfo {errorCode, errorMessage}`. */
export function parseServiceError(response: RawResponse): ServiceError {
	const result: ServiceError = { status: response.status };
	const text = response.body.toString('utf8').trim();
	if (text === '') return result;
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		const contentType = headerValue(response.headers, 'content-type') ?? 'unknown content type';
		result.message = `The service answered with a body that is not JSON (${contentType.split(';')[0]}, ${response.body.length} bytes)`;
		return result;
	}
	if (typeof parsed === 'string') {
		result.message = parsed;
		return result;
	}
	if (parsed === null || typeof parsed !== 'object') return result;
	const body = parsed as Record<string, unknown>;
	const pick = (...keys: string[]) => {
		for (const key of keys) {
			if (typeof body[key] === 'string' && body[key] !== '') return body[key] as string;
		}
		return undefined;
	};
	result.code = pick('code', 'errorCode');
	result.message = pick('message', 'errorMessage', 'error');
	result.target = pick('target');
	if (Array.isArray(body.parameters) && body.parameters.length > 0)
		result.parameters = body.parameters;
	return result;
}

const STATUS_HINTS: Record<number, string> = {
	400: 'IIDaaS rejected the request as invalid',
	401: 'IIDaaS rejected the authentication',
	403: 'The application’s role does not allow this operation',
	404: 'IIDaaS could not find the resource',
	409: 'IIDaaS reported a conflict with an existing resource',
	429: 'IIDaaS is rate limiting requests',
};

/** Redirects are never followed: the request (and its token) goes to the Account URL and nowhere else. */
const REDIRECT_HINT = 'IIDaaS answered with a redirect, which the node does not follow';

export function isRedirect(status: number): boolean {
	return status >= 300 && status < 400;
}

export interface ApiErrorContext {
	operationLabel: string;
	permission?: string;
	itemIndex?: number;
	/** Said when a non-idempotent call may have been processed although it failed. */
	mayHaveBeenProcessed?: string;
}

/** The service's message and status, plus the permission the role lacks when the cause is a 403. */
export function apiError(node: INode, error: ServiceError, context: ApiErrorContext): NodeApiError {
	const hint =
		STATUS_HINTS[error.status] ??
		(error.status >= 500
			? 'IIDaaS failed to process the request'
			: isRedirect(error.status)
				? REDIRECT_HINT
				: 'IIDaaS returned an error');
	const serviceText = error.message ? `: ${error.message}` : '';
	const message = `${hint} (HTTP ${error.status})${serviceText}`;
	const descriptionParts: string[] = [`Operation: ${context.operationLabel}.`];
	if (error.code) descriptionParts.push(`Error code: ${error.code}.`);
	if (error.target) descriptionParts.push(`Target: ${error.target}.`);
	if (error.status === 403 && context.permission) {
		descriptionParts.push(
			`The application's role lacks the permission ${context.permission}. In the IIDaaS portal, give the application's role this permission or assign a role that has it.`,
		);
	}
	if (context.mayHaveBeenProcessed) descriptionParts.push(context.mayHaveBeenProcessed);
	const errorResponse: JsonObject = {
		httpCode: String(error.status),
		code: error.code ?? null,
		message: error.message ?? null,
		permission: error.status === 403 ? (context.permission ?? null) : null,
	};
	const nodeError = new NodeApiError(node, errorResponse, {
		message,
		description: descriptionParts.join(' '),
		httpCode: String(error.status),
		itemIndex: context.itemIndex,
	});
	return keepMessage(nodeError, message);
}

export function networkApiError(
	node: INode,
	error: NetworkError,
	context: ApiErrorContext,
): NodeApiError {
	const what = error.isTimeout ? 'The request to IIDaaS timed out' : 'IIDaaS could not be reached';
	const message = `${what} (${error.code})`;
	const description = [
		`Operation: ${context.operationLabel}.`,
		`Network error ${error.code}: ${error.message}.`,
	];
	if (context.mayHaveBeenProcessed) description.push(context.mayHaveBeenProcessed);
	const nodeError = new NodeApiError(
		node,
		{ code: error.code, message: error.message },
		{ message, description: description.join(' '), itemIndex: context.itemIndex },
	);
	return keepMessage(nodeError, message);
}

/**
 * NodeApiError swaps a message that mentions a network code (ECONNRESET, ETIMEDOUT...) for n8n's generic
 * text, which says "you can retry the request immediately" — wrong for a print that may have been
 * processed. Put ours back.
 */
function keepMessage(error: NodeApiError, message: string): NodeApiError {
	error.message = message;
	return error;
}
