import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import { param } from '../../framework/params';
import { enrollmentIdField, PERMISSIONS, readEnrollmentId, simplifyEnrollment } from './fields';

export const simplifyField = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean' as const,
	default: true,
	description: 'Whether to return the fields as one object (field name → value) instead of a list of name/value pairs',
};

export const getEnrollment = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get an enrollment',
	description: 'Get one enrollment and its field values by ID',
	properties: [enrollmentIdField, simplifyField],
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
