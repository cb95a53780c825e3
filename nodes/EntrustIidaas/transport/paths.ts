export const API_PREFIX = '/api/web';

/** A path parameter that cannot be sent: the request is refused before anything leaves the node. */
export class PathParameterError extends Error {
	constructor(
		readonly parameter: string,
		readonly problem: string,
	) {
		super(`${parameter}: ${problem}`);
		this.name = 'PathParameterError';
	}
}

/**
 * Fills a path template such as `/v1/printers/{printerId}`, percent-encoding every value. Empty values and the
 * dot segments `.` and `..` are refused: percent-encoding leaves dots alone, and a dot segment would make the
 * URL point at another resource (`/v1/webhooks/..` is `/v1/`).
 */
export function buildPath(template: string, params: Record<string, string | number> = {}): string {
	return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const value = params[name];
		if (value === undefined || String(value) === '') throw new PathParameterError(name, 'is required');
		const text = String(value);
		if (text === '.' || text === '..') {
			throw new PathParameterError(name, `"${text}" is not a valid value: it would change which resource the request reaches`);
		}
		// Enrollment IDs are standard base64: "+", "/" and "=" must be encoded to stay one segment.
		return encodeURIComponent(text);
	});
}

/** The field a user knows for a path parameter: `printerId` → "Printer ID"; a bare `id` takes the resource before it. */
export function pathParameterLabel(template: string, parameter: string): string {
	let words = parameter.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/\s*id$/i, ' ID').trim();
	if (words === 'ID') {
		const before = template.slice(0, template.indexOf(`{${parameter}}`)).split('/').reverse();
		const resource = before.find((segment) => /^[a-z]+s$/i.test(segment) && segment !== 'logs');
		if (resource) words = `${resource.replace(/s$/, '').replace(/([a-z])([A-Z])/g, '$1 $2')} ID`;
	}
	return words.charAt(0).toUpperCase() + words.slice(1);
}
