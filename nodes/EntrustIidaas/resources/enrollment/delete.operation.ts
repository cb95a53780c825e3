import { defineOperation } from '../../framework/define';
import { batchOptions, executeInBatches } from './batch';
import { enrollmentIdField, PERMISSIONS, readEnrollmentId } from './fields';

export const deleteEnrollment = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete an enrollment',
	description: 'Delete one enrollment per input item; items are sent in batches, one result or error per item',
	destructive: true,
	properties: [enrollmentIdField, batchOptions],
	async executeBatch(ctx) {
		return await executeInBatches(ctx, {
			verb: 'delete',
			whereToCheck: 'Check with Enrollment → Get whether the enrollment still exists.',
			prepare: async (item) => ({ id: readEnrollmentId(item) }),
			idOf: (plan) => plan.id,
			send: async (rows) =>
				await ctx.client.request({
					method: 'DELETE',
					path: '/v2/enrollments',
					body: { ids: rows.map(({ plan }) => plan.id) },
					permission: PERMISSIONS.remove,
					whereToCheck: 'Check with Enrollment → Get whether the enrollments still exist',
					itemIndex: rows[0].itemIndex,
				}),
			toResult: (_row, { plan }) => ({ success: true, id: plan.id, deleted: true }),
		});
	},
});
