import type { IDataObject } from 'n8n-workflow';

import { readImage, toDataUri } from '../../framework/binary';
import type { ItemContext } from '../../framework/types';
import { MAX_ENROLLMENT_IMAGE_BYTES } from './fields';
import type { FieldPlan } from './fields';

/** Builds the row's `fields`, reading its images now (one request's worth of images in memory at a time). */
export async function buildFields(ctx: ItemContext, plan: FieldPlan): Promise<Array<{ name: string; value: string }>> {
	const fields = [...plan.fields];
	for (const image of plan.images) {
		fields.push({ name: image.name, value: toDataUri(await readImage(ctx, `Image Field "${image.name}"`, image.property, MAX_ENROLLMENT_IMAGE_BYTES)) });
	}
	return fields;
}

/** Enrollment responses list fields as name/value pairs; an object is easier to use downstream. */
export function simplifyEnrollment(enrollment: IDataObject | undefined): IDataObject {
	const list = Array.isArray(enrollment?.fields) ? (enrollment.fields as Array<{ name?: string; value?: unknown }>) : [];
	const fields: IDataObject = {};
	for (const field of list) if (typeof field?.name === 'string') fields[field.name] = field.value as IDataObject[keyof IDataObject];
	return { ...enrollment, fields };
}
