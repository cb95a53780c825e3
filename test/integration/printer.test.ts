import { byId, jsonOf, useEmulator } from '../helpers/emulator';

const fixture = useEmulator();

describe('Printer resource against the emulator', () => {
	beforeEach(() => fixture.emulator.clearRequests());

	it('creates, gets (by ID and device ID), updates and deletes a printer', async () => {
		const created = await fixture.run({
			resource: 'printer',
			operation: 'create',
			name: 'Lobby Printer',
			deviceId: 'a1b2c3d4e5f60718',
			additionalFields: { location: 'Lobby' },
		});
		const printerId = created.output[0].json.id as string;
		expect(printerId).toMatch(/^[a-f0-9-]{32,36}$/);
		expect(created.output[0].json).toMatchObject({
			name: 'Lobby Printer',
			deviceId: 'A1B2C3D4E5F60718',
		});

		const byPrinterId = await fixture.run({
			resource: 'printer',
			operation: 'get',
			printerId: byId(printerId),
		});
		expect(byPrinterId.output[0].json).toMatchObject({
			id: printerId,
			name: 'Lobby Printer',
			location: 'Lobby',
		});

		const byDevice = await fixture.run({
			resource: 'printer',
			operation: 'get',
			lookUpBy: 'deviceId',
			deviceId: 'A1B2C3D4E5F60718',
		});
		expect(byDevice.output[0].json).toMatchObject({ id: printerId });

		const updated = await fixture.run({
			resource: 'printer',
			operation: 'update',
			printerId: byId(printerId),
			updateFields: { location: 'Reception' },
		});
		expect(updated.output[0].json).toMatchObject({ id: printerId, location: 'Reception' });

		const deleted = await fixture.run({
			resource: 'printer',
			operation: 'delete',
			printerId: byId(printerId),
		});
		expect(deleted.output[0].json).toEqual({ deleted: true, printerId });
		const gone = await fixture.run(
			{ resource: 'printer', operation: 'get', printerId: byId(printerId) },
			{ continueOnFail: true },
		);
		expect(gone.output[0].json).toMatchObject({ httpCode: '404' });
	});

	it('lists printers with Return All and Limit, and the group-restricted list', async () => {
		const all = await fixture.run({ resource: 'printer', operation: 'getAll', returnAll: true });
		expect(all.output.length).toBeGreaterThanOrEqual(3);
		const limited = await fixture.run({
			resource: 'printer',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
		});
		expect(limited.output).toHaveLength(2);
		const restricted = await fixture.run({
			resource: 'printer',
			operation: 'getAll',
			returnAll: true,
			groupRestricted: true,
		});
		expect(fixture.emulator.count('getPrintersWithGroupRestriction')).toBe(1);
		expect(restricted.output.length).toBeLessThanOrEqual(all.output.length);
		const classic = await fixture.run({
			resource: 'printer',
			operation: 'getAll',
			returnAll: true,
			legacyOptions: { withStatus: true },
		});
		expect(fixture.emulator.requests.at(-1)).toMatchObject({
			operationId: 'readPrinters',
			query: { withStatus: 'true' },
		});
		expect(classic.output.map((item) => item.json.id).sort()).toEqual(
			all.output.map((item) => item.json.id).sort(),
		);
	});

	it('reads, merges and writes preferences', async () => {
		const [printer] = jsonOf(
			(await fixture.run({ resource: 'printer', operation: 'getAll', returnAll: false, limit: 1 }))
				.output,
		);
		const before = await fixture.run({
			resource: 'printer',
			operation: 'getPreferences',
			printerId: byId(printer.id as string),
		});
		const updated = await fixture.run({
			resource: 'printer',
			operation: 'updatePreferences',
			printerId: byId(printer.id as string),
			preferences: { copies: 3, laminationFront1: 'APPLY_ONCE' },
		});
		expect(updated.output[0].json).toMatchObject({
			copies: 3,
			lamination: { front: { Laminator1: 'APPLY_ONCE' } },
		});
		const after = await fixture.run({
			resource: 'printer',
			operation: 'getPreferences',
			printerId: byId(printer.id as string),
		});
		const { copies: _copies, lamination: _lamination, ...untouched } = before.output[0].json;
		expect(after.output[0].json).toMatchObject({ ...untouched, copies: 3 });
	});

	it('gets the summary, cancels all jobs of a printer, deletes a lost printer', async () => {
		const summary = await fixture.run({ resource: 'printer', operation: 'getSummary' });
		expect(typeof summary.output[0].json.printerCount).toBe('number');
		const [printer] = jsonOf(
			(await fixture.run({ resource: 'printer', operation: 'getAll', returnAll: false, limit: 1 }))
				.output,
		);
		const cancelled = await fixture.run({
			resource: 'printer',
			operation: 'cancelAllJobs',
			printerId: byId(printer.id as string),
		});
		expect(cancelled.output[0].json).toMatchObject({ success: true, cancelledAllActiveJobs: true });
		const created = await fixture.run({
			resource: 'printer',
			operation: 'create',
			name: 'Lost One',
			deviceId: '00112233445566FF',
		});
		const lost = await fixture.run({
			resource: 'printer',
			operation: 'deleteLost',
			lostPrinterId: created.output[0].json.id,
			tenantId: fixture.emulator.state.tenantId,
		});
		expect(lost.output[0].json).toMatchObject({ deleted: true });
	});

	it('rejects an invalid printer ID or device ID before sending anything', async () => {
		await expect(
			fixture.run({ resource: 'printer', operation: 'get', printerId: byId('not-a-printer') }),
		).rejects.toThrow(/Printer: "not-a-printer" is not valid.*\[item 0\]/);
		await expect(
			fixture.run({ resource: 'printer', operation: 'get', lookUpBy: 'deviceId', deviceId: 'XYZ' }),
		).rejects.toThrow(/Device ID.*\[item 0\]/);
		expect(fixture.emulator.requests).toHaveLength(0);
	});

	it('names the permission the role lacks on 403', async () => {
		fixture.emulator.setPermissions(['PRINTERS:VIEW']);
		try {
			await expect(
				fixture.run({
					resource: 'printer',
					operation: 'create',
					name: 'Denied',
					deviceId: '0011223344556677',
				}),
			).rejects.toMatchObject({
				httpCode: '403',
				description: expect.stringContaining('PRINTERS:ADD'),
			});
		} finally {
			fixture.emulator.setPermissions(null);
		}
	});
});
