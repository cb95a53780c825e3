import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { createClient } from '../framework/client';
import { searchEnrollments } from '../resources/enrollment/api';
import { mapperFieldFor } from '../resources/enrollment/mapping';

/** Enough enrollments to see the design's fields, few enough to answer while the editor waits. */
export const FIELD_SAMPLE_SIZE = 20;

function isImageValue(value: unknown): boolean {
	return typeof value === 'string' && /^data:image\//.test(value);
}

/**
 * The mapper's fields of the chosen design. IIDaaS has no design-schema endpoint: the fields are learned from one
 * small read of the design's enrollments (an image field is one holding an image), plus the fields added by name.
 */
export async function getEnrollmentFields(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const design = String(this.getNodeParameter('enrollmentDesignName', '') ?? '').trim();
	if (design === '') return { fields: [], emptyFieldsNotice: 'Choose an enrollment design first' };
	const client = await createClient(this);
	const enrollments = await searchEnrollments(
		{ client, itemIndex: 0 },
		design,
		[],
		FIELD_SAMPLE_SIZE,
	);

	const images = new Map<string, boolean>();
	for (const enrollment of enrollments) {
		for (const field of (enrollment.fields as
			Array<{ name?: unknown; value?: unknown }> | undefined) ?? []) {
			if (typeof field?.name !== 'string' || field.name === '') continue;
			images.set(field.name, (images.get(field.name) ?? false) || isImageValue(field.value));
		}
	}
	const extra =
		(
			this.getNodeParameter('extraFields', {}) as {
				field?: Array<{ name?: string; type?: string }>;
			}
		).field ?? [];
	for (const { name, type } of extra) {
		const trimmed = String(name ?? '').trim();
		if (trimmed !== '') images.set(trimmed, (images.get(trimmed) ?? false) || type === 'image');
	}
	if (images.size === 0) {
		return {
			fields: [],
			emptyFieldsNotice: `No enrollment of "${design}" exists yet, so its fields are unknown: add them under Fields Not in Any Enrollment Yet`,
		};
	}
	return { fields: [...images].map(([name, image]) => mapperFieldFor(name, image)) };
}
