/** Load: one execution of 10,000 items against the emulator accounts for every item. */
import { byId, useEmulator } from '../helpers/emulator';
import { AUTH_OP, READ_PRINTER_OP } from './support';

const fixture = useEmulator();
const ITEMS = 10_000;

describe('load', () => {
	it('Printer → Get for 10,000 items in one execution: every item answered, in order, one session', async () => {
		const { emulator } = fixture;
		emulator.clearRequests();
		const printers = [...emulator.state.printers.values()].map((printer) => printer.id as string);
		const started = Date.now();
		const { output } = await fixture.run(
			{
				resource: 'printer',
				operation: 'get',
				printerId: (itemIndex: number) => byId(printers[itemIndex % printers.length]),
				requestOptions: { maxConcurrency: 16 },
			},
			{ items: Array.from({ length: ITEMS }, (_, index) => ({ json: { index } })) },
		);
		const elapsed = Date.now() - started;

		expect(output).toHaveLength(ITEMS);
		const wrong = output.filter(
			(item, index) =>
				item.pairedItem === undefined ||
				(item.pairedItem as { item: number }).item !== index ||
				item.json.id !== printers[index % printers.length],
		);
		expect(wrong).toHaveLength(0);
		expect(emulator.processedCount(READ_PRINTER_OP)).toBe(ITEMS);
		expect(emulator.count(AUTH_OP)).toBe(1);
		expect(elapsed).toBeLessThan(60_000);
	}, 90_000);
});
