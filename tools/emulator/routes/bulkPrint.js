'use strict';
/**
 * Bulk print of enrollments (PrintAPI tag): POST /v2/print, GET /v1/print[/{id}], cancel, logs.
 *
 * A bulk operation advances one step per poll of GET /v1/print/{id} (the poll answers, then advances):
 *   SCHEDULED → PROCESSING (first half of the rows) → COMPLETED (rest), or FAILED when every row failed.
 * Each row whose enrollment exists becomes a print queue job (printJobs.js) named after the operation; a row with an
 * unknown enrollment ID fails. `rowsProcessed` counts rows printed successfully, `rowsFailed` the failed ones, as the
 * spec's field descriptions say. Bodies over 200 KB get 413 (the spec only says they "must not exceed 200 KB").
 */
const printJobs = require('../printJobs');
const { findEnrollment } = require('./enrollments');

const MAX_BODY_BYTES = 200 * 1024;
const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

function store(ctx) {
	ctx.state.bulkPrints = ctx.state.bulkPrints || new Map(); // id -> bulk operation
	return ctx.state.bulkPrints;
}

function toDetails(operation) {
	const details = {
		id: operation.id,
		name: operation.name,
		type: 'PRINT_ENROLLMENTS',
		state: operation.state,
		initTime: operation.initTime,
		rowsProcessed: operation.rows.filter((row) => row.status === 'SUCCESS').length,
		rowsFailed: operation.rows.filter((row) => row.status === 'FAILED').length,
	};
	if (operation.processingStartTime) details.processingStartTime = operation.processingStartTime;
	if (operation.processingEndTime) {
		details.processingEndTime = operation.processingEndTime;
		details.processingTime =
			Date.parse(operation.processingEndTime) -
			Date.parse(operation.processingStartTime || operation.initTime);
	}
	const firstFailed = operation.rows.findIndex((row) => row.status === 'FAILED');
	if (firstFailed >= 0) {
		details.firstFailedRow = firstFailed + 1;
		details.errorMessage = operation.rows[firstFailed].message;
	}
	return details;
}

function processRows(ctx, operation, count) {
	const pending = operation.rows.filter((row) => row.status === 'PENDING').slice(0, count);
	for (const row of pending) {
		const enrollment = findEnrollment(ctx, row.enrollmentId);
		if (!enrollment) {
			row.status = 'FAILED';
			row.message = 'Enrollment not found';
			continue;
		}
		const printer = [...ctx.state.printers.values()].find(
			(p) => p.name.toLowerCase() === operation.printer.name.toLowerCase(),
		);
		if (!printer) {
			row.status = 'FAILED';
			row.message = `Printer "${operation.printer.name}" not found`;
			continue;
		}
		const job = printJobs.createPrintJob(ctx, printer, {
			name: `${operation.name} row ${row.number}`,
			source: 'BULK_PRINT',
			bulkOperationName: operation.name,
			identifierField: 'Enrollment ID',
			identifierValue: row.enrollmentId,
		});
		operation.jobIds.push(job.id);
		row.status = 'SUCCESS';
		row.message = `Print job ${job.id} queued`;
	}
}

/** One step of progress, after a poll has answered the current state. */
function advance(ctx, operation) {
	if (operation.state === 'SCHEDULED') {
		operation.state = 'PROCESSING';
		operation.processingStartTime = ctx.now();
		processRows(ctx, operation, Math.ceil(operation.rows.length / 2));
	} else if (operation.state === 'PROCESSING') {
		processRows(ctx, operation, operation.rows.length);
		operation.state = operation.rows.every((row) => row.status === 'FAILED')
			? 'FAILED'
			: 'COMPLETED';
		operation.processingEndTime = ctx.now();
	}
}

function csvCell(value) {
	const text = String(value === undefined ? '' : value);
	return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function logsOf(operation) {
	const lines = [['Row', 'Enrollment ID', 'Status', 'Message'].join(',')];
	for (const row of operation.rows)
		lines.push([row.number, row.enrollmentId, row.status, row.message].map(csvCell).join(','));
	return `${lines.join('\n')}\n`;
}

function register(registry, ctx) {
	store(ctx);
	const notFound = (res, id) => res.notFound('Bulk print operation', id);
	const find = (id) => store(ctx).get(String(id).toLowerCase());

	registry.on('printEnrollmentsBulkOperationV2', (req, res) => {
		const bytes =
			Number(req.headers['content-length']) || Buffer.byteLength(JSON.stringify(req.body));
		if (bytes > MAX_BODY_BYTES) {
			return res.error(
				413,
				'PAYLOAD_TOO_LARGE',
				`Request body payload must not exceed 200 KB (got ${bytes} bytes)`,
				'body',
			);
		}
		const { ids, printer } = req.body;
		if (ids.length === 0)
			return res.error(400, 'VALIDATION', 'body.ids: give at least one enrollment ID', 'ids');
		if (typeof printer.name !== 'string' || printer.name.trim() === '')
			return res.error(400, 'VALIDATION', 'body.printer.name: is required', 'printer.name');
		if (
			![...ctx.state.printers.values()].some(
				(p) => p.name.toLowerCase() === printer.name.toLowerCase(),
			)
		) {
			return res.error(404, 'NOT_FOUND', `Printer "${printer.name}" not found`, 'printer.name');
		}
		if (printer.hopper !== undefined && (printer.hopper < 0 || printer.hopper > 6))
			return res.error(400, 'VALIDATION', 'body.printer.hopper: must be 0 to 6', 'printer.hopper');
		const id = ctx.ids.uuid();
		const operation = {
			id,
			name: `Bulk print ${ctx.ids.seq('bulkPrint')}`,
			state: 'SCHEDULED',
			initTime: ctx.now(),
			printer: { ...printer },
			rows: ids.map((enrollmentId, index) => ({
				number: index + 1,
				enrollmentId,
				status: 'PENDING',
				message: '',
			})),
			jobIds: [],
		};
		store(ctx).set(id, operation);
		return res.sendJson(200, toDetails(operation));
	});

	registry.on('getPrintRequestDetails', (req, res) => {
		const operation = find(req.params.id);
		if (!operation) return notFound(res, req.params.id);
		res.sendJson(200, toDetails(operation));
		return advance(ctx, operation);
	});

	registry.on('getPrintEnrollmentsBulkOperationDetails', (req, res) => {
		res.sendJson(200, [...store(ctx).values()].map(toDetails));
	});

	registry.on('cancelPrintEnrollmentsBulkOperation', (req, res) => {
		const operation = find(req.params.id);
		if (!operation) return notFound(res, req.params.id);
		if (operation.state === 'CANCELLED') return res.sendEmpty(200);
		if (FINAL.has(operation.state))
			return res.error(
				400,
				'INVALID_STATE',
				`Bulk print operation ${operation.id} is already ${operation.state}`,
				operation.id,
			);
		operation.state = 'CANCELLED';
		operation.processingEndTime = ctx.now();
		for (const row of operation.rows) if (row.status === 'PENDING') row.message = 'Cancelled';
		for (const jobId of operation.jobIds) {
			const job = ctx.state.printJobs.get(jobId);
			if (job) printJobs.cancel(ctx, job, 'Bulk print operation cancelled');
		}
		return res.sendEmpty(200);
	});

	registry.on('downloadPrintEnrollmentsLogsV2', (req, res) => {
		const operation = find(req.params.id);
		if (!operation) return notFound(res, req.params.id);
		res.setHeader('Content-Disposition', `attachment; filename="bulk-print-${operation.id}.csv"`);
		return res.sendBinary(200, 'application/octet-stream', Buffer.from(logsOf(operation)));
	});
}

module.exports = { register, MAX_BODY_BYTES };
