import { emptyResult } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { operationIdField, PERMISSIONS, readOperationId } from './fields';

export const cancelFlashPassOperation = defineOperation({
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel a mobile flash pass operation',
	description: 'Stop a bulk issue operation that has not finished; passes already sent stay issued',
	destructive: true,
	properties: [operationIdField],
	async execute(ctx) {
		const operationId = readOperationId(ctx);
		await ctx.client.request({
			method: 'DELETE',
			path: '/v1/mobileFlashPass/cancel/{id}',
			pathParams: { id: operationId },
			// Cancelling twice leaves the same state.
			idempotent: true,
			permission: PERMISSIONS.remove,
			itemIndex: ctx.itemIndex,
		});
		return emptyResult({ operationId, cancelled: true });
	},
});
