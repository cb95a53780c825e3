import { defineOperation } from '../../framework/define';
import { batchOptions, sendEnrollmentBatches } from './batch';
import { buildFields } from './api';
import {
	designField,
	enrollmentIdField,
	fieldValueProperties,
	PERMISSIONS,
	readEnrollmentId,
	readFieldPlan,
} from './fields';

export const updateEnrollment = defineOperation({
	value: 'update',
	name: 'Update',
	action: 'Update an enrollment',
	description:
		'Change field values of one enrollment per input item; items are sent in batches, one result or error per item',
	properties: [
		enrollmentIdField(),
		...fieldValueProperties('add', 'manual', [
			{
				...designField,
				required: false,
				displayOptions: { show: { fieldMode: ['mapper'] } },
				description:
					'The enrollment’s design, so the mapper can list its fields. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		]),
		batchOptions,
	],
	async executeBatch(ctx) {
		return await sendEnrollmentBatches(ctx, {
			verb: 'update',
			whereToCheck: 'Check the enrollment with Enrollment → Get before sending it again.',
			prepare: async (item) => ({
				id: readEnrollmentId(item),
				fields: await readFieldPlan(item),
				item,
			}),
			idOf: (plan) => plan.id,
			bytesOf: (plan) => plan.fields.bytes + plan.id.length,
			send: async (plans, _group, firstItem) => {
				const body = [];
				for (const plan of plans)
					body.push({ id: plan.id, fields: await buildFields(plan.item, plan.fields) });
				return await ctx.client.request({
					method: 'PUT',
					path: '/v2/enrollments',
					body,
					// Writing the same values again leaves the same record.
					idempotent: true,
					permission: PERMISSIONS.edit,
					itemIndex: firstItem,
				});
			},
			toResult: (row, plan) => ({ success: true, id: row.id ?? plan.id, status: row.status }),
		});
	},
});
