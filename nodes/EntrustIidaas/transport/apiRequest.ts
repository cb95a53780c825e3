import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

/** What an operation asks the client to send, and the parts of the URL and error messages built from it. */
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

/** How errors name the call when the operation gave no label. */
export function labelOf(request: ApiRequest): string {
	return request.label ?? `${request.method} ${request.path}`;
}

/** Empty optional fields are left out rather than sent as `?name=`. */
export function queryString(query: IDataObject | undefined): string {
	if (!query) return '';
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined || value === null || value === '') continue;
		params.append(key, String(value));
	}
	const text = params.toString();
	return text === '' ? '' : `?${text}`;
}
