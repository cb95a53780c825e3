import type {
	IDataObject,
	INodeProperties,
	ResourceMapperField,
	ResourceMapperValue,
} from 'n8n-workflow';

import { param } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { fail } from '../../framework/validation';

/**
 * The enrollment field mapper: IIDaaS has no design-schema endpoint, so the method `getEnrollmentFields` learns a
 * design's fields from a few of its enrollments, plus the fields the user adds by name. Image fields are marked in
 * their label; their mapped value names an input binary field (or is a data URI already).
 */
export const IMAGE_FIELD_LABEL = ' (image: input binary field)';

export const fieldMapperField = (mode: 'add' | 'upsert'): INodeProperties => ({
	displayName: 'Fields',
	name: 'fieldMapping',
	type: 'resourceMapper',
	noDataExpression: true,
	default: { mappingMode: 'defineBelow', value: null },
	required: true,
	hint: 'Fields are learned from the design’s existing enrollments. A field no enrollment has filled yet: add it under Fields Not in Any Enrollment Yet.',
	displayOptions: { show: { fieldMode: ['mapper'] } },
	typeOptions: {
		loadOptionsDependsOn: ['enrollmentDesignName', 'extraFields'],
		resourceMapper: {
			resourceMapperMethod: 'getEnrollmentFields',
			mode,
			fieldWords: { singular: 'field', plural: 'fields' },
			addAllFields: true,
			multiKeyMatch: false,
			supportAutoMap: true,
			matchingFieldsLabels: {
				title: 'Key Field',
				description:
					'The field that identifies an enrollment, e.g. Employee ID: an enrollment with this value is updated, otherwise one is created',
			},
		},
	},
});

export const extraFieldsField: INodeProperties = {
	displayName: 'Fields Not in Any Enrollment Yet',
	name: 'extraFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Field',
	default: {},
	description:
		'Fields of the design that no existing enrollment has a value for, so the mapper cannot learn them',
	displayOptions: { show: { fieldMode: ['mapper'] } },
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'Photo',
					description: 'Exactly as in the enrollment design',
				},
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'Text or Date', value: 'text' },
						{
							name: 'Image',
							value: 'image',
							description: 'Photograph, signature or background, filled from an input binary field',
						},
					],
					default: 'text',
				},
			],
		},
	],
};

/** A field name as the mapper shows it. */
export function mapperFieldFor(name: string, image: boolean): ResourceMapperField {
	return {
		id: name,
		displayName: image ? `${name}${IMAGE_FIELD_LABEL}` : name,
		required: false,
		defaultMatch: false,
		canBeUsedToMatch: !image,
		display: true,
		type: 'string',
	};
}

/** Lower case letters and digits only, so input keys like `firstName` or `first_name` map to "First Name". */
export function looseName(name: string): string {
	return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface MappedValue {
	name: string;
	value: unknown;
	/** Set for image fields whose value names an input binary field. */
	binaryProperty?: string;
}

export function readMapping(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): ResourceMapperValue {
	const empty: ResourceMapperValue = {
		mappingMode: 'defineBelow',
		value: null,
		matchingColumns: [],
		schema: [],
		attemptToConvertTypes: false,
		convertFieldsToString: true,
	};
	return param<ResourceMapperValue>(ctx, 'fieldMapping', empty);
}

/** The item's values for the mapped fields: as mapped below, or taken from input keys that match field names. */
export function readMappedValues(ctx: ItemContext): MappedValue[] {
	const mapping = readMapping(ctx);
	const schema = (mapping.schema ?? []).filter((field) => !field.removed);
	const isImage = new Set(
		schema
			.filter((field) => field.displayName.endsWith(IMAGE_FIELD_LABEL))
			.map((field) => field.id),
	);
	let entries: Array<[string, unknown]>;
	if (mapping.mappingMode === 'autoMapInputData') {
		if (schema.length === 0)
			fail(
				ctx,
				'Fields',
				'no fields are known for this design yet: open the node and let it load them, or add them by name',
			);
		const byLooseName = new Map(Object.keys(ctx.item.json).map((key) => [looseName(key), key]));
		entries = schema.flatMap((field): Array<[string, unknown]> => {
			const key = field.id in ctx.item.json ? field.id : byLooseName.get(looseName(field.id));
			return key === undefined ? [] : [[field.id, ctx.item.json[key]]];
		});
	} else {
		entries = Object.entries((mapping.value ?? {}) as IDataObject);
	}
	const values: MappedValue[] = [];
	for (const [name, value] of entries) {
		// Fields left empty are not sent: they would blank the enrollment's value on update.
		if (value === undefined || value === null || value === '') continue;
		const dataUri = typeof value === 'string' && value.startsWith('data:');
		if (isImage.has(name) && !dataUri) {
			if (typeof value !== 'string')
				fail(ctx, `Fields → ${name}`, 'name the input binary field that holds the image');
			values.push({ name, value, binaryProperty: value });
		} else {
			values.push({ name, value });
		}
	}
	return values;
}

/** The key field picked in the mapper (Create or Update): only that part, so the field expressions are not run. */
export function readMappedKeyField(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string | undefined {
	return param<string[] | undefined>(ctx, 'fieldMapping.matchingColumns', [])?.[0];
}
