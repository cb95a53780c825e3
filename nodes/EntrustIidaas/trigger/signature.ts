/**
 * Verification of IIDaaS webhook deliveries: RFC 9421 HTTP Message Signatures with HMAC-SHA256,
 * keyed with the webhook's token, over `@method`, `@target-uri` and `content-digest`, plus the
 * RFC 9530 `Content-Digest` of the raw body.
 *
 * What Entrust documents (IDaaS "Webhook Signature Verification"): headers Content-Digest,
 * Signature-Input and Signature; algorithm hmac-sha256, sent as alg="hmac-sha256"; covered
 * components @method, @target-uri, content-digest; label `sig`; verify with the raw body and a
 * constant-time comparison.
 *
 * Assumptions to confirm against a live tenant (each is marked ASSUMPTION below):
 * - the HMAC key is the token string exactly as the API returned it, `whsec_` prefix included, as UTF-8;
 * - `created` is present, in seconds since the epoch (needed for the replay window; a max age of 0 skips it);
 * - `@target-uri` is the callback URL as registered (n8n may sit behind a proxy, so the node uses the
 *   URL it registered rather than the Host header it sees).
 *
 * The IIDaaS profile (components, limits, types) is in signatureProfile.ts; the body digest, with its own
 * assumptions, in contentDigest.ts.
 */
import { createHmac } from 'crypto';

import { digestProblem, parseContentDigest } from './contentDigest';
import {
	DEFAULT_CLOCK_SKEW_SECONDS,
	DEFAULT_MAX_AGE_SECONDS,
	equalBytes,
	HMAC_SHA256_BYTES,
	headerField,
	LIMITS,
	PREFERRED_LABEL,
	REQUIRED_COMPONENTS,
	SIGNATURE_ALGORITHM,
} from './signatureProfile';
import type { DeliveryToVerify, HeaderMap, VerifyOptions, VerifyResult } from './signatureProfile';
import { parseDictionary, serializeInnerList } from './structuredFields';
import type { DictionaryMember, InnerList } from './structuredFields';

/**
 * The signature base of RFC 9421 §2.5: one `"<component>": <value>` line per covered component,
 * in the order of Signature-Input, then the `"@signature-params"` line, joined by LF, no final LF.
 */
export function signatureBase(
	components: Array<[name: string, value: string]>,
	signatureParams: string,
): string {
	const lines = components.map(([name, value]) => `"${name}": ${value}`);
	lines.push(`"@signature-params": ${signatureParams}`);
	return lines.join('\n');
}

export function hmacSha256(key: string | Buffer, data: string): Buffer {
	return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** Candidate `@target-uri` values: each URL as given, then its WHATWG-normalised form (lower-case host, no default port). */
export function targetUriCandidates(urls: Array<string | undefined>): string[] {
	const result: string[] = [];
	const add = (value: string | undefined) => {
		if (value && !result.includes(value)) result.push(value);
	};
	for (const url of urls) add(url);
	for (const url of urls) {
		if (!url) continue;
		try {
			add(new URL(url).href);
		} catch {
			// Not a URL: the verbatim candidate above is all there is.
		}
	}
	return result;
}

function componentNames(list: InnerList): string[] | undefined {
	const names: string[] = [];
	for (const item of list.items) {
		// Component parameters (;sf, ;key, ;req...) are not part of the IIDaaS profile.
		if (typeof item.value !== 'string' || item.params.size > 0) return undefined;
		names.push(item.value);
	}
	return names;
}

type Resolved = Required<Omit<VerifyOptions, 'now'>> & { now: number };

/**
 * The cheap checks of one signature, in order, before any hashing: the components (unique, bounded, the required
 * ones), algorithm, age, the signature's length, and the size of the signature base. Returns the base's parts.
 */
function checkLabel(
	label: string,
	input: DictionaryMember,
	signature: DictionaryMember | undefined,
	delivery: DeliveryToVerify,
	options: Resolved,
) {
	if (input.value.kind !== 'innerList') return `Signature-Input "${label}" is not a component list`;
	const list = input.value;
	const names = componentNames(list);
	if (!names)
		return `Signature-Input "${label}" uses component parameters, which are not supported`;
	if (names.length > LIMITS.components)
		return `Signature-Input "${label}" covers more than ${LIMITS.components} components`;
	// RFC 9421 §2.5: a component may be covered only once.
	if (new Set(names).size !== names.length)
		return `Signature-Input "${label}" covers a component more than once`;
	const missing = REQUIRED_COMPONENTS.filter((name) => !names.includes(name));
	if (missing.length > 0) return `Signature-Input "${label}" does not cover ${missing.join(', ')}`;

	const alg = list.params.get('alg');
	if (alg !== undefined && alg !== SIGNATURE_ALGORITHM)
		return `Signature-Input "${label}" uses an unsupported algorithm`;
	const created = list.params.get('created');
	const expires = list.params.get('expires');
	if (created !== undefined && (typeof created !== 'number' || !Number.isInteger(created)))
		return 'the signature\'s "created" is not an integer';
	if (typeof expires === 'number' && options.now > expires) return 'the signature has expired';
	if (options.maxAgeSeconds > 0) {
		// ASSUMPTION: IIDaaS always sends `created`; without it a delivery could be replayed forever.
		if (created === undefined)
			return 'the signature has no "created" time, so its age cannot be checked';
		if (options.now - (created as number) > options.maxAgeSeconds)
			return 'the signature is older than the allowed age (possible replay)';
		if ((created as number) - options.now > options.clockSkewSeconds)
			return 'the signature\'s "created" time is in the future';
	}

	if (!signature) return `there is no Signature for the label "${label}"`;
	if (signature.value.kind !== 'item' || !Buffer.isBuffer(signature.value.value))
		return `the Signature "${label}" is not a byte sequence`;
	if (signature.value.value.length !== HMAC_SHA256_BYTES)
		return `the Signature "${label}" is not an HMAC-SHA256 value`;

	// Every covered component except @target-uri, whose value has candidates.
	const fixed = new Map<string, string>();
	for (const name of names) {
		if (name === '@target-uri') continue;
		if (name === '@method') fixed.set(name, delivery.method.toUpperCase());
		else if (name.startsWith('@')) return `the component ${name} is not supported`;
		else {
			const value = headerField(delivery.headers, name);
			if (value === undefined) return `the signed header ${name} is missing`;
			fixed.set(name, value);
		}
	}
	// The parameters line: the canonical serialisation (RFC 9421 §2.3) and, if it differs, the text as received.
	const paramsVariants = [...new Set([serializeInnerList(list), input.raw.trim()])];
	const longestUri = Math.max(...delivery.targetUris.map((uri) => uri.length));
	const baseLength =
		[...fixed.values()].reduce((sum, value) => sum + value.length, longestUri) +
		Math.max(...paramsVariants.map((params) => params.length));
	if (baseLength > LIMITS.signatureBaseLength)
		return `the signature base of "${label}" is too long`;
	const keyid = list.params.get('keyid');
	return {
		names,
		fixed,
		paramsVariants,
		received: signature.value.value,
		created: created as number | undefined,
		keyid: typeof keyid === 'string' ? keyid : undefined,
	};
}

/** The first label to check: `sig` when present, otherwise the first one. */
function chosenLabel(inputs: Map<string, DictionaryMember>): string | undefined {
	return inputs.has(PREFERRED_LABEL) ? PREFERRED_LABEL : inputs.keys().next().value;
}

function tooLong(headers: HeaderMap): string | undefined {
	const limits: Array<[string, number]> = [
		['signature-input', LIMITS.signatureInputLength],
		['signature', LIMITS.signatureLength],
	];
	for (const [name, limit] of limits) {
		if ((headerField(headers, name)?.length ?? 0) > limit)
			return `the ${name === 'signature' ? 'Signature' : 'Signature-Input'} header is too long`;
	}
	return undefined;
}

/**
 * Checks a delivery. The reasons name what failed but never contain the token or a signature value. Cheap checks
 * come first; the body is hashed only once the signature over its Content-Digest has matched.
 */
export function verifyDelivery(delivery: DeliveryToVerify, options: VerifyOptions): VerifyResult {
	const fail = (reason: string): VerifyResult => ({ valid: false, reason });
	if (!options.token)
		return fail(
			'the node has no webhook token to check signatures with (re-activate the workflow)',
		);
	if (!Buffer.isBuffer(delivery.rawBody)) return fail('the raw request body is not available');
	if (delivery.targetUris.length === 0) return fail('the webhook URL is unknown');
	const expectedDigests = parseContentDigest(headerField(delivery.headers, 'content-digest'));
	if (typeof expectedDigests === 'string') return fail(expectedDigests);

	const inputField = headerField(delivery.headers, 'signature-input');
	const signatureField = headerField(delivery.headers, 'signature');
	if (!inputField) return fail('the Signature-Input header is missing');
	if (!signatureField) return fail('the Signature header is missing');
	const oversized = tooLong(delivery.headers);
	if (oversized) return fail(oversized);
	let inputs: Map<string, DictionaryMember>;
	let signatures: Map<string, DictionaryMember>;
	try {
		inputs = parseDictionary(inputField);
		signatures = parseDictionary(signatureField);
	} catch {
		return fail('the Signature-Input or Signature header is malformed');
	}
	if (inputs.size > LIMITS.labels || signatures.size > LIMITS.labels)
		return fail(`the request carries more than ${LIMITS.labels} signatures`);
	const label = chosenLabel(inputs);
	if (label === undefined) return fail('the Signature-Input header names no signature');

	const resolved: Resolved = {
		token: options.token,
		maxAgeSeconds: options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS,
		clockSkewSeconds: options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS,
		now: options.now ?? Math.floor(Date.now() / 1000),
	};
	const checked = checkLabel(label, inputs.get(label)!, signatures.get(label), delivery, resolved);
	if (typeof checked === 'string') return fail(checked);

	// ASSUMPTION: the key is the token string, whsec_ prefix included.
	const key = Buffer.from(options.token, 'utf8');
	for (const targetUri of delivery.targetUris) {
		const components = checked.names.map((name): [string, string] => [
			name,
			name === '@target-uri' ? targetUri : checked.fixed.get(name)!,
		]);
		for (const params of checked.paramsVariants) {
			if (!equalBytes(hmacSha256(key, signatureBase(components, params)), checked.received))
				continue;
			// The signature covers the Content-Digest header; now the body must match it.
			const mismatch = digestProblem(expectedDigests, delivery.rawBody);
			if (mismatch) return fail(mismatch);
			return {
				valid: true,
				label,
				targetUri,
				created: checked.created,
				keyid: checked.keyid,
				signature: checked.received,
			};
		}
	}
	return fail(
		'the signature does not match (wrong token, changed request, or a different callback URL)',
	);
}
