import type { ServiceError } from './errors';

export type Redact = (text: string | undefined) => string | undefined;

/** Shorter values are not secrets worth scrubbing, and would mangle ordinary text. */
const MIN_SECRET_LENGTH = 4;

/**
 * Replaces every secret with `[redacted]`, also in the forms an echo quotes it: JSON-escaped (a body quoted
 * inside a JSON message) and URL-encoded (a quoted query or form).
 */
export function redactor(secrets: Array<string | undefined>): Redact {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
		forms.add(secret);
		forms.add(JSON.stringify(secret).slice(1, -1));
		forms.add(encodeURIComponent(secret));
	}
	// Longest first, so a form that contains another is replaced whole.
	const ordered = [...forms].sort((a, b) => b.length - a.length);
	return (text) =>
		text === undefined
			? text
			: ordered.reduce((result, form) => result.split(form).join('[redacted]'), text);
}

/** The parts of a service error that reach the node's output. */
export function redactServiceError(error: ServiceError, redact: Redact): ServiceError {
	return {
		...error,
		message: redact(error.message),
		code: redact(error.code),
		target: redact(error.target),
	};
}
