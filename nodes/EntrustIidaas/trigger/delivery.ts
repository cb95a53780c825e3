/**
 * Handling one delivery: verify its signature (unless the user turned that off), answer 401 without
 * starting the workflow when it fails, answer a repeated delivery without a run, drop events the user
 * did not select, output the event.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { WEBHOOK_EVENT_TYPES } from '../webhooks/events';
import { includedHeaders } from './headers';
import { seenSignatures } from './replay';
import { DELIVERY_CHECKS_HINT, deliveryChecksProblem, readDeliveryChecks } from './settings';
import { targetUriCandidates, verifyDelivery } from './signature';
import type { HeaderMap } from './signatureProfile';
import { readStaticData } from './staticData';

/** Answers without starting the workflow (n8n's own Webhook node answers failed authentication this way). */
function answerWithoutRun(
	fn: IWebhookFunctions,
	status: number,
	message: string,
): IWebhookResponseData {
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
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

export async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const checks = readDeliveryChecks(this);
	const misconfigured = deliveryChecksProblem(checks);
	if (misconfigured) {
		this.logger.error(
			`Entrust IIDaaS Trigger cannot check deliveries: ${misconfigured}. ${DELIVERY_CHECKS_HINT}`,
		);
		return answerWithoutRun(this, 500, 'The trigger is misconfigured');
	}
	const rawBody = await rawBodyOf(this);

	if (checks.verifySignature) {
		const stored = readStaticData(this.getWorkflowStaticData('node'));
		const now = Math.floor(Date.now() / 1000);
		const result = verifyDelivery(
			{
				method: request.method,
				// What IIDaaS signs is the URL it was given, not what a proxy in front of n8n turns it into.
				targetUris: targetUriCandidates([stored.callbackUrl, this.getNodeWebhookUrl('default')]),
				headers: request.headers as HeaderMap,
				rawBody,
			},
			{ token: stored.webhookToken ?? '', maxAgeSeconds: checks.maxAgeSeconds, now },
		);
		if (!result.valid) {
			this.logger.warn(`Entrust IIDaaS Trigger rejected a delivery: ${result.reason}`);
			return answerWithoutRun(this, 401, 'Invalid or missing webhook signature');
		}
		const keepUntil = (result.created ?? now) + checks.maxAgeSeconds;
		if (
			checks.replayCheck &&
			!seenSignatures.firstSighting(stored.webhookId ?? '', result.signature, keepUntil, now)
		) {
			this.logger.warn(
				'Entrust IIDaaS Trigger ignored a repeated delivery: its signature was already received',
			);
			// 200, not 409: the event was received once already, so the delivery succeeded. A sender that retries a
			// delivery whose answer it lost (IIDaaS retries non-2xx answers and disables webhooks that keep failing)
			// must not count it as a failure, and a replayer learns nothing from the status.
			return { webhookResponse: { received: true, duplicate: true } };
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

	const json: IDataObject =
		options.includeHeaders === true
			? { ...event, headers: includedHeaders(request.headers as HeaderMap) }
			: event;
	return { workflowData: [[{ json }]] };
}
