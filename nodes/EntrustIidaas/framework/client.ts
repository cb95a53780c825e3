import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodeCredentialTestResult,
	IWebhookFunctions,
} from 'n8n-workflow';

import { IidaasClient } from '../transport/client';
import type { ClientOptions, IidaasCredentials } from '../transport/client';
import { testConnection } from '../transport/connectionTest';
import { sessionForExecution } from '../transport/sessionCache';

export const CREDENTIAL_NAME = 'entrustIidaasApi';

/** Reads the credential here, in the execute path, and hands plain values to the transport. */
export async function createClient(
	fn: IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions,
	options: ClientOptions = {},
): Promise<IidaasClient> {
	const credentials = (await fn.getCredentials(CREDENTIAL_NAME)) as unknown as IidaasCredentials;
	// Every IIDaaS node of one execution shares its session: one authentication per execution.
	const executionId = 'getExecutionId' in fn ? fn.getExecutionId() : undefined;
	const session = executionId
		? sessionForExecution(executionId, [
				credentials.accountUrl,
				credentials.applicationId,
				credentials.sharedSecret,
				credentials.enableWebSession,
			])
		: undefined;
	return new IidaasClient(fn.getNode(), fn.helpers.httpRequest, credentials, {
		...options,
		session,
	});
}

/**
 * The credential test (`methods.credentialTest`, named by `testedBy` in both nodes): runs in the node's transport,
 * so a test never sends the Shared Secret where a workflow would not. n8n passes the decrypted credential.
 */
export async function entrustIidaasApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const { helpers } = this;
	return await testConnection(
		helpers.request,
		(credential.data ?? {}) as unknown as IidaasCredentials,
	);
}
