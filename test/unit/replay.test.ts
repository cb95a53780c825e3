import {
	MAX_SIGNATURES_PER_WEBHOOK,
	SeenSignatures,
} from '../../nodes/EntrustIidaas/trigger/replay';

const NOW = 1_760_000_000;
const signature = (n: number) => {
	const bytes = Buffer.alloc(32);
	bytes.writeUInt32BE(n);
	return bytes;
};

describe('the record of verified signatures (replay protection)', () => {
	it('answers true for a new signature and false for its repeat, per webhook, by bytes', () => {
		const seen = new SeenSignatures();
		expect(seen.firstSighting('wh-1', signature(1), NOW + 300, NOW)).toBe(true);
		expect(seen.firstSighting('wh-1', Buffer.from(signature(1)), NOW + 300, NOW + 10)).toBe(false);
		expect(seen.firstSighting('wh-2', signature(1), NOW + 300, NOW)).toBe(true);
		expect(seen.firstSighting('wh-1', signature(2), NOW + 300, NOW)).toBe(true);
	});

	it('keeps a signature until the age check would reject it anyway, not longer', () => {
		const seen = new SeenSignatures();
		seen.firstSighting('wh-1', signature(1), NOW + 300, NOW);
		expect(seen.firstSighting('wh-1', signature(1), NOW + 300, NOW + 300)).toBe(false);
		expect(seen.firstSighting('wh-1', signature(1), NOW + 601, NOW + 301)).toBe(true);
	});

	it('is bounded: at most its capacity per webhook, expired ones dropped first, then the oldest', () => {
		expect(MAX_SIGNATURES_PER_WEBHOOK).toBe(10_000);
		const seen = new SeenSignatures(3);
		seen.firstSighting('wh-1', signature(1), NOW + 5, NOW);
		seen.firstSighting('wh-1', signature(2), NOW + 300, NOW);
		seen.firstSighting('wh-1', signature(3), NOW + 300, NOW);
		// Full: signature 1 has expired by NOW + 10 and makes room.
		expect(seen.firstSighting('wh-1', signature(4), NOW + 310, NOW + 10)).toBe(true);
		expect(seen.size('wh-1')).toBe(3);
		expect(seen.firstSighting('wh-1', signature(2), NOW + 310, NOW + 10)).toBe(false);
		// Full, nothing expired: the oldest (2) goes.
		expect(seen.firstSighting('wh-1', signature(5), NOW + 310, NOW + 10)).toBe(true);
		expect(seen.size('wh-1')).toBe(3);
		expect(seen.firstSighting('wh-1', signature(3), NOW + 310, NOW + 10)).toBe(false);
		expect(seen.firstSighting('wh-1', signature(2), NOW + 310, NOW + 10)).toBe(true);
	});

	it('holds 10,000 signatures of a webhook within its bound', () => {
		const seen = new SeenSignatures();
		for (let n = 0; n < MAX_SIGNATURES_PER_WEBHOOK + 500; n++)
			seen.firstSighting('wh-1', signature(n), NOW + 300, NOW);
		expect(seen.size('wh-1')).toBe(MAX_SIGNATURES_PER_WEBHOOK);
	});

	it('forgets a removed webhook', () => {
		const seen = new SeenSignatures();
		seen.firstSighting('wh-1', signature(1), NOW + 300, NOW);
		seen.forget('wh-1');
		expect(seen.size('wh-1')).toBe(0);
		expect(seen.firstSighting('wh-1', signature(1), NOW + 300, NOW)).toBe(true);
	});
});
