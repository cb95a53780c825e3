import type { INodeProperties } from 'n8n-workflow';

import { PATTERNS } from './validation';

export interface LocatorSpec {
	/** Label, e.g. "Printer"; also used in the placeholder and the validation message. */
	label: string;
	/** Parameter name saved in workflows, e.g. `printerId`. */
	name: string;
	/** The `listSearch` method of the "From List" mode. */
	searchListMethod: string;
	/** An example ID for the "ID" mode. */
	example: string;
	/** Anchored regex for the "ID" mode and what it means; UUIDs (32–36 hex digits and dashes) by default. */
	idPattern?: { regex: string; meaning: string };
	description: string;
}

const UUID_LIKE = {
	regex: PATTERNS.uuidLike.source,
	meaning: '32–36 hexadecimal characters and dashes',
};

/** A resource picker: search the account's records by name, or paste an ID. */
export function searchableLocator(spec: LocatorSpec): INodeProperties {
	const idPattern = spec.idPattern ?? UUID_LIKE;
	return {
		displayName: spec.label,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: spec.description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${/^[aeiou]/i.test(spec.label) ? 'an' : 'a'} ${spec.label.toLowerCase()}...`,
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'ID',
				name: 'id',
				type: 'string',
				placeholder: spec.example,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: idPattern.regex,
							errorMessage: `Not a valid ${spec.label.toLowerCase()} ID (${idPattern.meaning})`,
						},
					},
				],
			},
		],
	};
}
