import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger keeps in the workflow's static data for its node: the webhook it registered and
 * the token that signs its deliveries (IIDaaS shows the token only at creation), and the callback
 * URL it registered (the `@target-uri` IIDaaS signs).
 */
export interface TriggerStaticData {
	webhookId?: string;
	webhookToken?: string;
	callbackUrl?: string;
}

export function readStaticData(data: IDataObject): TriggerStaticData {
	const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
	return { webhookId: text(data.webhookId), webhookToken: text(data.webhookToken), callbackUrl: text(data.callbackUrl) };
}

export function saveStaticData(data: IDataObject, values: Required<TriggerStaticData>): void {
	data.webhookId = values.webhookId;
	data.webhookToken = values.webhookToken;
	data.callbackUrl = values.callbackUrl;
}

export function clearStaticData(data: IDataObject): void {
	delete data.webhookId;
	delete data.webhookToken;
	delete data.callbackUrl;
}
