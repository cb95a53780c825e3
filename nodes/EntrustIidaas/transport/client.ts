import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

import { checkAccountUrl } from './accountUrl';
import { labelOf, queryString } from './apiRequest';
import type { ApiRequest } from './apiRequest';
import { apiError, isRedirect, networkApiError, parseServiceError } from './errors';
import { headerValue, NetworkError, send } from './http';
import type { HttpRequester, RawResponse } from './http';
import { API_PREFIX, buildPath, pathParameterLabel, pathParameterProblem } from './paths';
import { redactor, redactServiceError } from './redaction';
import { DEFAULT_RETRY, parseRetryAfter, RETRYABLE_STATUSES, withRetries } from './retry';
import type { RetryPolicy } from './retry';
import { binaryBody, parseJsonBody } from './responseBody';
import type { BinaryResponse } from './responseBody';
import { Session } from './session';
import type { SignIn } from './session';
import { SESSION_COOKIE, signIn } from './signIn';
import type { Connection, IidaasCredentials } from './signIn';

export type { IidaasCredentials } from './signIn';

export interface ClientOptions {
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
	/** Renew the token when it has less than this left. */
	tokenMarginMs?: number;
	/** The session to use; pass the execution's session to share it between the nodes of one execution. */
	session?: Session;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_TOKEN_MARGIN_MS = 30_000;
/** Bodies this large (card images) get a token with enough life left to finish the upload. */
export const LARGE_BODY_BYTES = 256 * 1024;
const LARGE_UPLOAD_MARGIN_MS = 5 * 60_000;
/**
 * A hard bound on resends after 401s, per request. The session's rules bound them already (a renewal per request,
 * more only while other requests get through); with 30 requests in flight and a session dropped every 10th
 * request, an unlucky request needed up to 8.
 */
const MAX_RESENDS_AFTER_401 = 20;

/**
 * The node's door to IIDaaS: sends API calls with a token from the session (which owns sign-in and renewal),
 * applies the retry policy by idempotency and maps answers to results or NodeApiErrors.
 */
export class IidaasClient {
	readonly baseUrl: string;

	readonly #credentials: IidaasCredentials;
	readonly #connection: Connection;
	readonly #session: Session;
	readonly #signIn: SignIn;
	readonly #tokenMarginMs: number;
	#authenticationCount = 0;

	constructor(
		node: INode,
		httpRequest: HttpRequester,
		credentials: IidaasCredentials,
		options: ClientOptions = {},
	) {
		const accountUrl = checkAccountUrl(credentials.accountUrl);
		if ('problem' in accountUrl) {
			throw new NodeOperationError(node, `Account URL: ${accountUrl.problem}`, {
				description: 'Fix the Account URL in the Entrust IIDaaS credential.',
			});
		}
		this.baseUrl = accountUrl.origin;
		this.#credentials = credentials;
		this.#connection = {
			node,
			httpRequest,
			baseUrl: accountUrl.origin,
			timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
			retry: { ...DEFAULT_RETRY, ...options.retry },
		};
		this.#tokenMarginMs = options.tokenMarginMs ?? DEFAULT_TOKEN_MARGIN_MS;
		this.#session = options.session ?? new Session();
		this.#signIn = async () => {
			const token = await signIn(this.#connection, this.#credentials, (text) => this.#redact(text));
			this.#authenticationCount++;
			return token;
		};
	}

	/** How often this client authenticated (for tests and the benchmark). */
	get authenticationCount(): number {
		return this.#authenticationCount;
	}

	/** Keeps secrets out of anything that serialises the client. */
	toJSON(): IDataObject {
		return { baseUrl: this.baseUrl };
	}

	async request<T = unknown>(request: ApiRequest): Promise<T> {
		const response = await this.#execute(request);
		return parseJsonBody(this.#connection.node, response, request, labelOf(request)) as T;
	}

	async requestBinary(request: ApiRequest): Promise<BinaryResponse> {
		return binaryBody(await this.#execute(request));
	}

	/** Authenticates now (the credential test and tests use it); normal calls authenticate lazily. */
	async authenticate(): Promise<void> {
		this.#session.begin();
		try {
			await this.#session.renew(undefined, this.#signIn);
		} finally {
			this.#session.end();
		}
	}

	async #execute(request: ApiRequest): Promise<RawResponse> {
		const { node, httpRequest, timeoutMs, retry } = this.#connection;
		const idempotent = request.idempotent ?? request.method === 'GET';
		const url = this.baseUrl + API_PREFIX + this.#path(request) + queryString(request.query);
		const body =
			request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body), 'utf8');
		const margin =
			body !== undefined && body.length >= LARGE_BODY_BYTES
				? LARGE_UPLOAD_MARGIN_MS
				: this.#tokenMarginMs;
		const label = labelOf(request);
		const mayHaveBeenProcessed = idempotent
			? undefined
			: `The request may have reached IIDaaS and been processed, so it was not sent again. ${request.whereToCheck ?? 'Check in the IIDaaS portal'} before running it again.`;
		let renewalUsed = false;
		let resendsAfter401 = 0;
		let progressSince = this.#session.progress;

		this.#session.begin();
		try {
			return await withRetries<RawResponse>(retry, async () => {
				const token = await this.#session.valid(margin, this.#signIn);
				const headers: IDataObject = {
					Authorization: token.value,
					Accept: 'application/json, */*',
				};
				if (token.cookie) headers.Cookie = `${SESSION_COOKIE}=${token.cookie}`;
				if (body !== undefined) headers['Content-Type'] = 'application/json';

				this.#session.sending(token);
				const response = await send(httpRequest, {
					method: request.method,
					url,
					headers,
					body,
					timeoutMs,
				});
				this.#session.answered(
					token,
					!(response instanceof NetworkError) && response.status >= 200 && response.status < 300,
				);
				if (response instanceof NetworkError) {
					const notReceived = response.certainlyNotReceived;
					return {
						retryable: idempotent || notReceived,
						failure: () =>
							networkApiError(node, response, {
								operationLabel: label,
								itemIndex: request.itemIndex,
								mayHaveBeenProcessed: notReceived ? undefined : mayHaveBeenProcessed,
							}),
					};
				}
				// A 401 means the token was refused before anything was processed, so resending is safe.
				if (response.status === 401 && resendsAfter401 < MAX_RESENDS_AFTER_401) {
					resendsAfter401++;
					const replaced = await this.#session.replaceRefused(
						token,
						{ renewalUsed, progressSince },
						this.#signIn,
					);
					if (replaced) {
						renewalUsed ||= replaced.renewed;
						if (replaced.renewed) progressSince = this.#session.progress;
						return { resendNow: true };
					}
				}
				// A redirect is an error too: it is not followed, and never output as a result.
				if (response.status >= 300 || response.status < 200) {
					return {
						// 429 means not processed; 5xx only for calls that are safe to repeat.
						retryable:
							response.status === 429 || (idempotent && RETRYABLE_STATUSES.has(response.status)),
						retryAfterMs: parseRetryAfter(headerValue(response.headers, 'retry-after')),
						failure: () =>
							apiError(
								node,
								redactServiceError(parseServiceError(response), (text) => this.#redact(text)),
								{
									operationLabel: label,
									permission: request.permission,
									itemIndex: request.itemIndex,
									// A 303 after a POST, like a 5xx, may come after the call took effect.
									mayHaveBeenProcessed:
										response.status >= 500 || isRedirect(response.status)
											? mayHaveBeenProcessed
											: undefined,
								},
							),
					};
				}
				return { done: response };
			});
		} finally {
			this.#session.end();
		}
	}

	/** The filled path; a value that cannot be sent fails the item before anything leaves the node. */
	#path(request: ApiRequest): string {
		const wrong = pathParameterProblem(request.path, request.pathParams);
		if (wrong) {
			const item = request.itemIndex === undefined ? '' : ` [item ${request.itemIndex}]`;
			throw new NodeOperationError(
				this.#connection.node,
				`${pathParameterLabel(request.path, wrong.parameter)}: ${wrong.problem}${item}`,
				{
					itemIndex: request.itemIndex,
					description: `Nothing was sent. The value goes into the request path ${request.path}.`,
				},
			);
		}
		return buildPath(request.path, request.pathParams);
	}

	/**
	 * A service that echoes the request in its error text must not put the secret, or any token or cookie of this
	 * session (a request in flight may carry one that was replaced meanwhile), into n8n's output.
	 */
	#redact(text: string | undefined): string | undefined {
		return redactor([this.#credentials.sharedSecret, ...this.#session.secrets()])(text);
	}
}
