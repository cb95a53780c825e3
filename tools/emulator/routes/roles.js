'use strict';
/**
 * Roles tag: site roles with their permissions, and the site role of users.
 *
 * Store `ctx.state.roles`: `roles` (id → Role) and `userRoles` (user id → Set of role ids), seeded with the two
 * issuance roles the vendor's setup guide names plus a super administrator, and three users. The spec's PUT says
 * "set the role of the given user to the given role": as in the IIDaaS portal, where an administrator has one
 * site role, assigning a role replaces the user's previous one. Errors use the ErrorInfo body.
 */

/** Fixed ids, so tests and demos can name them. */
const ROLE_IDS = {
	superAdministrator: '5b0f3b8e-3a43-4c1e-9c39-8f6f0c1a0001',
	issuanceAdministrator: '5b0f3b8e-3a43-4c1e-9c39-8f6f0c1a0002',
	issuanceOperator: '5b0f3b8e-3a43-4c1e-9c39-8f6f0c1a0003',
};
const USER_IDS = {
	alice: '9d5c7a52-71d4-4f1e-8b7e-2a8d6f3c0001',
	bob: '9d5c7a52-71d4-4f1e-8b7e-2a8d6f3c0002',
	carol: '9d5c7a52-71d4-4f1e-8b7e-2a8d6f3c0003',
};

const ALL_ACTIONS = ['VIEW', 'ADD', 'EDIT', 'REMOVE'];

function permissions(ctx, entries) {
	return entries.flatMap(([entityType, actions]) =>
		actions.map((actionType) => ({
			id: ctx.ids.uuid(),
			entityType,
			actionType,
			roleType: 'SITE_ADMINISTRATOR',
		})),
	);
}

function seedRoles(ctx) {
	return [
		{
			id: ROLE_IDS.superAdministrator,
			name: 'Super Administrator',
			description: 'Full access to every feature and every user',
			roleType: 'SITE_ADMINISTRATOR',
			defaultRole: true,
			superAdministrator: true,
			allRoles: true,
			groupManagement: 'ALL',
			permissions: permissions(ctx, [['ALL', ['ALL']]]),
		},
		{
			id: ROLE_IDS.issuanceAdministrator,
			name: 'Issuance Administrator',
			description: 'Manages printers and issues cards and mobile flash passes',
			roleType: 'SITE_ADMINISTRATOR',
			defaultRole: true,
			superAdministrator: false,
			allRoles: false,
			groupManagement: 'ALL',
			permissions: permissions(ctx, [
				['PRINTERS', ALL_ACTIONS],
				['ISSUANCE', ALL_ACTIONS],
				['ENROLLMENTS', ALL_ACTIONS],
				['ENROLLMENTDESIGNS', ['VIEW']],
				['REPORTS', ['VIEW']],
				['WEBHOOKS', ALL_ACTIONS],
			]),
		},
		{
			id: ROLE_IDS.issuanceOperator,
			name: 'Issuance Operator',
			description: 'Prints cards and issues mobile flash passes',
			roleType: 'SITE_ADMINISTRATOR',
			defaultRole: true,
			superAdministrator: false,
			allRoles: false,
			groupManagement: 'ALL',
			permissions: permissions(ctx, [
				['PRINTERS', ['VIEW']],
				['ISSUANCE', ALL_ACTIONS],
				['ENROLLMENTS', ['VIEW', 'ADD', 'EDIT']],
				['ENROLLMENTDESIGNS', ['VIEW']],
			]),
		},
	];
}

function store(ctx) {
	if (!ctx.state.roles) ctx.state.roles = { roles: new Map(), userRoles: new Map() };
	return ctx.state.roles;
}

function register(registry, ctx) {
	const roles = store(ctx);
	const findRole = (id) => roles.roles.get(String(id).toLowerCase());
	const roleNotFound = (res, id) => res.error(404, 'ROLE_NOT_FOUND', `Role ${id} not found`, 'id');
	const userNotFound = (res, id) =>
		res.error(404, 'USER_NOT_FOUND', `User ${id} not found`, 'userid');
	const countUsers = (roleId) =>
		[...roles.userRoles.values()].filter((set) => set.has(roleId)).length;

	/** Runs handler(userRoleIds, role?) after checking the user (and the role, when the path names one). */
	const withUser = (handler) => (req, res) => {
		const assigned = roles.userRoles.get(String(req.params.userid).toLowerCase());
		if (!assigned) return userNotFound(res, req.params.userid);
		if (req.params.roleid === undefined) return handler(req, res, assigned);
		const role = findRole(req.params.roleid);
		if (!role) return roleNotFound(res, req.params.roleid);
		return handler(req, res, assigned, role);
	};

	registry.on('listSiteRolesUsingGET', (req, res) => {
		const list = [...roles.roles.values()].map((role) => ({
			id: role.id,
			roleName: role.name,
			roleDescription: role.description,
			defaultRole: role.defaultRole,
			usersInRole: countUsers(role.id),
		}));
		return res.sendJson(200, list);
	});

	registry.on('getSiteRoleUsingGET', (req, res) => {
		const role = findRole(req.params.id);
		return role ? res.sendJson(200, role) : roleNotFound(res, req.params.id);
	});

	registry.on(
		'getUserRolesUsingGET',
		withUser((req, res, assigned) =>
			res.sendJson(200, [...assigned].map((id) => roles.roles.get(id)).filter(Boolean)),
		),
	);

	registry.on(
		'getUserSiteRoleAssociationUsingGET',
		withUser((req, res, assigned, role) => {
			if (!assigned.has(role.id))
				return res.error(
					404,
					'ROLE_NOT_ASSIGNED',
					`Role ${role.id} is not assigned to user ${req.params.userid}`,
					'roleid',
				);
			return res.sendJson(200, role);
		}),
	);

	registry.on(
		'modifyUserSiteRoleAssociationUsingPUT',
		withUser((req, res, assigned, role) => {
			assigned.clear();
			assigned.add(role.id);
			return res.sendEmpty(200);
		}),
	);

	registry.on(
		'deleteUserSiteRoleAssociationUsingDELETE',
		withUser((req, res, assigned, role) => {
			if (!assigned.delete(role.id))
				return res.error(
					404,
					'ROLE_NOT_ASSIGNED',
					`Role ${role.id} is not assigned to user ${req.params.userid}`,
					'roleid',
				);
			return res.sendEmpty(200);
		}),
	);

	if (ctx.options.seed !== false) {
		for (const role of seedRoles(ctx)) roles.roles.set(role.id, role);
		roles.userRoles.set(USER_IDS.alice, new Set([ROLE_IDS.issuanceAdministrator]));
		roles.userRoles.set(USER_IDS.bob, new Set([ROLE_IDS.issuanceOperator]));
		roles.userRoles.set(USER_IDS.carol, new Set());
	}
}

module.exports = { register, ROLE_IDS, USER_IDS };
