import { randomUUID } from 'crypto';

import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { listSearch } from '../../nodes/EntrustIidaas/methods';
import { byId, jsonOf, useEmulator } from '../helpers/emulator';
import { createExecuteFunctions } from '../../tools/harness';

const fixture = useEmulator();

const FAST_WAIT = { waitForCompletion: true, waitOptions: { pollInterval: 0.1, timeout: 10 } };

function tenantParams(domain: string, extra: Record<string, unknown> = {}) {
	return {
		resource: 'tenant',
		operation: 'create',
		companyName: `Company ${domain}`,
		domain,
		adminUserId: 'first.admin',
		adminEmail: 'admin@example.com',
		...extra,
	};
}

async function createTenant(domain: string): Promise<string> {
	const { output } = await fixture.run(tenantParams(domain, FAST_WAIT));
	return (output[0].json.tenant as { id: string }).id;
}

/** A Tenant record placed straight into the emulator, for paging tests. */
function seedTenant(companyName: string) {
	const id = randomUUID();
	fixture.emulator.state.tenants.set(id, {
		id,
		companyName,
		hostname: `${companyName.toLowerCase().replace(/[^a-z0-9]/g, '-')}.us.trustedauth.com`,
		contractMode: 'TRIAL',
		locked: false,
		serviceProvider: false,
		authenticationAccount: false,
		issuanceAccount: true,
		spIdp: false,
	});
	fixture.emulator.state.tenantEntitlements.set(id, new Map());
	return id;
}

describe('Tenant resource against the emulator', () => {
	beforeEach(() => {
		fixture.emulator.clearRequests();
		fixture.emulator.faults.clear();
	});

	it('creates a tenant and waits until it exists', async () => {
		const { output } = await fixture.run(
			tenantParams('waited', {
				contractMode: 'PRODUCTION',
				quantity: 250,
				additionalFields: { companyCountry: 'ca', firstName: 'Ada', issuanceAccount: true },
				additionalJson:
					'{"adminApiApplication": {"name": "Provisioning", "roleId": "53df23b1-5f57-4dc5-8e23-a3d345a06789"}}',
				...FAST_WAIT,
			}),
		);
		const result = output[0].json as Record<string, any>;
		expect(result).toMatchObject({
			state: 'COMPLETED',
			tenant: {
				companyName: 'Company waited',
				hostname: 'waited.us.trustedauth.com',
				contractMode: 'PRODUCTION',
				issuanceAccount: true,
			},
			adminUser: { userId: 'first.admin', email: 'admin@example.com', firstName: 'Ada' },
			adminApiApplication: { name: 'Provisioning' },
		});
		expect(result.polls).toBeGreaterThanOrEqual(2);
		expect(fixture.emulator.count('createTenantAsyncUsingPOST')).toBe(1);
		expect(fixture.emulator.count('getCreateTenantAsyncStatusUsingGET')).toBe(result.polls);
		expect(fixture.emulator.count('getCreateTenantAsyncResultUsingGET')).toBe(1);
		expect(fixture.emulator.state.tenants.get(result.tenant.id)).toMatchObject({
			companyName: 'Company waited',
		});
		expect(
			fixture.emulator.state.tenantEntitlements.get(result.tenant.id).get('USERS'),
		).toMatchObject({ quantity: 250 });
	});

	it('starts a creation, then follows it with Get Create Status and Get Create Result', async () => {
		const started = (await fixture.run(tenantParams('followed'))).output[0].json;
		expect(started).toMatchObject({ state: 'SCHEDULED', subject: 'Company followed' });
		const createOperationId = started.id as string;

		const early = await fixture.run(
			{ resource: 'tenant', operation: 'getCreateResult', createOperationId },
			{ continueOnFail: true },
		);
		expect(early.output[0].json).toMatchObject({ httpCode: '409' });

		const states: string[] = [];
		for (let poll = 0; poll < 3; poll++) {
			const { output } = await fixture.run({
				resource: 'tenant',
				operation: 'getCreateStatus',
				createOperationId,
			});
			states.push(output[0].json.state as string);
		}
		expect(states).toEqual(['SCHEDULED', 'PROCESSING', 'COMPLETED']);

		const result = await fixture.run({
			resource: 'tenant',
			operation: 'getCreateResult',
			createOperationId,
		});
		expect(result.output[0].json).toMatchObject({
			tenant: { companyName: 'Company followed' },
			adminUser: { userId: 'first.admin' },
		});
	});

	it('fails the item when a creation fails, or outputs the state when asked to', async () => {
		await createTenant('taken');
		fixture.emulator.clearRequests();
		await expect(fixture.run(tenantParams('taken', FAST_WAIT))).rejects.toThrow(
			/ended FAILED: The domain taken is already in use/,
		);
		const soft = await fixture.run(
			tenantParams('taken', {
				waitForCompletion: true,
				waitOptions: { pollInterval: 0.1, failOnUnsuccessful: false },
			}),
		);
		expect(soft.output[0].json).toMatchObject({
			state: 'FAILED',
			errorMessage: expect.stringContaining('already in use'),
		});
		expect(fixture.emulator.count('getCreateTenantAsyncResultUsingGET')).toBe(0);
	});

	it('never resends a creation that may have been processed', async () => {
		fixture.emulator.faults.add({
			operationId: 'createTenantAsyncUsingPOST',
			action: { processThen: { status: 500 } },
		});
		await expect(fixture.run(tenantParams('lost-answer'))).rejects.toMatchObject({
			httpCode: '500',
			description: expect.stringMatching(/may have reached IIDaaS and been processed.*lost-answer/),
		});
		expect(fixture.emulator.count('createTenantAsyncUsingPOST')).toBe(1);
		expect(fixture.emulator.processedCount('createTenantAsyncUsingPOST')).toBe(1);
	});

	it('gets, locks, unlocks and deletes a tenant', async () => {
		const tenantId = await createTenant('lifecycle');
		const got = await fixture.run({
			resource: 'tenant',
			operation: 'get',
			tenantId: byId(tenantId),
		});
		expect(got.output[0].json).toMatchObject({
			id: tenantId,
			locked: false,
			hostname: 'lifecycle.us.trustedauth.com',
		});

		const locked = await fixture.run({
			resource: 'tenant',
			operation: 'lock',
			tenantId: byId(tenantId),
		});
		expect(locked.output[0].json).toEqual({ success: true, tenantId, locked: true });
		expect(fixture.emulator.state.tenants.get(tenantId).locked).toBe(true);
		const unlocked = await fixture.run({
			resource: 'tenant',
			operation: 'unlock',
			tenantId: byId(tenantId),
		});
		expect(unlocked.output[0].json).toEqual({ success: true, tenantId, locked: false });
		expect(fixture.emulator.state.tenants.get(tenantId).locked).toBe(false);

		const deleted = await fixture.run({
			resource: 'tenant',
			operation: 'delete',
			tenantId: byId(tenantId),
		});
		expect(deleted.output[0].json).toEqual({ deleted: true, tenantId });
		expect(fixture.emulator.state.tenants.has(tenantId)).toBe(false);
		const gone = await fixture.run(
			{ resource: 'tenant', operation: 'get', tenantId: byId(tenantId) },
			{ continueOnFail: true },
		);
		expect(gone.output[0].json).toMatchObject({ httpCode: '404' });
	});

	it('pages through more than one cursor page, with limit, filters and sort', async () => {
		for (let index = 0; index < 120; index++)
			seedTenant(`Paged Tenant ${String(index).padStart(3, '0')}`);
		const total = fixture.emulator.state.tenants.size;
		fixture.emulator.clearRequests();

		const all = jsonOf(
			(await fixture.run({ resource: 'tenant', operation: 'getAll', returnAll: true })).output,
		);
		expect(all).toHaveLength(total);
		expect(new Set(all.map((tenant) => tenant.id)).size).toBe(total);
		expect(fixture.emulator.count('getTenantsPageUsingPOST')).toBe(Math.ceil(total / 100));

		fixture.emulator.clearRequests();
		const limited = jsonOf(
			(await fixture.run({ resource: 'tenant', operation: 'getAll', returnAll: false, limit: 105 }))
				.output,
		);
		expect(limited).toHaveLength(105);
		expect(fixture.emulator.count('getTenantsPageUsingPOST')).toBe(2);

		const filtered = jsonOf(
			(
				await fixture.run({
					resource: 'tenant',
					operation: 'getAll',
					returnAll: true,
					filters: {
						filter: [{ name: 'companyName', operator: 'STARTS_WITH', value: 'Paged Tenant 11' }],
					},
					sort: { name: 'companyName', ascending: false },
				})
			).output,
		);
		expect(filtered.map((tenant) => tenant.companyName)).toEqual(
			Array.from({ length: 10 }, (_, i) => `Paged Tenant ${119 - i}`),
		);
	});

	it('sets, gets, lists and deletes entitlements', async () => {
		const tenantId = await createTenant('entitled');
		const set = await fixture.run({
			resource: 'tenant',
			operation: 'setEntitlement',
			tenantId: byId(tenantId),
			entitlementType: 'USERS',
			entitlementFields: { quantity: 400, status: 'ACTIVE', endDate: '2030-01-01T00:00:00Z' },
			additionalJson: { smsVoice: { quantity: 1000 } },
		});
		expect(set.output[0].json).toMatchObject({
			success: true,
			tenantId,
			entitlementType: 'USERS',
			values: { quantity: 400, type: 'USERS' },
		});

		const one = await fixture.run({
			resource: 'tenant',
			operation: 'getEntitlement',
			tenantId: byId(tenantId),
			entitlementType: 'USERS',
		});
		expect(one.output[0].json).toMatchObject({
			type: 'USERS',
			quantity: 400,
			endDate: '2030-01-01T00:00:00.000Z',
			smsVoice: { quantity: 1000 },
		});

		const all = await fixture.run({
			resource: 'tenant',
			operation: 'getAllEntitlements',
			tenantId: byId(tenantId),
			returnAll: true,
		});
		expect(jsonOf(all.output)).toEqual([expect.objectContaining({ type: 'USERS', quantity: 400 })]);

		const deleted = await fixture.run({
			resource: 'tenant',
			operation: 'deleteEntitlement',
			tenantId: byId(tenantId),
		});
		expect(deleted.output[0].json).toEqual({
			deleted: true,
			tenantId,
			entitlementType: 'SMSVOICE',
		});
		expect(
			fixture.emulator.state.tenantEntitlements.get(tenantId).get('USERS').smsVoice,
		).toBeUndefined();

		const missing = await fixture.run(
			{
				resource: 'tenant',
				operation: 'getEntitlement',
				tenantId: byId(tenantId),
				entitlementType: 'TRANSACTIONS',
			},
			{ continueOnFail: true },
		);
		expect(missing.output[0].json).toMatchObject({ httpCode: '404' });
	});

	it('lists usage for one tenant and pages through all usage', async () => {
		const tenantId = await createTenant('usage');
		const mine = jsonOf(
			(
				await fixture.run({
					resource: 'tenant',
					operation: 'getAllUsage',
					usageStartTime: '2000-01-01T00:00:00',
					returnAll: true,
					filters: { filter: [{ name: 'tenantId', operator: 'EQUALS', value: tenantId }] },
				})
			).output,
		);
		expect(mine).toHaveLength(3);
		expect(mine.every((usage) => usage.tenantId === tenantId)).toBe(true);

		for (let index = 0; index < 150; index++) {
			fixture.emulator.state.tenantUsage.push({
				id: randomUUID(),
				tenantId,
				usageType: 'ISSUANCE',
				aggregationPeriod: 'DAILY',
				startTime: new Date(Date.UTC(2024, 0, 1) + index * 86_400_000).toISOString(),
				endTime: new Date(Date.UTC(2024, 0, 2) + index * 86_400_000).toISOString(),
				count: index,
				trial: true,
			});
		}
		fixture.emulator.clearRequests();
		const all = jsonOf(
			(
				await fixture.run({
					resource: 'tenant',
					operation: 'getAllUsage',
					usageStartTime: '2000-01-01T00:00:00',
					returnAll: true,
				})
			).output,
		);
		expect(all).toHaveLength(fixture.emulator.state.tenantUsage.length);
		expect(fixture.emulator.count('getEntitlementUsageInfoUsingPOST')).toBe(
			Math.ceil(all.length / 100),
		);
	});

	it('creates an issuance tenant from fields: issuance and flash-pass entitlements, admin API application', async () => {
		fixture.emulator.clearRequests();
		const { output } = await fixture.run(
			tenantParams('issuing', {
				issuanceEntitlement: {
					quantity: 100,
					serviceBundles: ['STANDARD', 'API'],
					flashPassQuantity: 25,
					endDate: '2026-12-20T00:00:00',
				},
				adminApiApplication: {
					name: 'Provisioning',
					roleId: '53df23b1-5f57-4dc5-8e23-a3d345a06789',
					allowLongLivedToken: false,
				},
				waitForCompletion: false,
			}),
		);
		const creation = fixture.emulator.state.tenantCreations.get(output[0].json.id);
		expect(creation._parms.entitlements).toMatchObject({
			contractMode: 'TRIAL',
			issuance: {
				quantity: 100,
				serviceBundles: [{ bundleType: 'STANDARD' }, { bundleType: 'API' }],
				endDate: expect.stringMatching(/^2026-12-20T/),
			},
			flashPass: { quantity: 25 },
		});
		expect(creation._parms.adminApiApplication).toEqual({
			name: 'Provisioning',
			roleId: '53df23b1-5f57-4dc5-8e23-a3d345a06789',
			allowLongLivedToken: false,
		});
		expect(fixture.emulator.requests.filter((request) => request.status === 400)).toEqual([]);

		fixture.emulator.clearRequests();
		await expect(
			fixture.run(tenantParams('noapp', { adminApiApplication: { name: 'Provisioning' } })),
		).rejects.toThrow(
			/Admin API Application → Role ID: give a Role ID or a Service Provider Role ID.*\[item 0\]/,
		);
		await expect(
			fixture.run(tenantParams('nobundle', { issuanceEntitlement: { serviceBundles: [] } })),
		).rejects.toThrow(/Issuance Entitlement → Service Bundles: choose at least one bundle/);
		expect(fixture.emulator.requests).toHaveLength(0);
	});

	it('sends the start time IIDaaS requires for usage, and refuses a missing or unreadable one before sending', async () => {
		fixture.emulator.clearRequests();
		const bodies: unknown[] = [];
		const run = await fixture.run(
			{
				resource: 'tenant',
				operation: 'getAllUsage',
				usageStartTime: '2024-03-01T00:00:00',
				returnAll: true,
			},
			{
				beforeRequest: (_call, request) => {
					if (String(request.url).endsWith('/entitlements/usage'))
						bodies.push(JSON.parse(String(request.body)));
				},
			},
		);
		const since = jsonOf(run.output);
		expect((bodies[0] as { searchByAttributes: unknown[] }).searchByAttributes).toEqual([
			{ name: 'startTime', operator: 'GREATER_THAN_OR_EQUAL', value: '2024-03-01T00:00:00' },
		]);
		expect(since.length).toBeGreaterThan(0);
		expect(since.every((usage) => String(usage.startTime) >= '2024-03-01')).toBe(true);

		fixture.emulator.clearRequests();
		await expect(
			fixture.run({
				resource: 'tenant',
				operation: 'getAllUsage',
				usageStartTime: '',
				returnAll: true,
			}),
		).rejects.toThrow(/Start Time: is required.*\[item 0\]/);
		await expect(
			fixture.run({
				resource: 'tenant',
				operation: 'getAllUsage',
				usageStartTime: 'last tuesday',
				returnAll: true,
			}),
		).rejects.toThrow(/Start Time: "last tuesday" is not a date/);
		expect(fixture.emulator.requests).toHaveLength(0);
	});

	it('sets and gets the tenant-management identity provider', async () => {
		const tenantId = await createTenant('managed');
		const before = await fixture.run({
			resource: 'tenant',
			operation: 'getIdentityProvider',
			tenantId: byId(tenantId),
		});
		expect(before.output[0].json).toMatchObject({ enabled: false });

		const set = await fixture.run({
			resource: 'tenant',
			operation: 'setIdentityProvider',
			tenantId: byId(tenantId),
			enabled: true,
			additionalFields: { displayConsent: true, defaultMaxAge: 600 },
		});
		expect(set.output[0].json).toMatchObject({
			enabled: true,
			displayConsent: true,
			defaultMaxAge: 600,
			clientId: expect.any(String),
		});
		const after = await fixture.run({
			resource: 'tenant',
			operation: 'getIdentityProvider',
			tenantId: byId(tenantId),
		});
		expect(after.output[0].json).toEqual(set.output[0].json);
		expect(fixture.emulator.state.tenants.get(tenantId).spIdp).toBe(true);
	});

	it('rejects invalid input before sending anything', async () => {
		fixture.emulator.clearRequests();
		await expect(
			fixture.run({ resource: 'tenant', operation: 'get', tenantId: byId('tenant-1') }),
		).rejects.toThrow(/Tenant: "tenant-1" is not valid.*\[item 0\]/);
		await expect(
			fixture.run({ resource: 'tenant', operation: 'getCreateStatus', createOperationId: 'abc' }),
		).rejects.toThrow(/Create Operation ID: "abc" is not valid/);
		await expect(fixture.run(tenantParams('bad domain!'))).rejects.toThrow(
			/Domain: "bad domain!" is not valid/,
		);
		await expect(
			fixture.run(tenantParams('ok', { additionalFields: { companyCountry: 'CAN' } })),
		).rejects.toThrow(/Company Country: "CAN" is not valid/);
		await expect(
			fixture.run(tenantParams('ok', { additionalJson: '{"tenant": ' })),
		).rejects.toThrow(/Additional Parameters \(JSON\): is not valid JSON.*\[item 0\]/);
		await expect(
			fixture.run(tenantParams('ok', { additionalJson: '{"adminUser": []}' })),
		).rejects.toThrow(/Additional Parameters \(JSON\): "adminUser" must be an object/);
		const tenantId = [...fixture.emulator.state.tenants.keys()][0];
		await expect(
			fixture.run({
				resource: 'tenant',
				operation: 'setEntitlement',
				tenantId: byId(tenantId),
				entitlementFields: { startDate: '2030-01-02T00:00:00Z', endDate: '2030-01-01T00:00:00Z' },
			}),
		).rejects.toThrow(/End Date: must be after the start date/);
		await expect(
			fixture.run({
				resource: 'tenant',
				operation: 'setEntitlement',
				tenantId: byId(tenantId),
				entitlementFields: {},
			}),
		).rejects.toThrow(/Entitlement Fields: add at least one field/);
		expect(fixture.emulator.requests).toHaveLength(0);
	});

	it('names the permission the role lacks on 403', async () => {
		fixture.emulator.setPermissions(['TENANTS:VIEW']);
		try {
			await expect(fixture.run(tenantParams('denied'))).rejects.toMatchObject({
				httpCode: '403',
				description: expect.stringContaining('TENANTS:ADD'),
			});
			const tenantId = [...fixture.emulator.state.tenants.keys()][0];
			await expect(
				fixture.run({
					resource: 'tenant',
					operation: 'getAllEntitlements',
					tenantId: byId(tenantId),
					returnAll: true,
				}),
			).rejects.toMatchObject({
				description: expect.stringContaining('SPENTITLEMENTS:VIEW'),
			});
		} finally {
			fixture.emulator.setPermissions(null);
		}
	});

	it('offers tenants in the locator list, searched by company name and paged by cursor', async () => {
		for (let index = fixture.emulator.state.tenants.size; index <= 100; index++)
			seedTenant(`Listed Tenant ${index}`);
		const fn = createExecuteFunctions({
			credentials: fixture.credentials,
			params: {},
		}) as unknown as ILoadOptionsFunctions;
		const acme = await listSearch.searchTenants.call(fn, 'acme');
		expect(acme.results).toEqual([
			expect.objectContaining({
				name: 'Acme Badges Inc. — acme-badges.us.trustedauth.com',
				url: 'https://acme-badges.us.trustedauth.com',
			}),
		]);
		expect(acme.paginationToken).toBeUndefined();
		const first = await listSearch.searchTenants.call(fn);
		expect(first.results).toHaveLength(100);
		const second = await listSearch.searchTenants.call(fn, undefined, first.paginationToken);
		expect(second.results.length).toBeGreaterThan(0);
		expect(second.results.map((result) => result.value)).not.toContain(first.results[0].value);
	});
});
