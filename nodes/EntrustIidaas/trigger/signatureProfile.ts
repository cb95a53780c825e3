/**
 * The IIDaaS signature profile and the shape of a delivery to check. A leaf module, so the signature checks
 * (signature.ts) and the body digest (contentDigest.ts) share these without importing each other.
 */
import { timingSafeEqual } from 'crypto';

/** The components every IIDaaS signature must cover. */
export const REQUIRED_COMPONENTS = ['@method', '@target-uri', 'content-digest'] as const;
/** The label IIDaaS documents; without it, the first label is the one checked (one signature per delivery). */
export const PREFERRED_LABEL = 'sig';
export const SIGNATURE_ALGORITHM = 'hmac-sha256';
export const HMAC_SHA256_BYTES = 32;
export const DEFAULT_MAX_AGE_SECONDS = 300;
/** How far in the future `created` may be (clock skew between IIDaaS and n8n). */
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

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

/** Entrust asks for a constant-time comparison of signatures and digests. */
export function equalBytes(a: Buffer, b: Buffer): boolean {
	return a.length === b.length && timingSafeEqual(a, b);
}
