import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

import { BatchRun } from '../../framework/batch';
import { packRequests } from '../../framework/batchPacking';
import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { batchOptions, readBatchSize } from './batch';
import { designField, PERMISSIONS, readDesignName } from './fields';
import { checkKeyValue, groupByKey, keyFieldField, lookUpKeys, readKeyField } from './keyField';
import type { KeyedRow } from './keyField';

export const deleteEnrollmentByKey = defineOperation({
	value: 'deleteByKey',
	name: 'Delete by Key Field',
	action: 'Delete an enrollment by key field',
	description:
		'Delete the enrollment whose key field (e.g. Employee ID) has the given value, such as a leaver’s badge record',
	properties: [
		designField,
		keyFieldField,
		{
			displayName: 'Key Value',
			name: 'keyValue',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'E-1001',
			description: 'The value the enrollment has in the key field',
		},
		{
			displayName: 'When Not Found',
			name: 'whenNotFound',
			type: 'options',
			options: [
				{ name: 'Fail the Item', value: 'fail' },
				{
					name: 'Output Deleted: False',
					value: 'skip',
					description: 'For runs that may see the same leaver twice',
				},
			],
			default: 'fail',
		},
		batchOptions,
	],
	async executeBatch(ctx) {
		const run = new BatchRun(ctx);
		const batchSize = readBatchSize(run.item(0));
		const planned = await run.prepare((item) => {
			const keyField = readKeyField(item);
			return {
				design: readDesignName(item),
				keyField,
				keyValue: checkKeyValue(item, 'Key Value', param(item, 'keyValue')),
				part: null,
			};
		});
		const rows = await lookUpKeys(run, groupByKey(planned));
		const keyOutput = (row: KeyedRow<null>): IDataObject => ({
			enrollmentDesignName: row.design,
			keyField: row.keyField,
			keyValue: row.keyValue,
		});

		for (const row of rows.filter((candidate) => candidate.id === undefined)) {
			for (const { itemIndex } of row.parts) {
				if (param<string>(run.item(itemIndex), 'whenNotFound', 'fail') === 'skip')
					run.succeed(itemIndex, { deleted: false, ...keyOutput(row) });
				else run.fail(itemIndex, notFound(run, itemIndex, row));
			}
			run.stopOnFailure();
		}

		const found = rows.filter((row) => row.id !== undefined);
		const requests = packRequests(
			found.flatMap((row) => row.parts.map(({ itemIndex }) => ({ itemIndex, row, key: row.id }))),
			{ maxRows: batchSize },
		);
		await run.send(
			requests,
			async (request) =>
				await ctx.client.request({
					method: 'DELETE',
					path: '/v2/enrollments',
					body: { ids: request.rows.map(({ row }) => row.id) },
					permission: PERMISSIONS.remove,
					whereToCheck: 'Check with Enrollment → Get Many whether the enrollments still exist',
					itemIndex: request.itemIndexes[0],
				}),
			{
				receive: (request) =>
					run.receiveRows(request, {
						noun: 'Enrollment',
						verb: 'delete',
						whereToCheck: 'Check with Enrollment → Get Many whether the enrollment still exists.',
						idOf: (row) => row.id,
						toResult: (_answer, row) => ({ deleted: true, id: row.id, ...keyOutput(row) }),
					}),
			},
		);
		return run.finish();
	},
});

function notFound(run: BatchRun, itemIndex: number, row: KeyedRow<null>): Error {
	return new NodeOperationError(
		run.ctx.fn.getNode(),
		`No enrollment of "${row.design}" has ${row.keyField} "${row.keyValue}" [item ${itemIndex}]`,
		{
			itemIndex,
			description:
				'Nothing was deleted. Set When Not Found to "Output Deleted: False" when a leaver may already be gone.',
		},
	);
}
