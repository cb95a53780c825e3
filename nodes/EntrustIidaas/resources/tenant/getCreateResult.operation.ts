import { defineOperation } from '../../framework/define';
import { readCreateResult } from './api';
import { createOperationIdField, readCreateOperationId } from './fields';

export const getTenantCreateResult = defineOperation({
	value: 'getCreateResult',
	name: 'Get Create Result',
	action: 'Get the result of a tenant creation',
	description:
		'Get the tenant, its first administrator and any Admin API application of a completed creation',
	properties: [createOperationIdField],
	async execute(ctx) {
		return await readCreateResult(ctx, readCreateOperationId(ctx));
	},
});
