'use strict';
/**
 * PrintQueue tag (the print jobs seen as a queue) plus POST /v1/print/resume (PrintAPI tag, pre-print hold release).
 * Cursor paging: the cursor carries offset, limit, filters and order, so later pages ignore body filters
 * (as the spec says for SearchParms.cursor). `paging.nextCursor` is absent on the last page.
 */
const { compare, OPERATORS } = require('../search');
const printJobs = require('../printJobs');
const { findPrinter } = require('./printers');
const { findJob } = require('./basicPrint');

const DEFAULT_PAGE_LIMIT = 10;

/** Search/order attribute names → PrintJobRecord fields ("Created On", "createdOn", "created_on" all work). */
const FIELD_ALIASES = {
	created: 'createdOn',
	updated: 'updatedOn',
	printer: 'printerName',
	state: 'queueState',
};
const RECORD_FIELDS = [
	'id',
	'jobId',
	'name',
	'printerId',
	'printerName',
	'creatorId',
	'creatorName',
	'creatorType',
	'createdOn',
	'updatedOn',
	'status',
	'statusDetails',
	'queueState',
	'queueStateDetails',
	'bulkOperationName',
	'identifierField',
	'identifierValue',
];

function normalize(name) {
	return String(name)
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

function resolveField(name) {
	const key = normalize(name);
	return RECORD_FIELDS.find((f) => normalize(f) === key) || FIELD_ALIASES[key] || null;
}

function encodeCursor(query) {
	return Buffer.from(JSON.stringify(query)).toString('base64url');
}

function decodeCursor(cursor) {
	try {
		const query = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		return Number.isInteger(query.offset) && query.offset >= 0 && Array.isArray(query.search)
			? query
			: null;
	} catch {
		return null;
	}
}

/** Checks filters/order up front so a bad attribute fails on page one, not later. Returns an error message or null. */
function queryProblem(query) {
	for (const [i, attr] of query.search.entries()) {
		if (!resolveField(attr.name))
			return `body.searchByAttributes[${i}].name: unknown attribute "${attr.name}"`;
		const operator = attr.operator || 'EQUALS';
		if (!['EXISTS', 'NOT_EXISTS'].includes(operator) && attr.value === undefined) {
			return `body.searchByAttributes[${i}].value: is required for ${operator}`;
		}
	}
	if (query.order && !resolveField(query.order.name))
		return `body.orderByAttribute.name: unknown attribute "${query.order.name}"`;
	return null;
}

function selectRecords(ctx, query) {
	let records = [...ctx.state.printJobs.values()].map((job) =>
		printJobs.toPrintJobRecord(ctx, job),
	);
	for (const attr of query.search) {
		const field = resolveField(attr.name);
		const test = OPERATORS[attr.operator || 'EQUALS'];
		records = records.filter((r) => test(r[field], String(attr.value ?? '')));
	}
	// Default: newest first; ties broken by the integer id so paging is stable.
	const field = query.order ? resolveField(query.order.name) : 'createdOn';
	const direction = query.order && query.order.ascending !== false ? 1 : -1;
	return records.sort((a, b) => direction * (compare(a[field], b[field]) || a.id - b.id));
}

function paginate(ctx, body, res) {
	body = body || {};
	let query;
	if (body.cursor) {
		query = decodeCursor(body.cursor);
		if (!query) return res.error(400, 'VALIDATION', 'body.cursor: invalid cursor', 'body.cursor');
	} else {
		query = {
			offset: 0,
			search: body.searchByAttributes || [],
			order: body.orderByAttribute || null,
		};
		const problem = queryProblem(query);
		if (problem) return res.error(400, 'VALIDATION', problem, problem.split(':')[0]);
	}
	const limit = body.limit || query.limit || DEFAULT_PAGE_LIMIT;
	const records = selectRecords(ctx, query);
	const paging = { limit };
	if (query.offset + limit < records.length)
		paging.nextCursor = encodeCursor({ ...query, offset: query.offset + limit, limit });
	if (query.offset > 0)
		paging.prevCursor = encodeCursor({
			...query,
			offset: Math.max(0, query.offset - limit),
			limit,
		});
	return res.sendJson(200, {
		paging,
		printJobs: records.slice(query.offset, query.offset + limit),
	});
}

function register(registry, ctx) {
	const notFound = (res, id) => res.notFound('Print job', id);

	registry.on('getPrintJobs', (req, res) => {
		res.sendJson(
			200,
			[...ctx.state.printJobs.values()].map((job) => printJobs.toPrintJob(ctx, job)),
		);
	});

	registry.on('getPrintJob', (req, res) => {
		const job = findJob(ctx, req.params.printJobId);
		if (!job) return notFound(res, req.params.printJobId);
		res.sendJson(200, printJobs.toPrintJob(ctx, job)); // answer first, then move on one step
		return printJobs.advance(ctx, job);
	});

	registry.on('deletePrintJob', (req, res) => {
		const job = findJob(ctx, req.params.printJobId);
		if (!job) return notFound(res, req.params.printJobId);
		printJobs.cancel(ctx, job, 'Deleted from the print queue');
		ctx.state.printJobs.delete(job.id);
		return res.sendEmpty(200);
	});

	registry.on('cancelAllActivePrintJobs', (req, res) => {
		const printer = findPrinter(ctx, req.params.printerId);
		if (!printer) return res.notFound('Printer', req.params.printerId);
		for (const job of ctx.state.printJobs.values()) {
			if (job.printerId === printer.id)
				printJobs.cancel(ctx, job, 'Cancelled with all active jobs of the printer');
		}
		printer.status = 'IDLE';
		return res.sendEmpty(200);
	});

	registry.on('getPaginatedPrintJobsV2', (req, res) => paginate(ctx, req.body, res));
	registry.on('getPaginatedPrintJobs', (req, res) => paginate(ctx, req.body, res));

	registry.on('resumePrintJob', (req, res) => {
		const job = findJob(ctx, req.body.printJobId);
		if (!job) return notFound(res, req.body.printJobId);
		if (job.status !== 'AWAITING_PRINT') {
			return res.error(
				400,
				'INVALID_STATE',
				`Print job ${job.id} is ${job.status}, not awaiting print`,
				job.id,
			);
		}
		printJobs.setStatus(ctx, job, 'QUEUED', 'Resumed after the pre-print operation');
		return res.sendJson(200, { printJobId: job.id });
	});
}

module.exports = { register, encodeCursor, decodeCursor, DEFAULT_PAGE_LIMIT };
