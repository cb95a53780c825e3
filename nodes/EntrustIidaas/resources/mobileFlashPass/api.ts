import type { IDataObject } from 'n8n-workflow';

import type { ItemContext } from '../../framework/types';
import { PERMISSIONS } from './fields';

/** The state of a bulk operation: the shape Get answers and Issue polls. */
export async function readOperation(ctx: Pick<ItemContext, 'client' | 'itemIndex'>, operationId: string): Promise<IDataObject> {
	return await ctx.client.request<IDataObject>({
		method: 'GET',
		path: '/v1/mobileFlashPass/{id}',
		pathParams: { id: operationId },
		permission: PERMISSIONS.view,
		itemIndex: ctx.itemIndex,
	});
}
