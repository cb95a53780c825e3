export const API_PREFIX = '/api/web';

/**
 * What is wrong with a path parameter, if anything. Empty values and the dot segments `.` and `..` cannot be sent:
 * percent-encoding leaves dots alone, and a dot segment makes the URL point at another resource
 * (`/v1/webhooks/..` is `/v1/`).
 */
export function pathParameterProblem(
	template: string,
	params: Record<string, string | number> = {},
): { parameter: string; problem: string } | undefined {
	for (const [, parameter] of template.matchAll(/\{(\w+)\}/g)) {
		const text = params[parameter] === undefined ? '' : String(params[parameter]);
		if (text === '') return { parameter, problem: 'is required' };
		if (text === '.' || text === '..')
			return {
				parameter,
				problem: `"${text}" is not a valid value: it would change which resource the request reaches`,
			};
	}
	return undefined;
}

/** Fills a path template such as `/v1/printers/{printerId}`, percent-encoding every value (check it first). */
export function buildPath(template: string, params: Record<string, string | number> = {}): string {
	// Enrollment IDs are standard base64: "+", "/" and "=" must be encoded to stay one segment.
	return template.replace(/\{(\w+)\}/g, (_match, name: string) =>
		encodeURIComponent(String(params[name] ?? '')),
	);
}

/** The field a user knows for a path parameter: `printerId` → "Printer ID"; a bare `id` takes the resource before it. */
export function pathParameterLabel(template: string, parameter: string): string {
	let words = parameter
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.replace(/\s*id$/i, ' ID')
		.trim();
	if (words === 'ID') {
		const before = template
			.slice(0, template.indexOf(`{${parameter}}`))
			.split('/')
			.reverse();
		const resource = before.find((segment) => /^[a-z]+s$/i.test(segment) && segment !== 'logs');
		if (resource) words = `${resource.replace(/s$/, '').replace(/([a-z])([A-Z])/g, '$1 $2')} ID`;
	}
	return words.charAt(0).toUpperCase() + words.slice(1);
}
