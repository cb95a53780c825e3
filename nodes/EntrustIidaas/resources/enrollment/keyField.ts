import { NodeOperationError } from 'n8n-workflow';
import type { INodeProperties } from 'n8n-workflow';

import { BatchRun } from '../../framework/batch';
import { param } from '../../framework/params';
import type { ItemContext } from '../../framework/types';
import { fail, requireText } from '../../framework/validation';
import { findEnrollmentIdsByKey } from './api';

/** Create or Update and Delete by Key Field find enrollments by the value of one field, such as Employee ID. */
export const keyFieldField: INodeProperties = {
	displayName: 'Key Field',
	name: 'keyField',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'Employee ID',
	description:
		'The field that identifies an enrollment, exactly as in the design, e.g. the design’s primary key',
};

export function readKeyField(ctx: Pick<ItemContext, 'fn' | 'itemIndex'>): string {
	return requireText(ctx, 'Key Field', param(ctx, 'keyField'));
}

/** An enrollment key: design, field and value. */
export interface EnrollmentKey {
	design: string;
	keyField: string;
	keyValue: string;
}

/** Items that name the same key, in input order, with what each brought. */
export interface KeyedRow<Part> extends EnrollmentKey {
	parts: Array<{ itemIndex: number; part: Part }>;
	/** The enrollment found for the key, when one exists. */
	id?: string;
}

export function checkKeyValue(
	ctx: Pick<ItemContext, 'fn' | 'itemIndex'>,
	keyField: string,
	value: unknown,
): string {
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (text === '')
		fail(ctx, keyField, `has no value in this item: it is the key field that finds the enrollment`);
	return text;
}

/** Groups planned items by key, so items naming the same key in one run become one row (one enrollment). */
export function groupByKey<Part>(
	planned: Array<{ itemIndex: number; plan: EnrollmentKey & { part: Part } }>,
): Array<KeyedRow<Part>> {
	const rows = new Map<string, KeyedRow<Part>>();
	for (const { itemIndex, plan } of planned) {
		const id = JSON.stringify([plan.design, plan.keyField, plan.keyValue]);
		if (!rows.has(id))
			rows.set(id, {
				design: plan.design,
				keyField: plan.keyField,
				keyValue: plan.keyValue,
				parts: [],
			});
		rows.get(id)!.parts.push({ itemIndex, part: plan.part });
	}
	return [...rows.values()];
}

/**
 * Looks each key up (one search per key) and sets `id` when exactly one enrollment has it. A key held by several
 * enrollments fails its items: changing or deleting one of them at random would be wrong.
 */
export async function lookUpKeys<Part>(
	run: BatchRun,
	rows: Array<KeyedRow<Part>>,
): Promise<Array<KeyedRow<Part>>> {
	const looked: Array<KeyedRow<Part>> = [];
	for (const row of rows) {
		const firstItem = row.parts[0].itemIndex;
		let ids: string[];
		try {
			ids = await findEnrollmentIdsByKey(
				run.item(firstItem),
				row.design,
				row.keyField,
				row.keyValue,
			);
		} catch (error) {
			for (const { itemIndex } of row.parts) run.fail(itemIndex, error);
			run.stopOnFailure();
			continue;
		}
		if (ids.length > 1) {
			for (const { itemIndex } of row.parts) {
				run.fail(
					itemIndex,
					new NodeOperationError(
						run.ctx.fn.getNode(),
						`${ids.length} enrollments of "${row.design}" have ${row.keyField} "${row.keyValue}" [item ${itemIndex}]`,
						{
							itemIndex,
							description: `The key field must identify one enrollment. Use its Enrollment ID instead (Enrollment → Get Many finds them): ${ids.join(', ')}`,
						},
					),
				);
			}
			run.stopOnFailure();
			continue;
		}
		looked.push({ ...row, id: ids[0] });
	}
	return looked;
}
