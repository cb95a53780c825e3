import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readImage, toDataUri } from '../../framework/binary';
import { param } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { fail, PATTERNS } from '../../framework/validation';
import {
	checkExceptionSlotMessage,
	checkHopper,
	exceptionSlotMessageField,
	hopperField,
} from '../printer/fields';
import { preferenceOptions, toPrinterPreferences } from '../printer/preferences';
import { readSmartCardCommands, smartCardCommandsField } from './fields';

const MAX_PRINT_IMAGE_BYTES = 3 * 1024 * 1024;
const LAYERS = [
	'COLOR',
	'UV',
	'BLACK',
	'PEEL_OFF',
	'NON_PRINTABLE_GENERIC',
	'NON_PRINTABLE_CHIP',
	'NON_PRINTABLE_MAGSTRIPE',
	'NON_PRINTABLE_SIGNATURE',
];

const title = (value: string) =>
	value
		.toLowerCase()
		.replace(/(^|_)(\w)/g, (_m, sep: string, c: string) => (sep ? ' ' : '') + c.toUpperCase());

export const printBodyProperties: INodeProperties[] = [
	{
		displayName: 'Card Images',
		name: 'images',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Image Layer',
		default: {},
		description:
			'One image per side and layer, read from the input item’s binary data (PNG or JPEG, at most 3 MB)',
		options: [
			{
				displayName: 'Image Layer',
				name: 'layer',
				values: [
					{
						displayName: 'Side',
						name: 'side',
						type: 'options',
						options: [
							{ name: 'Front', value: 'front' },
							{ name: 'Back', value: 'back' },
						],
						default: 'front',
					},
					{
						displayName: 'Layer',
						name: 'layer',
						type: 'options',
						options: LAYERS.map((value) => ({ name: title(value), value })),
						default: 'COLOR',
					},
					{
						displayName: 'Input Binary Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						hint: 'The name of the input binary field containing the image',
					},
					{
						displayName: 'Enhance Black Layer',
						name: 'enhanceBlackLayer',
						type: 'boolean',
						default: false,
						description: 'Whether to enhance a black layer image that is not 1 bit per pixel',
						displayOptions: { show: { layer: ['BLACK'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Magnetic Stripe',
		name: 'magstripe',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Magnetic Stripe',
		default: {},
		options: [
			{
				displayName: 'Stripe',
				name: 'stripe',
				values: [
					{
						displayName: 'Coercivity',
						name: 'coercivity',
						type: 'options',
						options: [
							{ name: 'High', value: 'HIGH' },
							{ name: 'Low', value: 'LOW' },
						],
						default: 'HIGH',
					},
					{
						displayName: 'Side',
						name: 'side',
						type: 'options',
						options: [
							{ name: 'Back', value: 'back' },
							{ name: 'Front', value: 'front' },
						],
						default: 'back',
					},
					{
						displayName: 'Track 1',
						name: 'track1',
						type: 'string',
						default: '',
						placeholder: '%B1234567890123456^DOE/JOHN^?',
					},
					{
						displayName: 'Track 2',
						name: 'track2',
						type: 'string',
						default: '',
						placeholder: ';1234567890123456=?',
					},
					{ displayName: 'Track 3', name: 'track3', type: 'string', default: '' },
					{
						displayName: 'Track Data Format',
						name: 'format',
						type: 'options',
						options: [
							{ name: 'Text', value: 'text', description: 'Plain ASCII; the node hex-encodes it' },
							{
								name: 'Hex',
								value: 'hex',
								description: 'Already hex-encoded ASCII, sentinels included',
							},
						],
						default: 'text',
					},
					{
						displayName: 'Track Type',
						name: 'trackType',
						type: 'options',
						options: ['IAT', 'AAMVA', 'NTT', 'PRINTER'].map((value) => ({ name: value, value })),
						default: 'IAT',
					},
				],
			},
		],
	},
	smartCardCommandsField,
	{
		displayName: 'Additional Fields',
		name: 'printFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Billing Segment ID', name: 'billingSegmentId', type: 'string', default: '' },
			exceptionSlotMessageField,
			hopperField,
			{
				displayName: 'Image Encoding',
				name: 'imageEncoding',
				type: 'options',
				options: [
					{
						name: 'Data URI',
						value: 'dataUri',
						description: 'As in the API’s examples: data:image/png;base64,…',
					},
					{ name: 'Plain Base64', value: 'base64' },
				],
				default: 'dataUri',
				description:
					'How images are encoded in the request; the API documentation shows both forms',
			},
		],
	},
	{
		displayName: 'Printer Preferences',
		name: 'printerPreferences',
		type: 'collection',
		placeholder: 'Add Preference',
		default: {},
		description: 'Preferences for this print only, overriding the printer’s defaults',
		options: preferenceOptions,
	},
];

function hexOf(ctx: ItemContext, field: string, value: string, format: string): string | undefined {
	if (value === '') return undefined;
	if (format === 'hex') {
		const hex = value.replace(/\s+/g, '');
		if (!PATTERNS.hex.test(hex))
			fail(
				ctx,
				field,
				'is not hexadecimal (pairs of 0-9, A-F); choose Track Data Format "Text" for plain text',
			);
		return hex.toUpperCase();
	}
	if (!/^[\x20-\x7e]*$/.test(value)) fail(ctx, field, 'may hold only printable ASCII characters');
	return Buffer.from(value, 'ascii').toString('hex').toUpperCase();
}

/** Builds the BasicPrintRequest of one item, validating everything before a byte is sent. */
export async function buildPrintBody(ctx: ItemContext): Promise<IDataObject> {
	const fields = param<IDataObject>(ctx, 'printFields', {});
	const encoding = fields.imageEncoding === 'base64' ? 'base64' : 'dataUri';
	const body: IDataObject = {};

	const layers = param<{ layer?: IDataObject[] }>(ctx, 'images', {}).layer ?? [];
	const print: { front: IDataObject[]; back: IDataObject[] } = { front: [], back: [] };
	for (const [index, entry] of layers.entries()) {
		const field = `Card Images → Image Layer ${index + 1}`;
		const side =
			entry.side === 'back'
				? 'back'
				: entry.side === 'front'
					? 'front'
					: fail(ctx, field, `unknown side "${String(entry.side)}"`);
		const layer = String(entry.layer ?? '');
		if (!LAYERS.includes(layer))
			fail(ctx, field, `unknown layer "${layer}"; use one of ${LAYERS.join(', ')}`);
		if (print[side].some((existing) => existing.layer === layer))
			fail(ctx, field, `the ${side} already has a ${layer} layer`);
		const image = await readImage(
			ctx,
			field,
			String(entry.binaryPropertyName ?? ''),
			MAX_PRINT_IMAGE_BYTES,
		);
		print[side].push({
			layer,
			data: encoding === 'dataUri' ? toDataUri(image) : image.buffer.toString('base64'),
			...(layer === 'BLACK' && entry.enhanceBlackLayer === true ? { enhanceBlackLayer: true } : {}),
		});
	}
	if (print.front.length > 0 || print.back.length > 0) {
		body.print = {
			...(print.front.length ? { front: print.front } : {}),
			...(print.back.length ? { back: print.back } : {}),
		};
	}

	const stripes = param<{ stripe?: IDataObject[] }>(ctx, 'magstripe', {}).stripe ?? [];
	const magstripe: IDataObject = {};
	for (const [index, stripe] of stripes.entries()) {
		const field = `Magnetic Stripe ${index + 1}`;
		const side = stripe.side === 'front' ? 'front' : 'back';
		if (magstripe[side]) fail(ctx, field, `the ${side} already has a magnetic stripe`);
		const format = String(stripe.format ?? 'text');
		const tracks: IDataObject = {};
		for (const track of ['track1', 'track2', 'track3']) {
			const hex = hexOf(
				ctx,
				`${field} → Track ${track.slice(-1)}`,
				String(stripe[track] ?? ''),
				format,
			);
			if (hex !== undefined) tracks[track] = hex;
		}
		if (Object.keys(tracks).length === 0) fail(ctx, field, 'fill in at least one track');
		magstripe[side] = {
			...tracks,
			trackType: stripe.trackType ?? 'IAT',
			coercivity: stripe.coercivity ?? 'HIGH',
		};
	}
	if (Object.keys(magstripe).length > 0) body.magstripe = magstripe;

	const commands = readSmartCardCommands(ctx);
	if (commands.length > 0) body.smartcard = { commands };

	if (!body.print && !body.magstripe && !body.smartcard) {
		fail(
			ctx,
			'Card Images',
			'add at least one image layer, a magnetic stripe or a smart card command: there is nothing to print',
		);
	}

	if (typeof fields.billingSegmentId === 'string' && fields.billingSegmentId !== '')
		body.billing = { segmentId: fields.billingSegmentId };
	if (typeof fields.exceptionSlotMessage === 'string' && fields.exceptionSlotMessage !== '')
		body.exceptionSlotMessage = checkExceptionSlotMessage(ctx, fields.exceptionSlotMessage);
	if (fields.hopper !== undefined) body.hopper = checkHopper(ctx, fields.hopper);

	const preferences = param<IDataObject>(ctx, 'printerPreferences', {});
	if (Object.keys(preferences).length > 0)
		body.printerPreferences = toPrinterPreferences(preferences);
	return body;
}
