import { emptyResult } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { PERMISSIONS, readRoleId, readUserId, roleLocator, userIdField } from './fields';

export const removeRoleFromUser = defineOperation({
	value: 'removeFromUser',
	name: 'Remove From User',
	action: 'Remove a role from a user',
	description: 'Take a site role away from a user',
	destructive: true,
	properties: [userIdField, roleLocator('The role to take away')],
	async execute(ctx) {
		const userid = readUserId(ctx);
		const roleid = readRoleId(ctx);
		await ctx.client.request({
			method: 'DELETE',
			path: '/v1/users/{userid}/roles/{roleid}',
			pathParams: { userid, roleid },
			permission: PERMISSIONS.userRolesRemove,
			whereToCheck: 'Check the user’s roles (Role → Get Many for User)',
			itemIndex: ctx.itemIndex,
		});
		return emptyResult({ userId: userid, roleId: roleid, removed: true });
	},
});
