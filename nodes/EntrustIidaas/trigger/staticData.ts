import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger keeps in the workflow's static data for its node: the webhook it registered and
 * the token that signs its deliveries (IIDaaS shows the token only at creation), and the callback
 * URL it registered (the `@target-uri` IIDaaS signs). `staleWebhookIds` are earlier registrations
 * whose removal failed: they may still exist at IIDaaS, so they stay recorded until a removal succeeds.
 */
export interface TriggerStaticData {
	webhookId?: string;
	webhookToken?: string;
	callbackUrl?: string;
	staleWebhookIds: string[];
}

export function readStaticData(data: IDataObject): TriggerStaticData {
	const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
	const stale = Array.isArray(data.staleWebhookIds)
		? data.staleWebhookIds.filter((id): id is string => typeof id === 'string' && id !== '')
		: [];
	return {
		webhookId: text(data.webhookId),
		webhookToken: text(data.webhookToken),
		callbackUrl: text(data.callbackUrl),
		staleWebhookIds: stale,
	};
}

export function saveStaticData(
	data: IDataObject,
	values: Required<Omit<TriggerStaticData, 'staleWebhookIds'>>,
): void {
	data.webhookId = values.webhookId;
	data.webhookToken = values.webhookToken;
	data.callbackUrl = values.callbackUrl;
}

/** Forgets the current registration (the stale list is kept). */
export function clearStaticData(data: IDataObject): void {
	delete data.webhookId;
	delete data.webhookToken;
	delete data.callbackUrl;
}

export function saveStaleWebhookIds(data: IDataObject, ids: string[]): void {
	if (ids.length > 0) data.staleWebhookIds = [...new Set(ids)];
	else delete data.staleWebhookIds;
}
