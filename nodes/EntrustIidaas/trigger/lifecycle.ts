/**
 * The trigger's webhook at IIDaaS: registered on activation, checked when n8n asks, removed on
 * deactivation. All HTTP goes through IidaasClient.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { createClient } from '../framework/client';
import { callbackUrlProblem } from '../resources/webhook/fields';
import type { IidaasClient } from '../transport/client';
import { splitIds, toWebhookEvents } from './events';
import { clearStaticData, readStaticData, saveStaticData } from './staticData';

const PERMISSIONS = { view: 'WEBHOOKS:VIEW', add: 'WEBHOOKS:ADD', remove: 'WEBHOOKS:REMOVE' };
const WHERE_TO_CHECK = 'Check the webhooks in the IIDaaS portal (or Webhook → Get Many) and delete any left over from this workflow';
const MAX_NAME_LENGTH = 100;

function isNotFound(error: unknown): boolean {
	return (error as { httpCode?: unknown })?.httpCode === '404';
}

/** The call's result, or `NOT_FOUND` on a 404; any other error (already a NodeApiError) goes up. */
const NOT_FOUND = Symbol('not found');
async function unless404<T>(call: Promise<T>): Promise<T | typeof NOT_FOUND> {
	return await call.then(
		(value) => value,
		(error: unknown) => {
			if (isNotFound(error)) return NOT_FOUND;
			throw error;
		},
	);
}

function callbackUrlOf(fn: IHookFunctions): string {
	const url = fn.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(fn.getNode(), 'n8n did not provide a webhook URL for this trigger');
	const problem = callbackUrlProblem(url);
	if (problem) {
		throw new NodeOperationError(fn.getNode(), `IIDaaS cannot call this n8n instance at ${url}: ${problem}`, {
			description: 'Make n8n reachable over HTTPS and set its public address in the WEBHOOK_URL environment variable.',
		});
	}
	return url;
}

/** A name that tells which workflow and node own the webhook, e.g. "n8n: Badge printing / Entrust IIDaaS Trigger". */
function webhookName(fn: IHookFunctions): string {
	const workflow = fn.getWorkflow();
	const test = fn.getMode() === 'manual' ? ' (test)' : '';
	const name = `n8n: ${workflow.name ?? workflow.id ?? 'workflow'} / ${fn.getNode().name}${test}`;
	return name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH - 1)}…` : name;
}

/** Deletes the webhook; one that is already gone is fine. */
async function deleteQuietly(client: IidaasClient, id: string): Promise<void> {
	await unless404(client.request({ method: 'DELETE', path: '/v1/webhooks/{id}', pathParams: { id }, permission: PERMISSIONS.remove, whereToCheck: WHERE_TO_CHECK }));
}

/** True when the registered webhook still exists, points at this URL and can deliver. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const data = this.getWorkflowStaticData('node');
	const stored = readStaticData(data);
	if (!stored.webhookId) return false;
	const client = await createClient(this);
	const webhook = await unless404(
		client.request<IDataObject | undefined>({ method: 'GET', path: '/v1/webhooks/{id}', pathParams: { id: stored.webhookId }, permission: PERMISSIONS.view }),
	);
	if (webhook === NOT_FOUND) {
		clearStaticData(data);
		return false;
	}
	// Another URL (test vs production) belongs to another registration: leave it alone and register anew.
	if (!webhook || webhook.callbackUrl !== this.getNodeWebhookUrl('default')) return false;
	// Without the token deliveries cannot be verified; an expired or disabled webhook delivers nothing.
	if (!stored.webhookToken || webhook.expired === true || webhook.enabled === false) {
		await deleteQuietly(client, stored.webhookId);
		clearStaticData(data);
		return false;
	}
	return true;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const callbackUrl = callbackUrlOf(this);
	const types = this.getNodeParameter('events', []) as string[];
	if (!Array.isArray(types) || types.length === 0) throw new NodeOperationError(this.getNode(), 'Events: choose at least one event');
	const designIds = splitIds(this.getNodeParameter('enrollmentDesignIds', []));
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const body: IDataObject = { name: webhookName(this), callbackUrl, events: toWebhookEvents(types, designIds), enabled: true };
	if (typeof options.expiry === 'number' && options.expiry > 0) body.expiry = options.expiry;

	const client = await createClient(this);
	const created = await client.request<IDataObject>({ method: 'POST', path: '/v1/webhooks', body, permission: PERMISSIONS.add, whereToCheck: WHERE_TO_CHECK });
	const id = typeof created?.id === 'string' ? created.id : '';
	const token = typeof created?.token === 'string' ? created.token : '';
	if (id === '') throw new NodeOperationError(this.getNode(), 'IIDaaS registered the webhook but did not return its ID', { description: WHERE_TO_CHECK });
	if (token === '') {
		// The token is shown only now: without it no delivery could ever be verified.
		await deleteQuietly(client, id);
		throw new NodeOperationError(this.getNode(), 'IIDaaS did not return the webhook’s signing token, so deliveries could not be verified; the webhook was removed again');
	}
	saveStaticData(this.getWorkflowStaticData('node'), { webhookId: id, webhookToken: token, callbackUrl });
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const data = this.getWorkflowStaticData('node');
	const { webhookId } = readStaticData(data);
	if (webhookId) {
		const client = await createClient(this);
		try {
			await deleteQuietly(client, webhookId);
		} catch {
			// Keep the ID so the next activation finds and reuses or removes it.
			return false;
		}
	}
	clearStaticData(data);
	return true;
}
