import { emptyResult } from '../../framework/commonFields';
import { defineOperation } from '../../framework/define';
import { PERMISSIONS, readRoleId, readUserId, roleLocator, userIdField } from './fields';

export const assignRoleToUser = defineOperation({
	value: 'assignToUser',
	name: 'Assign to User',
	action: 'Assign a role to a user',
	description: 'Set the site role of a user to this role',
	destructive: true,
	properties: [userIdField, roleLocator('The role to give the user')],
	async execute(ctx) {
		const userid = readUserId(ctx);
		const roleid = readRoleId(ctx);
		await ctx.client.request({
			method: 'PUT',
			path: '/v1/users/{userid}/roles/{roleid}',
			pathParams: { userid, roleid },
			// Setting the same role again leaves the same state.
			idempotent: true,
			permission: PERMISSIONS.userRolesEdit,
			itemIndex: ctx.itemIndex,
		});
		return emptyResult({ userId: userid, roleId: roleid, assigned: true });
	},
});
