import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { binaryItem, pngBytes } from '../../tools/harness';
import { byId, jsonOf, useEmulator } from '../helpers/emulator';

// Plain CommonJS emulator module: its helpers seed records without going through the API.
const enrollments = require('../../tools/emulator/routes/enrollments') as {
	addEnrollment: (
		ctx: { state: unknown },
		design: unknown,
		values: Record<string, string>,
		id?: string,
	) => { id: string };
	findDesign: (ctx: { state: unknown }, name: string) => unknown;
};

const fixture = useEmulator();
const FAST_WAIT = { pollInterval: 0.05, timeout: 10 };
const AUTH = 'authenticateAdminApiUsingPOST';

function stored(id: string): { designName: string; values: Record<string, string> } | undefined {
	return fixture.emulator.state.enrollments.get(id);
}

function seed(designName: string, values: Record<string, string>, id?: string): string {
	const ctx = { state: fixture.emulator.state };
	return enrollments.addEnrollment(ctx, enrollments.findDesign(ctx, designName), values, id).id;
}

function printerNamed(name: string): string {
	return [...fixture.emulator.state.printers.values()].find((printer) =>
		String(printer.name).includes(name),
	)!.id as string;
}

function items(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, index) => ({ json: { index } }));
}

function manualFields(fields: Record<string, string>) {
	return { field: Object.entries(fields).map(([name, value]) => ({ name, value })) };
}

describe('Enrollment resource against the emulator', () => {
	beforeEach(() => {
		fixture.emulator.clearRequests();
		fixture.emulator.setPermissions(null);
	});

	it('lists the enrollment designs, with Limit', async () => {
		const all = await fixture.run({
			resource: 'enrollment',
			operation: 'getDesigns',
			returnAll: true,
		});
		expect(jsonOf(all.output).map((design) => design.name)).toEqual(
			expect.arrayContaining(['Employee Badge', 'Visitor Pass', 'Student ID']),
		);
		expect(all.output[0].json.id).toEqual(expect.any(String));
		const limited = await fixture.run({
			resource: 'enrollment',
			operation: 'getDesigns',
			returnAll: false,
			limit: 1,
		});
		expect(limited.output).toHaveLength(1);
	});

	it('creates, gets, updates and deletes an enrollment', async () => {
		const created = await fixture.run({
			resource: 'enrollment',
			operation: 'create',
			enrollmentDesignName: 'Employee Badge',
			fieldValues: manualFields({
				'First Name': 'Katherine',
				'Last Name': 'Johnson',
				'Employee ID': 'E-2001',
			}),
		});
		const id = created.output[0].json.id as string;
		expect(created.output[0].json).toEqual({
			success: true,
			id,
			enrollmentDesignName: 'Employee Badge',
			status: 'Success',
		});
		expect(stored(id)?.values).toMatchObject({
			'First Name': 'Katherine',
			'Employee ID': 'E-2001',
		});

		const got = await fixture.run({ resource: 'enrollment', operation: 'get', enrollmentId: id });
		expect(got.output[0].json).toEqual({
			id,
			fields: { 'First Name': 'Katherine', 'Last Name': 'Johnson', 'Employee ID': 'E-2001' },
		});
		const raw = await fixture.run({
			resource: 'enrollment',
			operation: 'get',
			enrollmentId: id,
			simplify: false,
		});
		expect(raw.output[0].json.fields).toContainEqual({ name: 'Last Name', value: 'Johnson' });

		const updated = await fixture.run({
			resource: 'enrollment',
			operation: 'update',
			enrollmentId: id,
			fieldMode: 'json',
			fieldsJson: '{"Department": "Flight Research"}',
		});
		expect(updated.output[0].json).toEqual({ success: true, id, status: 'Success' });
		expect(stored(id)?.values).toMatchObject({
			'First Name': 'Katherine',
			Department: 'Flight Research',
		});

		const deleted = await fixture.run({
			resource: 'enrollment',
			operation: 'delete',
			enrollmentId: id,
		});
		expect(deleted.output[0].json).toEqual({ deleted: true, id });
		expect(stored(id)).toBeUndefined();
		expect(fixture.emulator.count('deleteEnrollmentsV2')).toBe(1);
	});

	it('takes a URL-safe base64 enrollment ID (- and _) like Mobile Flash Pass does', async () => {
		const id = seed(
			'Employee Badge',
			{ 'First Name': 'Radia', 'Last Name': 'Perlman', 'Employee ID': 'E-3002' },
			'eyJ3b3Jr-ZmxvdyI6_IjIifQ',
		);
		const got = await fixture.run({ resource: 'enrollment', operation: 'get', enrollmentId: id });
		expect(got.output[0].json).toMatchObject({ id, fields: { 'Last Name': 'Perlman' } });
	});

	it('percent-encodes an enrollment ID holding + / and =', async () => {
		const id = seed(
			'Employee Badge',
			{ 'First Name': 'Edsger', 'Last Name': 'Dijkstra', 'Employee ID': 'E-3001' },
			'eyJ3b3Jr+ZmxvdyI6/IjEifQ==',
		);
		const got = await fixture.run({ resource: 'enrollment', operation: 'get', enrollmentId: id });
		expect(got.output[0].json).toMatchObject({ id, fields: { 'Last Name': 'Dijkstra' } });
		const request = fixture.emulator.requests.find(
			(entry) => entry.operationId === 'readEnrollmentV2',
		)!;
		expect(request.path).toBe('/api/web/v2/enrollments/eyJ3b3Jr%2BZmxvdyI6%2FIjEifQ%3D%3D');
		// An ID pasted already percent-encoded is decoded first rather than encoded twice.
		const pasted = await fixture.run({
			resource: 'enrollment',
			operation: 'get',
			enrollmentId: encodeURIComponent(id),
		});
		expect(pasted.output[0].json.id).toBe(id);
	});

	it('creates 120 items in 3 requests of at most 50 and puts a bad row’s error on its own item', async () => {
		const before = fixture.emulator.state.enrollments.size;
		const result = await fixture.run(
			{
				resource: 'enrollment',
				operation: 'create',
				enrollmentDesignName: 'Visitor Pass',
				fieldMode: 'json',
				fieldsJson: (i: number) =>
					i === 57
						? { 'Full Name': 'Mallory', 'Shoe Size': 44 }
						: { 'Full Name': `Visitor ${i}`, Company: 'Acme', 'Pass Number': `P-${i}` },
				batchOptions: { batchSize: 50 },
			},
			{ items: items(120), continueOnFail: true },
		);
		expect(fixture.emulator.count('createEnrollmentsV2')).toBe(3);
		expect(fixture.emulator.count(AUTH)).toBe(1);
		expect(
			fixture.emulator.requests
				.filter((entry) => entry.operationId === 'createEnrollmentsV2')
				.map((entry) => entry.path),
		).toEqual(Array(3).fill('/api/web/v2/enrollments/Visitor%20Pass'));
		expect(result.output).toHaveLength(120);
		result.output.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
		expect(result.output[57].json.error).toMatch(
			/Enrollment create failed: .*Field "Shoe Size" does not exist in enrollment design "Visitor Pass".*\[item 57\]/,
		);
		const ok = result.output.filter((_, index) => index !== 57);
		expect(ok.every((item) => item.json.success === true && typeof item.json.id === 'string')).toBe(
			true,
		);
		expect(fixture.emulator.state.enrollments.size).toBe(before + 119);
		// Each item got the ID of its own row.
		expect(stored(result.output[119].json.id as string)?.values['Pass Number']).toBe('P-119');
		expect(stored(result.output[58].json.id as string)?.values['Pass Number']).toBe('P-58');
	});

	it('never resends a batch whose answer was lost, and fails only that batch’s items', async () => {
		const rule = fixture.emulator.faults.add({
			operationId: 'createEnrollmentsV2',
			skip: 1,
			action: { processThen: { status: 503 } },
		});
		try {
			const result = await fixture.run(
				{
					resource: 'enrollment',
					operation: 'create',
					enrollmentDesignName: 'Visitor Pass',
					fieldsJson: (i: number) => ({ 'Full Name': `Lost ${i}` }),
					fieldMode: 'json',
					batchOptions: { batchSize: 10 },
				},
				{ items: items(25), continueOnFail: true },
			);
			expect(fixture.emulator.count('createEnrollmentsV2')).toBe(3);
			expect(result.output.map((item) => (item.json.success ? 'ok' : item.json.httpCode))).toEqual([
				...Array(10).fill('ok'),
				...Array(10).fill('503'),
				...Array(5).fill('ok'),
			]);
			expect(result.output[15].json.errorDescription).toMatch(/not sent again/);
			expect(result.output[15].pairedItem).toEqual({ item: 15 });
		} finally {
			fixture.emulator.faults.remove(rule);
		}
	});

	it('fails the run on a bad row without Continue On Fail, naming the item', async () => {
		await expect(
			fixture.run(
				{
					resource: 'enrollment',
					operation: 'create',
					enrollmentDesignName: 'Visitor Pass',
					fieldValues: (i: number) =>
						manualFields(i === 1 ? { 'Favourite Colour': 'blue' } : { 'Full Name': `Guest ${i}` }),
				},
				{ items: items(3) },
			),
		).rejects.toThrow(/Favourite Colour.*\[item 1\]/);
		expect(fixture.emulator.count('createEnrollmentsV2')).toBe(1);
	});

	it('groups items by their design name and validates every item before sending', async () => {
		const result = await fixture.run(
			{
				resource: 'enrollment',
				operation: 'create',
				enrollmentDesignName: (i: number) => (i % 2 === 0 ? 'Visitor Pass' : 'Student ID'),
				fieldValues: (i: number) =>
					manualFields(
						i % 2 === 0 ? { 'Full Name': `Guest ${i}` } : { 'First Name': `Student ${i}` },
					),
			},
			{ items: items(6), continueOnFail: true },
		);
		expect(fixture.emulator.count('createEnrollmentsV2')).toBe(2);
		expect(jsonOf(result.output).map((json) => json.enrollmentDesignName)).toEqual([
			'Visitor Pass',
			'Student ID',
			'Visitor Pass',
			'Student ID',
			'Visitor Pass',
			'Student ID',
		]);

		fixture.emulator.clearRequests();
		const invalid = await fixture.run(
			{
				resource: 'enrollment',
				operation: 'create',
				enrollmentDesignName: 'Visitor Pass',
				fieldMode: 'json',
				fieldsJson: (i: number) => (i === 1 ? '{not json' : { 'Full Name': `Guest ${i}` }),
			},
			{ items: items(3), continueOnFail: true },
		);
		expect(invalid.output[1].json.error).toMatch(/Fields \(JSON\): is not valid JSON.*\[item 1\]/);
		expect(invalid.output[1].pairedItem).toEqual({ item: 1 });
		expect(invalid.output[0].json.success).toBe(true);
		expect(invalid.output[2].json.success).toBe(true);
		expect(fixture.emulator.count('createEnrollmentsV2')).toBe(1);

		fixture.emulator.clearRequests();
		await expect(
			fixture.run(
				{
					resource: 'enrollment',
					operation: 'create',
					enrollmentDesignName: 'Visitor Pass',
					fieldsJson: '{}',
					fieldMode: 'json',
				},
				{ items: items(2) },
			),
		).rejects.toThrow(/Fields: add at least one field value \[item 0\]/);
		expect(fixture.emulator.requests).toHaveLength(0);
	});

	it('fills an image field from binary data as a data URI, accepts a photo over 3 MB (IIDaaS resizes it) and refuses one over 7 MB before sending', async () => {
		const png = pngBytes();
		const created = await fixture.run(
			{
				resource: 'enrollment',
				operation: 'create',
				enrollmentDesignName: 'Employee Badge',
				fieldValues: manualFields({
					'First Name': 'Hedy',
					'Last Name': 'Lamarr',
					'Employee ID': 'E-4001',
				}),
				imageFields: { image: [{ name: 'Photo', binaryPropertyName: 'photo' }] },
			},
			{ items: [binaryItem(png, 'image/png', 'photo')] },
		);
		expect(stored(created.output[0].json.id as string)?.values.Photo).toBe(
			`data:image/png;base64,${png.toString('base64')}`,
		);

		const params = {
			resource: 'enrollment',
			operation: 'create',
			enrollmentDesignName: 'Employee Badge',
			fieldValues: manualFields({ 'First Name': 'Big' }),
			imageFields: { image: [{ name: 'Photo', binaryPropertyName: 'photo' }] },
		};
		const large = pngBytes(3 * 1024 * 1024 + 1);
		const resized = await fixture.run(params, { items: [binaryItem(large, 'image/png', 'photo')] });
		expect(stored(resized.output[0].json.id as string)?.values.Photo).toHaveLength(
			`data:image/png;base64,${large.toString('base64')}`.length,
		);

		fixture.emulator.clearRequests();
		await expect(
			fixture.run(params, {
				items: [binaryItem(pngBytes(7 * 1024 * 1024 + 1), 'image/png', 'photo')],
			}),
		).rejects.toThrow(
			/Image Fields → Image Field 1: the image in "photo" is 7\.0 MB; IIDaaS accepts at most 7 MB \[item 0\]/,
		);
		await expect(fixture.run(params, { items: [{ json: {} }] })).rejects.toThrow(
			/no binary property "photo".*\[item 0\]/,
		);
		expect(fixture.emulator.requests).toHaveLength(0);
	});

	it('walks page numbers for Return All and Limit, with field filters', async () => {
		for (let i = 0; i < 119; i++)
			seed('Student ID', {
				'First Name': `S${i}`,
				'Student Number': `N-${i}`,
				Program: i < 5 ? 'Physics' : 'Chemistry',
			});
		const all = await fixture.run({
			resource: 'enrollment',
			operation: 'getAll',
			enrollmentDesignName: 'Student ID',
			returnAll: true,
		});
		const total = [...fixture.emulator.state.enrollments.values()].filter(
			(enrollment: IDataObject) => enrollment.designName === 'Student ID',
		).length;
		expect(all.output).toHaveLength(total);
		const pages = fixture.emulator.requests.filter(
			(entry) => entry.operationId === 'readEnrollmentsV2',
		);
		expect(pages.map((entry) => entry.query)).toEqual(
			Array.from({ length: Math.floor(total / 50) + 1 }, (_, index) => ({
				offset: String(index + 1),
				limit: '50',
			})),
		);
		expect(new Set(jsonOf(all.output).map((json) => json.id)).size).toBe(total);

		fixture.emulator.clearRequests();
		const limited = await fixture.run({
			resource: 'enrollment',
			operation: 'getAll',
			enrollmentDesignName: 'Student ID',
			returnAll: false,
			limit: 70,
		});
		expect(limited.output).toHaveLength(70);
		expect(fixture.emulator.count('readEnrollmentsV2')).toBe(2);

		fixture.emulator.clearRequests();
		const small = await fixture.run({
			resource: 'enrollment',
			operation: 'getAll',
			enrollmentDesignName: 'Student ID',
			returnAll: false,
			limit: 7,
		});
		expect(small.output).toHaveLength(7);
		expect(
			fixture.emulator.requests.find((entry) => entry.operationId === 'readEnrollmentsV2')!.query,
		).toEqual({ offset: '1', limit: '7' });

		const physics = await fixture.run({
			resource: 'enrollment',
			operation: 'getAll',
			enrollmentDesignName: 'Student ID',
			returnAll: true,
			filters: { filter: [{ name: 'Program', value: 'physics' }] },
		});
		expect(jsonOf(physics.output).map((json) => (json.fields as IDataObject).Program)).toEqual(
			Array(6).fill('Physics'),
		);
	});

	it('updates and deletes in batches, failing only the rows IIDaaS refused', async () => {
		const ids = [0, 1, 2].map((i) =>
			seed('Employee Badge', { 'First Name': `Temp ${i}`, 'Employee ID': `T-${i}` }),
		);
		const missing = 'bm90LWFuLWVucm9sbG1lbnQ=';
		const updated = await fixture.run(
			{
				resource: 'enrollment',
				operation: 'update',
				enrollmentId: (i: number) => (i === 1 ? missing : ids[i]),
				fieldValues: manualFields({ Department: 'Temp Pool' }),
			},
			{ items: items(3), continueOnFail: true },
		);
		expect(fixture.emulator.count('updateEnrollmentsV2')).toBe(1);
		expect(updated.output[1].json.error).toMatch(
			/Enrollment update failed: IIDaaS could not update it: The record does not exist \[item 1\]/,
		);
		expect(stored(ids[0])?.values.Department).toBe('Temp Pool');
		expect(stored(ids[2])?.values.Department).toBe('Temp Pool');

		const deleted = await fixture.run(
			{
				resource: 'enrollment',
				operation: 'delete',
				enrollmentId: (i: number) => [ids[0], missing, ids[2]][i],
				batchOptions: { batchSize: 2 },
			},
			{ items: items(3), continueOnFail: true },
		);
		expect(fixture.emulator.count('deleteEnrollmentsV2')).toBe(2);
		expect(jsonOf(deleted.output)).toEqual([
			{ deleted: true, id: ids[0] },
			expect.objectContaining({
				error: expect.stringMatching(/Enrollment delete failed.*\[item 1\]/),
			}),
			{ deleted: true, id: ids[2] },
		]);
		expect(deleted.output[1].pairedItem).toEqual({ item: 1 });
		expect(stored(ids[0])).toBeUndefined();

		await expect(
			fixture.run({ resource: 'enrollment', operation: 'delete', enrollmentId: 'not base64!' }),
		).rejects.toThrow(/Enrollment ID: "not base64!" is not an enrollment ID.*\[item 0\]/);
	});

	it('puts a whole-request failure on every item of that request and names the permission', async () => {
		const id = seed('Employee Badge', { 'First Name': 'Denied', 'Employee ID': 'D-1' });
		fixture.emulator.setPermissions(['ENROLLMENTS:VIEW']);
		const result = await fixture.run(
			{ resource: 'enrollment', operation: 'delete', enrollmentId: id },
			{ items: items(2), continueOnFail: true },
		);
		expect(result.output).toHaveLength(2);
		expect(result.output.map((item) => [item.json.httpCode, item.pairedItem])).toEqual([
			['403', { item: 0 }],
			['403', { item: 1 }],
		]);
		expect(result.output[1].json.errorDescription).toContain('ENROLLMENTS:DELETE');
		expect(stored(id)).toBeDefined();
	});

	it('prints an enrollment by ID or by design and primary key, waiting for the print queue', async () => {
		const id = seed('Employee Badge', {
			'First Name': 'Barbara',
			'Last Name': 'Liskov',
			'Employee ID': 'E-5001',
		});
		const printed = await fixture.run({
			resource: 'enrollment',
			operation: 'print',
			enrollmentId: id,
			printerId: byId(printerNamed('Front Desk')),
			hopper: 1,
			waitForCompletion: true,
			waitOptions: FAST_WAIT,
		});
		const printJobId = printed.output[0].json.printJobId as string;
		expect(printed.output[0].json).toMatchObject({
			printJobId,
			enrollmentId: id,
			status: 'COMPLETED',
			queueState: 'COMPLETED',
		});
		expect(fixture.emulator.state.printJobs.get(printJobId)).toMatchObject({
			identifierField: 'Employee ID',
			identifierValue: 'E-5001',
		});
		expect(fixture.emulator.count('getPrintJob')).toBeGreaterThanOrEqual(3);

		const byKey = await fixture.run({
			resource: 'enrollment',
			operation: 'print',
			printBy: 'primaryKey',
			enrollmentDesignName: 'Employee Badge',
			primaryKey: 'E-5001',
			printerId: byId(printerNamed('Front Desk')),
			hopper: 0,
			exceptionSlotMessage: 'Load a badge card',
		});
		expect(byKey.output[0].json).toMatchObject({
			enrollmentDesignName: 'Employee Badge',
			primaryKey: 'E-5001',
			printJobId: expect.any(String),
		});
		expect(byKey.output[0].json.status).toBeUndefined();

		const byDevice = await fixture.run({
			resource: 'enrollment',
			operation: 'print',
			enrollmentId: id,
			printerBy: 'deviceId',
			deviceId: 'f71523262a998271',
			hopper: 1,
		});
		expect(byDevice.output[0].json).toMatchObject({
			deviceId: 'F71523262A998271',
			enrollmentId: id,
			printJobId: expect.any(String),
		});
		expect(
			fixture.emulator.state.printJobs.get(byDevice.output[0].json.printJobId as string),
		).toMatchObject({ printerName: 'Badge Office Printer' });
		await expect(
			fixture.run({
				resource: 'enrollment',
				operation: 'print',
				enrollmentId: id,
				printerBy: 'deviceId',
				deviceId: 'BADGE-1',
				hopper: 1,
			}),
		).rejects.toThrow(/Device ID.*\[item 0\]/);

		const jammed = {
			resource: 'enrollment',
			operation: 'print',
			enrollmentId: id,
			printerId: byId(printerNamed('Jammed')),
			hopper: 1,
			waitForCompletion: true,
		};
		await expect(fixture.run({ ...jammed, waitOptions: FAST_WAIT })).rejects.toThrow(
			/ended FAILED: Card jam.*\[item 0\]/,
		);
		const reported = await fixture.run({
			...jammed,
			waitOptions: { ...FAST_WAIT, failOnUnsuccessful: false },
		});
		expect(reported.output[0].json.status).toBe('FAILED');

		fixture.emulator.clearRequests();
		await expect(
			fixture.run({
				resource: 'enrollment',
				operation: 'print',
				enrollmentId: id,
				printerId: byId(printerNamed('Front Desk')),
				hopper: 0,
				exceptionSlotMessage: 'x'.repeat(46),
			}),
		).rejects.toThrow(/Exception Slot Message: is 46 characters long.*\[item 0\]/);
		expect(fixture.emulator.requests).toHaveLength(0);
	});
});
