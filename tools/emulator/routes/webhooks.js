'use strict';
/**
 * Webhooks tag: register, list, get, replace, delete and test webhooks; signed deliveries (see
 * ../webhookDelivery.js) on Test and on credential events.
 *
 * Deviation from the service, on purpose: besides https, callback URLs may be http on a loopback host
 * (127.0.0.1, localhost, [::1]) so tests can receive deliveries without TLS. The real service wants HTTPS.
 */
const { publicView } = require('../state');
const delivery = require('../webhookDelivery');

const MAX_WEBHOOKS = 20;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function callbackUrlProblem(value) {
	let url;
	try {
		url = new URL(value);
	} catch {
		return 'callbackUrl must be a valid URL';
	}
	if (url.protocol === 'https:') return null;
	if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
	return 'callbackUrl must be an HTTPS URL';
}

/** Checks a WebhookParms body beyond the schema; returns an error message or null. */
function problemWith(body) {
	if (typeof body.name !== 'string' || body.name.trim() === '') return 'name is required';
	const urlProblem = callbackUrlProblem(body.callbackUrl);
	if (urlProblem) return urlProblem;
	if (!Array.isArray(body.events) || body.events.length === 0)
		return 'events must list at least one event';
	for (const event of body.events) {
		if (event.filter === undefined) continue;
		let parsed;
		try {
			parsed = JSON.parse(event.filter);
		} catch {
			return `events[${event.type}].filter must be a JSON string`;
		}
		if (
			!Array.isArray(parsed) ||
			parsed.some((entry) => entry === null || typeof entry !== 'object')
		)
			return `events[${event.type}].filter must be a JSON array of objects`;
	}
	return null;
}

function expiryDateFor(days) {
	if (!days) return undefined;
	return new Date(Date.now() + days * 86400000).toISOString().replace(/\.\d{3}Z$/, '');
}

/** A Webhook answer; the token only when asked (creation). */
function view(webhook, withToken = false) {
	const result = publicView({
		...webhook,
		expired: Boolean(webhook.expiryDate && Date.parse(`${webhook.expiryDate}Z`) <= Date.now()),
	});
	if (withToken) result.token = webhook._token;
	return result;
}

function eventsFrom(ctx, events) {
	return events.map((event) => ({
		id: ctx.ids.uuid(),
		type: event.type,
		...(event.filter === undefined ? {} : { filter: event.filter }),
	}));
}

/** credential.print when an enrollment is sent to print (routes/enrollments.js creates ENROLLMENT jobs). */
function printEventData(ctx, job) {
	const designs = ctx.state.enrollmentDesigns ? [...ctx.state.enrollmentDesigns.values()] : [];
	const design = designs.find(
		(candidate) => typeof job.name === 'string' && job.name.startsWith(`${candidate.name} `),
	);
	return {
		printJobId: job.id,
		printerId: job.printerId,
		printerName: job.printerName,
		enrollmentDesignId: design && design.id,
		enrollmentDesignName: design && design.name,
		identifierField: job.identifierField,
		identifierValue: job.identifierValue,
		status: job.status,
	};
}

function register(registry, ctx) {
	const webhooks = delivery.webhooksOf(ctx);
	const find = (id) => webhooks.get(String(id));
	const notFound = (res, id) =>
		res.sendErrorInfo(404, 'WEBHOOK_NOT_FOUND', `Webhook ${id} not found`);

	registry.on('getWebhooksUsingGET', (req, res) =>
		res.sendJson(
			200,
			[...webhooks.values()].map((webhook) => view(webhook)),
		),
	);

	registry.on('createWebhookUsingPOST', (req, res) => {
		const problem = problemWith(req.body);
		if (problem) return res.sendErrorInfo(400, 'VALIDATION', problem);
		if (webhooks.size >= MAX_WEBHOOKS)
			return res.sendErrorInfo(
				400,
				'WEBHOOK_LIMIT_REACHED',
				`At most ${MAX_WEBHOOKS} webhooks per tenant`,
			);
		const webhook = {
			id: ctx.ids.uuid(),
			name: req.body.name.trim(),
			callbackUrl: req.body.callbackUrl,
			enabled: req.body.enabled !== false,
			events: eventsFrom(ctx, req.body.events),
			expiryDate: expiryDateFor(req.body.expiry),
			_token: `whsec_${ctx.ids.token(32)}`,
		};
		webhooks.set(webhook.id, webhook);
		return res.sendJson(200, view(webhook, true));
	});

	registry.on('readWebhookUsingGET', (req, res) => {
		const webhook = find(req.params.id);
		return webhook ? res.sendJson(200, view(webhook)) : notFound(res, req.params.id);
	});

	// Full replace: fields left out fall back to their defaults, as a PUT does.
	registry.on('updateWebhookUsingPUT', (req, res) => {
		const webhook = find(req.params.id);
		if (!webhook) return notFound(res, req.params.id);
		const problem = problemWith(req.body);
		if (problem) return res.sendErrorInfo(400, 'VALIDATION', problem);
		webhook.name = req.body.name.trim();
		webhook.callbackUrl = req.body.callbackUrl;
		webhook.enabled = req.body.enabled !== false;
		webhook.events = eventsFrom(ctx, req.body.events);
		if (req.body.expiry !== undefined) webhook.expiryDate = expiryDateFor(req.body.expiry);
		return res.sendJson(200, view(webhook));
	});

	registry.on('deleteWebhookUsingDELETE', (req, res) => {
		if (!webhooks.delete(String(req.params.id))) return notFound(res, req.params.id);
		return res.sendEmpty(200);
	});

	// Sends a signed dummy event and waits for the callback's answer before answering 200.
	registry.on('testWebhookUsingPOST', async (req, res) => {
		const webhook = find(req.params.id);
		if (!webhook) return notFound(res, req.params.id);
		const url = req.body && req.body.callbackUrl;
		if (url !== undefined) {
			const problem = callbackUrlProblem(url);
			if (problem) return res.sendErrorInfo(400, 'VALIDATION', problem);
		}
		const event = delivery.buildEvent(ctx, 'webhook.test', {
			message: 'This is a test event from IIDaaS',
			webhookId: webhook.id,
		});
		await delivery.deliver(ctx, webhook, event, url ? { url } : {});
		return res.sendEmpty(200);
	});

	ctx.events.on('printJob:created', (job) => {
		if (job.source === 'ENROLLMENT')
			void delivery.emitEvent(ctx, 'credential.print', printEventData(ctx, job));
	});
}

module.exports = { register, callbackUrlProblem };
