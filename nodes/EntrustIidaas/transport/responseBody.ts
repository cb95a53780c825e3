/** Reading a successful answer: JSON (or plain text) for most calls, the bytes and file name for downloads. */

import type { INode } from 'n8n-workflow';

import type { ApiRequest } from './apiRequest';
import { apiError } from './errors';
import { headerValue } from './http';
import type { RawResponse } from './http';

export interface BinaryResponse {
	data: Buffer;
	contentType?: string;
	fileName?: string;
}

/** The file name comes from Content-Disposition, plain or RFC 5987 (`filename*=UTF-8''…`). */
export function binaryBody(response: RawResponse): BinaryResponse {
	const disposition = headerValue(response.headers, 'content-disposition');
	const fileName = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i)?.[1];
	return {
		data: response.body,
		contentType: headerValue(response.headers, 'content-type'),
		fileName: fileName === undefined ? undefined : decodeURIComponent(fileName),
	};
}

/** An answer that is not JSON is an error, except plain text; it says whether the call already took effect. */
export function parseJsonBody(
	node: INode,
	response: RawResponse,
	request: ApiRequest,
	label: string,
): unknown {
	if (response.body.length === 0) return undefined;
	const text = response.body.toString('utf8');
	try {
		return JSON.parse(text);
	} catch {
		const contentType = headerValue(response.headers, 'content-type') ?? '';
		if (contentType.startsWith('text/plain')) return text;
		const processed =
			(request.idempotent ?? request.method === 'GET')
				? ''
				: ` The request was accepted (HTTP ${response.status}) and has taken effect; do not send it again. ${request.whereToCheck ?? ''}`.trimEnd();
		throw apiError(
			node,
			{
				status: response.status,
				message: `The answer could not be read: it is not valid JSON (${contentType.split(';')[0] || 'no content type'}, ${response.body.length} bytes).${processed}`,
			},
			{ operationLabel: label, itemIndex: request.itemIndex },
		);
	}
}
