import type { IDataObject, INodePropertyOptions, INodeProperties } from 'n8n-workflow';

const choices = (...values: string[]): INodePropertyOptions[] =>
	values.map((value) => ({ name: value === 'false' ? 'Off' : value.replace(/_/g, ' '), value }));

const LAMINATION = choices('DO_NOT_APPLY', 'APPLY_ONCE', 'APPLY_TWICE');

/** The PrinterPreferences fields, as collection options (used by Update Preferences and Print). */
export const preferenceOptions: INodeProperties[] = [
	{
		displayName: 'Back Orientation',
		name: 'backOrientation',
		type: 'options',
		options: choices('PORTRAIT', 'LANDSCAPE'),
		default: 'LANDSCAPE',
	},
	{
		displayName: 'Back Rotate 180',
		name: 'backRotate180',
		type: 'boolean',
		default: false,
		description: 'Whether to rotate the back image by 180 degrees',
	},
	{
		displayName: 'Bar Codes Monochrome',
		name: 'barCodesMonochrome',
		type: 'boolean',
		default: false,
		description: 'Whether to print bar codes with the black panel',
	},
	{
		displayName: 'Black Pixels Monochrome',
		name: 'blackPixelsMonochrome',
		type: 'boolean',
		default: false,
		description: 'Whether to print pure black pixels with the black panel',
	},
	{
		displayName: 'Copies',
		name: 'copies',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 100000 },
		default: 1,
	},
	{
		displayName: 'Debow',
		name: 'debow',
		type: 'boolean',
		default: false,
		description: 'Whether to flatten the card after retransfer',
	},
	{
		displayName: 'Disable Printing',
		name: 'disablePrinting',
		type: 'options',
		options: choices('false', 'ALL', 'FRONT', 'BACK'),
		default: 'false',
	},
	{
		displayName: 'Front Orientation',
		name: 'frontOrientation',
		type: 'options',
		options: choices('PORTRAIT', 'LANDSCAPE'),
		default: 'LANDSCAPE',
	},
	{
		displayName: 'Front Rotate 180',
		name: 'frontRotate180',
		type: 'boolean',
		default: false,
		description: 'Whether to rotate the front image by 180 degrees',
	},
	{
		displayName: 'Input Hopper',
		name: 'inputHopper',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 6 },
		default: 1,
	},
	{
		displayName: 'Lamination Back Laminator 1',
		name: 'laminationBack1',
		type: 'options',
		options: LAMINATION,
		default: 'DO_NOT_APPLY',
	},
	{
		displayName: 'Lamination Back Laminator 2',
		name: 'laminationBack2',
		type: 'options',
		options: LAMINATION,
		default: 'DO_NOT_APPLY',
	},
	{
		displayName: 'Lamination Front Laminator 1',
		name: 'laminationFront1',
		type: 'options',
		options: LAMINATION,
		default: 'DO_NOT_APPLY',
	},
	{
		displayName: 'Lamination Front Laminator 2',
		name: 'laminationFront2',
		type: 'options',
		options: LAMINATION,
		default: 'DO_NOT_APPLY',
	},
	{
		displayName: 'Print Resolution',
		name: 'printResolution',
		type: 'options',
		options: choices('NA', 'BEST', 'STANDARD'),
		default: 'STANDARD',
	},
	{
		displayName: 'Rewrite',
		name: 'rewrite',
		type: 'boolean',
		default: false,
		description: 'Whether to rewrite a rewritable card',
	},
	{
		displayName: 'Split Ribbon',
		name: 'splitRibbon',
		type: 'options',
		options: choices(
			'false',
			'YMCT_FRONT_K_BACK',
			'YMC_FRONT_KT_BACK',
			'K_FRONT_YMCT_BACK',
			'YMC_FRONT_K_BACK',
			'K_FRONT_YMC_BACK',
			'K_FRONT_YMCKT_BACK',
			'KT_FRONT_YMCKT_BACK',
			'YMCKTT_FRONT_K_BACK',
			'YMCKFT_FRONT_K_BACK',
			'MTT_FRONT_K_BACK',
		),
		default: 'false',
	},
	{
		displayName: 'Tactile Back',
		name: 'tactileBack',
		type: 'options',
		options: choices('true', 'false', '1', '2', '3'),
		default: 'false',
	},
	{
		displayName: 'Tactile Front',
		name: 'tactileFront',
		type: 'options',
		options: choices('true', 'false', '1', '2', '3'),
		default: 'false',
	},
	{
		displayName: 'Topcoat',
		name: 'topcoat',
		type: 'boolean',
		default: false,
		description: 'Whether to apply a topcoat',
	},
	{
		displayName: 'Topcoat Back',
		name: 'topcoatBack',
		type: 'boolean',
		default: false,
		description: 'Whether to apply a topcoat on the back',
	},
	{
		displayName: 'Topcoat Front',
		name: 'topcoatFront',
		type: 'boolean',
		default: false,
		description: 'Whether to apply a topcoat on the front',
	},
];

const LAMINATION_KEYS: Record<
	string,
	[side: 'front' | 'back', laminator: 'Laminator1' | 'Laminator2']
> = {
	laminationFront1: ['front', 'Laminator1'],
	laminationFront2: ['front', 'Laminator2'],
	laminationBack1: ['back', 'Laminator1'],
	laminationBack2: ['back', 'Laminator2'],
};

/** Turns the collection's flat fields into the API's PrinterPreferences shape. */
export function toPrinterPreferences(fields: IDataObject, base: IDataObject = {}): IDataObject {
	const result: IDataObject = { ...base };
	const lamination: IDataObject = { ...((base.lamination as IDataObject) ?? {}) };
	for (const [key, value] of Object.entries(fields)) {
		const target = LAMINATION_KEYS[key];
		if (target) {
			const [side, laminator] = target;
			lamination[side] = { ...((lamination[side] as IDataObject) ?? {}), [laminator]: value };
		} else if (value !== undefined && value !== '') {
			result[key] = value;
		}
	}
	if (Object.keys(lamination).length > 0) result.lamination = lamination;
	return result;
}
