import { defineOperation } from '../../framework/define';
import { readOperation } from './api';
import { operationIdField, readOperationId } from './fields';

export const getFlashPassOperation = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a mobile flash pass operation',
	description: 'Get a bulk issue operation with its state and the rows processed and failed so far',
	properties: [operationIdField],
	async execute(ctx) {
		return await readOperation(ctx, readOperationId(ctx));
	},
});
