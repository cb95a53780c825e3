import type { IDataObject } from 'n8n-workflow';

import { limitList, readLimit, returnAllFields } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { PERMISSIONS } from './fields';

export const getEnrollmentDesigns = defineOperation({
	value: 'getDesigns',
	name: 'Get Designs',
	action: 'Get enrollment designs',
	description:
		'List the enrollment designs (card templates) of the account, with their IDs and names',
	properties: [...returnAllFields()],
	async execute(ctx) {
		const limit = readLimit(ctx);
		const designs = await ctx.client.request<IDataObject[]>({
			method: 'GET',
			path: '/v2/enrollments/enrollmentDesigns',
			permission: PERMISSIONS.view,
			itemIndex: ctx.itemIndex,
		});
		return limitList(designs, limit);
	},
});
