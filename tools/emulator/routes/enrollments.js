'use strict';
/**
 * EnrollmentOperations tag (v2) and single enrollment print (POST /v2/print/single).
 *
 * Enrollments live per enrollment design. IDs are standard base64 of {workflowId, whereClause} like the vendor's,
 * so they contain "=" and often "+" or "/". Create/update/delete answer 200 with one row per input row in input
 * order; a bad row (unknown field, invalid image, unknown id) gets `status: 'Failure'` and an `error`, the other
 * rows still take effect. Read pages are 1-based page numbers (`offset`), default page size 50.
 * A single print creates a queue job (printJobs.js) visible under GET /v1/prints/{id}.
 */
const { emitEvent } = require('../webhookDelivery');
const printJobs = require('../printJobs');
const { findPrinter } = require('./printers');

const DEFAULT_PAGE_SIZE = 50;
/** The spec: images above 3 MB (or 2100 × 1344 px) are resized by the service, not refused; this bounds the emulator's memory. */
const MAX_IMAGE_BYTES = 16 * 1024 * 1024;
const IMAGE_URI = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]+={0,2})$/;

const DEMO_DESIGNS = [
	{
		name: 'Employee Badge',
		primaryKey: 'Employee ID',
		fields: {
			'First Name': 'text',
			'Last Name': 'text',
			'Employee ID': 'text',
			Department: 'text',
			'Hire Date': 'date',
			Photo: 'image',
		},
		seed: [
			{
				'First Name': 'Ada',
				'Last Name': 'Lovelace',
				'Employee ID': 'E-1001',
				Department: 'Engineering',
				'Hire Date': '03/15/2021',
			},
			{
				'First Name': 'Grace',
				'Last Name': 'Hopper',
				'Employee ID': 'E-1002',
				Department: 'Engineering',
				'Hire Date': '07/01/2019',
			},
			{
				'First Name': 'Alan',
				'Last Name': 'Turing',
				'Employee ID': 'E-1003',
				Department: 'Research',
				'Hire Date': '11/20/2020',
			},
		],
	},
	{
		name: 'Visitor Pass',
		primaryKey: 'Pass Number',
		fields: {
			'Full Name': 'text',
			Company: 'text',
			Host: 'text',
			'Visit Date': 'date',
			'Pass Number': 'text',
			Photo: 'image',
		},
		seed: [],
	},
	{
		name: 'Student ID',
		primaryKey: 'Student Number',
		fields: {
			'First Name': 'text',
			'Last Name': 'text',
			'Student Number': 'text',
			Program: 'text',
			Photo: 'image',
			Signature: 'image',
		},
		seed: [
			{
				'First Name': 'Marie',
				'Last Name': 'Curie',
				'Student Number': 'S-2024-0001',
				Program: 'Physics',
			},
		],
	},
];

function stores(ctx) {
	ctx.state.enrollmentDesigns = ctx.state.enrollmentDesigns || new Map(); // lower-case name -> design
	ctx.state.enrollments = ctx.state.enrollments || new Map(); // id -> enrollment
	return ctx.state;
}

/** Adds a design: { name, primaryKey?, fields: { fieldName: 'text' | 'date' | 'image' } }. */
function addDesign(ctx, { name, primaryKey, fields }) {
	const design = {
		id: ctx.ids.uuid(),
		name,
		primaryKey: primaryKey || null,
		fields: { ...fields },
		seq: 0,
	};
	stores(ctx).enrollmentDesigns.set(name.toLowerCase(), design);
	return design;
}

function findDesign(ctx, name) {
	return stores(ctx).enrollmentDesigns.get(String(name).toLowerCase());
}

/** Stores an enrollment without checks (seeding and tests); `id` may be forced. */
function addEnrollment(ctx, design, values, id) {
	design.seq += 1;
	const key = design.seq;
	const enrollment = {
		id:
			id ||
			Buffer.from(
				JSON.stringify({
					workflowId: design.id,
					whereClause: { QUICKSTARTPRIMARYKEY: String(key) },
				}),
			).toString('base64'),
		designName: design.name,
		key,
		values: { ...values },
	};
	stores(ctx).enrollments.set(enrollment.id, enrollment);
	return enrollment;
}

/** Tells registered webhooks about a change; deliveries run in the background like the real service's. */
function announce(ctx, type, enrollment, design) {
	const data = {
		enrollmentId: enrollment.id,
		enrollmentDesignId: design && design.id,
		enrollmentDesignName: enrollment.designName,
	};
	emitEvent(ctx, type, data).catch(() => {});
}

function findEnrollment(ctx, id) {
	return stores(ctx).enrollments.get(String(id));
}

function imageProblem(value) {
	const match = IMAGE_URI.exec(value);
	if (!match)
		return 'must be an image data URI (data:image/png;base64,... or data:image/jpeg;base64,...)';
	const bytes = Buffer.from(match[2], 'base64');
	if (bytes.length > MAX_IMAGE_BYTES)
		return `is ${bytes.length} bytes; the emulator keeps images up to 16 MB`;
	const png = bytes.length >= 8 && bytes.readUInt32BE(0) === 0x89504e47;
	const jpeg = bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
	if ((match[1] === 'png' && !png) || (match[1] === 'jpeg' && !jpeg))
		return `is not a ${match[1].toUpperCase()} image`;
	return null;
}

/** Checks a row's fields against the design; returns the values or an error message. */
function checkFields(design, fields) {
	const values = {};
	for (const field of fields || []) {
		const name = field && field.name;
		const type = design.fields[name];
		if (!type)
			return { error: `Field "${name}" does not exist in enrollment design "${design.name}"` };
		const value = field.value === undefined || field.value === null ? '' : String(field.value);
		if (type === 'image' && value !== '') {
			const problem = imageProblem(value);
			if (problem) return { error: `Field "${name}" ${problem}` };
		}
		if (type === 'date' && value !== '' && !/^\d{2}\/\d{2}\/\d{4}$/.test(value))
			return { error: `Field "${name}" must be a date as MM/DD/YYYY` };
		values[name] = value;
	}
	if (Object.keys(values).length === 0) return { error: 'The record has no fields' };
	return { values };
}

function toResponse(enrollment, design) {
	const fields = Object.keys(design ? design.fields : enrollment.values)
		.filter((name) => enrollment.values[name] !== undefined)
		.map((name) => ({ name, value: enrollment.values[name] }));
	return { id: enrollment.id, fields };
}

function matchesFilters(enrollment, filters) {
	return filters.every(({ name, value }) => {
		const actual = enrollment.values[name];
		if (actual === undefined) return false;
		const words = String(value || '').trim();
		if (words === '') return actual === '';
		// Case-insensitive, whole words, as the spec describes.
		const escaped = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		return new RegExp(`(^|\\W)${escaped}($|\\W)`, 'i').test(actual);
	});
}

function register(registry, ctx) {
	stores(ctx);
	const designNotFound = (res, name) =>
		res.error(404, 'NOT_FOUND', `Enrollment design "${name}" not found`, name);

	registry.on('readEnrollmentsDesignNames', (req, res) => {
		res.sendJson(
			200,
			[...stores(ctx).enrollmentDesigns.values()].map((design) => ({
				id: design.id,
				name: design.name,
			})),
		);
	});

	registry.on('createEnrollmentsV2', (req, res) => {
		const design = findDesign(ctx, req.params.enrollmentDesignName);
		if (!design) return designNotFound(res, req.params.enrollmentDesignName);
		const rows = req.body.map((row) => {
			const checked = checkFields(design, row.fields);
			if (checked.error) return { status: 'Failure', error: checked.error };
			const key = design.primaryKey && checked.values[design.primaryKey];
			if (
				key &&
				[...stores(ctx).enrollments.values()].some(
					(e) => e.designName === design.name && e.values[design.primaryKey] === key,
				)
			) {
				return {
					status: 'Failure',
					error: `A record with ${design.primaryKey} "${key}" already exists`,
				};
			}
			const enrollment = addEnrollment(ctx, design, checked.values);
			announce(ctx, 'credential.create', enrollment, design);
			return { id: enrollment.id, status: 'Success' };
		});
		return res.sendJson(200, rows);
	});

	registry.on('readEnrollmentV2', (req, res) => {
		const enrollment = findEnrollment(ctx, req.params.id);
		if (!enrollment) return res.error(404, 'NOT_FOUND', 'The record does not exist', req.params.id);
		return res.sendJson(200, toResponse(enrollment, findDesign(ctx, enrollment.designName)));
	});

	registry.on('readEnrollmentsV2', (req, res) => {
		const design = findDesign(ctx, req.params.enrollmentDesignName);
		if (!design) return designNotFound(res, req.params.enrollmentDesignName);
		const page = req.query.offset === undefined ? 1 : req.query.offset;
		const size = req.query.limit === undefined ? DEFAULT_PAGE_SIZE : req.query.limit;
		if (page < 1)
			return res.error(400, 'VALIDATION', 'query.offset: the page number starts at 1', 'offset');
		if (size < 1) return res.error(400, 'VALIDATION', 'query.limit: must be at least 1', 'limit');
		const filters = Array.isArray(req.body) ? req.body : [];
		for (const [index, filter] of filters.entries()) {
			if (!design.fields[filter.name])
				return res.error(
					400,
					'VALIDATION',
					`body[${index}].name: field "${filter.name}" does not exist in "${design.name}"`,
					'name',
				);
			if (design.fields[filter.name] === 'date')
				return res.error(
					400,
					'VALIDATION',
					`body[${index}].name: date fields cannot be searched`,
					'name',
				);
		}
		const matching = [...stores(ctx).enrollments.values()]
			.filter(
				(enrollment) =>
					enrollment.designName === design.name && matchesFilters(enrollment, filters),
			)
			.sort((a, b) => a.key - b.key);
		return res.sendJson(
			200,
			matching
				.slice((page - 1) * size, page * size)
				.map((enrollment) => toResponse(enrollment, design)),
		);
	});

	registry.on('updateEnrollmentsV2', (req, res) => {
		const rows = req.body.map((row) => {
			const enrollment = row.id === undefined ? undefined : findEnrollment(ctx, row.id);
			if (!enrollment) return { id: row.id, status: 'Failure', error: 'The record does not exist' };
			const checked = checkFields(findDesign(ctx, enrollment.designName), row.fields);
			if (checked.error) return { id: row.id, status: 'Failure', error: checked.error };
			Object.assign(enrollment.values, checked.values);
			announce(ctx, 'credential.update', enrollment, findDesign(ctx, enrollment.designName));
			return { id: enrollment.id, status: 'Success' };
		});
		return res.sendJson(200, rows);
	});

	registry.on('deleteEnrollmentsV2', (req, res) => {
		const rows = req.body.ids.map((id) => {
			const enrollment = findEnrollment(ctx, id);
			if (!enrollment) return { id, status: 'Failure', error: 'The record does not exist' };
			stores(ctx).enrollments.delete(String(id));
			announce(ctx, 'credential.delete', enrollment, findDesign(ctx, enrollment.designName));
			return { id, status: 'Success' };
		});
		return res.sendJson(200, rows);
	});

	registry.on('singleEnrollmentPrintV2', (req, res) => {
		const body = req.body;
		let enrollment;
		if (body.enrollmentId !== undefined) enrollment = findEnrollment(ctx, body.enrollmentId);
		else if (body.enrollmentDesignName !== undefined && body.primaryKey !== undefined) {
			const design = findDesign(ctx, body.enrollmentDesignName);
			if (!design) return designNotFound(res, body.enrollmentDesignName);
			enrollment = [...stores(ctx).enrollments.values()].find(
				(e) =>
					e.designName === design.name &&
					(design.primaryKey
						? e.values[design.primaryKey] === body.primaryKey
						: String(e.key) === body.primaryKey),
			);
		} else {
			return res.error(
				400,
				'VALIDATION',
				'body: give enrollmentId, or enrollmentDesignName with primaryKey',
				'body',
			);
		}
		if (!enrollment)
			return res.error(404, 'NOT_FOUND', 'The enrollment does not exist', 'enrollmentId');
		let printer;
		if (body.printerId !== undefined) printer = findPrinter(ctx, body.printerId);
		else if (body.deviceId !== undefined)
			printer = [...ctx.state.printers.values()].find(
				(p) => p.deviceId === String(body.deviceId).toUpperCase(),
			);
		else return res.error(400, 'VALIDATION', 'body: give printerId or deviceId', 'body');
		if (!printer)
			return res.error(404, 'NOT_FOUND', 'Printer not found', body.printerId || body.deviceId);
		if (body.hopper < 0 || body.hopper > 6)
			return res.error(400, 'VALIDATION', 'body.hopper: must be 0 (exception slot) to 6', 'hopper');
		if (body.exceptionSlotMessage !== undefined && body.exceptionSlotMessage.length > 45) {
			return res.error(
				400,
				'VALIDATION',
				'body.exceptionSlotMessage: at most 45 characters',
				'exceptionSlotMessage',
			);
		}
		const design = findDesign(ctx, enrollment.designName);
		const identifierField = (design && design.primaryKey) || 'Record';
		const job = printJobs.createPrintJob(ctx, printer, {
			name: `${enrollment.designName} ${enrollment.values[identifierField] || enrollment.key}`,
			source: 'ENROLLMENT',
			identifierField,
			identifierValue: String(enrollment.values[identifierField] || enrollment.key),
		});
		return res.sendJson(200, { printJobId: job.id });
	});

	if (ctx.options.seed !== false) {
		for (const demo of DEMO_DESIGNS) {
			const design = addDesign(ctx, demo);
			for (const values of demo.seed) addEnrollment(ctx, design, values);
		}
	}
}

module.exports = {
	register,
	addDesign,
	findDesign,
	addEnrollment,
	findEnrollment,
	DEMO_DESIGNS,
	DEFAULT_PAGE_SIZE,
};
