import type { IDataObject } from 'n8n-workflow';

import { readImage, toDataUri } from '../../framework/binary';
import type { ItemContext } from '../../framework/types';
import { collectNumberedPages } from '../../transport/pagination';
import { MAX_ENROLLMENT_IMAGE_BYTES, PERMISSIONS } from './fields';
import type { FieldPlan } from './fields';

/** Builds the row's `fields`, reading its images now (one request's worth of images in memory at a time). */
export async function buildFields(
	ctx: ItemContext,
	plan: FieldPlan,
): Promise<Array<{ name: string; value: string }>> {
	const fields = [...plan.fields];
	for (const image of plan.images) {
		fields.push({
			name: image.name,
			value: toDataUri(
				await readImage(
					ctx,
					`Image Field "${image.name}"`,
					image.property,
					MAX_ENROLLMENT_IMAGE_BYTES,
				),
			),
		});
	}
	return fields;
}

/** Enrollment responses list fields as name/value pairs; an object is easier to use downstream. */
export function simplifyEnrollment(enrollment: IDataObject | undefined): IDataObject {
	const list = Array.isArray(enrollment?.fields)
		? (enrollment.fields as Array<{ name?: string; value?: unknown }>)
		: [];
	const fields: IDataObject = {};
	for (const field of list)
		if (typeof field?.name === 'string')
			fields[field.name] = field.value as IDataObject[keyof IDataObject];
	return { ...enrollment, fields };
}

/** The service's documented default page size: asking for more risks a capped page read as the last one. */
const PAGE_SIZE = 50;

/**
 * A design's enrollments whose fields match every filter (whole words, case-insensitive), page by page up to `limit`
 * (all when undefined). The one place that searches enrollments.
 */
export async function searchEnrollments(
	ctx: Pick<ItemContext, 'client' | 'itemIndex'>,
	design: string,
	filters: Array<{ name: string; value: string }>,
	limit?: number,
): Promise<IDataObject[]> {
	return await collectNumberedPages<IDataObject>(
		async (pageNumber, size) =>
			(await ctx.client.request<IDataObject[]>({
				method: 'POST',
				path: '/v2/enrollments/read/{enrollmentDesignName}',
				pathParams: { enrollmentDesignName: design },
				// `offset` is a 1-based page number here, not an item offset.
				query: { offset: pageNumber, limit: size },
				body: filters.length > 0 ? filters : undefined,
				// A search: reading it twice changes nothing.
				idempotent: true,
				permission: PERMISSIONS.view,
				itemIndex: ctx.itemIndex,
			})) ?? [],
		limit,
		Math.min(PAGE_SIZE, limit ?? PAGE_SIZE),
	);
}

/**
 * The IDs of a design's enrollments whose `keyField` is exactly `keyValue`. The service's filter matches whole words
 * case-insensitively ("E-1" also finds "E-1-B"), so the answer is narrowed to exact values here. One search per key:
 * the API joins its filters with AND, so several keys cannot be looked up in one request.
 */
export async function findEnrollmentIdsByKey(
	ctx: Pick<ItemContext, 'client' | 'itemIndex'>,
	design: string,
	keyField: string,
	keyValue: string,
): Promise<string[]> {
	const found = await searchEnrollments(ctx, design, [{ name: keyField, value: keyValue }]);
	return found
		.filter((enrollment) =>
			((enrollment.fields as Array<{ name?: unknown; value?: unknown }> | undefined) ?? []).some(
				(field) => field?.name === keyField && String(field.value ?? '').trim() === keyValue,
			),
		)
		.map((enrollment) => String(enrollment.id));
}
