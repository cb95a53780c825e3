import type { INode } from 'n8n-workflow';

import { apiError, isRedirect, networkApiError, parseServiceError } from './errors';
import { headerValue, headerValues, NetworkError, send } from './http';
import type { HttpRequester, RawResponse } from './http';
import { API_PREFIX } from './paths';
import { redactServiceError } from './redaction';
import type { Redact } from './redaction';
import { parseRetryAfter, RETRYABLE_STATUSES, withRetries } from './retry';
import type { RetryPolicy } from './retry';
import type { Token } from './session';

export interface IidaasCredentials {
	accountUrl: string;
	applicationId: string;
	sharedSecret: string;
	enableWebSession?: boolean;
}

/** Where and how requests go: the same for the sign-in and the API calls of one client. */
export interface Connection {
	node: INode;
	httpRequest: HttpRequester;
	/** The checked Account URL origin. */
	baseUrl: string;
	timeoutMs: number;
	retry: RetryPolicy;
}

export const SESSION_COOKIE = 'INTELLITRUST_SESSION_ID';
const SIGN_IN_PATH = '/v1/adminapi/authenticate';
const FALLBACK_TOKEN_LIFETIME_MS = 5 * 60_000;
const LABEL = 'Authenticate';

/**
 * Exchanges the Application ID and Shared Secret for a token. Retried like a read (issuing a token changes
 * nothing), except after a refused connection: a host that cannot be reached is reported at once. A refusal
 * passes through `redact`, because gateways quote the refused request, secret included.
 */
export async function signIn(
	connection: Connection,
	credentials: IidaasCredentials,
	redact: Redact,
): Promise<Token> {
	const body = Buffer.from(
		JSON.stringify({
			applicationId: credentials.applicationId,
			sharedSecret: credentials.sharedSecret,
			...(credentials.enableWebSession ? { enableWebSession: true } : {}),
		}),
		'utf8',
	);
	const url = connection.baseUrl + API_PREFIX + SIGN_IN_PATH;
	return await withRetries<Token>(connection.retry, async () => {
		const sentAt = Date.now();
		const response = await send(connection.httpRequest, {
			method: 'POST',
			url,
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body,
			timeoutMs: connection.timeoutMs,
		});
		if (response instanceof NetworkError) {
			return {
				retryable: !response.certainlyNotReceived,
				failure: () => networkApiError(connection.node, response, { operationLabel: LABEL }),
			};
		}
		if (response.status !== 200) {
			return {
				retryable: RETRYABLE_STATUSES.has(response.status),
				retryAfterMs: parseRetryAfter(headerValue(response.headers, 'retry-after')),
				failure: () => authenticationError(connection.node, response, redact),
			};
		}
		return { done: tokenFrom(connection.node, response, sentAt) };
	});
}

function tokenFrom(node: INode, response: RawResponse, sentAt: number): Token {
	let parsed: { authToken?: unknown; creationTime?: unknown; expirationTime?: unknown };
	try {
		parsed = JSON.parse(response.body.toString('utf8'));
	} catch {
		throw apiError(
			node,
			{ status: response.status, message: 'The authentication answer is not valid JSON' },
			{ operationLabel: LABEL },
		);
	}
	if (typeof parsed?.authToken !== 'string' || parsed.authToken === '') {
		throw apiError(
			node,
			{ status: response.status, message: 'The authentication answer holds no token' },
			{ operationLabel: LABEL },
		);
	}
	// Measure the lifetime on the service's clock and apply it to ours, so clock skew does not matter.
	const created = Date.parse(String(parsed.creationTime));
	const expires = Date.parse(String(parsed.expirationTime));
	const lifetime =
		Number.isNaN(created) || Number.isNaN(expires) || expires <= created
			? FALLBACK_TOKEN_LIFETIME_MS
			: expires - created;
	const cookie = headerValues(response.headers, 'set-cookie')
		.map((line) => line.match(new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`))?.[1])
		.find((value) => value !== undefined);
	return { value: parsed.authToken, cookie, expiresAt: sentAt + lifetime, lifetimeMs: lifetime };
}

/** Tells a wrong Application ID from a wrong Shared Secret, as far as the service's answer allows. */
function authenticationError(node: INode, response: RawResponse, redact: Redact) {
	const error = redactServiceError(parseServiceError(response), redact);
	const reasons: Record<number, string> = {
		400: 'The Application ID or Shared Secret is malformed: copy them again from the application’s Complete tab in the IIDaaS portal',
		401: 'The Shared Secret is wrong for this Application ID (access denied): copy it again, or regenerate it in the IIDaaS portal',
		403: 'The application is not allowed to authenticate (disabled, or blocked by an IP restriction)',
		404: 'No Issuance API application with this Application ID exists at this Account URL: check both',
	};
	// Some tenants answer 401 for both; the error code still tells an unknown application apart.
	const unknownApplication = /APPLICATION.*NOT.?FOUND|NOT.?FOUND.*APPLICATION/i.test(
		`${error.code ?? ''} ${error.message ?? ''}`,
	);
	const redirect = `The Account URL answered with a redirect (HTTP ${error.status}), which is not followed so that the Shared Secret goes nowhere else: enter the hostname shown in the IIDaaS portal`;
	const reason = unknownApplication
		? reasons[404]
		: isRedirect(error.status)
			? redirect
			: reasons[error.status];
	return apiError(
		node,
		{
			...error,
			message: reason ? `${reason}${error.message ? ` — ${error.message}` : ''}` : error.message,
		},
		{ operationLabel: LABEL },
	);
}
