import type { IExecuteFunctions, ResourceMapperField } from 'n8n-workflow';

import { EntrustIidaas } from '../../nodes/EntrustIidaas/EntrustIidaas.node';
import { createExecuteFunctions } from '../../tools/harness';
import { jsonOf, useEmulator } from '../helpers/emulator';

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
const DESIGN = 'Employee Badge';

function seed(values: Record<string, string>): string {
	const ctx = { state: fixture.emulator.state };
	return enrollments.addEnrollment(ctx, enrollments.findDesign(ctx, DESIGN), values).id;
}

/** The emulator's enrollments of the design with this Employee ID: what the service would hold. */
function withEmployeeId(employeeId: string): Array<{ id: string; values: Record<string, string> }> {
	return [...fixture.emulator.state.enrollments.values()].filter(
		(enrollment: { designName: string; values: Record<string, string> }) =>
			enrollment.designName === DESIGN && enrollment.values['Employee ID'] === employeeId,
	);
}

const SCHEMA: ResourceMapperField[] = [
	'First Name',
	'Last Name',
	'Employee ID',
	'Department',
	'Hire Date',
].map((name) => ({
	id: name,
	displayName: name,
	required: false,
	defaultMatch: false,
	canBeUsedToMatch: true,
	display: true,
	type: 'string',
}));

/** Create or Update with the mapper, keyed on Employee ID, values mapped from the input item's keys. */
function upsert(extra: Record<string, unknown> = {}) {
	return {
		resource: 'enrollment',
		operation: 'createOrUpdate',
		enrollmentDesignName: DESIGN,
		fieldMode: 'mapper',
		fieldMapping: {
			mappingMode: 'autoMapInputData',
			value: null,
			matchingColumns: ['Employee ID'],
			schema: SCHEMA,
			attemptToConvertTypes: false,
			convertFieldsToString: true,
		},
		...extra,
	};
}

const hire = (employeeId: string, json: Record<string, string> = {}) => ({
	json: { firstName: 'Mae', lastName: 'Jemison', employeeId, ...json },
});

describe('Enrollment → Create or Update and Delete by Key Field against the emulator', () => {
	beforeEach(() => fixture.emulator.clearRequests());

	it('reads each item’s mapped fields once: the key field is read without running the field expressions', async () => {
		const items = [hire('E-9101'), hire('E-9102'), hire('E-9103')];
		const fn = createExecuteFunctions({
			credentials: fixture.credentials,
			params: upsert(),
			items,
		});
		const wholeMappingReads: number[] = [];
		const read = fn.getNodeParameter.bind(fn) as IExecuteFunctions['getNodeParameter'];
		fn.getNodeParameter = ((name: string, itemIndex: number, ...rest: unknown[]) => {
			// In n8n, reading the whole mapper value evaluates every field expression of the item.
			if (name === 'fieldMapping') wholeMappingReads.push(itemIndex);
			return (read as (...args: unknown[]) => unknown)(name, itemIndex, ...rest);
		}) as IExecuteFunctions['getNodeParameter'];
		const [output] = (await new EntrustIidaas().execute.call(fn)) as Array<
			Array<{ json: Record<string, unknown> }>
		>;
		expect(output.map((item) => item.json.action)).toEqual(['created', 'created', 'created']);
		expect(wholeMappingReads).toEqual([0, 1, 2]);
	});

	it('sent twice for the same Employee ID leaves one enrollment: created, then updated', async () => {
		const first = await fixture.run(upsert(), {
			items: [hire('E-9001', { department: 'Astronauts' })],
		});
		expect(first.output[0].json).toEqual({
			id: expect.any(String),
			action: 'created',
			enrollmentDesignName: DESIGN,
			keyField: 'Employee ID',
			keyValue: 'E-9001',
			status: 'Success',
		});
		const second = await fixture.run(upsert(), {
			items: [hire('E-9001', { department: 'Medicine' })],
		});
		expect(second.output[0].json).toMatchObject({
			id: first.output[0].json.id,
			action: 'updated',
			keyValue: 'E-9001',
		});

		const stored = withEmployeeId('E-9001');
		expect(stored).toHaveLength(1);
		expect(stored[0].values).toMatchObject({ 'First Name': 'Mae', Department: 'Medicine' });
		expect(fixture.emulator.count('readEnrollmentsV2')).toBe(2);
		expect(fixture.emulator.count('createEnrollmentsV2')).toBe(1);
		expect(fixture.emulator.count('updateEnrollmentsV2')).toBe(1);
	});

	it('turns two items with the same key in one run into one enrollment, the later value winning', async () => {
		const { output } = await fixture.run(upsert(), {
			items: [
				hire('E-9002', { department: 'Flight' }),
				hire('E-9003'),
				hire('E-9002', { department: 'Research' }),
			],
		});
		expect(withEmployeeId('E-9002')).toHaveLength(1);
		expect(withEmployeeId('E-9002')[0].values.Department).toBe('Research');
		expect(output[0].json).toMatchObject({
			action: 'created',
			keyValue: 'E-9002',
			inputItems: [0, 2],
		});
		expect(output[2].json).toEqual(output[0].json);
		expect(output[1].json).toMatchObject({ action: 'created', keyValue: 'E-9003' });
		expect(output[1].json.inputItems).toBeUndefined();
		// One lookup per key, one create request for both new keys.
		expect(fixture.emulator.count('readEnrollmentsV2')).toBe(2);
		expect(fixture.emulator.count('createEnrollmentsV2')).toBe(1);
		expect(fixture.emulator.count('updateEnrollmentsV2')).toBe(0);
	});

	it('updates existing and creates new ones in one run, one request each, and matches the key exactly', async () => {
		const existing = seed({ 'First Name': 'Old', 'Employee ID': 'E-9010' });
		// The service's search matches whole words: "E-9011" also finds "E-9011-B", which must not be updated.
		const lookalike = seed({ 'First Name': 'Other', 'Employee ID': 'E-9011-B' });
		const { output } = await fixture.run(upsert(), {
			items: [hire('E-9010'), hire('E-9011'), hire('E-9012')],
		});
		expect(jsonOf(output).map((item) => item.action)).toEqual(['updated', 'created', 'created']);
		expect(output[0].json.id).toBe(existing);
		expect(output[1].json.id).not.toBe(lookalike);
		expect(fixture.emulator.state.enrollments.get(lookalike).values['First Name']).toBe('Other');
		expect(fixture.emulator.count('createEnrollmentsV2')).toBe(1);
		expect(fixture.emulator.count('updateEnrollmentsV2')).toBe(1);
	});

	it('takes the Key Field by name with JSON field values, and checks the key before sending anything', async () => {
		const params = {
			resource: 'enrollment',
			operation: 'createOrUpdate',
			enrollmentDesignName: DESIGN,
			fieldMode: 'json',
			keyField: 'Employee ID',
		};
		const { output } = await fixture.run({
			...params,
			fieldsJson: '{"First Name": "Ellen", "Employee ID": "E-9020"}',
		});
		expect(output[0].json).toMatchObject({ action: 'created', keyValue: 'E-9020' });

		fixture.emulator.clearRequests();
		await expect(fixture.run({ ...params, fieldsJson: '{"First Name": "Ellen"}' })).rejects.toThrow(
			/Employee ID: has no value in this item.*\[item 0\]/,
		);
		await expect(
			fixture.run(
				upsert({
					fieldMapping: {
						mappingMode: 'autoMapInputData',
						value: null,
						matchingColumns: [],
						schema: SCHEMA,
					},
				}),
				{ items: [hire('E-1')] },
			),
		).rejects.toThrow(
			/Fields → Key Field: pick the field that identifies an enrollment.*\[item 0\]/,
		);
		expect(fixture.emulator.requests).toHaveLength(0);
	});

	it('refuses a key that several enrollments share, naming them, and leaves them unchanged', async () => {
		const ids = [
			seed({ 'First Name': 'Twin', 'Employee ID': 'E-9030' }),
			seed({ 'First Name': 'Twin', 'Employee ID': 'E-9030' }),
		];
		const result = await fixture.run(upsert(), {
			items: [hire('E-9030'), hire('E-9031')],
			continueOnFail: true,
		});
		expect(result.output[0].json.error).toMatch(
			/2 enrollments of "Employee Badge" have Employee ID "E-9030" \[item 0\]/,
		);
		expect(result.output[0].json.errorDescription).toContain(ids[1]);
		expect(result.output[1].json).toMatchObject({ action: 'created', keyValue: 'E-9031' });
		expect(withEmployeeId('E-9030').map((enrollment) => enrollment.values['First Name'])).toEqual([
			'Twin',
			'Twin',
		]);
	});

	it('deletes a leaver’s enrollment by Employee ID, once for two items naming it', async () => {
		const id = seed({ 'First Name': 'Leaving', 'Employee ID': 'E-9040' });
		const params = {
			resource: 'enrollment',
			operation: 'deleteByKey',
			enrollmentDesignName: DESIGN,
			keyField: 'Employee ID',
			keyValue: '={{ $json.employeeId }}',
		};
		const { output } = await fixture.run(
			{ ...params, keyValue: () => 'E-9040' },
			{ items: [{ json: {} }, { json: {} }] },
		);
		expect(jsonOf(output)).toEqual([
			{
				deleted: true,
				id,
				enrollmentDesignName: DESIGN,
				keyField: 'Employee ID',
				keyValue: 'E-9040',
			},
			{
				deleted: true,
				id,
				enrollmentDesignName: DESIGN,
				keyField: 'Employee ID',
				keyValue: 'E-9040',
			},
		]);
		expect(withEmployeeId('E-9040')).toHaveLength(0);
		expect(fixture.emulator.count('deleteEnrollmentsV2')).toBe(1);
		expect(fixture.emulator.count('readEnrollmentsV2')).toBe(1);
	});

	it('fails a leaver who is not there, or outputs deleted: false when asked to', async () => {
		const params = {
			resource: 'enrollment',
			operation: 'deleteByKey',
			enrollmentDesignName: DESIGN,
			keyField: 'Employee ID',
			keyValue: 'E-9999',
		};
		await expect(fixture.run(params)).rejects.toThrow(
			/No enrollment of "Employee Badge" has Employee ID "E-9999" \[item 0\]/,
		);
		const skipped = await fixture.run({ ...params, whenNotFound: 'skip' });
		expect(skipped.output[0].json).toEqual({
			deleted: false,
			enrollmentDesignName: DESIGN,
			keyField: 'Employee ID',
			keyValue: 'E-9999',
		});
		expect(fixture.emulator.count('deleteEnrollmentsV2')).toBe(0);
		await expect(fixture.run({ ...params, keyValue: ' ' })).rejects.toThrow(
			/Key Value: has no value in this item.*\[item 0\]/,
		);
	});
});
