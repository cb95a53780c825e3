import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { simplifyEnrollment } from './api';
import { enrollmentIdField, PERMISSIONS, readEnrollmentId, simplifyField } from './fields';

export const getEnrollment = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get an enrollment',
	description: 'Get one enrollment and its field values by ID',
	properties: [enrollmentIdField(), simplifyField],
	async execute(ctx) {
		const id = readEnrollmentId(ctx);
		const enrollment = await ctx.client.request<IDataObject>({
			method: 'GET',
			path: '/v2/enrollments/{id}',
			pathParams: { id },
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
		return param<boolean>(ctx, 'simplify', true) ? simplifyEnrollment(enrollment) : enrollment;
	},
});
