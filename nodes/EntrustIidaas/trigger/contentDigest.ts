/**
 * RFC 9530 `Content-Digest` of a webhook delivery's raw body. Split in two on purpose: the field is parsed (cheap)
 * before the signature is checked, and the body is hashed only after the signature over the field has matched.
 *
 * ASSUMPTION (to confirm against a live tenant): the digest covers the body as sent (no content coding), and the
 * algorithm is sha-256.
 */
import { createHash } from 'crypto';

import { equalBytes, LIMITS } from './signatureProfile';
import { parseDictionary } from './structuredFields';
import type { DictionaryMember } from './structuredFields';

const DIGEST_ALGORITHMS: Record<string, string> = { 'sha-256': 'sha256', 'sha-512': 'sha512' };

/** The digests to check (hash name → expected bytes), or why the Content-Digest field cannot be used. Hashes nothing. */
export function parseContentDigest(fieldValue: string | undefined): Map<string, Buffer> | string {
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

/** Hashes the body: why it does not match the parsed digests, or undefined when every one matches. */
export function digestProblem(expected: Map<string, Buffer>, rawBody: Buffer): string | undefined {
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
