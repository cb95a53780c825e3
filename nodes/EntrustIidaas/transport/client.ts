import { sleep } from 'n8n-workflow';
import type { IDataObject, IHttpRequestMethods, INode } from 'n8n-workflow';

import { NodeOperationError } from 'n8n-workflow';

import { checkAccountUrl } from './accountUrl';
import { apiError, networkApiError, parseServiceError } from './errors';
import type { ServiceError } from './errors';
import { headerValue, headerValues, NetworkError, send } from './http';
import type { HttpRequester, RawResponse } from './http';
import { API_PREFIX, buildPath } from './paths';
import type { Session, SessionHolder } from './sessionCache';

export interface IidaasCredentials {
	accountUrl: string;
	applicationId: string;
	sharedSecret: string;
	enableWebSession?: boolean;
}

export interface RetryPolicy {
	/** Attempts in all, first one included. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** No retry starts once this much time has passed since the first attempt. */
	maxTotalMs: number;
}

export interface ClientOptions {
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
	/** Renew the token when it has less than this left. */
	tokenMarginMs?: number;
	/** Where the session lives; pass the execution's holder to share it between the nodes of one execution. */
	sessionHolder?: SessionHolder;
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path template below /api/web, e.g. `/v1/printers/{printerId}`. */
	path: string;
	pathParams?: Record<string, string | number>;
	query?: IDataObject;
	body?: unknown;
	/** The role permission the spec's `security` entry names, e.g. `PRINTERS:ADD`. */
	permission?: string;
	/** Safe to resend after a timeout, reset or 5xx. Defaults to true for GET only. */
	idempotent?: boolean;
	/** For non-idempotent calls: where the user can check whether the call took effect. */
	whereToCheck?: string;
	/** Human label for errors; defaults to `METHOD path`. */
	label?: string;
	itemIndex?: number;
}

export interface BinaryResponse {
	data: Buffer;
	contentType?: string;
	fileName?: string;
}


const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 10_000, maxTotalMs: 120_000 };
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_TOKEN_MARGIN_MS = 30_000;
/** Bodies this large (card images) get a token with enough life left to finish the upload. */
export const LARGE_BODY_BYTES = 256 * 1024;
const LARGE_UPLOAD_MARGIN_MS = 5 * 60_000;
const FALLBACK_TOKEN_LIFETIME_MS = 5 * 60_000;
const MAX_RETRY_AFTER_MS = 60_000;
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
const SESSION_COOKIE = 'INTELLITRUST_SESSION_ID';
const SIGN_IN_PATH = '/v1/adminapi/authenticate';

export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * One IIDaaS session for one execution: authenticates at the first call, keeps the token (and the
 * web-session cookie) in memory only, renews it before it expires or once after a 401, and applies
 * the retry policy by idempotency. The only code that talks HTTP to IIDaaS.
 */
export class IidaasClient {
	readonly baseUrl: string;

	#credentials: IidaasCredentials;
	readonly #shared: SessionHolder;
	#authenticationCount = 0;
	readonly #httpRequest: HttpRequester;
	readonly #node: INode;
	readonly #retry: RetryPolicy;
	readonly #timeoutMs: number;
	readonly #tokenMarginMs: number;

	constructor(node: INode, httpRequest: HttpRequester, credentials: IidaasCredentials, options: ClientOptions = {}) {
		const accountUrl = checkAccountUrl(credentials.accountUrl);
		if ('problem' in accountUrl) {
			throw new NodeOperationError(node, `Account URL: ${accountUrl.problem}`, {
				description: 'Fix the Account URL in the Entrust IIDaaS credential.',
			});
		}
		this.baseUrl = accountUrl.origin;
		this.#node = node;
		this.#httpRequest = httpRequest;
		this.#credentials = credentials;
		this.#retry = { ...DEFAULT_RETRY, ...options.retry };
		this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.#tokenMarginMs = options.tokenMarginMs ?? DEFAULT_TOKEN_MARGIN_MS;
		this.#shared = options.sessionHolder ?? {};
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
		return parseJsonBody(this.#node, response, request, this.#label(request)) as T;
	}

	async requestBinary(request: ApiRequest): Promise<BinaryResponse> {
		const response = await this.#execute(request);
		const disposition = headerValue(response.headers, 'content-disposition');
		const fileName = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i)?.[1];
		return {
			data: response.body,
			contentType: headerValue(response.headers, 'content-type'),
			fileName: fileName === undefined ? undefined : decodeURIComponent(fileName),
		};
	}

	/** Authenticates now (the credential test and tests use it); normal calls authenticate lazily. */
	async authenticate(): Promise<void> {
		await this.#renewSession(undefined);
	}

	#label(request: ApiRequest): string {
		return request.label ?? `${request.method} ${request.path}`;
	}

	async #execute(request: ApiRequest): Promise<RawResponse> {
		const idempotent = request.idempotent ?? request.method === 'GET';
		const url = this.baseUrl + API_PREFIX + buildPath(request.path, request.pathParams) + queryString(request.query);
		const body = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body), 'utf8');
		const largeUpload = body !== undefined && body.length >= LARGE_BODY_BYTES;
		const label = this.#label(request);
		const mayHaveBeenProcessed = idempotent
			? undefined
			: `The request may have reached IIDaaS and been processed, so it was not sent again. ${request.whereToCheck ?? 'Check in the IIDaaS portal'} before running it again.`;
		const started = Date.now();
		let renewedAfter401 = false;

		for (let attempt = 1; ; attempt++) {
			const session = await this.#validSession(largeUpload);
			const headers: IDataObject = { Authorization: session.token, Accept: 'application/json, */*' };
			if (session.cookie) headers.Cookie = `${SESSION_COOKIE}=${session.cookie}`;
			if (body !== undefined) headers['Content-Type'] = 'application/json';

			const response = await send(this.#httpRequest, { method: request.method, url, headers, body, timeoutMs: this.#timeoutMs });
			if (response instanceof NetworkError) {
				const error = response;
				const safeToResend = idempotent || error.certainlyNotReceived;
				if (safeToResend && this.#mayRetry(attempt, started)) {
					await sleep(this.#backoff(attempt));
					continue;
				}
				throw networkApiError(this.#node, error, {
					operationLabel: label,
					itemIndex: request.itemIndex,
					mayHaveBeenProcessed: error.certainlyNotReceived ? undefined : mayHaveBeenProcessed,
				});
			}

			// A 401 means the token was refused before anything was processed: renew once, resend once.
			if (response.status === 401 && !renewedAfter401) {
				renewedAfter401 = true;
				await this.#renewSession(session);
				attempt--;
				continue;
			}
			// 429 means not processed; 5xx only for calls that are safe to repeat.
			const retryable = response.status === 429 || (idempotent && RETRYABLE_STATUSES.has(response.status));
			if (retryable && this.#mayRetry(attempt, started)) {
				const retryAfter = parseRetryAfter(headerValue(response.headers, 'retry-after'));
				await sleep(Math.min(retryAfter ?? this.#backoff(attempt), MAX_RETRY_AFTER_MS));
				continue;
			}
			if (response.status >= 400 || response.status < 200) {
				throw apiError(this.#node, this.#redacted(parseServiceError(response)), {
					operationLabel: label,
					permission: request.permission,
					itemIndex: request.itemIndex,
					mayHaveBeenProcessed: response.status >= 500 ? mayHaveBeenProcessed : undefined,
				});
			}
			return response;
		}
	}

	/** A service that echoes the request in its error text must not put the secret or token into n8n's output. */
	#redacted(error: ServiceError): ServiceError {
		const secrets = [this.#credentials.sharedSecret, this.#shared.session?.token, this.#shared.session?.cookie].filter(
			(value): value is string => typeof value === 'string' && value.length >= 4,
		);
		const scrub = (text: string | undefined) => (text === undefined ? text : secrets.reduce((result, secret) => result.split(secret).join('[redacted]'), text));
		return { ...error, message: scrub(error.message), code: scrub(error.code), target: scrub(error.target) };
	}

	#mayRetry(attempt: number, started: number): boolean {
		return attempt < this.#retry.maxAttempts && Date.now() - started < this.#retry.maxTotalMs;
	}

	#backoff(attempt: number): number {
		const exponential = this.#retry.baseDelayMs * 2 ** (attempt - 1);
		const jitter = Math.random() * this.#retry.baseDelayMs * 0.25;
		return Math.min(exponential + jitter, this.#retry.maxDelayMs);
	}

	/**
	 * The token must outlive the request: a margin before expiry (half the token's life at most, so short-lived
	 * tokens are not renewed on every call), and more before a large upload, which the service would otherwise
	 * answer with a 500 when the token expires mid-transfer.
	 */
	async #validSession(largeUpload: boolean): Promise<Session> {
		const session = this.#shared.session;
		if (session) {
			const wanted = largeUpload ? LARGE_UPLOAD_MARGIN_MS : this.#tokenMarginMs;
			const margin = Math.min(wanted, session.lifetimeMs / 2);
			if (session.expiresAt - Date.now() > margin) return session;
		}
		return await this.#renewSession(session);
	}

	/** Single flight: concurrent callers that find the same stale session share one authentication. */
	async #renewSession(stale: Session | undefined): Promise<Session> {
		const shared = this.#shared;
		if (shared.session !== stale && shared.session !== undefined) return shared.session;
		if (!shared.authenticating) {
			shared.authenticating = this.#authenticateOnce().finally(() => {
				shared.authenticating = undefined;
			});
		}
		return await shared.authenticating;
	}

	async #authenticateOnce(): Promise<Session> {
		const label = 'Authenticate';
		const body = Buffer.from(
			JSON.stringify({
				applicationId: this.#credentials.applicationId,
				sharedSecret: this.#credentials.sharedSecret,
				...(this.#credentials.enableWebSession ? { enableWebSession: true } : {}),
			}),
			'utf8',
		);
		const url = this.baseUrl + API_PREFIX + SIGN_IN_PATH;
		const started = Date.now();
		for (let attempt = 1; ; attempt++) {
			const sentAt = Date.now();
			const response = await send(this.#httpRequest, {
				method: 'POST',
				url,
				headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
				body,
				timeoutMs: this.#timeoutMs,
			});
			if (response instanceof NetworkError) {
				const error = response;
				if (this.#mayRetry(attempt, started) && !error.certainlyNotReceived) {
					await sleep(this.#backoff(attempt));
					continue;
				}
				throw networkApiError(this.#node, error, { operationLabel: label });
			}
			if (RETRYABLE_STATUSES.has(response.status) && this.#mayRetry(attempt, started)) {
				const retryAfter = parseRetryAfter(headerValue(response.headers, 'retry-after'));
				await sleep(Math.min(retryAfter ?? this.#backoff(attempt), MAX_RETRY_AFTER_MS));
				continue;
			}
			if (response.status !== 200) {
				throw authenticationError(this.#node, response);
			}
			this.#authenticationCount++;
			this.#shared.session = sessionFrom(this.#node, response, sentAt);
			return this.#shared.session;
		}
	}
}

function queryString(query: IDataObject | undefined): string {
	if (!query) return '';
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined || value === null || value === '') continue;
		params.append(key, String(value));
	}
	const text = params.toString();
	return text === '' ? '' : `?${text}`;
}

function sessionFrom(node: INode, response: RawResponse, sentAt: number): Session {
	let parsed: { authToken?: unknown; creationTime?: unknown; expirationTime?: unknown };
	try {
		parsed = JSON.parse(response.body.toString('utf8'));
	} catch {
		throw apiError(node, { status: response.status, message: 'The authentication answer is not valid JSON' }, { operationLabel: 'Authenticate' });
	}
	if (typeof parsed?.authToken !== 'string' || parsed.authToken === '') {
		throw apiError(node, { status: response.status, message: 'The authentication answer holds no token' }, { operationLabel: 'Authenticate' });
	}
	// Measure the lifetime on the service's clock and apply it to ours, so clock skew does not matter.
	const created = Date.parse(String(parsed.creationTime));
	const expires = Date.parse(String(parsed.expirationTime));
	const lifetime = Number.isNaN(created) || Number.isNaN(expires) || expires <= created ? FALLBACK_TOKEN_LIFETIME_MS : expires - created;
	const cookie = headerValues(response.headers, 'set-cookie')
		.map((line) => line.match(new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`))?.[1])
		.find((value) => value !== undefined);
	return { token: parsed.authToken, cookie, expiresAt: sentAt + lifetime, lifetimeMs: lifetime };
}

/** Tells a wrong Application ID from a wrong Shared Secret, as far as the service's answer allows. */
function authenticationError(node: INode, response: RawResponse) {
	const error = parseServiceError(response);
	const reasons: Record<number, string> = {
		400: 'The Application ID or Shared Secret is malformed: copy them again from the application’s Complete tab in the IIDaaS portal',
		401: 'The Shared Secret is wrong for this Application ID (access denied): copy it again, or regenerate it in the IIDaaS portal',
		403: 'The application is not allowed to authenticate (disabled, or blocked by an IP restriction)',
		404: 'No Issuance API application with this Application ID exists at this Account URL: check both',
	};
	// Some tenants answer 401 for both; the error code still tells an unknown application apart.
	const unknownApplication = /APPLICATION.*NOT.?FOUND|NOT.?FOUND.*APPLICATION/i.test(`${error.code ?? ''} ${error.message ?? ''}`);
	const reason = unknownApplication ? reasons[404] : reasons[error.status];
	return apiError(node, { ...error, message: reason ? `${reason}${error.message ? ` — ${error.message}` : ''}` : error.message }, { operationLabel: 'Authenticate' });
}

function parseJsonBody(node: INode, response: RawResponse, request: ApiRequest, label: string): unknown {
	if (response.body.length === 0) return undefined;
	const text = response.body.toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		const contentType = headerValue(response.headers, 'content-type') ?? '';
		if (contentType.startsWith('text/plain')) return text;
		const processed = (request.idempotent ?? request.method === 'GET')
			? ''
			: ` The request was accepted (HTTP ${response.status}) and has taken effect; do not send it again. ${request.whereToCheck ?? ''}`.trimEnd();
		throw apiError(
			node,
			{ status: response.status, message: `The answer could not be read: it is not valid JSON (${contentType.split(';')[0] || 'no content type'}, ${response.body.length} bytes).${processed}` },
			{ operationLabel: label, itemIndex: request.itemIndex },
		);
	}
}
