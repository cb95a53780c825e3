import { defineOperation } from '../../framework/define';
import { readCreateStatus } from './api';
import { createOperationIdField, readCreateOperationId } from './fields';

export const getTenantCreateStatus = defineOperation({
	value: 'getCreateStatus',
	name: 'Get Create Status',
	action: 'Get the status of a tenant creation',
	description:
		'Get the state of a tenant creation: SCHEDULED, PROCESSING, then COMPLETED, FAILED or CANCELLED',
	properties: [createOperationIdField],
	async execute(ctx) {
		return await readCreateStatus(ctx, readCreateOperationId(ctx));
	},
});
