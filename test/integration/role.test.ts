import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { searchRoles } from '../../nodes/EntrustIidaas/methods/roles';
import { ROLE_IDS, USER_IDS } from '../../tools/emulator/routes/roles';
import { byId, jsonOf, useEmulator } from '../helpers/emulator';
import { createExecuteFunctions } from '../../tools/harness';

const fixture = useEmulator();

const userRoles = (userId: string): string[] => [
	...fixture.emulator.state.roles.userRoles.get(userId),
];

describe('Role resource against the emulator', () => {
	beforeEach(() => fixture.emulator.clearRequests());

	it('lists roles with Return All and Limit', async () => {
		const all = await fixture.run({ resource: 'role', operation: 'getAll', returnAll: true });
		expect(jsonOf(all.output)).toEqual([
			expect.objectContaining({ id: ROLE_IDS.superAdministrator, roleName: 'Super Administrator' }),
			expect.objectContaining({
				id: ROLE_IDS.issuanceAdministrator,
				roleName: 'Issuance Administrator',
				usersInRole: 1,
			}),
			expect.objectContaining({
				id: ROLE_IDS.issuanceOperator,
				roleName: 'Issuance Operator',
				usersInRole: 1,
			}),
		]);
		const limited = await fixture.run({
			resource: 'role',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
		});
		expect(limited.output).toHaveLength(2);
		expect(fixture.emulator.count('listSiteRolesUsingGET')).toBe(2);
	});

	it('gets a role with its permissions', async () => {
		const { output } = await fixture.run({
			resource: 'role',
			operation: 'get',
			roleId: byId(ROLE_IDS.issuanceAdministrator),
		});
		expect(output[0].json).toMatchObject({
			id: ROLE_IDS.issuanceAdministrator,
			name: 'Issuance Administrator',
			roleType: 'SITE_ADMINISTRATOR',
		});
		expect(output[0].json.permissions).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ entityType: 'PRINTERS', actionType: 'ADD' }),
				expect.objectContaining({ entityType: 'ISSUANCE', actionType: 'VIEW' }),
			]),
		);
	});

	it('searches roles for the Role picker', async () => {
		const fn = createExecuteFunctions({ credentials: fixture.credentials, params: {} });
		const { results } = await searchRoles.call(fn as unknown as ILoadOptionsFunctions, 'issuance');
		expect(results.map((result) => [result.name, result.value])).toEqual([
			['Issuance Administrator', ROLE_IDS.issuanceAdministrator],
			['Issuance Operator', ROLE_IDS.issuanceOperator],
		]);
	});

	it('gets the roles of several users, one output per role, paired with its item', async () => {
		const users = [USER_IDS.alice, USER_IDS.bob];
		const { output } = await fixture.run(
			{
				resource: 'role',
				operation: 'getAllForUser',
				userId: (i: number) => users[i],
				returnAll: true,
			},
			{ items: [{ json: {} }, { json: {} }] },
		);
		expect(output.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['Issuance Administrator', { item: 0 }],
			['Issuance Operator', { item: 1 }],
		]);
	});

	it('gets one role of a user, and maps "not assigned" to a 404 with the ErrorInfo message', async () => {
		const found = await fixture.run({
			resource: 'role',
			operation: 'getForUser',
			userId: USER_IDS.alice,
			roleId: byId(ROLE_IDS.issuanceAdministrator),
		});
		expect(found.output[0].json).toMatchObject({
			id: ROLE_IDS.issuanceAdministrator,
			name: 'Issuance Administrator',
		});

		const missing = await fixture.run(
			{
				resource: 'role',
				operation: 'getForUser',
				userId: USER_IDS.alice,
				roleId: byId(ROLE_IDS.issuanceOperator),
			},
			{ continueOnFail: true },
		);
		expect(missing.output[0].json).toMatchObject({
			httpCode: '404',
			error: expect.stringContaining('is not assigned to user'),
		});
		await expect(
			fixture.run({
				resource: 'role',
				operation: 'getForUser',
				userId: USER_IDS.alice,
				roleId: byId(ROLE_IDS.issuanceOperator),
			}),
		).rejects.toMatchObject({
			httpCode: '404',
			description: expect.stringContaining('ROLE_NOT_ASSIGNED'),
		});
	});

	it('assigns a role to a user (replacing the previous one) and removes it', async () => {
		const assigned = await fixture.run({
			resource: 'role',
			operation: 'assignToUser',
			userId: USER_IDS.carol,
			roleId: byId(ROLE_IDS.issuanceOperator),
		});
		expect(assigned.output[0].json).toEqual({
			success: true,
			userId: USER_IDS.carol,
			roleId: ROLE_IDS.issuanceOperator,
			assigned: true,
		});
		expect(userRoles(USER_IDS.carol)).toEqual([ROLE_IDS.issuanceOperator]);

		await fixture.run({
			resource: 'role',
			operation: 'assignToUser',
			userId: USER_IDS.carol,
			roleId: byId(ROLE_IDS.issuanceAdministrator),
		});
		const listed = await fixture.run({
			resource: 'role',
			operation: 'getAllForUser',
			userId: USER_IDS.carol,
			returnAll: true,
		});
		expect(jsonOf(listed.output).map((role) => role.id)).toEqual([ROLE_IDS.issuanceAdministrator]);

		const removed = await fixture.run({
			resource: 'role',
			operation: 'removeFromUser',
			userId: USER_IDS.carol,
			roleId: byId(ROLE_IDS.issuanceAdministrator),
		});
		expect(removed.output[0].json).toEqual({
			success: true,
			userId: USER_IDS.carol,
			roleId: ROLE_IDS.issuanceAdministrator,
			removed: true,
		});
		expect(userRoles(USER_IDS.carol)).toEqual([]);
		expect(fixture.emulator.processedCount('modifyUserSiteRoleAssociationUsingPUT')).toBe(2);
		expect(fixture.emulator.processedCount('deleteUserSiteRoleAssociationUsingDELETE')).toBe(1);

		const again = await fixture.run(
			{
				resource: 'role',
				operation: 'removeFromUser',
				userId: USER_IDS.carol,
				roleId: byId(ROLE_IDS.issuanceAdministrator),
			},
			{ continueOnFail: true },
		);
		expect(again.output[0].json).toMatchObject({ httpCode: '404' });
	});

	it('maps an unknown user or role to 404 errors', async () => {
		const unknownUser = '00000000-0000-4000-8000-00000000dead';
		const user = await fixture.run(
			{ resource: 'role', operation: 'getAllForUser', userId: unknownUser, returnAll: true },
			{ continueOnFail: true },
		);
		expect(user.output[0].json).toMatchObject({
			httpCode: '404',
			error: expect.stringContaining(`User ${unknownUser} not found`),
		});
		const role = await fixture.run(
			{ resource: 'role', operation: 'get', roleId: byId(unknownUser) },
			{ continueOnFail: true },
		);
		expect(role.output[0].json).toMatchObject({
			httpCode: '404',
			error: expect.stringContaining('not found'),
		});
	});

	it('rejects malformed user and role IDs before sending anything', async () => {
		await expect(
			fixture.run({
				resource: 'role',
				operation: 'getAllForUser',
				userId: 'alice',
				returnAll: true,
			}),
		).rejects.toThrow(/User ID: "alice" is not valid.*\[item 0\]/);
		await expect(
			fixture.run({
				resource: 'role',
				operation: 'assignToUser',
				userId: USER_IDS.carol,
				roleId: byId('admin'),
			}),
		).rejects.toThrow(/Role: "admin" is not valid.*\[item 0\]/);
		await expect(
			fixture.run({ resource: 'role', operation: 'get', roleId: byId('') }),
		).rejects.toThrow(/Role: is required \[item 0\]/);
		expect(fixture.emulator.requests).toHaveLength(0);
	});

	it('names the permission the role lacks on 403', async () => {
		fixture.emulator.setPermissions(['USERSITEROLES:VIEW', 'ROLES:VIEW']);
		try {
			await expect(
				fixture.run({
					resource: 'role',
					operation: 'assignToUser',
					userId: USER_IDS.carol,
					roleId: byId(ROLE_IDS.issuanceOperator),
				}),
			).rejects.toMatchObject({
				httpCode: '403',
				description: expect.stringContaining('USERSITEROLES:EDIT'),
			});
			await expect(
				fixture.run({
					resource: 'role',
					operation: 'removeFromUser',
					userId: USER_IDS.alice,
					roleId: byId(ROLE_IDS.issuanceAdministrator),
				}),
			).rejects.toMatchObject({
				description: expect.stringContaining('USERSITEROLES:REMOVE'),
			});
		} finally {
			fixture.emulator.setPermissions(null);
		}
		expect(userRoles(USER_IDS.carol)).toEqual([]);
		expect(userRoles(USER_IDS.alice)).toEqual([ROLE_IDS.issuanceAdministrator]);
	});
});
