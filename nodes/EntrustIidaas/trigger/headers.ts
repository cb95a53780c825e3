import type { IDataObject } from 'n8n-workflow';

import type { HeaderMap } from './signatureProfile';

/**
 * The request headers Include Headers may output: ones that describe the delivery and its route. Anything else is
 * left out, so identity-proxy assertions (`cf-access-jwt-assertion`, `x-goog-iap-jwt-assertion`, `x-amzn-oidc-*`),
 * cookies, authorization, signatures and tokens that a proxy in front of n8n adds never reach the workflow's data.
 */
export const INCLUDED_HEADERS = [
	'content-digest',
	'content-encoding',
	'content-length',
	'content-type',
	'date',
	'forwarded',
	'host',
	'traceparent',
	'tracestate',
	'user-agent',
	'via',
	'x-correlation-id',
	'x-forwarded-for',
	'x-forwarded-host',
	'x-forwarded-proto',
	'x-real-ip',
	'x-request-id',
];

const INCLUDED = new Set(INCLUDED_HEADERS);

export function includedHeaders(headers: HeaderMap): IDataObject {
	const result: IDataObject = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined && INCLUDED.has(name.toLowerCase())) result[name.toLowerCase()] = value;
	}
	return result;
}
