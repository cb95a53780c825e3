import type { IDataObject } from 'n8n-workflow';

import { readLimit, returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { requireText } from '../../framework/validation';
import { searchEnrollments, simplifyEnrollment } from './api';
import { designField, readDesignName, simplifyField } from './fields';

export const getManyEnrollments = defineOperation({
	value: 'getAll',
	name: 'Get Many',
	action: 'Get many enrollments',
	description:
		'List the enrollments (card records, such as one per employee) of an enrollment design, optionally only those whose fields match, such as a last name',
	properties: [
		designField,
		...returnAllFields(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Filter',
			default: {},
			description:
				'Only enrollments whose fields match all of these (case-insensitive, whole words; date fields cannot be searched)',
			options: [
				{
					displayName: 'Filter',
					name: 'filter',
					values: [
						{
							displayName: 'Field Name',
							name: 'name',
							type: 'string',
							default: '',
							placeholder: 'Last Name',
							description: 'Exactly as in the enrollment design',
						},
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		simplifyField,
	],
	async execute(ctx) {
		const design = readDesignName(ctx);
		const limit = readLimit(ctx);
		const filters = (param<{ filter?: IDataObject[] }>(ctx, 'filters', {}).filter ?? []).map(
			(filter, index) => ({
				name: requireText(ctx, `Filters → Filter ${index + 1} → Field Name`, filter.name),
				value: String(filter.value ?? ''),
			}),
		);
		const simplify = param<boolean>(ctx, 'simplify', true);
		const enrollments = await searchEnrollments(ctx, design, filters, limit);
		return simplify ? enrollments.map(simplifyEnrollment) : enrollments;
	},
});
