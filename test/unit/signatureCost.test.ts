/**
 * What an unauthenticated request can make the trigger do. The review measured 120–230 ms of event loop for a forged
 * request with repeated covered components (≈2,000× a genuine delivery). Here a forged request carries 16 KiB of
 * headers (Node's default header limit, which n8n keeps) and its cost is compared with a genuine delivery's in the
 * same test. The cost is counted as work, not time: bytes fed to SHA-256/HMAC plus characters given to the
 * structured-field parser, so a loaded machine cannot make the test flaky. A relative timing check, with a generous
 * ratio, backs the count up.
 */
import { performance } from 'perf_hooks';

import { verifyDelivery } from '../../nodes/EntrustIidaas/trigger/signature';
import type {
	DeliveryToVerify,
	HeaderMap,
} from '../../nodes/EntrustIidaas/trigger/signatureProfile';
import { signHeaders } from '../../tools/emulator/webhookDelivery';

// The module objects signature.ts and contentDigest.ts call through (not copies), so the spies see their calls.
const crypto = require('crypto') as typeof import('crypto');
const structuredFields =
	require('../../nodes/EntrustIidaas/trigger/structuredFields') as typeof import('../../nodes/EntrustIidaas/trigger/structuredFields');

const TOKEN = 'whsec_3f8a9b2c1d4e5f6g7h8i9j0k1l2m3n4o5p6q7r8s9t0u1v2w3x4y5z6';
const URL = 'https://n8n.example.com/webhook/7d1c/webhook';
const NOW = 1_760_000_000;
const BODY = Buffer.from(
	JSON.stringify({
		id: 'e1',
		type: 'credential.print',
		accountId: 'a1',
		eventTime: '2025-10-09T08:53:20Z',
		data: { printJobId: 'p1' },
	}),
);
const HEADER_BUDGET = 16 * 1024;
const FAKE_SIGNATURE = `:${Buffer.alloc(32, 7).toString('base64')}:`;

const lowerCase = (headers: Record<string, string>): HeaderMap =>
	Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
const genuineHeaders = (components?: string[]) =>
	lowerCase(
		signHeaders({
			url: URL,
			token: TOKEN,
			body: BODY,
			created: NOW,
			keyid: 'wh-1',
			...(components ? { components } : {}),
		}),
	);
const headerBytes = (headers: HeaderMap) =>
	Object.entries(headers).reduce(
		(sum, [name, value]) => sum + name.length + 4 + String(value).length,
		0,
	);
/** As the trigger gives them: the registered URL first, then the URL n8n reports (here: behind a proxy). */
const TARGET_URIS = [URL, 'http://n8n.internal:5678/webhook/7d1c/webhook'];
const delivery = (headers: HeaderMap, rawBody = BODY): DeliveryToVerify => ({
	method: 'POST',
	targetUris: TARGET_URIS,
	headers,
	rawBody,
});
const verify = (input: DeliveryToVerify) =>
	verifyDelivery(input, { token: TOKEN, now: NOW + 5, maxAgeSeconds: 300 });

/** Repeats `unit` (joined by `separator`) until `prefix + … + suffix` is about `size` characters. */
function fill(
	prefix: string,
	unit: (index: number) => string,
	separator: string,
	suffix: string,
	size: number,
): string {
	const parts: string[] = [];
	let length = prefix.length + suffix.length;
	for (let index = 0; length < size; index++) {
		const part = unit(index);
		parts.push(part);
		length += part.length + separator.length;
	}
	return prefix + parts.join(separator) + suffix;
}

const PARAMS = `;created=${NOW};keyid="wh-1";alg="hmac-sha256"`;
const padding = (headers: HeaderMap): HeaderMap => {
	const result = { ...headers };
	for (let index = 0; headerBytes(result) < HEADER_BUDGET; index++)
		result[`x-padding-${index}`] = 'p'.repeat(200);
	return result;
};

/** Forged requests (no token), each with about 16 KiB of headers. */
const FORGED: Record<string, () => HeaderMap> = {
	'repeated covered components': () => ({
		...genuineHeaders(),
		// Two spaces: the text as received differs from its canonical form, so both are candidates.
		'signature-input': fill(
			'sig=("@method"  "@target-uri"  ',
			() => '"content-digest"',
			'  ',
			`)${PARAMS}`,
			HEADER_BUDGET - 300,
		),
		signature: `sig=${FAKE_SIGNATURE}`,
	}),
	'hundreds of labels': () => ({
		...genuineHeaders(),
		'signature-input': fill(
			'',
			(i) => `s${i}=("@method" "@target-uri" "content-digest")${PARAMS}`,
			', ',
			'',
			HEADER_BUDGET / 2,
		),
		signature: fill('', (i) => `s${i}=${FAKE_SIGNATURE}`, ', ', '', HEADER_BUDGET / 2 - 300),
	}),
	'a covered 16 KiB header': () => ({
		...genuineHeaders(),
		'signature-input': `sig=("@method" "@target-uri" "content-digest" "x-padding")${PARAMS}`,
		signature: `sig=${FAKE_SIGNATURE}`,
		'x-padding': 'p'.repeat(HEADER_BUDGET - 500),
	}),
	'a 16 KiB Content-Digest': () => ({
		...genuineHeaders(),
		'content-digest': fill(
			'',
			(i) => `x-${i}=:${Buffer.alloc(32).toString('base64')}:`,
			', ',
			'',
			HEADER_BUDGET - 400,
		),
		signature: `sig=${FAKE_SIGNATURE}`,
	}),
	'well-formed but wrong signature among 16 KiB of other headers': () =>
		padding({ ...genuineHeaders(), signature: `sig=${FAKE_SIGNATURE}` }),
};

interface Work {
	hashedBytes: number;
	parsedChars: number;
}
const total = (work: Work) => work.hashedBytes + work.parsedChars;

/** Runs `fn` and counts the bytes hashed (SHA-256/512, HMAC) and the characters parsed as structured fields. */
function countWork(fn: () => void): Work {
	const work: Work = { hashedBytes: 0, parsedChars: 0 };
	const counted = <T extends { update: (...args: any[]) => T }>(hash: T): T => {
		const update = hash.update.bind(hash);
		hash.update = ((data: string | Buffer, encoding?: BufferEncoding) => {
			work.hashedBytes +=
				typeof data === 'string' ? Buffer.byteLength(data, encoding) : data.length;
			return update(data, encoding as never);
		}) as T['update'];
		return hash;
	};
	const { createHash, createHmac } = crypto;
	const { parseDictionary } = structuredFields;
	const spies = [
		jest
			.spyOn(crypto, 'createHash')
			.mockImplementation((...args: Parameters<typeof createHash>) => counted(createHash(...args))),
		jest
			.spyOn(crypto, 'createHmac')
			.mockImplementation((...args: Parameters<typeof createHmac>) => counted(createHmac(...args))),
		jest.spyOn(structuredFields, 'parseDictionary').mockImplementation((value: string) => {
			work.parsedChars += value.length;
			return parseDictionary(value);
		}),
	];
	try {
		fn();
	} finally {
		for (const spy of spies) spy.mockRestore();
	}
	return work;
}

/** Median time per call of `fn`, from batches interleaved with the other function's batches by the caller. */
function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}
function timeBatch(fn: () => void, calls: number): number {
	const start = performance.now();
	for (let index = 0; index < calls; index++) fn();
	return (performance.now() - start) / calls;
}

describe('the cost of a forged delivery is bounded', () => {
	// Built once, outside the measurements (signing hashes too).
	const genuineDelivery = delivery(genuineHeaders());
	const genuine = () => verify(genuineDelivery);

	it('the forged requests are about 16 KiB of headers, and the genuine one verifies', () => {
		for (const [name, build] of Object.entries(FORGED))
			expect({ name, bytes: headerBytes(build()) }).toEqual({ name, bytes: expect.any(Number) });
		for (const build of Object.values(FORGED))
			expect(headerBytes(build())).toBeGreaterThan(HEADER_BUDGET - 600);
		for (const build of Object.values(FORGED))
			expect(headerBytes(build())).toBeLessThanOrEqual(HEADER_BUDGET + 300);
		expect(genuine()).toMatchObject({ valid: true });
	});

	it.each(Object.keys(FORGED))(
		'%s: rejected, at most 3× the work of a genuine delivery',
		(name) => {
			const headers = FORGED[name]();
			let result: ReturnType<typeof verify> | undefined;
			const forgedWork = countWork(() => {
				result = verify(delivery(headers));
			});
			const genuineWork = countWork(genuine);
			expect(result).toMatchObject({ valid: false });
			expect(total(genuineWork)).toBeGreaterThan(0);
			expect({ name, forged: forgedWork, ratio: total(forgedWork) / total(genuineWork) }).toEqual({
				name,
				forged: forgedWork,
				ratio: expect.any(Number),
			});
			expect(total(forgedWork)).toBeLessThanOrEqual(3 * total(genuineWork));
		},
	);

	it('checks the signature before hashing the body: a forged 1 MiB body is never hashed', () => {
		const big = Buffer.alloc(1024 * 1024, 'a');
		const headers = {
			...lowerCase(
				signHeaders({ url: URL, token: 'whsec_not-the-token', body: big, created: NOW }),
			),
		};
		let result: ReturnType<typeof verify> | undefined;
		const work = countWork(() => {
			result = verify(delivery(headers, big));
		});
		expect(result).toMatchObject({
			valid: false,
			reason: expect.stringMatching(/signature does not match/),
		});
		expect(work.hashedBytes).toBeLessThan(4096);
	});

	it('takes at most a few times a genuine delivery’s time for the review’s attack (relative, interleaved batches)', () => {
		const forged = delivery(FORGED['repeated covered components']());
		const attack = () => verify(forged);
		const genuineTimes: number[] = [];
		const forgedTimes: number[] = [];
		for (let round = 0; round < 15; round++) {
			genuineTimes.push(timeBatch(genuine, 40));
			forgedTimes.push(timeBatch(attack, 40));
		}
		// Generous on purpose (a loaded 2-core machine); before the fix the ratio was in the thousands.
		expect(median(forgedTimes) / median(genuineTimes)).toBeLessThan(10);
	});
});
