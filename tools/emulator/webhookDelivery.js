'use strict';
/**
 * Signed webhook deliveries, as IIDaaS sends them: an HTTP POST of a JSON event with RFC 9530
 * `Content-Digest` and an RFC 9421 signature (HMAC-SHA256 keyed with the webhook's token, label `sig`,
 * components `@method`, `@target-uri`, `content-digest`, parameters created/keyid/alg).
 *
 * Used by routes/webhooks.js (deliveries on events and on Test) and directly by tests, which can ask for
 * broken deliveries: `tamper` (body changed after signing), `unsigned`, `wrongToken`, `replayOld`
 * (`created` an hour ago), `createdOffsetSeconds`.
 *
 * Other route modules emit events with `emitEvent(ctx, 'credential.create', data)`.
 */
const crypto = require('crypto');
const http = require('http');
const https = require('https');

const LABEL = 'sig';
const COMPONENTS = ['@method', '@target-uri', 'content-digest'];
const DELIVERY_TIMEOUT_MS = 15000;

function contentDigest(body) {
	return `sha-256=:${crypto.createHash('sha256').update(body).digest('base64')}:`;
}

/** RFC 9421 §2.5 signature base for our three components. */
function signatureBase({ method, url, digest, params }) {
	return [
		`"@method": ${method}`,
		`"@target-uri": ${url}`,
		`"content-digest": ${digest}`,
		`"@signature-params": ${params}`,
	].join('\n');
}

/** Headers that sign `body` (Buffer or string) for a POST to `url` with `token`. */
function signHeaders({
	url,
	token,
	body,
	method = 'POST',
	created = Math.floor(Date.now() / 1000),
	keyid,
	label = LABEL,
	components = COMPONENTS,
}) {
	const bytes = Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8');
	const digest = contentDigest(bytes);
	const keyidPart = keyid === undefined ? '' : `;keyid="${keyid}"`;
	const params = `(${components.map((c) => `"${c}"`).join(' ')});created=${created}${keyidPart};alg="hmac-sha256"`;
	const values = { '@method': method, '@target-uri': url, 'content-digest': digest };
	const lines = components.map((c) => `"${c}": ${values[c]}`);
	lines.push(`"@signature-params": ${params}`);
	const signature = crypto
		.createHmac('sha256', Buffer.from(token, 'utf8'))
		.update(lines.join('\n'), 'utf8')
		.digest('base64');
	return {
		'Content-Type': 'application/json',
		'Content-Digest': digest,
		'Signature-Input': `${label}=${params}`,
		Signature: `${label}=:${signature}:`,
	};
}

/** POSTs `body` to `url` with `headers`; resolves {status, body} or {status: 0, error}. Never rejects. */
function post(url, body, headers, timeoutMs = DELIVERY_TIMEOUT_MS) {
	return new Promise((resolve) => {
		let target;
		try {
			target = new URL(url);
		} catch {
			resolve({ status: 0, error: `invalid URL ${url}` });
			return;
		}
		const client = target.protocol === 'https:' ? https : http;
		const request = client.request(
			target,
			{
				method: 'POST',
				headers: { ...headers, 'Content-Length': String(body.length) },
				timeout: timeoutMs,
			},
			(response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () =>
					resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') }),
				);
				response.on('error', (error) => resolve({ status: 0, error: error.message }));
			},
		);
		request.on('timeout', () => request.destroy(new Error('timed out')));
		request.on('error', (error) => resolve({ status: 0, error: error.message }));
		request.end(body);
	});
}

/**
 * Sends one delivery of `event` to `url`, signed with `token`, or deliberately broken:
 * { tamper, unsigned, wrongToken, replayOld, createdOffsetSeconds, keyid, extraHeaders }.
 */
async function sendDelivery({
	url,
	token,
	event,
	keyid,
	tamper,
	unsigned,
	wrongToken,
	replayOld,
	createdOffsetSeconds = 0,
	extraHeaders = {},
}) {
	const body = Buffer.from(typeof event === 'string' ? event : JSON.stringify(event), 'utf8');
	const created = Math.floor(Date.now() / 1000) + createdOffsetSeconds - (replayOld ? 3600 : 0);
	const signingToken = wrongToken ? `whsec_${crypto.randomBytes(24).toString('base64url')}` : token;
	let headers = signHeaders({ url, token: signingToken, body, created, keyid });
	if (unsigned)
		headers = { 'Content-Type': 'application/json', 'Content-Digest': headers['Content-Digest'] };
	let sent = body;
	if (tamper) {
		// A changed body with the original headers: the digest no longer matches.
		const parsed = JSON.parse(body.toString('utf8'));
		sent = Buffer.from(JSON.stringify({ ...parsed, tampered: true }), 'utf8');
	}
	return await post(url, sent, { ...headers, ...extraHeaders });
}

function webhooksOf(ctx) {
	ctx.state.webhooks = ctx.state.webhooks || new Map();
	ctx.state.webhookDeliveries = ctx.state.webhookDeliveries || [];
	ctx.state.webhookPending = ctx.state.webhookPending || new Set();
	return ctx.state.webhooks;
}

/** An event as IDaaS documents it: {id, type, accountId, eventTime, data}. */
function buildEvent(ctx, type, data = {}) {
	return {
		id: ctx.ids.uuid(),
		type,
		accountId: ctx.state.tenantId,
		eventTime: new Date().toISOString(),
		data,
	};
}

function isActive(webhook) {
	// expiryDate is UTC without a zone, as in the spec's example.
	return (
		webhook.enabled && !(webhook.expiryDate && Date.parse(`${webhook.expiryDate}Z`) <= Date.now())
	);
}

/** Whether the webhook subscribed to `type` and its filter (enrollment design IDs) lets `data` through. */
function subscribes(webhook, type, data) {
	const subscription = (webhook.events || []).find((event) => event.type === type);
	if (!subscription) return false;
	if (!subscription.filter || !data || data.enrollmentDesignId === undefined) return true;
	try {
		const designs = JSON.parse(subscription.filter)
			.map((entry) => entry && entry.enrollmentDesignId)
			.filter(Boolean);
		return designs.length === 0 || designs.includes(data.enrollmentDesignId);
	} catch {
		return true;
	}
}

/** Delivers `event` to one registered webhook (at `url` if given), records the outcome, returns it. */
function deliver(ctx, webhook, event, options = {}) {
	webhooksOf(ctx);
	const url = options.url || webhook.callbackUrl;
	const pending = sendDelivery({
		url,
		token: webhook._token,
		event,
		keyid: webhook.id,
		...options,
	}).then((result) => {
		const record = {
			webhookId: webhook.id,
			eventId: event.id,
			type: event.type,
			url,
			status: result.status,
			error: result.error,
			at: Date.now(),
		};
		ctx.state.webhookDeliveries.push(record);
		ctx.state.webhookPending.delete(pending);
		ctx.log(`webhook ${webhook.id} ${event.type} → ${url}: ${result.status || result.error}`);
		return record;
	});
	ctx.state.webhookPending.add(pending);
	return pending;
}

/** Sends `type` with `data` to every active webhook subscribed to it; resolves with the delivery records. */
function emitEvent(ctx, type, data = {}) {
	const event = buildEvent(ctx, type, data);
	const targets = [...webhooksOf(ctx).values()].filter(
		(webhook) => isActive(webhook) && subscribes(webhook, type, data),
	);
	return Promise.all(targets.map((webhook) => deliver(ctx, webhook, event)));
}

/** Waits until every delivery in flight has finished (tests call it before asserting). */
async function settle(ctx) {
	webhooksOf(ctx);
	while (ctx.state.webhookPending.size > 0) await Promise.all([...ctx.state.webhookPending]);
}

module.exports = {
	LABEL,
	COMPONENTS,
	contentDigest,
	signatureBase,
	signHeaders,
	sendDelivery,
	buildEvent,
	deliver,
	emitEvent,
	settle,
	webhooksOf,
};
