import type { ICredentialTestFunctions, INode, INodeCredentialTestResult } from 'n8n-workflow';

import { checkAccountUrl } from './accountUrl';
import { IidaasClient } from './client';
import type { IidaasCredentials } from './client';
import type { HttpRequester } from './http';

/** The one HTTP helper n8n gives a credential test: the legacy `request` (there is no `httpRequest` there). */
export type LegacyRequest = ICredentialTestFunctions['helpers']['request'];

/** Errors need a node; a credential test has none. */
const CREDENTIAL_TEST_NODE: INode = {
	id: 'entrust-iidaas-credential-test',
	name: 'Entrust IIDaaS credential test',
	type: 'n8n-nodes-entrust-iidaas.entrustIidaas',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** The transport's requester on top of the legacy helper: full response, no status errors, and no redirect followed. */
function requesterFrom(request: LegacyRequest): HttpRequester {
	return async (options) =>
		await request({
			method: options.method,
			uri: options.url,
			headers: options.headers,
			body: options.body,
			encoding: null,
			json: false,
			resolveWithFullResponse: true,
			simple: false,
			// A 307 would post the secret again to wherever it points.
			followRedirect: false,
			followAllRedirects: false,
			maxRedirects: 0,
			timeout: options.timeout,
		});
}

/**
 * The credential's Test button: the node's own sign-in, so the same rules hold as in a workflow. The Account URL
 * is checked before anything is sent (https, or http to this machine only), redirects are never followed, and the
 * message says what is wrong: the Shared Secret, the Application ID, the host, or the URL.
 */
export async function testConnection(
	request: LegacyRequest,
	credentials: IidaasCredentials,
): Promise<INodeCredentialTestResult> {
	const accountUrl = checkAccountUrl(credentials.accountUrl);
	if ('problem' in accountUrl)
		return { status: 'Error', message: `Account URL: ${accountUrl.problem}` };
	const client = new IidaasClient(CREDENTIAL_TEST_NODE, requesterFrom(request), credentials, {
		timeoutMs: 20_000,
		retry: { maxAttempts: 2, maxTotalMs: 10_000 },
	});
	try {
		await client.authenticate();
	} catch (error) {
		return { status: 'Error', message: error instanceof Error ? error.message : String(error) };
	}
	return { status: 'OK', message: 'Authenticated with IIDaaS' };
}
