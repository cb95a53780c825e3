'use strict';
/**
 * Applications tag: Admin API applications and application templates.
 * The store is `ctx.state.applications` (lower-case id → record), the one routes/auth.js authenticates against, so an
 * application created here can sign in with its shared secret, and a regenerated secret replaces the old one at once.
 */

/** Fixed template ids so tests and demos can refer to them. Only ADMINAPI templates make Admin API applications. */
const TEMPLATES = [
	{
		id: '00dc1d40-b512-4159-bccc-e8c1b4524515',
		name: 'Administration API',
		authenticationMethod: 'ADMINAPI',
		description: 'Full access to the Administration API',
	},
	{
		id: '7b0c8f0e-3a1d-4c59-9a7e-2f4e6d1c5b30',
		name: 'Issuance API',
		authenticationMethod: 'ADMINAPI',
		description: 'Card issuance: printers, print jobs, enrollments and mobile passes',
	},
	{
		id: '1e6a2b7c-9d3f-4e8a-b5c1-0f2d4a6b8c9e',
		name: 'Authentication API',
		authenticationMethod: 'AUTHAPI',
		description: 'User authentication from your own application',
	},
	{
		id: 'c4d5e6f7-0811-4a2b-9c3d-4e5f60718293',
		name: 'SIEM API',
		authenticationMethod: 'SIEMAPI',
		description: 'Audit events for security information and event management',
	},
];
const DEFAULT_TEMPLATE_ID = TEMPLATES[0].id;
const ISSUANCE_TEMPLATE_ID = TEMPLATES[1].id;
const EDITABLE = [
	'name',
	'description',
	'allowLongLivedToken',
	'ipListId',
	'logo',
	'roleId',
	'spRoleId',
];

function templateOf(record) {
	return TEMPLATES.find((t) => t.id === record.applicationTemplateId) || TEMPLATES[1];
}

/** AdminApiApplication as the service shows it: the shared secret only when just created. */
function toApplication(record, { withSecret = false } = {}) {
	const template = templateOf(record);
	const view = {
		id: record.id,
		name: record.name,
		description: record.description,
		applicationTemplate: template.name,
		applicationTemplateId: template.id,
		allowLongLivedToken: record.allowLongLivedToken === true,
		ipListId: record.ipListId,
		logo: record.logo,
		roleId: record.roleId,
		spRoleId: record.spRoleId,
		lastAuthnDate: record.lastAuthnDate,
	};
	if (withSecret) view.sharedSecret = record.sharedSecret;
	return Object.fromEntries(
		Object.entries(view).filter(([, value]) => value !== undefined && value !== ''),
	);
}

function findApplication(ctx, id) {
	return ctx.state.applications.get(String(id).toLowerCase());
}

function nameTaken(ctx, name, exceptId) {
	const wanted = String(name).trim().toLowerCase();
	return [...ctx.state.applications.values()].some(
		(a) => a.id !== exceptId && String(a.name).trim().toLowerCase() === wanted,
	);
}

function newSecret(ctx) {
	return ctx.ids.token(48);
}

function register(registry, ctx) {
	const notFound = (res, id) =>
		res.sendErrorInfo(404, 'APPLICATION_NOT_FOUND', `Application ${id} not found`, [{ id }]);

	registry.on('listApplicationTemplatesUsingGET', (req, res) => res.sendJson(200, TEMPLATES));

	registry.on('listAdminApiApplicationsUsingGET', (req, res) => {
		const list = [...ctx.state.applications.values()].map((record) => toApplication(record));
		res.sendJson(
			200,
			list.sort((a, b) => a.name.localeCompare(b.name)),
		);
	});

	registry.on('getAdminApiApplicationUsingGET', (req, res) => {
		const record = findApplication(ctx, req.params.id);
		if (!record) return notFound(res, req.params.id);
		return res.sendJson(200, toApplication(record));
	});

	registry.on('createAdminApiApplicationUsingPOST', (req, res) => {
		const parms = req.body;
		if (String(parms.name).trim() === '')
			return res.sendErrorInfo(400, 'VALIDATION', 'body.name: must not be empty', [
				{ target: 'body.name' },
			]);
		if (!parms.roleId && !parms.spRoleId) {
			return res.sendErrorInfo(
				400,
				'VALIDATION',
				'Either roleId or spRoleId is required when creating an application',
				[{ target: 'body.roleId' }],
			);
		}
		const templateId = parms.applicationTemplateId || DEFAULT_TEMPLATE_ID;
		const template = TEMPLATES.find((t) => t.id === templateId);
		if (!template)
			return res.sendErrorInfo(
				400,
				'TEMPLATE_NOT_FOUND',
				`Application template ${templateId} not found`,
				[{ applicationTemplateId: templateId }],
			);
		if (template.authenticationMethod !== 'ADMINAPI') {
			return res.sendErrorInfo(
				400,
				'INVALID_TEMPLATE',
				`Template ${template.name} is not an Administration API template`,
				[{ applicationTemplateId: templateId }],
			);
		}
		if (nameTaken(ctx, parms.name))
			return res.sendErrorInfo(
				409,
				'APPLICATION_EXISTS',
				`An application named ${parms.name} already exists`,
				[{ name: parms.name }],
			);
		const record = {
			id: ctx.ids.uuid(),
			enabled: true,
			applicationTemplateId: template.id,
			sharedSecret: newSecret(ctx),
		};
		for (const key of EDITABLE) if (parms[key] !== undefined) record[key] = parms[key];
		ctx.state.applications.set(record.id.toLowerCase(), record);
		return res.sendJson(200, toApplication(record, { withSecret: true }));
	});

	registry.on('updateAdminApiApplicationUsingPUT', (req, res) => {
		const record = findApplication(ctx, req.params.id);
		if (!record) return notFound(res, req.params.id);
		const parms = req.body;
		if (nameTaken(ctx, parms.name, record.id))
			return res.sendErrorInfo(
				409,
				'APPLICATION_EXISTS',
				`An application named ${parms.name} already exists`,
				[{ name: parms.name }],
			);
		// Fields left out stay as they are; an empty role id unsets the role (as the spec describes).
		for (const key of EDITABLE) {
			if (parms[key] === undefined) continue;
			if (parms[key] === '' && (key === 'roleId' || key === 'spRoleId')) delete record[key];
			else record[key] = parms[key];
		}
		return res.sendJson(200, toApplication(record));
	});

	registry.on('removeAdminApiApplicationUsingDELETE', (req, res) => {
		const record = findApplication(ctx, req.params.id);
		if (!record) return notFound(res, req.params.id);
		ctx.state.applications.delete(record.id.toLowerCase());
		return res.sendEmpty(200);
	});

	// The old secret stops working at once; the answer is the new secret as a bare JSON string.
	registry.on('updateAdminApiSharedSecretUsingPUT', (req, res) => {
		const record = findApplication(ctx, req.params.id);
		if (!record) return notFound(res, req.params.id);
		record.sharedSecret = newSecret(ctx);
		return res.sendJson(200, record.sharedSecret);
	});
}

module.exports = { register, TEMPLATES, DEFAULT_TEMPLATE_ID, ISSUANCE_TEMPLATE_ID, toApplication };
