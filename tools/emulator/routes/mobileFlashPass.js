'use strict';
/**
 * MobileFlashPassAPI tag: bulk "send mobile flash pass" operations, their logs, and the passes themselves.
 *
 * Store `ctx.state.mobileFlashPass`:
 * - `passes`: enrollment id → { enrollmentId, primaryKey, holder, issued, claimTokens: {apple, google} }. Seeded with
 *   three enrollments whose ids are standard base64 with `+`, `/` and `=` (the first two already issued).
 * - `operations`: bulk operation id → operation (IssueMobileFlashPassBulkOperationDetails fields + `_rows`).
 * - `settings.outcome`: 'COMPLETED' (default) or 'FAILED' (the whole next operation fails, for tests).
 *
 * A poll (`GET /v1/mobileFlashPass/{id}`) answers the current state, then advances one step:
 * SCHEDULED → PROCESSING (first half of the rows) → COMPLETED (every row; unknown enrollments are failed rows) or
 * FAILED (when every row failed, or settings.outcome is 'FAILED'). CANCELLED stops it. Enrollment ids are known when
 * they are in `passes` or, if another route module keeps one, in `ctx.state.enrollments`.
 */
const { publicView } = require('../state');

/** The spec: "Request body payload must not exceed 200 KB." */
const MAX_BODY_BYTES = 200 * 1024;
const FINAL_STATES = ['COMPLETED', 'FAILED', 'CANCELLED'];
const WALLETS = ['apple', 'google'];

/** A base64 enrollment id that contains `+`, `/` and `=`: JSON padded to 3 bytes, then bytes that encode as "+/+/". */
function seededEnrollmentId(workflowId, key) {
	let json = JSON.stringify({ workflowId, whereClause: { ID: key } });
	while (json.length % 3 !== 0) json += ' ';
	return Buffer.concat([Buffer.from(json), Buffer.from([0xfb, 0xff, 0xbf, 0x01])]).toString(
		'base64',
	);
}

const WORKFLOW_ID = 'd92fe598-be90-47d3-bf5a-fc602ff3d8f4';
const SEEDED_PASSES = [
	{ primaryKey: '1001', holder: 'Ada Lovelace', issued: true },
	{ primaryKey: '1002', holder: 'Grace Hopper', issued: true },
	{ primaryKey: '1003', holder: 'Alan Turing', issued: false },
];

function store(ctx) {
	if (!ctx.state.mobileFlashPass) {
		ctx.state.mobileFlashPass = {
			passes: new Map(),
			operations: new Map(),
			settings: { outcome: 'COMPLETED' },
		};
	}
	return ctx.state.mobileFlashPass;
}

function addPass(ctx, fields) {
	const pass = {
		enrollmentId: fields.enrollmentId,
		primaryKey: fields.primaryKey,
		holder: fields.holder,
		issued: false,
		claimTokens: null,
	};
	store(ctx).passes.set(pass.enrollmentId, pass);
	if (fields.issued) issuePass(ctx, pass);
	return pass;
}

/** Issuing gives the pass its claim tokens (kept on reissue, so links already sent keep working). */
function issuePass(ctx, pass) {
	pass.issued = true;
	if (!pass.claimTokens) pass.claimTokens = { apple: ctx.ids.token(18), google: ctx.ids.token(18) };
}

/** The pass record of a known enrollment, created on demand for ids only the enrollments store knows. */
function passFor(ctx, enrollmentId) {
	const existing = store(ctx).passes.get(enrollmentId);
	if (existing) return existing;
	const enrollments = ctx.state.enrollments;
	const known =
		enrollments && typeof enrollments.has === 'function' && enrollments.has(enrollmentId);
	return known ? addPass(ctx, { enrollmentId, primaryKey: undefined, holder: undefined }) : null;
}

function createOperation(ctx, rows) {
	const operation = {
		id: ctx.ids.uuid(),
		name: `Send Mobile Flash Pass ${ctx.ids.seq('mobileFlashPass')}`,
		type: 'SEND_MFP',
		state: 'SCHEDULED',
		initTime: ctx.now(),
		rowsProcessed: 0,
		rowsFailed: 0,
		_forceFailure: store(ctx).settings.outcome === 'FAILED',
		// One row per requested id, in request order (row numbers are 1-based).
		_rows: rows.map((row, index) => ({ row: index + 1, ...row, status: 'PENDING' })),
	};
	store(ctx).operations.set(operation.id, operation);
	return operation;
}

function processRow(ctx, operation, row) {
	const pass =
		row.enrollmentId !== undefined
			? passFor(ctx, row.enrollmentId)
			: findByPrimaryKey(ctx, row.primaryKey);
	if (!pass) {
		row.status = 'FAILED';
		row.message =
			row.enrollmentId !== undefined
				? 'Enrollment not found'
				: `No enrollment with primary key ${row.primaryKey}`;
		operation.rowsFailed++;
		if (operation.firstFailedRow === undefined) {
			operation.firstFailedRow = row.row;
			operation.errorMessage = `Row ${row.row}: ${row.message}`;
		}
		return;
	}
	issuePass(ctx, pass);
	row.status = 'SUCCESS';
	row.enrollmentId = pass.enrollmentId;
	row.primaryKey = pass.primaryKey;
	operation.rowsProcessed++;
}

function findByPrimaryKey(ctx, primaryKey) {
	return [...store(ctx).passes.values()].find((pass) => pass.primaryKey === primaryKey) || null;
}

/** One step of progress, taken after a poll has been answered. */
function advance(ctx, operation) {
	if (FINAL_STATES.includes(operation.state)) return;
	if (operation.state === 'SCHEDULED') {
		operation.state = 'PROCESSING';
		operation.processingStartTime = ctx.now();
		if (operation._forceFailure) return;
		const half = Math.ceil(operation._rows.length / 2);
		for (const row of operation._rows.slice(0, half)) processRow(ctx, operation, row);
		return;
	}
	if (operation._forceFailure) {
		operation.state = 'FAILED';
		operation.errorMessage = 'The mobile flash pass service is unavailable';
		operation.firstFailedRow = 1;
		operation.rowsFailed = operation._rows.length;
		for (const row of operation._rows)
			Object.assign(row, { status: 'FAILED', message: operation.errorMessage });
	} else {
		for (const row of operation._rows)
			if (row.status === 'PENDING') processRow(ctx, operation, row);
		operation.state = operation.rowsProcessed === 0 ? 'FAILED' : 'COMPLETED';
	}
	operation.processingEndTime = ctx.now();
	operation.processingTime =
		Date.parse(operation.processingEndTime) - Date.parse(operation.processingStartTime);
}

function logsOf(operation) {
	const rows = operation._rows.map(({ row, enrollmentId, primaryKey, status, message }) =>
		publicView({ row, enrollmentId, primaryKey, status, message }),
	);
	return Buffer.from(
		JSON.stringify({ operationId: operation.id, state: operation.state, rows }, null, 2),
	);
}

function register(registry, ctx) {
	const mfp = store(ctx);
	const notFound = (res, what) => res.error(404, 'NOT_FOUND', `${what} not found`);

	const issue = (rows, res) => {
		const operation = createOperation(ctx, rows);
		return res.sendJson(200, publicView(operation));
	};

	registry.on('issueMobileFlashPassBulkOperationV2', (req, res) => {
		const bytes = Buffer.byteLength(JSON.stringify(req.body));
		if (bytes > MAX_BODY_BYTES)
			return res.error(
				400,
				'PAYLOAD_TOO_LARGE',
				`Request body is ${bytes} bytes; at most 200 KB is allowed`,
				'body',
			);
		const ids = req.body.ids;
		if (ids.length === 0)
			return res.error(
				400,
				'VALIDATION',
				'body.ids: at least one enrollment id is required',
				'body.ids',
			);
		const bad = ids.findIndex(
			(id) => typeof id !== 'string' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(id),
		);
		if (bad !== -1)
			return res.error(
				400,
				'VALIDATION',
				`body.ids[${bad}]: not a base64 enrollment id`,
				`body.ids[${bad}]`,
			);
		return issue(
			ids.map((enrollmentId) => ({ enrollmentId })),
			res,
		);
	});

	// Deprecated v1: rows named by enrollment design and primary key.
	registry.on('issueMobileFlashPassBulkOperation', (req, res) => {
		const keys = req.body.primaryKeys || [];
		if (!req.body.enrollmentDesignName || keys.length === 0) {
			return res.error(
				400,
				'VALIDATION',
				'body: enrollmentDesignName and at least one primary key are required',
				'body',
			);
		}
		return issue(
			keys.map((primaryKey) => ({ primaryKey })),
			res,
		);
	});

	registry.on('getIssueMFPBulkOperationDetails', (req, res) => {
		const operations = [...mfp.operations.values()].sort((a, b) =>
			b.initTime.localeCompare(a.initTime),
		);
		return res.sendJson(200, operations.map(publicView));
	});

	registry.on('getMobileFlashPassRequestDetails', (req, res) => {
		const operation = mfp.operations.get(req.params.id);
		if (!operation) return notFound(res, `Mobile flash pass request ${req.params.id}`);
		res.sendJson(200, publicView(operation)); // answer first, then move on one step
		return advance(ctx, operation);
	});

	registry.on('cancelMobileFlashPassBulkOperation', (req, res) => {
		const operation = mfp.operations.get(req.params.id);
		if (!operation) return notFound(res, `Mobile flash pass bulk operation ${req.params.id}`);
		if (operation.state === 'COMPLETED' || operation.state === 'FAILED') {
			return res.error(
				400,
				'INVALID_STATE',
				`The bulk operation is already ${operation.state}`,
				req.params.id,
			);
		}
		operation.state = 'CANCELLED';
		for (const row of operation._rows) if (row.status === 'PENDING') row.status = 'CANCELLED';
		return res.sendEmpty(200);
	});

	const downloadLogs = (req, res) => {
		const operation = mfp.operations.get(req.params.id);
		if (!operation) return notFound(res, `Mobile flash pass bulk operation ${req.params.id}`);
		res.setHeader('Content-Disposition', `attachment; filename="mfp-logs-${operation.id}.json"`);
		return res.sendBinary(200, 'application/octet-stream', logsOf(operation));
	};
	registry.on('downloadMFPLogsV2', downloadLogs);
	registry.on('downloadMFPBulkOperationLogs', downloadLogs);

	/** The issued pass of path param `enrollmentId`, or an error answer. */
	const issuedPass = (req, res) => {
		const pass = passFor(ctx, req.params.enrollmentId);
		if (!pass) {
			notFound(res, `Enrollment ${req.params.enrollmentId}`);
			return null;
		}
		if (!pass.issued) {
			res.error(
				404,
				'NOT_FOUND',
				`No mobile flash pass has been issued for enrollment ${req.params.enrollmentId}`,
				'enrollmentId',
			);
			return null;
		}
		return pass;
	};

	registry.on('getFlashPassDownloadURI', (req, res) => {
		const wallet = String(req.params.walletType).toLowerCase();
		if (!WALLETS.includes(wallet))
			return res.error(400, 'VALIDATION', 'path.walletType: must be apple or google', 'walletType');
		const pass = issuedPass(req, res);
		if (!pass) return;
		const uri = `${ctx.baseUrl()}/api/web/v1/mobileFlashPass/downloads/${wallet}/${encodeURIComponent(pass.enrollmentId)}/${pass.claimTokens[wallet]}`;
		return res.sendJson(200, uri);
	});

	const withClaim = (wallet, handler) => (req, res) => {
		const pass = issuedPass(req, res);
		if (!pass) return;
		if (req.params.claimToken !== pass.claimTokens[wallet])
			return res.error(404, 'NOT_FOUND', 'Claim token not found or expired', 'claimToken');
		return handler(pass, res);
	};

	registry.on(
		'downloadAppleMobileFlashPass',
		withClaim('apple', (pass, res) =>
			res.sendBinary(200, 'application/vnd.apple.pkpass', applePassBytes(pass)),
		),
	);

	registry.on(
		'downloadGoogleMobileFlashPass',
		withClaim('google', (pass, res) =>
			res.sendJson(
				200,
				`https://pay.google.com/gp/v/save/${Buffer.from(pass.claimTokens.google).toString('base64url')}`,
			),
		),
	);

	if (ctx.options.seed !== false) {
		SEEDED_PASSES.forEach((seed) =>
			addPass(ctx, { ...seed, enrollmentId: seededEnrollmentId(WORKFLOW_ID, seed.primaryKey) }),
		);
	}
}

/** Not a signed pass: a zip local-file header ("PK\3\4") followed by the pass.json a real .pkpass would hold. */
function applePassBytes(pass) {
	const passJson = JSON.stringify({
		formatVersion: 1,
		passTypeIdentifier: 'pass.com.entrust.iidaas.emulator',
		serialNumber: pass.primaryKey || pass.enrollmentId,
		description: 'Mobile Flash Pass',
		organizationName: 'IIDaaS Emulator',
		generic: { primaryFields: [{ key: 'name', value: pass.holder || '' }] },
	});
	return Buffer.concat([
		Buffer.from([0x50, 0x4b, 0x03, 0x04]),
		Buffer.from('pass.json'),
		Buffer.from(passJson),
	]);
}

module.exports = { register, addPass, seededEnrollmentId, applePassBytes, MAX_BODY_BYTES };
