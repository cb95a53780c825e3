/**
 * Account URL handling. The portal and the downloaded application JSON give a bare hostname
 * (`customer.region.trustedauth.com`); users also paste `https://host/`. Everything is normalised
 * to an origin such as `https://customer.region.trustedauth.com`.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export type AccountUrlCheck = { origin: string } | { problem: string };

function isLoopback(hostname: string): boolean {
	return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Returns the normalised origin, or the problem with the URL in words a user can act on. */
export function checkAccountUrl(raw: unknown): AccountUrlCheck {
	const input = typeof raw === 'string' ? raw.trim() : '';
	if (input === '') {
		return { problem: 'The Account URL is empty. Enter the hostname shown in the IIDaaS portal.' };
	}
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`;
	let url: URL;
	try {
		url = new URL(withScheme);
	} catch {
		return { problem: `The Account URL "${input}" is not a valid hostname or URL.` };
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		return { problem: `The Account URL must use https, not "${url.protocol.replace(':', '')}".` };
	}
	if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
		return {
			problem:
				'The Account URL must use https: the shared secret and tokens must not travel unencrypted.',
		};
	}
	if (url.username !== '' || url.password !== '') {
		return { problem: 'The Account URL must not contain a user name or password.' };
	}
	if (url.pathname !== '/' && url.pathname !== '') {
		return {
			problem: `The Account URL must be the hostname only, without a path ("${url.pathname}").`,
		};
	}
	if (url.search !== '' || url.hash !== '') {
		return { problem: 'The Account URL must not contain a query string or fragment.' };
	}
	if (
		!/^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/i.test(
			url.hostname,
		)
	) {
		return { problem: `The Account URL host "${url.hostname}" is not a valid hostname.` };
	}
	return { origin: url.origin };
}
