'use strict';
/**
 * Tenants tag (service provider view): asynchronous creation, cursor-paged listing, lock/unlock, deletion,
 * entitlements, entitlement usage and the tenant-management (SP) identity provider.
 *
 * Creation: POST answers SCHEDULED; each status poll answers the current state, then moves one step:
 * SCHEDULED → PROCESSING → COMPLETED (tenant now exists) or FAILED (hostname already taken).
 * Paging: the cursor carries offset, limit, filters and order; `paging.nextCursor` is absent on the last page.
 */
const { compare, OPERATORS } = require('../search');
const DEFAULT_PAGE_LIMIT = 10;
const HOST_SUFFIX = 'us.trustedauth.com';
const TENANT_FIELDS = [
	'id',
	'companyName',
	'hostname',
	'previousHostname',
	'contractMode',
	'locked',
	'serviceProvider',
	'authenticationAccount',
	'issuanceAccount',
	'spIdp',
];
const USAGE_FIELDS = [
	'id',
	'tenantId',
	'usageType',
	'aggregationPeriod',
	'bundleType',
	'startTime',
	'endTime',
	'count',
	'trial',
];

const DEMO_TENANTS = [
	{ companyName: 'Acme Badges Inc.', domain: 'acme-badges', contractMode: 'PRODUCTION' },
	{ companyName: 'Globex Campus Security', domain: 'globex-campus', contractMode: 'TRIAL' },
	{
		companyName: 'Initech Visitor Passes',
		domain: 'initech-visitors',
		contractMode: 'TRIAL',
		locked: true,
	},
];

const normalize = (name) =>
	String(name)
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
const resolveField = (fields, name) => fields.find((f) => normalize(f) === normalize(name)) || null;

/** Answers one `{paging, results}` page of the records for SearchParms `body` (TenantsPage, UsageInfoPage). */
function sendPage(res, body, fields, loadRecords, defaultOrder) {
	let query;
	if (body.cursor) {
		try {
			query = JSON.parse(Buffer.from(body.cursor, 'base64url').toString('utf8'));
		} catch {
			query = null;
		}
		if (!query || !Number.isInteger(query.offset) || !Array.isArray(query.search)) {
			return res.sendErrorInfo(400, 'VALIDATION', 'body.cursor: invalid cursor', [
				{ target: 'body.cursor' },
			]);
		}
	} else {
		query = {
			offset: 0,
			search: body.searchByAttributes || [],
			order: body.orderByAttribute || null,
		};
		for (const [i, attr] of query.search.entries()) {
			if (!resolveField(fields, attr.name)) {
				return res.sendErrorInfo(
					400,
					'VALIDATION',
					`body.searchByAttributes[${i}].name: unknown attribute "${attr.name}"`,
					[{ target: `body.searchByAttributes[${i}].name` }],
				);
			}
		}
		if (query.order && !resolveField(fields, query.order.name)) {
			return res.sendErrorInfo(
				400,
				'VALIDATION',
				`body.orderByAttribute.name: unknown attribute "${query.order.name}"`,
				[{ target: 'body.orderByAttribute.name' }],
			);
		}
	}
	let records = loadRecords();
	for (const attr of query.search) {
		const field = resolveField(fields, attr.name);
		records = records.filter((r) => OPERATORS[attr.operator](r[field], String(attr.value ?? '')));
	}
	const orderField = query.order ? resolveField(fields, query.order.name) : defaultOrder;
	const direction = query.order && query.order.ascending === false ? -1 : 1;
	records.sort(
		(a, b) => direction * (compare(a[orderField], b[orderField]) || compare(a.id, b.id)),
	);
	const limit = body.limit || query.limit || DEFAULT_PAGE_LIMIT;
	const encode = (offset) =>
		Buffer.from(JSON.stringify({ ...query, offset, limit })).toString('base64url');
	const paging = { limit };
	if (query.offset + limit < records.length) paging.nextCursor = encode(query.offset + limit);
	if (query.offset > 0) paging.prevCursor = encode(Math.max(0, query.offset - limit));
	return res.sendJson(200, { paging, results: records.slice(query.offset, query.offset + limit) });
}

function hostnameOf(domain) {
	const text = String(domain).trim().toLowerCase();
	return text.includes('.') ? text : `${text}.${HOST_SUFFIX}`;
}

function isoDaysFromNow(days) {
	const date = new Date(Date.now() + days * 86_400_000);
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Adds a tenant with its USERS entitlement and some daily usage. Also used by seeding and tests. */
function addTenant(ctx, fields) {
	const tenant = {
		id: ctx.ids.uuid(),
		companyName: fields.companyName,
		hostname: hostnameOf(fields.domain),
		contractMode: fields.contractMode || 'TRIAL',
		locked: fields.locked === true,
		serviceProvider: fields.serviceProvider === true,
		authenticationAccount: fields.authenticationAccount === true,
		issuanceAccount: fields.issuanceAccount !== false,
		spIdp: false,
	};
	ctx.state.tenants.set(tenant.id, tenant);
	const entitlement = {
		id: ctx.ids.uuid(),
		type: 'USERS',
		status: 'ACTIVE',
		contractMode: tenant.contractMode,
		quantity: fields.quantity || 100,
		remaining: fields.quantity || 100,
		startDate: isoDaysFromNow(0),
		endDate: isoDaysFromNow(365),
		usersBillingType: 'PRE_PAID',
	};
	ctx.state.tenantEntitlements.set(tenant.id, new Map([['USERS', entitlement]]));
	for (let day = 1; day <= 3; day++) {
		ctx.state.tenantUsage.push({
			id: ctx.ids.uuid(),
			tenantId: tenant.id,
			usageType: day === 3 ? 'ISSUANCE' : 'USERS',
			aggregationPeriod: 'DAILY',
			startTime: isoDaysFromNow(-day),
			endTime: isoDaysFromNow(1 - day),
			count: 10 * day,
			trial: tenant.contractMode === 'TRIAL',
		});
	}
	return tenant;
}

function removeTenant(ctx, id) {
	ctx.state.tenants.delete(id);
	ctx.state.tenantEntitlements.delete(id);
	ctx.state.tenantIdentityProviders.delete(id);
	ctx.state.tenantUsage = ctx.state.tenantUsage.filter((u) => u.tenantId !== id);
}

function publicCreation(operation) {
	return Object.fromEntries(
		Object.entries(operation).filter(([key, value]) => !key.startsWith('_') && value !== undefined),
	);
}

/** Moves a creation one step on; the tenant appears when it completes. */
function advanceCreation(ctx, operation) {
	if (operation.state === 'SCHEDULED') {
		operation.state = 'PROCESSING';
		operation.processingStartTime = ctx.now();
		return;
	}
	if (operation.state !== 'PROCESSING') return;
	const { tenant: parms, entitlements = {}, adminUser, adminApiApplication } = operation._parms;
	const hostname = hostnameOf(parms.domain);
	operation.processingEndTime = ctx.now();
	operation.processingTime =
		Date.parse(operation.processingEndTime) - Date.parse(operation.processingStartTime);
	if ([...ctx.state.tenants.values()].some((t) => t.hostname === hostname)) {
		operation.state = 'FAILED';
		operation.errorMessage = `The domain ${parms.domain} is already in use`;
		return;
	}
	const tenant = addTenant(ctx, {
		...parms,
		contractMode: entitlements.contractMode,
		quantity: entitlements.quantity,
	});
	const result = {
		tenant,
		adminUser: {
			id: ctx.ids.uuid(),
			userId: adminUser.userId,
			email: adminUser.email,
			firstName: adminUser.firstName,
			lastName: adminUser.lastName,
			state: 'ACTIVE',
			locked: false,
		},
	};
	if (adminApiApplication) {
		result.adminApiApplication = {
			id: ctx.ids.uuid(),
			name: adminApiApplication.name,
			description: adminApiApplication.description,
			applicationTemplate: 'Administration API',
			sharedSecret: ctx.ids.token(48),
		};
	}
	operation._result = result;
	operation.state = 'COMPLETED';
}

function register(registry, ctx) {
	ctx.state.tenants = ctx.state.tenants || new Map(); // id -> Tenant
	ctx.state.tenantCreations = ctx.state.tenantCreations || new Map(); // operation id -> CreateTenantAsyncStatus + _parms/_result
	ctx.state.tenantEntitlements = ctx.state.tenantEntitlements || new Map(); // tenant id -> Map(type -> Entitlement)
	ctx.state.tenantIdentityProviders = ctx.state.tenantIdentityProviders || new Map(); // tenant id -> SpIdentityProvider
	ctx.state.tenantUsage = ctx.state.tenantUsage || []; // UsageInfo records

	const tenantNotFound = (res, id) =>
		res.sendErrorInfo(404, 'TENANT_NOT_FOUND', `Tenant ${id} not found`, [{ id }]);
	const withTenant = (handler) => (req, res) => {
		const id = req.params.id || req.params.tenantid;
		const tenant = ctx.state.tenants.get(String(id).toLowerCase());
		if (!tenant) return tenantNotFound(res, id);
		return handler(req, res, tenant);
	};

	registry.on('createTenantAsyncUsingPOST', (req, res) => {
		const parms = req.body;
		if (
			!String(parms.tenant.companyName || '').trim() ||
			!String(parms.tenant.domain || '').trim()
		) {
			return res.sendErrorInfo(
				400,
				'VALIDATION',
				'tenant.companyName and tenant.domain are required',
				[{ target: 'body.tenant' }],
			);
		}
		if (!String(parms.adminUser.userId || '').trim()) {
			return res.sendErrorInfo(400, 'VALIDATION', 'adminUser.userId is required', [
				{ target: 'body.adminUser.userId' },
			]);
		}
		if (!/^[a-z0-9.-]+$/i.test(parms.tenant.domain)) {
			return res.sendErrorInfo(400, 'VALIDATION', `Invalid domain ${parms.tenant.domain}`, [
				{ target: 'body.tenant.domain' },
			]);
		}
		const operation = {
			id: ctx.ids.uuid(),
			state: 'SCHEDULED',
			initTime: ctx.now(),
			subject: parms.tenant.companyName,
			_parms: parms,
		};
		ctx.state.tenantCreations.set(operation.id, operation);
		return res.sendJson(200, publicCreation(operation));
	});

	registry.on('getCreateTenantAsyncStatusUsingGET', (req, res) => {
		const operation = ctx.state.tenantCreations.get(String(req.params.id).toLowerCase());
		if (!operation)
			return res.sendErrorInfo(
				404,
				'OPERATION_NOT_FOUND',
				`Create tenant operation ${req.params.id} not found`,
				[{ id: req.params.id }],
			);
		res.sendJson(200, publicCreation(operation)); // answer first, then move on one step
		return advanceCreation(ctx, operation);
	});

	registry.on('getCreateTenantAsyncResultUsingGET', (req, res) => {
		const operation = ctx.state.tenantCreations.get(String(req.params.id).toLowerCase());
		if (!operation)
			return res.sendErrorInfo(
				404,
				'OPERATION_NOT_FOUND',
				`Create tenant operation ${req.params.id} not found`,
				[{ id: req.params.id }],
			);
		if (operation.state === 'FAILED')
			return res.sendErrorInfo(400, 'OPERATION_FAILED', operation.errorMessage, [
				{ id: operation.id },
			]);
		if (operation.state !== 'COMPLETED')
			return res.sendErrorInfo(
				409,
				'OPERATION_NOT_COMPLETE',
				`Create tenant operation ${operation.id} is ${operation.state}`,
				[{ id: operation.id }],
			);
		return res.sendJson(200, operation._result);
	});

	registry.on(
		'getTenantUsingGET',
		withTenant((req, res, tenant) => res.sendJson(200, tenant)),
	);

	registry.on('getTenantsPageUsingPOST', (req, res) =>
		sendPage(
			res,
			req.body || {},
			TENANT_FIELDS,
			() => [...ctx.state.tenants.values()],
			'companyName',
		),
	);

	registry.on(
		'removeTenantUsingDELETE',
		withTenant((req, res, tenant) => {
			removeTenant(ctx, tenant.id);
			return res.sendEmpty(200);
		}),
	);

	registry.on(
		'lockTenantUsingPUT',
		withTenant((req, res, tenant) => {
			tenant.locked = true;
			return res.sendEmpty(200);
		}),
	);

	registry.on(
		'unlockTenantUsingPUT',
		withTenant((req, res, tenant) => {
			tenant.locked = false;
			return res.sendEmpty(200);
		}),
	);

	registry.on(
		'getTenantEntitlementsUsingGET',
		withTenant((req, res, tenant) => {
			res.sendJson(200, [...ctx.state.tenantEntitlements.get(tenant.id).values()]);
		}),
	);

	registry.on(
		'getTenantEntitlementUsingGET',
		withTenant((req, res, tenant) => {
			const entitlement = ctx.state.tenantEntitlements.get(tenant.id).get(req.params.type);
			if (!entitlement)
				return res.sendErrorInfo(
					404,
					'ENTITLEMENT_NOT_FOUND',
					`Tenant ${tenant.id} has no ${req.params.type} entitlement`,
					[{ type: req.params.type }],
				);
			return res.sendJson(200, entitlement);
		}),
	);

	registry.on(
		'setTenantEntitlementUsingPUT',
		withTenant((req, res, tenant) => {
			const parms = req.body;
			const type = parms.type || parms.usageType || 'USERS';
			const entitlements = ctx.state.tenantEntitlements.get(tenant.id);
			let entitlement = entitlements.get(type);
			if (!entitlement) {
				if (!parms.quantity)
					return res.sendErrorInfo(
						400,
						'VALIDATION',
						`quantity is required to create a ${type} entitlement`,
						[{ target: 'body.quantity' }],
					);
				entitlement = {
					id: ctx.ids.uuid(),
					type,
					status: 'ACTIVE',
					startDate: isoDaysFromNow(0),
					endDate: isoDaysFromNow(365),
				};
			}
			if (
				parms.startDate &&
				parms.endDate &&
				Date.parse(parms.endDate) <= Date.parse(parms.startDate)
			) {
				return res.sendErrorInfo(400, 'VALIDATION', 'endDate must be after startDate', [
					{ target: 'body.endDate' },
				]);
			}
			const simple = [
				'contractMode',
				'contractNumber',
				'customerId',
				'endDate',
				'entitlementId',
				'quantity',
				'smartLoginEnabled',
				'startDate',
				'status',
				'subscriptionLineId',
				'usersBillingType',
				'additionalFeatures',
				'userBundles',
			];
			for (const key of simple) if (parms[key] !== undefined) entitlement[key] = parms[key];
			if (parms.quantity !== undefined && type === 'USERS') entitlement.remaining = parms.quantity;
			if (parms.smsVoice) {
				if (parms.smsVoice.deleteEntitlement) delete entitlement.smsVoice;
				else {
					const { deleteEntitlement: _ignored, ...smsVoice } = parms.smsVoice;
					entitlement.smsVoice = { consumed: 0, ...entitlement.smsVoice, ...smsVoice };
					if (smsVoice.quantity !== undefined) entitlement.smsVoice.allotment = smsVoice.quantity;
				}
			}
			if (parms.issuance) {
				entitlement.issuance = {
					consumed: 0,
					serviceBundles: [],
					...entitlement.issuance,
					...parms.issuance,
				};
			}
			if (parms.flashPass)
				entitlement.flashPass = { consumed: 0, ...entitlement.flashPass, ...parms.flashPass };
			if (entitlement.contractMode) tenant.contractMode = entitlement.contractMode;
			entitlements.set(type, entitlement);
			return res.sendEmpty(200);
		}),
	);

	// Only the SMS/voice part of an entitlement can be deleted (type SMSVOICE, per the spec).
	registry.on(
		'deleteTenantEntitlementUsingDELETE',
		withTenant((req, res, tenant) => {
			if (req.params.type !== 'SMSVOICE') {
				return res.sendErrorInfo(
					400,
					'VALIDATION',
					`Entitlements of type ${req.params.type} cannot be deleted; allowed: SMSVOICE`,
					[{ target: 'path.type' }],
				);
			}
			const holder = [...ctx.state.tenantEntitlements.get(tenant.id).values()].find(
				(e) => e.smsVoice,
			);
			if (!holder)
				return res.sendErrorInfo(
					404,
					'ENTITLEMENT_NOT_FOUND',
					`Tenant ${tenant.id} has no SMSVOICE entitlement`,
					[{ type: 'SMSVOICE' }],
				);
			delete holder.smsVoice;
			return res.sendEmpty(200);
		}),
	);

	registry.on('getEntitlementUsageInfoUsingPOST', (req, res) => {
		const body = req.body || {};
		// The spec makes a startTime search attribute mandatory (a cursor carries the first page's search on).
		if (
			!body.cursor &&
			!(body.searchByAttributes || []).some((attr) => normalize(attr.name) === 'starttime')
		) {
			return res.sendErrorInfo(
				400,
				'VALIDATION',
				'body.searchByAttributes: a startTime attribute is mandatory',
				[{ target: 'body.searchByAttributes' }],
			);
		}
		return sendPage(res, body, USAGE_FIELDS, () => [...ctx.state.tenantUsage], 'startTime');
	});

	registry.on(
		'getSpIdentityProviderUsingGET',
		withTenant((req, res, tenant) => {
			const stored = ctx.state.tenantIdentityProviders.get(tenant.id);
			res.sendJson(
				200,
				stored || { name: `${tenant.companyName} Tenant Management`, enabled: false },
			);
		}),
	);

	registry.on(
		'setSpIdentityProviderUsingPUT',
		withTenant((req, res, tenant) => {
			const parms = req.body;
			const previous = ctx.state.tenantIdentityProviders.get(tenant.id) || {
				name: `${tenant.companyName} Tenant Management`,
			};
			const provider = { ...previous, enabled: parms.enabled };
			for (const key of ['defaultMaxAge', 'displayConsent', 'signingKeyId'])
				if (parms[key] !== undefined) provider[key] = parms[key];
			if (parms.enabled && !provider.clientId) {
				provider.clientId = ctx.ids.uuid();
				provider.initiateLoginUri = `https://${tenant.hostname}/#/sp-login`;
			}
			ctx.state.tenantIdentityProviders.set(tenant.id, provider);
			tenant.spIdp = parms.enabled;
			return res.sendJson(200, provider);
		}),
	);

	if (ctx.options.seed !== false) for (const demo of DEMO_TENANTS) addTenant(ctx, demo);
}

module.exports = { register, addTenant, hostnameOf };
