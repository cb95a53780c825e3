/**
 * The trigger's webhook at IIDaaS: registered on activation, checked when n8n asks, removed on
 * deactivation. All HTTP goes through IidaasClient. A webhook that may still exist at IIDaaS is never
 * forgotten: when removing it fails, it stays in static data, the failure is logged with its ID, and
 * the removal is tried again at the next activation or deactivation.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';

import { createClient } from '../framework/client';
import type { IidaasClient } from '../transport/client';
import { callbackUrlProblem } from '../webhooks/callbackUrl';
import { splitIds, toWebhookEvents } from '../webhooks/events';
import { WEBHOOK_PERMISSIONS } from '../webhooks/permissions';
import { seenSignatures } from './replay';
import { DELIVERY_CHECKS_HINT, deliveryChecksProblem, readDeliveryChecks } from './settings';
import { clearStaticData, readStaticData, saveStaleWebhookIds, saveStaticData } from './staticData';

const WHERE_TO_CHECK =
	'Check the webhooks in the IIDaaS portal (or Webhook → Get Many) and delete any left over from this workflow';
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
	if (!url)
		throw new NodeOperationError(
			fn.getNode(),
			'n8n did not provide a webhook URL for this trigger',
		);
	const problem = callbackUrlProblem(url);
	if (problem) {
		throw new NodeOperationError(
			fn.getNode(),
			`IIDaaS cannot call this n8n instance at ${url}: ${problem}`,
			{
				description:
					'Make n8n reachable over HTTPS and set its public address in the WEBHOOK_URL environment variable.',
			},
		);
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

/** Refuses settings that would let replays through unnoticed, before anything is registered. */
function assertDeliveryChecks(fn: IHookFunctions): void {
	const problem = deliveryChecksProblem(readDeliveryChecks(fn));
	if (problem)
		throw new NodeOperationError(fn.getNode(), problem, { description: DELIVERY_CHECKS_HINT });
}

/** Deletes the webhook; one that is already gone is fine. */
async function deleteQuietly(client: IidaasClient, id: string): Promise<void> {
	await unless404(
		client.request({
			method: 'DELETE',
			path: '/v1/webhooks/{id}',
			pathParams: { id },
			permission: WEBHOOK_PERMISSIONS.remove,
			whereToCheck: WHERE_TO_CHECK,
		}),
	);
}

/** Removes each webhook; answers the IDs whose removal failed (they may still exist at IIDaaS), each one logged. */
async function removeWebhooks(
	fn: IHookFunctions,
	client: IidaasClient,
	ids: string[],
): Promise<string[]> {
	const remaining: string[] = [];
	for (const id of ids) {
		try {
			await deleteQuietly(client, id);
			seenSignatures.forget(id);
		} catch (error) {
			remaining.push(id);
			const reason = error instanceof Error ? error.message : String(error);
			fn.logger.error(
				`Entrust IIDaaS Trigger could not remove webhook ${id} at IIDaaS (${reason}). It stays recorded and its removal is retried at the next activation or deactivation. ${WHERE_TO_CHECK}`,
			);
		}
	}
	return remaining;
}

/** Retries the removal of earlier registrations whose removal failed; keeps those that fail again. */
async function retryStale(
	fn: IHookFunctions,
	client: IidaasClient,
	data: IDataObject,
): Promise<void> {
	const { staleWebhookIds } = readStaticData(data);
	if (staleWebhookIds.length > 0)
		saveStaleWebhookIds(data, await removeWebhooks(fn, client, staleWebhookIds));
}

/** Removes the current registration so a new one can take its place; if that fails, it is kept as stale. */
async function retireCurrent(
	fn: IHookFunctions,
	client: IidaasClient,
	data: IDataObject,
): Promise<void> {
	const { webhookId, staleWebhookIds } = readStaticData(data);
	if (!webhookId) return;
	const remaining = await removeWebhooks(fn, client, [webhookId]);
	saveStaleWebhookIds(data, [...staleWebhookIds, ...remaining]);
	clearStaticData(data);
}

/** True when the registered webhook still exists, points at this URL and can deliver. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	assertDeliveryChecks(this);
	const data = this.getWorkflowStaticData('node');
	const stored = readStaticData(data);
	if (!stored.webhookId && stored.staleWebhookIds.length === 0) return false;
	const client = await createClient(this);
	await retryStale(this, client, data);
	if (!stored.webhookId) return false;
	const webhook = await unless404(
		client.request<IDataObject | undefined>({
			method: 'GET',
			path: '/v1/webhooks/{id}',
			pathParams: { id: stored.webhookId },
			permission: WEBHOOK_PERMISSIONS.view,
		}),
	);
	if (webhook === NOT_FOUND) {
		clearStaticData(data);
		return false;
	}
	// n8n gives each registration its own static data (test listening starts from an empty one), so a stored webhook
	// for another URL is this node's own from before its URL changed (WEBHOOK_URL, path): left in place it would keep
	// sending events to the old address. Without the token deliveries cannot be verified; an expired or disabled
	// webhook delivers nothing. In each case: remove it, and create() registers a new one.
	const found = webhook ?? {};
	const usable =
		found.callbackUrl === this.getNodeWebhookUrl('default') &&
		stored.webhookToken &&
		found.expired !== true &&
		found.enabled !== false;
	if (!usable) {
		await retireCurrent(this, client, data);
		return false;
	}
	return true;
}

export async function create(this: IHookFunctions): Promise<boolean> {
	assertDeliveryChecks(this);
	const callbackUrl = callbackUrlOf(this);
	const types = this.getNodeParameter('events', []) as string[];
	if (!Array.isArray(types) || types.length === 0)
		throw new NodeOperationError(this.getNode(), 'Events: choose at least one event');
	const designIds = splitIds(this.getNodeParameter('enrollmentDesignIds', []));
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const body: IDataObject = {
		name: webhookName(this),
		callbackUrl,
		events: toWebhookEvents(types, designIds),
		enabled: true,
	};
	if (typeof options.expiry === 'number' && options.expiry > 0) body.expiry = options.expiry;

	const client = await createClient(this);
	const data = this.getWorkflowStaticData('node');
	// checkExists has normally retired it already; a registration is never overwritten while it may still exist.
	await retireCurrent(this, client, data);
	const created = await client.request<IDataObject>({
		method: 'POST',
		path: '/v1/webhooks',
		body,
		permission: WEBHOOK_PERMISSIONS.add,
		whereToCheck: WHERE_TO_CHECK,
	});
	const id = typeof created?.id === 'string' ? created.id : '';
	const token = typeof created?.token === 'string' ? created.token : '';
	if (id === '')
		throw new NodeOperationError(
			this.getNode(),
			'IIDaaS registered the webhook but did not return its ID',
			{ description: WHERE_TO_CHECK },
		);
	if (token === '') {
		// The token is shown only now: without it no delivery could ever be verified.
		saveStaleWebhookIds(data, [
			...readStaticData(data).staleWebhookIds,
			...(await removeWebhooks(this, client, [id])),
		]);
		throw new NodeOperationError(
			this.getNode(),
			'IIDaaS did not return the webhook’s signing token, so deliveries could not be verified; the webhook was removed again',
		);
	}
	saveStaticData(data, { webhookId: id, webhookToken: token, callbackUrl });
	return true;
}

export async function remove(this: IHookFunctions): Promise<boolean> {
	const data = this.getWorkflowStaticData('node');
	const { webhookId, staleWebhookIds } = readStaticData(data);
	if (!webhookId && staleWebhookIds.length === 0) return true;
	const client = await createClient(this);
	await retryStale(this, client, data);
	// On failure it stays the current registration: the next activation reuses it or removes it.
	if (webhookId && (await removeWebhooks(this, client, [webhookId])).length === 0)
		clearStaticData(data);
	const left = readStaticData(data);
	return left.webhookId === undefined && left.staleWebhookIds.length === 0;
}
