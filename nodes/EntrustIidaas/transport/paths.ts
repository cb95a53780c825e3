/** Fills a path template such as `/v1/printers/{printerId}`, percent-encoding every value. */
export function buildPath(template: string, params: Record<string, string | number> = {}): string {
	return template.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const value = params[name];
		if (value === undefined || value === '') {
			throw new Error(`Path parameter "${name}" is missing for ${template}`);
		}
		// Enrollment IDs are standard base64: "+", "/" and "=" must be encoded to stay one segment.
		return encodeURIComponent(String(value));
	});
}

export const API_PREFIX = '/api/web';
