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
 *   URL it registered rather than the Host header it sees);
 * - the digest covers the body as sent (no content coding), and the algorithm is sha-256.
 */
import { createHash, createHmac, timingSafeEqual } from 'crypto';

import { parseDictionary, serializeInnerList } from './structuredFields';
import type { DictionaryMember, InnerList } from './structuredFields';

/** The components every IIDaaS signature must cover. */
export const REQUIRED_COMPONENTS = ['@method', '@target-uri', 'content-digest'] as const;
/** The label IIDaaS documents; without it, the first label is the one checked (one signature per delivery). */
export const PREFERRED_LABEL = 'sig';
export const SIGNATURE_ALGORITHM = 'hmac-sha256';
export const DEFAULT_MAX_AGE_SECONDS = 300;
/** How far in the future `created` may be (clock skew between IIDaaS and n8n). */
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

const DIGEST_ALGORITHMS: Record<string, string> = { 'sha-256': 'sha256', 'sha-512': 'sha512' };
const HMAC_SHA256_BYTES = 32;

/**
 * Limits that bound what an unauthenticated request can cost (a genuine IIDaaS delivery is far below each):
 * oversized headers are refused before they are parsed, and nothing is hashed until every cheap check passed.
 */
export const LIMITS = {
	signatureInputLength: 1024,
	signatureLength: 512,
	contentDigestLength: 512,
	labels: 4,
	components: 8,
	signatureBaseLength: 1024,
};

export type HeaderMap = Record<string, string | string[] | undefined>;

export interface DeliveryToVerify {
	method: string;
	/** Candidates for `@target-uri`, most likely first (see targetUriCandidates). */
	targetUris: string[];
	/** Lower-case header names, as Node's IncomingMessage gives them. */
	headers: HeaderMap;
	/** The body bytes exactly as received. */
	rawBody: Buffer | undefined;
}

export interface VerifyOptions {
	token: string;
	/** Reject signatures whose `created` is older than this; 0 turns the replay window off. */
	maxAgeSeconds?: number;
	clockSkewSeconds?: number;
	/** Seconds since the epoch; injectable for tests. */
	now?: number;
}

export type VerifyResult =
	/** `signature`: the verified signature's bytes, the key of the replay record. */
	| {
			valid: true;
			label: string;
			created?: number;
			keyid?: string;
			targetUri: string;
			signature: Buffer;
	  }
	| { valid: false; reason: string };

/** A field's value as RFC 9421 §2.1 defines it: lines combined with ", ", outer whitespace removed. */
export function headerField(headers: HeaderMap, name: string): string | undefined {
	const value = headers[name.toLowerCase()];
	if (value === undefined) return undefined;
	return (Array.isArray(value) ? value.join(', ') : value).trim();
}

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

function equalBytes(a: Buffer, b: Buffer): boolean {
	return a.length === b.length && timingSafeEqual(a, b);
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

/** The digests to check (hash name → expected bytes), or why the Content-Digest field cannot be used. Hashes nothing. */
function parseContentDigest(fieldValue: string | undefined): Map<string, Buffer> | string {
	if (fieldValue === undefined || fieldValue === '') return 'the Content-Digest header is missing';
	if (fieldValue.length > LIMITS.contentDigestLength)
		return 'the Content-Digest header is too long';
	let digests: Map<string, DictionaryMember>;
	try {
		digests = parseDictionary(fieldValue);
	} catch {
		return 'the Content-Digest header is malformed';
	}
	const expected = new Map<string, Buffer>();
	for (const [algorithm, hash] of Object.entries(DIGEST_ALGORITHMS)) {
		const member = digests.get(algorithm);
		if (!member) continue;
		if (member.value.kind !== 'item' || !Buffer.isBuffer(member.value.value))
			return `the ${algorithm} Content-Digest is not a byte sequence`;
		expected.set(hash, member.value.value);
	}
	return expected.size === 0 ? 'the Content-Digest header has no sha-256 digest' : expected;
}

function digestProblem(expected: Map<string, Buffer>, rawBody: Buffer): string | undefined {
	for (const [hash, digest] of expected) {
		if (!equalBytes(createHash(hash).update(rawBody).digest(), digest))
			return 'the Content-Digest does not match the body';
	}
	return undefined;
}

/** RFC 9530: every digest the node knows (sha-256, sha-512) must match the raw body; at least one must be there. */
export function checkContentDigest(
	fieldValue: string | undefined,
	rawBody: Buffer,
): string | undefined {
	const expected = parseContentDigest(fieldValue);
	return typeof expected === 'string' ? expected : digestProblem(expected, rawBody);
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
