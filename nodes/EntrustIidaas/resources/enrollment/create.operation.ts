import { defineOperation } from '../../framework/define';
import { batchOptions, sendEnrollmentBatches } from './batch';
import { buildFields } from './api';
import {
	designField,
	fieldValueProperties,
	PERMISSIONS,
	readDesignName,
	readFieldPlan,
} from './fields';

export const createEnrollment = defineOperation({
	value: 'create',
	name: 'Create',
	action: 'Create an enrollment',
	description:
		'Create one enrollment per input item; items are sent in batches, one result or error per item',
	properties: [designField, ...fieldValueProperties(), batchOptions],
	async executeBatch(ctx) {
		return await sendEnrollmentBatches(ctx, {
			verb: 'create',
			whereToCheck:
				'Search the enrollment design (Enrollment → Get Many) before sending it again, or it may be created twice.',
			prepare: async (item) => ({
				design: readDesignName(item),
				fields: await readFieldPlan(item),
				item,
			}),
			groupOf: (plan) => plan.design,
			bytesOf: (plan) => plan.fields.bytes,
			send: async (plans, design, firstItem) => {
				const body = [];
				for (const plan of plans) body.push({ fields: await buildFields(plan.item, plan.fields) });
				return await ctx.client.request({
					method: 'POST',
					path: '/v2/enrollments/{enrollmentDesignName}',
					pathParams: { enrollmentDesignName: design },
					body,
					permission: PERMISSIONS.add,
					whereToCheck: 'Search the enrollment design (Enrollment → Get Many) for these records',
					itemIndex: firstItem,
				});
			},
			toResult: (row, plan) => ({
				success: true,
				id: row.id,
				enrollmentDesignName: plan.design,
				status: row.status,
			}),
		});
	},
});
