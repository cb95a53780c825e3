import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import type { ItemContext } from '../../framework/types';
import { createOperationIdField, PERMISSIONS, readCreateOperationId } from './fields';

export function readCreateResult(ctx: ItemContext, id: string): Promise<IDataObject> {
	return ctx.client.request<IDataObject>({
		method: 'GET',
		path: '/v4/async/tenants/{id}/createresult',
		pathParams: { id },
		// The spec guards the result with the creation permission, not the view one.
		permission: PERMISSIONS.add,
		itemIndex: ctx.itemIndex,
	});
}

export const getTenantCreateResult = defineOperation({
	value: 'getCreateResult',
	name: 'Get Create Result',
	action: 'Get the result of a tenant creation',
	description: 'Get the tenant, its first administrator and any Admin API application of a completed creation',
	properties: [createOperationIdField],
	async execute(ctx) {
		return await readCreateResult(ctx, readCreateOperationId(ctx));
	},
});
