/**
 * Renewal under concurrency: the service drops the session every 10th request while 30 prints wait in
 * parallel. A 401 for a token another request already replaced is resent with the newer token without using
 * up that request's one renewal, so every item completes; counted at the emulator, no print is processed twice.
 */
import { useEmulator } from '../helpers/emulator';
import { AUTH_OP, frontDeskPrinterId, imageItems, PRINT_OP, printParams } from './support';

const fixture = useEmulator();
const ITEMS = 30;

describe('session dropped every 10th request while 30 prints wait in parallel', () => {
	afterEach(() => fixture.emulator.setSessionRequestLimit(null));

	it('completes every item, renews without failing a request, and processes each print once', async () => {
		const { emulator } = fixture;
		emulator.clearRequests();
		emulator.setSessionRequestLimit(10);
		const { output } = await fixture.run(
			printParams(frontDeskPrinterId(emulator), {
				waitForCompletion: true,
				waitOptions: { pollInterval: 0.1, timeout: 60 },
				requestOptions: { maxConcurrency: ITEMS },
			}),
			{ items: imageItems(ITEMS) },
		);

		expect(output).toHaveLength(ITEMS);
		expect(output.map((item) => item.json.error)).toEqual(Array(ITEMS).fill(undefined));
		expect(output.map((item) => item.json.status)).toEqual(Array(ITEMS).fill('COMPLETED'));
		expect(output.map((item) => item.pairedItem)).toEqual(
			Array.from({ length: ITEMS }, (_, item) => ({ item })),
		);
		// The drops really happened, many times: one sign-in per dropped session, and many requests refused.
		const signIns = emulator.count(AUTH_OP);
		expect(signIns).toBeGreaterThanOrEqual(10);
		expect(
			emulator.requests.filter((request) => request.status === 401).length,
		).toBeGreaterThanOrEqual(signIns - 1);
		// Each print processed exactly once: a 401 is refused before processing, so resending it is safe.
		expect(emulator.processedCount(PRINT_OP)).toBe(ITEMS);
		expect(
			emulator.requests.filter(
				(request) => request.operationId === PRINT_OP && request.status === 200,
			),
		).toHaveLength(ITEMS);
		// One sign-in per dropped session, not one per refused request: each session served its 9 requests.
		const served = emulator.requests.filter(
			(request) => request.operationId !== AUTH_OP && request.status === 200,
		).length;
		expect(signIns).toBeLessThanOrEqual(Math.ceil(served / 9) + 1);
	});
});
