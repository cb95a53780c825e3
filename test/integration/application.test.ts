import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { listSearch, loadOptions } from '../../nodes/EntrustIidaas/methods';
import { byId, jsonOf, useEmulator } from '../helpers/emulator';
import { createExecuteFunctions } from '../../tools/harness';

const fixture = useEmulator();

const ROLE_ID = '53df23b1-5f57-4dc5-8e23-a3d345a06789';
const ISSUANCE_TEMPLATE = '7b0c8f0e-3a1d-4c59-9a7e-2f4e6d1c5b30';

/** Message, description and anything else the error carries, as one searchable text. */
function errorText(error: unknown): string {
	const { message, description } = error as { message?: string; description?: string };
	let serialised = '';
	try {
		serialised = JSON.stringify(error);
	} catch {
		serialised = '';
	}
	return `${message} ${description} ${serialised}`;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected the run to fail');
}

async function createApplication(name: string, extra: Record<string, unknown> = {}) {
	const { output } = await fixture.run({
		resource: 'application',
		operation: 'create',
		name,
		roleId: ROLE_ID,
		...extra,
	});
	return output[0].json as { id: string; sharedSecret: string; [key: string]: unknown };
}

function credentialsOf(applicationId: string, sharedSecret: string) {
	return { ...fixture.credentials, applicationId, sharedSecret };
}

describe('Application resource against the emulator', () => {
	beforeEach(() => {
		fixture.emulator.clearRequests();
		fixture.emulator.faults.clear();
	});

	it('creates, gets, lists, updates and deletes an application', async () => {
		const created = await createApplication('CRUD App', {
			roleType: 'site',
			additionalFields: { description: 'first', allowLongLivedToken: true },
		});
		expect(created).toMatchObject({
			name: 'CRUD App',
			description: 'first',
			roleId: ROLE_ID,
			allowLongLivedToken: true,
			applicationTemplate: 'Administration API',
		});
		expect(created.id).toMatch(/^[a-f0-9-]{36}$/);
		expect(created.sharedSecret).toBe(
			fixture.emulator.state.applications.get(created.id)!.sharedSecret,
		);

		const got = await fixture.run({
			resource: 'application',
			operation: 'get',
			applicationId: byId(created.id),
		});
		expect(got.output[0].json).toMatchObject({ id: created.id, name: 'CRUD App' });
		expect(got.output[0].json.sharedSecret).toBeUndefined();

		const all = jsonOf(
			(await fixture.run({ resource: 'application', operation: 'getAll', returnAll: true })).output,
		);
		expect(all.map((application) => application.id)).toEqual(
			expect.arrayContaining([created.id, fixture.credentials.applicationId]),
		);
		const limited = await fixture.run({
			resource: 'application',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
		});
		expect(limited.output).toHaveLength(1);

		// No new name: the current one is read first, because the API needs it on every update.
		fixture.emulator.clearRequests();
		const updated = await fixture.run({
			resource: 'application',
			operation: 'update',
			applicationId: byId(created.id),
			updateFields: { description: 'second' },
		});
		expect(updated.output[0].json).toMatchObject({
			id: created.id,
			name: 'CRUD App',
			description: 'second',
			roleId: ROLE_ID,
		});
		expect(fixture.emulator.count('getAdminApiApplicationUsingGET')).toBe(1);
		expect(fixture.emulator.count('updateAdminApiApplicationUsingPUT')).toBe(1);

		const spRole = 'aa11bb22-cc33-4d44-8e55-ff6677889900';
		const renamed = await fixture.run({
			resource: 'application',
			operation: 'update',
			applicationId: byId(created.id),
			updateFields: { name: 'CRUD App Renamed', spRoleId: spRole, removeRole: true },
		});
		expect(renamed.output[0].json).toMatchObject({ name: 'CRUD App Renamed', spRoleId: spRole });
		expect(renamed.output[0].json.roleId).toBeUndefined();
		expect(fixture.emulator.state.applications.get(created.id)).toMatchObject({
			name: 'CRUD App Renamed',
			spRoleId: spRole,
		});

		const deleted = await fixture.run({
			resource: 'application',
			operation: 'delete',
			applicationId: byId(created.id),
		});
		expect(deleted.output[0].json).toEqual({ deleted: true, applicationId: created.id });
		expect(fixture.emulator.state.applications.has(created.id)).toBe(false);
		const gone = await fixture.run(
			{ resource: 'application', operation: 'get', applicationId: byId(created.id) },
			{ continueOnFail: true },
		);
		expect(gone.output[0].json).toMatchObject({ httpCode: '404' });
	});

	it('lists templates, including Issuance API, and creates an application from it with a service provider role', async () => {
		const templates = jsonOf(
			(await fixture.run({ resource: 'application', operation: 'getTemplates' })).output,
		);
		expect(templates).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					id: ISSUANCE_TEMPLATE,
					name: 'Issuance API',
					authenticationMethod: 'ADMINAPI',
				}),
			]),
		);
		expect(templates.length).toBeGreaterThan(1);
		const first = await fixture.run({
			resource: 'application',
			operation: 'getTemplates',
			returnAll: false,
			limit: 1,
		});
		expect(jsonOf(first.output)).toEqual([templates[0]]);
		const created = await createApplication('Issuance From Template', {
			roleType: 'serviceProvider',
			additionalFields: { applicationTemplateId: ISSUANCE_TEMPLATE },
		});
		expect(created).toMatchObject({
			applicationTemplate: 'Issuance API',
			applicationTemplateId: ISSUANCE_TEMPLATE,
			spRoleId: ROLE_ID,
		});
		expect(created.roleId).toBeUndefined();
	});

	it('a new application signs in with its secret; after regeneration the new secret works and the old one fails', async () => {
		const created = await createApplication('Rotated App');
		const asNewApp = await fixture.run(
			{ resource: 'application', operation: 'getTemplates' },
			{ credentials: credentialsOf(created.id, created.sharedSecret) },
		);
		expect(asNewApp.output.length).toBeGreaterThan(0);

		const regenerated = await fixture.run({
			resource: 'application',
			operation: 'regenerateSecret',
			applicationId: byId(created.id),
		});
		const { sharedSecret } = regenerated.output[0].json as { sharedSecret: string };
		expect(regenerated.output[0].json).toEqual({ applicationId: created.id, sharedSecret });
		expect(sharedSecret).not.toBe(created.sharedSecret);
		expect(fixture.emulator.state.applications.get(created.id)!.sharedSecret).toBe(sharedSecret);
		expect(fixture.emulator.count('updateAdminApiSharedSecretUsingPUT')).toBe(1);

		const withNew = await fixture.run(
			{ resource: 'application', operation: 'getTemplates' },
			{ credentials: credentialsOf(created.id, sharedSecret) },
		);
		expect(withNew.output.length).toBeGreaterThan(0);

		const refused = await caught(
			fixture.run(
				{ resource: 'application', operation: 'getTemplates' },
				{ credentials: credentialsOf(created.id, created.sharedSecret) },
			),
		);
		expect(refused).toMatchObject({ httpCode: '401' });
		expect(errorText(refused)).toMatch(/Shared Secret is wrong/);
		expect(errorText(refused)).not.toContain(created.sharedSecret);
		expect(errorText(refused)).not.toContain(sharedSecret);
	});

	it('never resends a regeneration that may have been processed, and keeps the secret out of the error', async () => {
		const created = await createApplication('Lost Answer App');
		fixture.emulator.clearRequests();
		fixture.emulator.faults.add({
			operationId: 'updateAdminApiSharedSecretUsingPUT',
			action: { processThen: { status: 500 } },
		});

		const error = await caught(
			fixture.run({
				resource: 'application',
				operation: 'regenerateSecret',
				applicationId: byId(created.id),
			}),
		);
		expect(fixture.emulator.count('updateAdminApiSharedSecretUsingPUT')).toBe(1);
		expect(fixture.emulator.processedCount('updateAdminApiSharedSecretUsingPUT')).toBe(1);
		expect(error).toMatchObject({ httpCode: '500' });
		expect(errorText(error)).toMatch(
			/may have reached IIDaaS and been processed, so it was not sent again/,
		);
		expect(errorText(error)).toMatch(/old shared secret/);

		// The service did replace the secret; neither the new nor the old one may appear anywhere in the error.
		const newSecret = fixture.emulator.state.applications.get(created.id)!.sharedSecret;
		expect(newSecret).not.toBe(created.sharedSecret);
		expect(errorText(error)).not.toContain(newSecret);
		expect(errorText(error)).not.toContain(created.sharedSecret);

		fixture.emulator.faults.add({
			operationId: 'updateAdminApiSharedSecretUsingPUT',
			action: { processThen: { status: 500 } },
		});
		const soft = await fixture.run(
			{ resource: 'application', operation: 'regenerateSecret', applicationId: byId(created.id) },
			{ continueOnFail: true },
		);
		const latest = fixture.emulator.state.applications.get(created.id)!.sharedSecret;
		expect(soft.output[0].json).toMatchObject({ httpCode: '500' });
		expect(JSON.stringify(soft.output)).not.toContain(latest);
		expect(fixture.emulator.processedCount('updateAdminApiSharedSecretUsingPUT')).toBe(2);
	});

	it('does not resend a create after a lost answer', async () => {
		fixture.emulator.faults.add({
			operationId: 'createAdminApiApplicationUsingPOST',
			action: { processThen: { status: 502 } },
		});
		const error = await caught(createApplication('Maybe Created'));
		expect(fixture.emulator.count('createAdminApiApplicationUsingPOST')).toBe(1);
		expect(errorText(error)).toMatch(/Application → Get Many/);
		const names = [...fixture.emulator.state.applications.values()].map(
			(application) => application.name,
		);
		expect(names.filter((name) => name === 'Maybe Created')).toHaveLength(1);
	});

	it('reports a duplicate name as a conflict', async () => {
		await createApplication('Twin');
		await expect(createApplication('twin')).rejects.toMatchObject({
			httpCode: '409',
			message: expect.stringContaining('already exists'),
		});
	});

	it('rejects invalid input before sending anything', async () => {
		await expect(
			fixture.run({ resource: 'application', operation: 'get', applicationId: byId('nope') }),
		).rejects.toThrow(/Application: "nope" is not valid.*\[item 0\]/);
		await expect(
			fixture.run({
				resource: 'application',
				operation: 'regenerateSecret',
				applicationId: byId(''),
			}),
		).rejects.toThrow(/Application: is required \[item 0\]/);
		await expect(
			fixture.run({ resource: 'application', operation: 'create', name: 'X', roleId: 'admin' }),
		).rejects.toThrow(/Role ID: "admin" is not valid/);
		await expect(
			fixture.run({ resource: 'application', operation: 'create', name: ' ', roleId: ROLE_ID }),
		).rejects.toThrow(/Name: is required/);
		await expect(
			fixture.run({
				resource: 'application',
				operation: 'update',
				applicationId: byId(fixture.credentials.applicationId),
				updateFields: {},
			}),
		).rejects.toThrow(/Update Fields: add at least one field/);
		expect(fixture.emulator.requests).toHaveLength(0);
	});

	it('names the permission the role lacks on 403', async () => {
		fixture.emulator.setPermissions(['APPLICATIONS:VIEW']);
		try {
			await expect(
				fixture.run({
					resource: 'application',
					operation: 'regenerateSecret',
					applicationId: byId(fixture.credentials.applicationId),
				}),
			).rejects.toMatchObject({
				httpCode: '403',
				description: expect.stringContaining('APPLICATIONS:EDIT'),
			});
			await expect(
				fixture.run({ resource: 'application', operation: 'getTemplates' }),
			).rejects.toMatchObject({
				description: expect.stringContaining('TEMPLATES:VIEW'),
			});
		} finally {
			fixture.emulator.setPermissions(null);
		}
	});

	it('offers applications in the locator list and Admin API templates in the dropdown', async () => {
		const created = await createApplication('Findable App');
		const fn = createExecuteFunctions({
			credentials: fixture.credentials,
			params: {},
		}) as unknown as ILoadOptionsFunctions;
		const found = await listSearch.searchApplications.call(fn, 'findable');
		expect(found.results).toEqual([
			{ name: 'Findable App — Administration API', value: created.id },
		]);
		const templates = await loadOptions.getApplicationTemplates.call(fn);
		expect(templates.map((template) => template.name)).toEqual([
			'Administration API',
			'Issuance API',
		]);
		expect(templates.find((template) => template.name === 'Issuance API')?.value).toBe(
			ISSUANCE_TEMPLATE,
		);
	});
});
