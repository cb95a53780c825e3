/**
 * Handling one delivery: verify its signature (unless the user turned that off), answer 401 without
 * starting the workflow when it fails, drop events the user did not select, output the event.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { WEBHOOK_EVENT_TYPES } from '../webhooks/events';
import { DEFAULT_MAX_AGE_SECONDS, targetUriCandidates, verifyDelivery } from './signature';
import type { HeaderMap } from './signature';
import { readStaticData } from './staticData';

const SECRET_HEADER = /^(?:authorization|proxy-authorization|cookie|set-cookie|signature|signature-input)$|token|secret|api-?key|password|auth/i;

/** Request headers without the ones that carry credentials or signatures. */
export function safeHeaders(headers: HeaderMap): IDataObject {
	const result: IDataObject = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined && !SECRET_HEADER.test(name)) result[name] = value;
	}
	return result;
}

/** Answers without starting the workflow (n8n's own Webhook node answers failed authentication this way). */
function answerWithoutRun(fn: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	const response = fn.getResponseObject();
	response.writeHead(status, { 'Content-Type': 'application/json' });
	response.end(JSON.stringify({ message }));
	return { noWebhookResponse: true };
}

/** The raw body n8n kept (it reads it before calling the node); read it now if it has not yet. */
async function rawBodyOf(fn: IWebhookFunctions): Promise<Buffer | undefined> {
	const request = fn.getRequestObject() as { rawBody?: unknown; readRawBody?: () => Promise<void> };
	if (!Buffer.isBuffer(request.rawBody) && typeof request.readRawBody === 'function') {
		try {
			await request.readRawBody();
		} catch {
			return undefined;
		}
	}
	return Buffer.isBuffer(request.rawBody) ? request.rawBody : undefined;
}

function parseEvent(rawBody: Buffer | undefined, fallback: unknown): IDataObject | undefined {
	let value: unknown = fallback;
	if (rawBody !== undefined && rawBody.length > 0) {
		try {
			value = JSON.parse(rawBody.toString('utf8'));
		} catch {
			return undefined;
		}
	}
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : undefined;
}

export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const rawBody = await rawBodyOf(this);

	if (this.getNodeParameter('verifySignature', true) !== false) {
		const stored = readStaticData(this.getWorkflowStaticData('node'));
		const result = verifyDelivery(
			{
				method: request.method,
				// What IIDaaS signs is the URL it was given, not what a proxy in front of n8n turns it into.
				targetUris: targetUriCandidates([stored.callbackUrl, this.getNodeWebhookUrl('default')]),
				headers: request.headers as HeaderMap,
				rawBody,
			},
			{
				token: stored.webhookToken ?? '',
				maxAgeSeconds: typeof options.maxSignatureAge === 'number' ? options.maxSignatureAge : DEFAULT_MAX_AGE_SECONDS,
			},
		);
		if (!result.valid) {
			this.logger.warn(`Entrust IIDaaS Trigger rejected a delivery: ${result.reason}`);
			return answerWithoutRun(this, 401, 'Invalid or missing webhook signature');
		}
	}

	const event = parseEvent(rawBody, this.getBodyData());
	if (!event) return answerWithoutRun(this, 400, 'Expected a JSON event');

	const selected = this.getNodeParameter('events', []) as string[];
	const type = typeof event.type === 'string' ? event.type : '';
	// ASSUMPTION: IIDaaS's test event has a type outside the 25 subscribable ones (the emulator uses "webhook.test").
	const isTest = !WEBHOOK_EVENT_TYPES.includes(type);
	const wanted = isTest ? options.includeTestEvents !== false : selected.includes(type);
	// 200 so IIDaaS does not retry or disable the webhook, but no execution.
	if (!wanted) return { webhookResponse: { received: true, ignored: true } };

	const json: IDataObject = options.includeHeaders === true ? { ...event, headers: safeHeaders(request.headers as HeaderMap) } : event;
	return { workflowData: [[{ json }]] };
}
