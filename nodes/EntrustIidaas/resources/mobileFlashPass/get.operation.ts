import { defineOperation } from '../../framework/define';
import { operationIdField, readOperation, readOperationId } from './fields';

export const getFlashPassOperation = defineOperation({
	value: 'get',
	name: 'Get',
	action: 'Get a mobile flash pass operation',
	description: 'Get a bulk issue operation with its state and the rows processed and failed so far',
	properties: [operationIdField],
	async execute(ctx) {
		return await readOperation(ctx.client, readOperationId(ctx), ctx.itemIndex);
	},
});
