/** Callback-URL rules, shared by the trigger (its own n8n URL) and the Webhook resource (a URL the user types). */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Why a callback URL cannot be used, or undefined. IIDaaS requires HTTPS; plain http is let
 * through only for loopback hosts, which the local emulator uses (a real tenant rejects them).
 */
export function callbackUrlProblem(value: string): string | undefined {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return `"${value}" is not a valid URL`;
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
	return 'IIDaaS only calls HTTPS URLs';
}
