import type { IDataObject } from 'n8n-workflow';

import { defineOperation } from '../../framework/define';
import type { ItemContext } from '../../framework/types';
import { createOperationIdField, PERMISSIONS, readCreateOperationId } from './fields';

export function readCreateStatus(ctx: ItemContext, id: string): Promise<IDataObject> {
	return ctx.client.request<IDataObject>({
		method: 'GET',
		path: '/v4/async/tenants/{id}/createstatus',
		pathParams: { id },
		permission: PERMISSIONS.view,
		itemIndex: ctx.itemIndex,
	});
}

export const getTenantCreateStatus = defineOperation({
	value: 'getCreateStatus',
	name: 'Get Create Status',
	action: 'Get the status of a tenant creation',
	description: 'Get the state of a tenant creation: SCHEDULED, PROCESSING, then COMPLETED, FAILED or CANCELLED',
	properties: [createOperationIdField],
	async execute(ctx) {
		return await readCreateStatus(ctx, readCreateOperationId(ctx));
	},
});
