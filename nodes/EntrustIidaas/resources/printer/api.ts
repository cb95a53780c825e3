import type { IDataObject } from 'n8n-workflow';

import type { ItemContext } from '../../framework/types';
import { PERMISSIONS } from './fields';

export async function readPrinter(
	ctx: Pick<ItemContext, 'client' | 'itemIndex'>,
	printerId: string,
): Promise<IDataObject> {
	return await ctx.client.request<IDataObject>({
		method: 'GET',
		path: '/v1/printers/{printerId}',
		pathParams: { printerId },
		permission: PERMISSIONS.view,
		itemIndex: ctx.itemIndex,
	});
}

export async function readPreferences(
	ctx: Pick<ItemContext, 'client' | 'itemIndex'>,
	printerId: string,
): Promise<IDataObject> {
	return await ctx.client.request<IDataObject>({
		method: 'GET',
		path: '/v1/printers/{printerId}/preferences',
		pathParams: { printerId },
		permission: PERMISSIONS.view,
		itemIndex: ctx.itemIndex,
	});
}
