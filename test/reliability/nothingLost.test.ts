/**
 * Nothing lost: 1,000 items with 10% failing give 1,000 outputs in input order under Continue On Fail,
 * failures carrying the error and pairedItem; without it the first failure stops the node with its index.
 */
import { byId, useEmulator } from '../helpers/emulator';
import { frontDeskPrinterId, READ_PRINTER_OP } from './support';

const fixture = useEmulator();
const ITEMS = 1000;
const MISSING_PRINTER = '00000000-0000-4000-8000-0000000000aa';

/** Every 10th item fails: half at the service (404), half in validation (bad ID, nothing sent). */
function printerFor(printerId: string) {
	return (itemIndex: number) => {
		if (itemIndex % 20 === 3) return byId(MISSING_PRINTER);
		if (itemIndex % 20 === 13) return byId(`not-a-printer-${itemIndex}`);
		return byId(printerId);
	};
}

describe('nothing lost', () => {
	beforeEach(() => fixture.emulator.clearRequests());

	it.each([1, 8])(
		'1,000 items, 10%% failing, Continue On Fail, %i concurrent: 1,000 outputs in input order',
		async (maxConcurrency) => {
			const printerId = frontDeskPrinterId(fixture.emulator);
			const { output } = await fixture.run(
				{
					resource: 'printer',
					operation: 'get',
					printerId: printerFor(printerId),
					requestOptions: { maxConcurrency },
				},
				{
					continueOnFail: true,
					items: Array.from({ length: ITEMS }, (_, index) => ({ json: { index } })),
				},
			);
			expect(output).toHaveLength(ITEMS);
			output.forEach((item, index) => {
				expect(item.pairedItem).toEqual({ item: index });
				if (index % 20 === 3) {
					expect(item.json).toMatchObject({
						httpCode: '404',
						error: expect.stringContaining('HTTP 404'),
					});
				} else if (index % 20 === 13) {
					expect(item.json.error).toBe(
						`Printer: "not-a-printer-${index}" is not valid: expected a 32–36 character printer ID such as 0b0db90a-6091-416f-8559-2f2181e941c3 [item ${index}]`,
					);
				} else {
					expect(item.json).toMatchObject({ id: printerId });
					expect(item.json.error).toBeUndefined();
				}
			});
			expect(output.filter((item) => item.json.error !== undefined)).toHaveLength(ITEMS / 10);
			// Validation failures sent nothing; every other item exactly one read.
			expect(fixture.emulator.count(READ_PRINTER_OP)).toBe(ITEMS - ITEMS / 20);
		},
	);

	it.each([
		[1, 3, 'service'],
		[1, 13, 'validation'],
		[8, 3, 'service'],
	])(
		'without Continue On Fail (%i concurrent), the first failure (item %i, %s) stops the node with its index',
		async (maxConcurrency, firstFailure) => {
			const printerId = frontDeskPrinterId(fixture.emulator);
			const error = await fixture
				.run(
					{
						resource: 'printer',
						operation: 'get',
						printerId: (itemIndex: number) =>
							itemIndex === firstFailure
								? printerFor(printerId)(itemIndex)
								: itemIndex > firstFailure && itemIndex % 7 === 0
									? byId(MISSING_PRINTER)
									: byId(printerId),
						requestOptions: { maxConcurrency },
					},
					{ items: Array.from({ length: ITEMS }, () => ({ json: {} })) },
				)
				.then(
					() => undefined,
					(caught: Error & { context?: { itemIndex?: number } }) => caught,
				);
			expect(error).toBeInstanceOf(Error);
			expect(error!.context?.itemIndex).toBe(firstFailure);
			if (firstFailure === 13) expect(error!.message).toMatch(/\[item 13\]$/);
			// It stops: items after the failure (and the in-flight ones) are not all sent.
			expect(fixture.emulator.count(READ_PRINTER_OP)).toBeLessThanOrEqual(
				firstFailure + maxConcurrency,
			);
		},
	);
});
