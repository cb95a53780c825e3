import { defineOperation } from '../../framework/define';
import { batchOptions, sendEnrollmentBatches } from './batch';
import { enrollmentIdField, PERMISSIONS, readEnrollmentId } from './fields';

export const deleteEnrollment = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete an enrollment',
	description:
		'Delete one enrollment per input item; items are sent in batches, one result or error per item',
	destructive: true,
	properties: [enrollmentIdField(), batchOptions],
	async executeBatch(ctx) {
		return await sendEnrollmentBatches(ctx, {
			verb: 'delete',
			whereToCheck: 'Check with Enrollment → Get whether the enrollment still exists.',
			prepare: async (item) => ({ id: readEnrollmentId(item) }),
			idOf: (plan) => plan.id,
			send: async (plans, _group, firstItem) =>
				await ctx.client.request({
					method: 'DELETE',
					path: '/v2/enrollments',
					body: { ids: plans.map((plan) => plan.id) },
					permission: PERMISSIONS.remove,
					whereToCheck: 'Check with Enrollment → Get whether the enrollments still exist',
					itemIndex: firstItem,
				}),
			toResult: (_row, plan) => ({ deleted: true, id: plan.id }),
		});
	},
});
