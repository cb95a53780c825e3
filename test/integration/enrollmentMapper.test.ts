import type { ILoadOptionsFunctions, ResourceMapperField } from 'n8n-workflow';

import { resourceMapping } from '../../nodes/EntrustIidaas/methods';
import { binaryItem, createExecuteFunctions, pngBytes } from '../../tools/harness';
import { useEmulator } from '../helpers/emulator';

const fixture = useEmulator();

function stored(id: string): { designName: string; values: Record<string, string> } | undefined {
	return fixture.emulator.state.enrollments.get(id);
}

/** The resource mapper's value as n8n saves it: the schema the method returned and the values mapped below. */
function mapping(
	schema: ResourceMapperField[],
	value: Record<string, unknown> | null,
	extra: Record<string, unknown> = {},
) {
	return {
		mappingMode: 'defineBelow',
		value,
		matchingColumns: [],
		schema,
		attemptToConvertTypes: false,
		convertFieldsToString: true,
		...extra,
	};
}

async function fieldsOf(design: string, extraFields: unknown = {}) {
	const params = {
		resource: 'enrollment',
		operation: 'create',
		fieldMode: 'mapper',
		enrollmentDesignName: design,
		extraFields,
	};
	const fn = createExecuteFunctions({
		credentials: fixture.credentials,
		params,
	}) as unknown as ILoadOptionsFunctions;
	return await resourceMapping.getEnrollmentFields.call(fn);
}

describe('Enrollment field mapper against the emulator', () => {
	beforeEach(() => fixture.emulator.clearRequests());

	it('learns a design’s fields from one small read of its enrollments, plus the fields added by name', async () => {
		const learned = await fieldsOf('Employee Badge');
		expect(learned.fields.map((field) => field.id)).toEqual([
			'First Name',
			'Last Name',
			'Employee ID',
			'Department',
			'Hire Date',
		]);
		expect(learned.fields[0]).toMatchObject({
			displayName: 'First Name',
			type: 'string',
			required: false,
			display: true,
			canBeUsedToMatch: true,
		});
		expect(fixture.emulator.count('readEnrollmentsV2')).toBe(1);
		expect(
			fixture.emulator.requests.find((request) => request.operationId === 'readEnrollmentsV2')
				?.query,
		).toMatchObject({ offset: '1', limit: '20' });

		const withPhoto = await fieldsOf('Employee Badge', {
			field: [
				{ name: 'Photo', type: 'image' },
				{ name: 'Department', type: 'text' },
			],
		});
		expect(withPhoto.fields.map((field) => field.displayName)).toEqual([
			'First Name',
			'Last Name',
			'Employee ID',
			'Department',
			'Hire Date',
			'Photo (image: input binary field)',
		]);
		expect(withPhoto.fields[5]).toMatchObject({ id: 'Photo', canBeUsedToMatch: false });
	});

	it('says how to add fields when the design has no enrollment yet, and recognises image fields from their values', async () => {
		const empty = await fieldsOf('Visitor Pass');
		expect(empty.fields).toEqual([]);
		expect(empty.emptyFieldsNotice).toMatch(
			/No enrollment of "Visitor Pass" exists yet.*Fields Not in Any Enrollment Yet/,
		);

		const png = pngBytes();
		await fixture.run(
			{
				resource: 'enrollment',
				operation: 'create',
				enrollmentDesignName: 'Visitor Pass',
				fieldMode: 'json',
				fieldsJson: '{"Full Name": "Ada"}',
				imageFields: { image: [{ name: 'Photo', binaryPropertyName: 'data' }] },
			},
			{ items: [binaryItem(png)] },
		);
		const learned = await fieldsOf('Visitor Pass');
		expect(learned.fields.map((field) => field.displayName)).toEqual([
			'Full Name',
			'Photo (image: input binary field)',
		]);
	});

	it('creates enrollments from fields mapped below, with an image field read from an input binary field', async () => {
		const { fields } = await fieldsOf('Employee Badge', {
			field: [{ name: 'Photo', type: 'image' }],
		});
		fixture.emulator.clearRequests();
		const png = pngBytes();
		const created = await fixture.run(
			{
				resource: 'enrollment',
				operation: 'create',
				enrollmentDesignName: 'Employee Badge',
				fieldMode: 'mapper',
				fieldMapping: (itemIndex: number) =>
					mapping(fields, {
						'First Name': `Mary ${itemIndex}`,
						'Last Name': 'Jackson',
						'Employee ID': `E-MAP-${itemIndex}`,
						Department: '',
						Photo: 'portrait',
					}),
			},
			{
				items: [binaryItem(png, 'image/png', 'portrait'), binaryItem(png, 'image/png', 'portrait')],
			},
		);
		expect(created.output).toHaveLength(2);
		expect(fixture.emulator.count('createEnrollmentsV2')).toBe(1);
		const values = stored(created.output[1].json.id as string)?.values;
		// The empty Department is left out, not sent as a blank value.
		expect(values).toEqual({
			'First Name': 'Mary 1',
			'Last Name': 'Jackson',
			'Employee ID': 'E-MAP-1',
			Photo: `data:image/png;base64,${png.toString('base64')}`,
		});
	});

	it('maps input keys to fields automatically, also when they are written differently (firstName → First Name)', async () => {
		const { fields } = await fieldsOf('Employee Badge');
		const created = await fixture.run(
			{
				resource: 'enrollment',
				operation: 'create',
				enrollmentDesignName: 'Employee Badge',
				fieldMode: 'mapper',
				fieldMapping: { ...mapping(fields, null), mappingMode: 'autoMapInputData' },
			},
			{
				items: [
					{
						json: {
							firstName: 'Annie',
							last_name: 'Easley',
							'Employee ID': 'E-AUTO-1',
							salary: 100,
						},
					},
				],
			},
		);
		expect(stored(created.output[0].json.id as string)?.values).toEqual({
			'First Name': 'Annie',
			'Last Name': 'Easley',
			'Employee ID': 'E-AUTO-1',
		});
	});

	it('updates an enrollment from mapped fields; the design only lists the fields', async () => {
		const { fields } = await fieldsOf('Employee Badge');
		const created = await fixture.run({
			resource: 'enrollment',
			operation: 'create',
			enrollmentDesignName: 'Employee Badge',
			fieldMode: 'mapper',
			fieldMapping: mapping(fields, { 'First Name': 'Joan', 'Employee ID': 'E-MAP-U' }),
		});
		const id = created.output[0].json.id as string;
		const updated = await fixture.run({
			resource: 'enrollment',
			operation: 'update',
			enrollmentId: id,
			fieldMode: 'mapper',
			enrollmentDesignName: 'Employee Badge',
			fieldMapping: mapping(fields, { 'Last Name': 'Clarke', Department: null }),
		});
		expect(updated.output[0].json).toMatchObject({ id, status: 'Success' });
		expect(stored(id)?.values).toEqual({
			'First Name': 'Joan',
			'Employee ID': 'E-MAP-U',
			'Last Name': 'Clarke',
		});
	});

	it('names the mapped field and item when an image field’s binary field is missing, and sends nothing', async () => {
		const { fields } = await fieldsOf('Employee Badge', {
			field: [{ name: 'Photo', type: 'image' }],
		});
		fixture.emulator.clearRequests();
		await expect(
			fixture.run(
				{
					resource: 'enrollment',
					operation: 'create',
					enrollmentDesignName: 'Employee Badge',
					fieldMode: 'mapper',
					fieldMapping: mapping(fields, { 'First Name': 'X', Photo: 'portrait' }),
				},
				{ items: [{ json: {} }, { json: {} }] },
			),
		).rejects.toThrow(
			/Fields → Photo: the input item has no binary property "portrait" \[item 0\]/,
		);
		expect(fixture.emulator.requests).toHaveLength(0);
	});
});
