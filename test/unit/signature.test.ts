import { createHmac } from 'crypto';

import {
	parseDictionary,
	serializeInnerList,
} from '../../nodes/EntrustIidaas/trigger/structuredFields';
import type { InnerList } from '../../nodes/EntrustIidaas/trigger/structuredFields';
import { checkContentDigest } from '../../nodes/EntrustIidaas/trigger/contentDigest';
import {
	signatureBase,
	targetUriCandidates,
	verifyDelivery,
} from '../../nodes/EntrustIidaas/trigger/signature';
import { LIMITS } from '../../nodes/EntrustIidaas/trigger/signatureProfile';
import type { DeliveryToVerify } from '../../nodes/EntrustIidaas/trigger/signatureProfile';
import { signHeaders } from '../../tools/emulator/webhookDelivery';

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

/** A delivery as IIDaaS would send it (headers lower-cased, as Node gives them). */
function delivery(
	overrides: Partial<DeliveryToVerify> = {},
	sign: Partial<Parameters<typeof signHeaders>[0]> = {},
): DeliveryToVerify {
	const headers = signHeaders({
		url: URL,
		token: TOKEN,
		body: BODY,
		created: NOW,
		keyid: 'wh-1',
		...sign,
	});
	return {
		method: 'POST',
		targetUris: [URL],
		headers: Object.fromEntries(
			Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
		),
		rawBody: BODY,
		...overrides,
	};
}

const verify = (input: DeliveryToVerify, token = TOKEN, maxAgeSeconds = 300) =>
	verifyDelivery(input, { token, now: NOW + 5, maxAgeSeconds });

describe('RFC 9421 building blocks', () => {
	it('reproduces the RFC 9421 Appendix B.2.5 HMAC-SHA256 example byte for byte', () => {
		const input = parseDictionary(
			'sig-b25=("date" "@authority" "content-type");created=1618884473;keyid="test-shared-secret"',
		);
		const params = serializeInnerList(input.get('sig-b25')!.value as InnerList);
		expect(params).toBe(
			'("date" "@authority" "content-type");created=1618884473;keyid="test-shared-secret"',
		);
		const base = signatureBase(
			[
				['date', 'Tue, 20 Apr 2021 02:07:55 GMT'],
				['@authority', 'example.com'],
				['content-type', 'application/json'],
			],
			params,
		);
		const key = Buffer.from(
			'uzvJfB4u3N0Jy4T7NZ75MDVcr8zSTInedJtkgcu46YW4XByzNJjxBdtjUkdJPBtbmHhIDi6pcl8jsasjlTMtDQ==',
			'base64',
		);
		expect(createHmac('sha256', key).update(base).digest('base64')).toBe(
			'pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=',
		);
	});

	it('builds the IIDaaS signature base with one line per component and the parameters last', () => {
		const headers = delivery().headers;
		const params = String(headers['signature-input']).slice('sig='.length);
		expect(
			signatureBase(
				[
					['@method', 'POST'],
					['@target-uri', URL],
					['content-digest', String(headers['content-digest'])],
				],
				params,
			),
		).toBe(
			`"@method": POST\n"@target-uri": ${URL}\n"content-digest": ${headers['content-digest']}\n"@signature-params": ("@method" "@target-uri" "content-digest");created=${NOW};keyid="wh-1";alg="hmac-sha256"`,
		);
	});

	it('parses structured-field dictionaries and rejects malformed ones', () => {
		const parsed = parseDictionary(
			'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:, sha-512=:YQ==:',
		);
		expect([...parsed.keys()]).toEqual(['sha-256', 'sha-512']);
		expect(() => parseDictionary('sig=("@method"')).toThrow();
		expect(() => parseDictionary('Sig=:abc:')).toThrow();
		expect(() => parseDictionary('sig=:not base64!:')).toThrow();
	});

	it('checks Content-Digest against the raw body (RFC 9530)', () => {
		const body = Buffer.from('{"hello": "world"}');
		expect(
			checkContentDigest('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:', body),
		).toBeUndefined();
		expect(
			checkContentDigest(
				'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:',
				Buffer.from('{"hello":"world"}'),
			),
		).toMatch(/does not match/);
		expect(checkContentDigest('md5=:AAAA:', body)).toMatch(/no sha-256/);
		expect(checkContentDigest(undefined, body)).toMatch(/missing/);
	});

	it('offers the registered URL and its normalised form as @target-uri candidates', () => {
		expect(
			targetUriCandidates([
				'https://N8N.example.com:443/webhook/x',
				undefined,
				'https://N8N.example.com:443/webhook/x',
			]),
		).toEqual(['https://N8N.example.com:443/webhook/x', 'https://n8n.example.com/webhook/x']);
	});
});

describe('verifyDelivery', () => {
	it('accepts a delivery signed with the webhook token', () => {
		expect(verify(delivery())).toEqual({
			valid: true,
			label: 'sig',
			created: NOW,
			keyid: 'wh-1',
			targetUri: URL,
			signature: expect.any(Buffer),
		});
	});

	it('accepts the signature when the registered URL is not the first candidate (proxy in front of n8n)', () => {
		expect(
			verify(delivery({ targetUris: ['http://internal:5678/webhook/7d1c/webhook', URL] })),
		).toMatchObject({ valid: true, targetUri: URL });
	});

	it('rejects a tampered body', () => {
		expect(verify(delivery({ rawBody: Buffer.from(BODY.toString().replace('p1', 'p2')) }))).toEqual(
			{ valid: false, reason: 'the Content-Digest does not match the body' },
		);
	});

	it('rejects a signature copied onto another body with its own correct digest', () => {
		const other = Buffer.from('{"type":"credential.delete"}');
		const forged = delivery();
		forged.headers['content-digest'] = signHeaders({ url: URL, token: 'x', body: other })[
			'Content-Digest'
		];
		expect(verify({ ...forged, rawBody: other })).toMatchObject({
			valid: false,
			reason: expect.stringMatching(/signature does not match/),
		});
	});

	it('rejects the wrong token', () => {
		expect(verify(delivery(), 'whsec_someone-else')).toMatchObject({
			valid: false,
			reason: expect.stringMatching(/does not match/),
		});
		expect(verify(delivery(), '')).toMatchObject({
			valid: false,
			reason: expect.stringMatching(/no webhook token/),
		});
	});

	it('rejects missing headers and a missing raw body', () => {
		const withoutHeader = (name: string) => {
			const input = delivery();
			delete input.headers[name];
			return verify(input);
		};
		expect(withoutHeader('signature')).toEqual({
			valid: false,
			reason: 'the Signature header is missing',
		});
		expect(withoutHeader('signature-input')).toEqual({
			valid: false,
			reason: 'the Signature-Input header is missing',
		});
		expect(withoutHeader('content-digest')).toEqual({
			valid: false,
			reason: 'the Content-Digest header is missing',
		});
		expect(verify(delivery({ rawBody: undefined }))).toEqual({
			valid: false,
			reason: 'the raw request body is not available',
		});
	});

	it('rejects a delivery signed for another URL or method', () => {
		expect(verify(delivery({ targetUris: ['https://elsewhere.example.com/hook'] }))).toMatchObject({
			valid: false,
		});
		expect(verify(delivery({ method: 'PUT' }))).toMatchObject({ valid: false });
	});

	it('rejects an old `created` (replay) and one far in the future, unless the age check is off', () => {
		expect(verify(delivery({}, { created: NOW - 3600 }))).toEqual({
			valid: false,
			reason: 'the signature is older than the allowed age (possible replay)',
		});
		expect(verify(delivery({}, { created: NOW + 3600 }))).toMatchObject({
			valid: false,
			reason: expect.stringMatching(/future/),
		});
		expect(verify(delivery({}, { created: NOW - 3600 }), TOKEN, 0)).toMatchObject({ valid: true });
	});

	it('rejects signatures that do not cover @method, @target-uri and content-digest', () => {
		const partial = delivery({}, { components: ['@method', 'content-digest'] });
		expect(verify(partial)).toEqual({
			valid: false,
			reason: 'Signature-Input "sig" does not cover @target-uri',
		});
	});

	it('rejects repeated covered components even when correctly signed (RFC 9421 §2.5 wants unique ones)', () => {
		const repeated = delivery(
			{},
			{ components: ['@method', '@target-uri', 'content-digest', 'content-digest'] },
		);
		expect(verify(repeated)).toEqual({
			valid: false,
			reason: 'Signature-Input "sig" covers a component more than once',
		});
	});

	it('caps components, labels and header sizes before parsing or hashing', () => {
		const params = `;created=${NOW};alg="hmac-sha256"`;
		const withHeaders = (headers: Record<string, string>) => {
			const input = delivery();
			Object.assign(input.headers, headers);
			return verify(input);
		};
		const nine = [
			'@method',
			'@target-uri',
			'content-digest',
			...Array.from({ length: 6 }, (_, i) => `x-h${i}`),
		];
		expect(
			withHeaders({
				'signature-input': `sig=(${nine.map((name) => `"${name}"`).join(' ')})${params}`,
			}),
		).toEqual({
			valid: false,
			reason: `Signature-Input "sig" covers more than ${LIMITS.components} components`,
		});
		const labels = Array.from(
			{ length: LIMITS.labels + 1 },
			(_, i) => `s${i}=("@method" "@target-uri" "content-digest")${params}`,
		).join(', ');
		expect(withHeaders({ 'signature-input': labels })).toEqual({
			valid: false,
			reason: `the request carries more than ${LIMITS.labels} signatures`,
		});
		expect(
			withHeaders({
				'signature-input': `sig=("@method" "@target-uri" "content-digest");keyid="${'k'.repeat(LIMITS.signatureInputLength)}"`,
			}),
		).toEqual({
			valid: false,
			reason: 'the Signature-Input header is too long',
		});
		expect(
			withHeaders({
				signature: `sig=:${Buffer.alloc(LIMITS.signatureLength).toString('base64')}:`,
			}),
		).toEqual({ valid: false, reason: 'the Signature header is too long' });
		expect(
			withHeaders({
				'content-digest': `sha-256=:${Buffer.alloc(LIMITS.contentDigestLength).toString('base64')}:`,
			}),
		).toEqual({
			valid: false,
			reason: 'the Content-Digest header is too long',
		});
	});

	it('checks one signature per delivery: `sig` when present, otherwise the first label', () => {
		const other = delivery({}, { label: 'other' });
		expect(verify(other)).toMatchObject({ valid: true, label: 'other' });
		const both = delivery();
		both.headers['signature-input'] =
			`${both.headers['signature-input']}, other=${String(other.headers['signature-input']).slice('other='.length)}`;
		both.headers.signature = `other=${String(other.headers.signature).slice('other='.length)}, sig=:${Buffer.alloc(32).toString('base64')}:`;
		expect(verify(both)).toMatchObject({
			valid: false,
			reason: expect.stringMatching(/signature does not match/),
		});
	});

	it('rejects another algorithm, malformed headers and a label without a signature', () => {
		const input = delivery();
		input.headers['signature-input'] = String(input.headers['signature-input']).replace(
			'hmac-sha256',
			'rsa-pss-sha512',
		);
		expect(verify(input)).toMatchObject({
			valid: false,
			reason: expect.stringMatching(/unsupported algorithm/),
		});
		expect(
			verify({
				...delivery(),
				headers: { ...delivery().headers, signature: 'sig=not-a-byte-sequence(' },
			}),
		).toMatchObject({ valid: false, reason: expect.stringMatching(/malformed/) });
		expect(
			verify({ ...delivery(), headers: { ...delivery().headers, signature: 'other=:AAAA:' } }),
		).toMatchObject({ valid: false, reason: expect.stringMatching(/no Signature for the label/) });
	});

	it('compares with timingSafeEqual only on equal lengths (a short signature is rejected, not thrown)', () => {
		const input = delivery();
		input.headers.signature = 'sig=:AAAA:';
		expect(verify(input)).toMatchObject({ valid: false });
	});

	it('never puts the token or the signature into its reasons', () => {
		const results = [
			verify(delivery(), 'whsec_wrong'),
			verify(delivery({ rawBody: Buffer.from('x') })),
			verify(delivery({}, { created: 1 })),
		];
		const signature = String(delivery().headers.signature).slice(5, -1);
		for (const result of results) {
			expect(JSON.stringify(result)).not.toContain(TOKEN);
			expect(JSON.stringify(result)).not.toContain(signature);
		}
	});
});
