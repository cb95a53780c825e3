import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readImage, toDataUri } from '../../framework/binary';
import { param } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { fail, parseJsonObject, requireText } from '../../framework/validation';
import { extraFieldsField, fieldMapperField, readMappedValues } from './mapping';

export const PERMISSIONS = {
	view: 'ENROLLMENTS:VIEW',
	add: 'ENROLLMENTS:ADD',
	edit: 'ENROLLMENTS:EDIT',
	remove: 'ENROLLMENTS:DELETE',
	print: 'ISSUANCE:ADD',
};

/**
 * Photograph, signature and background images: the service resizes images above 3 MB (or 2100 × 1344 pixels) itself,
 * so larger photos are accepted up to this bound: as base64 in a data URI it stays under a 10 MB request body.
 */
export const MAX_ENROLLMENT_IMAGE_BYTES = 7 * 1024 * 1024;

/** Enrollment IDs are base64, standard or URL-safe, padding optional (the spec's own examples drop it). */
const ENROLLMENT_ID = /^[A-Za-z0-9+/_-]+={0,2}$/;

export const designField: INodeProperties = {
	displayName: 'Enrollment Design Name or ID',
	name: 'enrollmentDesignName',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getEnrollmentDesigns' },
	default: '',
	required: true,
	description:
		'The enrollment design (card template) by name. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export function readDesignName(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requireText(ctx, 'Enrollment Design', param(ctx, 'enrollmentDesignName'));
}

export function enrollmentIdField(
	description = 'The enrollment’s ID (base64) as Create or Get Many returned it',
): INodeProperties {
	return {
		displayName: 'Enrollment ID',
		name: 'enrollmentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'eyJ3b3JrZmxvd0lkIjoiNjE2ZTZiZmItNzI2NC00NjQ0LWE0MWMtMTFhZjE4MWRkZGFkIn0=',
		description,
	};
}

/** The one rule for enrollment IDs, wherever they are given. */
export function checkEnrollmentId(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
	value: unknown,
	field = 'Enrollment ID',
): string {
	let text = requireText(ctx, field, value);
	// An ID copied from a URL arrives percent-encoded; the client encodes it again itself.
	if (/%[0-9a-fA-F]{2}/.test(text)) {
		try {
			text = decodeURIComponent(text);
		} catch {
			// leave it: the pattern check below names the problem
		}
	}
	if (!ENROLLMENT_ID.test(text)) {
		fail(
			ctx,
			field,
			`"${text.length > 60 ? `${text.slice(0, 57)}...` : text}" is not an enrollment ID: expected base64 (A-Z, a-z, 0-9, + and / or - and _, = padding)`,
		);
	}
	return text;
}

export function readEnrollmentId(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return checkEnrollmentId(ctx, param(ctx, 'enrollmentId'));
}

/**
 * Field values: mapped to the design's fields, name/value pairs or a JSON object, plus image fields filled from
 * binary data. `mapperMode` is "upsert" where the mapper also picks the key field; `beforeMapper` holds fields the
 * mapper depends on that the operation shows only for it (Update's design).
 */
export const fieldValueProperties = (
	mapperMode: 'add' | 'upsert' = 'add',
	defaultMode = 'manual',
	beforeMapper: INodeProperties[] = [],
): INodeProperties[] => [
	{
		displayName: 'Field Values',
		name: 'fieldMode',
		type: 'options',
		options: [
			{
				name: 'Map Each Field',
				value: 'mapper',
				description:
					'Pick the design’s fields and map input data to them, or map input keys automatically',
			},
			{ name: 'Define Below', value: 'manual', description: 'Name and value pairs' },
			{ name: 'Using JSON', value: 'json', description: 'One JSON object: field name → value' },
		],
		default: defaultMode,
	},
	...beforeMapper,
	fieldMapperField(mapperMode),
	extraFieldsField,
	{
		displayName: 'Fields',
		name: 'fieldValues',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { fieldMode: ['manual'] } },
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
						placeholder: 'First Name',
						description: 'The enrollment field’s name, exactly as in the enrollment design',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Fields (JSON)',
		name: 'fieldsJson',
		type: 'json',
		default: '{\n  "First Name": "",\n  "Last Name": ""\n}',
		displayOptions: { show: { fieldMode: ['json'] } },
		description:
			'An object whose keys are enrollment field names, e.g. {"First Name": "Ada", "Employee ID": "E-1001"}',
	},
	{
		displayName: 'Image Fields',
		name: 'imageFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Image Field',
		default: {},
		displayOptions: { show: { fieldMode: ['manual', 'json'] } },
		description:
			'Photograph, signature or background fields filled from the input item’s binary data (PNG or JPEG, at most 7 MB; IIDaaS resizes images above 3 MB)',
		options: [
			{
				displayName: 'Image Field',
				name: 'image',
				values: [
					{
						displayName: 'Field Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'Photo',
						description: 'The image field’s name in the enrollment design',
					},
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						hint: 'The name of the input binary field containing the image',
					},
				],
			},
		],
	},
];

export interface ImageRef {
	name: string;
	property: string;
	/** Length of the data URI it becomes, to size requests before reading images again. */
	bytes: number;
}

/** An enrollment row validated but not yet built: images are read again when its request is sent. */
export interface FieldPlan {
	fields: Array<{ name: string; value: string }>;
	images: ImageRef[];
	bytes: number;
}

function fieldValueText(ctx: ItemContext, field: string, value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return fail(ctx, field, 'must be text, a number or a boolean, not an object or a list');
}

/** Reads and checks one item's field values (images included) without keeping image data. */
export async function readFieldPlan(ctx: ItemContext): Promise<FieldPlan> {
	const fields: FieldPlan['fields'] = [];
	const images: ImageRef[] = [];
	const addImage = async (field: string, name: string, property: string) => {
		const image = await readImage(ctx, field, property, MAX_ENROLLMENT_IMAGE_BYTES);
		images.push({ name, property: property.trim(), bytes: toDataUri(image).length });
	};
	const mode = param<string>(ctx, 'fieldMode', 'manual');
	if (mode === 'mapper') {
		for (const mapped of readMappedValues(ctx)) {
			if (mapped.binaryProperty !== undefined)
				await addImage(`Fields → ${mapped.name}`, mapped.name, mapped.binaryProperty);
			else
				fields.push({
					name: mapped.name,
					value: fieldValueText(ctx, `Fields → ${mapped.name}`, mapped.value),
				});
		}
	} else if (mode === 'json') {
		const object = parseJsonObject(ctx, 'Fields (JSON)', param(ctx, 'fieldsJson', '{}'));
		for (const [name, value] of Object.entries(object)) {
			if (name.trim() === '') fail(ctx, 'Fields (JSON)', 'has a key with no field name');
			fields.push({ name, value: fieldValueText(ctx, `Fields (JSON) → "${name}"`, value) });
		}
	} else {
		const entries = param<{ field?: IDataObject[] }>(ctx, 'fieldValues', {}).field ?? [];
		for (const [index, entry] of entries.entries()) {
			const name = requireText(ctx, `Fields → Field ${index + 1} → Name`, entry.name);
			fields.push({
				name,
				value: fieldValueText(ctx, `Fields → Field ${index + 1} → Value`, entry.value),
			});
		}
	}

	const imageEntries =
		mode === 'mapper' ? [] : (param<{ image?: IDataObject[] }>(ctx, 'imageFields', {}).image ?? []);
	for (const [index, entry] of imageEntries.entries()) {
		const field = `Image Fields → Image Field ${index + 1}`;
		await addImage(
			field,
			requireText(ctx, `${field} → Field Name`, entry.name),
			String(entry.binaryPropertyName ?? ''),
		);
	}

	const seen = new Set<string>();
	for (const { name } of [...fields, ...images]) {
		if (seen.has(name)) fail(ctx, 'Fields', `the field "${name}" is given twice`);
		seen.add(name);
	}
	if (seen.size === 0) fail(ctx, 'Fields', 'add at least one field value');
	const bytes =
		Buffer.byteLength(JSON.stringify(fields)) +
		images.reduce((sum, image) => sum + image.bytes + image.name.length + 32, 0);
	return { fields, images, bytes };
}

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return the fields as one object (field name → value) instead of a list of name/value pairs',
};
