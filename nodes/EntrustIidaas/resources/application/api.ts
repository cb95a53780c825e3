import type { IDataObject } from 'n8n-workflow';

import type { ItemContext } from '../../framework/types';
import { PERMISSIONS } from './fields';

export async function readApplication(
	ctx: Pick<ItemContext, 'client' | 'itemIndex'>,
	id: string,
): Promise<IDataObject> {
	return await ctx.client.request<IDataObject>({
		method: 'GET',
		path: '/v1/applications/adminapi/{id}',
		pathParams: { id },
		permission: PERMISSIONS.view,
		itemIndex: ctx.itemIndex,
	});
}
