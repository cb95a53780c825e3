import { defineResource } from '../../framework/define';
import { assignRoleToUser } from './assignToUser.operation';
import { getRole } from './get.operation';
import { getManyRoles } from './getAll.operation';
import { getManyRolesForUser } from './getAllForUser.operation';
import { getRoleForUser } from './getForUser.operation';
import { removeRoleFromUser } from './removeFromUser.operation';

export const roleResource = defineResource({
	value: 'role',
	name: 'Role',
	description: 'Administrator roles, their permissions, and the roles of users',
	operations: [
		getRole,
		getManyRoles,
		getManyRolesForUser,
		getRoleForUser,
		assignRoleToUser,
		removeRoleFromUser,
	],
});
