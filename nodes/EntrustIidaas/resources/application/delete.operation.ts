import { defineOperation } from '../../framework/define';
import {
	applicationLocator,
	PERMISSIONS,
	readApplicationId,
	WHERE_TO_CHECK_APPLICATIONS,
} from './fields';

export const deleteApplication = defineOperation({
	value: 'delete',
	name: 'Delete',
	action: 'Delete an application',
	description: 'Delete an Admin API application; anything using its credentials stops working',
	destructive: true,
	properties: [applicationLocator()],
	async execute(ctx) {
		const applicationId = readApplicationId(ctx);
		await ctx.client.request({
			method: 'DELETE',
			path: '/v1/applications/adminapi/{id}',
			pathParams: { id: applicationId },
			permission: PERMISSIONS.remove,
			whereToCheck: WHERE_TO_CHECK_APPLICATIONS,
			itemIndex: ctx.itemIndex,
		});
		return { deleted: true, applicationId };
	},
});
