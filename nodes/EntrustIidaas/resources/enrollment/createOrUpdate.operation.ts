import type { IDataObject } from 'n8n-workflow';

import { BatchRun } from '../../framework/batch';
import type { RowAnswer } from '../../framework/batch';
import { packRequests } from '../../framework/batchPacking';
import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import type { BatchContext, ItemContext } from '../../framework/types';
import { fail } from '../../framework/validation';
import { batchOptions, MAX_BATCH_BYTES, readBatchSize } from './batch';
import { buildFields } from './api';
import {
	designField,
	fieldValueProperties,
	PERMISSIONS,
	readDesignName,
	readFieldPlan,
} from './fields';
import type { FieldPlan } from './fields';
import { checkKeyValue, groupByKey, keyFieldField, lookUpKeys, readKeyField } from './keyField';
import type { KeyedRow } from './keyField';
import { readMappedKeyField } from './mapping';

interface Part {
	item: ItemContext;
	fields: FieldPlan;
}

type Row = KeyedRow<Part>;

export const createOrUpdateEnrollment = defineOperation({
	value: 'createOrUpdate',
	name: 'Create or Update',
	action: 'Create or update an enrollment',
	description:
		'Update the enrollment whose key field (e.g. Employee ID) has the item’s value, or create one when none has it',
	properties: [
		designField,
		...fieldValueProperties('upsert', 'mapper'),
		{ ...keyFieldField, displayOptions: { show: { fieldMode: ['manual', 'json'] } } },
		batchOptions,
	],
	async executeBatch(ctx) {
		const run = new BatchRun(ctx);
		const batchSize = readBatchSize(run.item(0));
		const planned = await run.prepare(async (item) => {
			const design = readDesignName(item);
			const keyField = readKeyFieldOf(item);
			const fields = await readFieldPlan(item);
			const keyValue = checkKeyValue(
				item,
				keyField,
				fields.fields.find((field) => field.name === keyField)?.value,
			);
			return { design, keyField, keyValue, part: { item, fields } };
		});
		const rows = await lookUpKeys(run, groupByKey(planned));
		await sendRows(
			ctx,
			run,
			rows.filter((row) => row.id === undefined),
			batchSize,
			'create',
		);
		await sendRows(
			ctx,
			run,
			rows.filter((row) => row.id !== undefined),
			batchSize,
			'update',
		);
		return run.finish();
	},
});

/** The mapper's matching column, or the Key Field of the other modes. */
function readKeyFieldOf(item: ItemContext): string {
	if (param<string>(item, 'fieldMode', 'mapper') !== 'mapper') return readKeyField(item);
	return (
		readMappedKeyField(item) ??
		fail(
			item,
			'Fields → Key Field',
			'pick the field that identifies an enrollment, e.g. Employee ID',
		)
	);
}

/** One row's fields: the values of all its items, a later item's value winning for the same field. */
async function mergedFields(row: Row): Promise<Array<{ name: string; value: string }>> {
	const merged = new Map<string, string>();
	for (const { part } of row.parts)
		for (const field of await buildFields(part.item, part.fields))
			merged.set(field.name, field.value);
	return [...merged].map(([name, value]) => ({ name, value }));
}

async function sendRows(
	ctx: BatchContext,
	run: BatchRun,
	rows: Row[],
	batchSize: number,
	verb: 'create' | 'update',
): Promise<void> {
	const toPack = rows.flatMap((row) =>
		row.parts.map(({ itemIndex }) => ({
			itemIndex,
			row,
			group: verb === 'create' ? row.design : '',
			key: JSON.stringify([row.design, row.keyValue]),
		})),
	);
	const requests = packRequests(toPack, {
		maxRows: batchSize,
		maxBytes: MAX_BATCH_BYTES,
		bytesOf: (row) => row.parts.reduce((sum, { part }) => sum + part.fields.bytes, 0),
	});
	const toResult = (answer: RowAnswer, row: Row): IDataObject => ({
		id: answer.id ?? row.id,
		action: verb === 'create' ? 'created' : 'updated',
		enrollmentDesignName: row.design,
		keyField: row.keyField,
		keyValue: row.keyValue,
		status: answer.status,
		...(row.parts.length > 1 ? { inputItems: row.parts.map(({ itemIndex }) => itemIndex) } : {}),
	});
	await run.send(
		requests,
		async (request) => {
			const body: IDataObject[] = [];
			for (const { row } of request.rows)
				body.push(
					verb === 'create'
						? { fields: await mergedFields(row) }
						: { id: row.id, fields: await mergedFields(row) },
				);
			return verb === 'create'
				? await ctx.client.request({
						method: 'POST',
						path: '/v2/enrollments/{enrollmentDesignName}',
						pathParams: { enrollmentDesignName: request.group },
						body,
						permission: PERMISSIONS.add,
						whereToCheck: 'Search the enrollment design (Enrollment → Get Many) for these records',
						itemIndex: request.itemIndexes[0],
					})
				: await ctx.client.request({
						method: 'PUT',
						path: '/v2/enrollments',
						body,
						// Writing the same values again leaves the same record.
						idempotent: true,
						permission: PERMISSIONS.edit,
						itemIndex: request.itemIndexes[0],
					});
		},
		{
			receive: (request) =>
				run.receiveRows(request, {
					noun: 'Enrollment',
					verb,
					whereToCheck:
						verb === 'create'
							? 'Run Create or Update again: it finds the enrollments that were created and updates them instead.'
							: 'Check the enrollment with Enrollment → Get before sending it again.',
					idOf: (row) => row.id,
					toResult,
				}),
		},
	);
}
