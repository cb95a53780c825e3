'use strict';
/** BasicPrint tag: direct print to a printer, status polling, cancel, smart-card update, print counts. */
const printJobs = require('../printJobs');
const { findPrinter } = require('./printers');

const MAX_EXCEPTION_SLOT_MESSAGE = 45;
const DATA_URI = /^data:image\/(?:png|jpe?g);base64,/i;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Why an image layer's `data` is unusable, or null. Accepts plain base64, base64url and data:image/...;base64, URIs. */
function imageProblem(data) {
	const payload = data.replace(DATA_URI, '');
	if (data.startsWith('data:') && payload === data)
		return 'data URI must be data:image/png|jpeg;base64,...';
	if (!BASE64.test(payload))
		return 'must be a base64 image (plain, base64url or a data:image/...;base64, URI)';
	const bytes = Buffer.from(payload.slice(0, 16), 'base64');
	const png = bytes[0] === 0x89 && bytes.toString('latin1', 1, 4) === 'PNG';
	const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
	return png || jpeg ? null : 'is not a PNG or JPEG image';
}

/** Semantic checks the schema can't express. Returns { target, message } or null. */
function printRequestProblem(body) {
	const print = body.print || {};
	for (const side of ['front', 'back']) {
		const seen = new Set();
		for (const [i, layer] of (print[side] || []).entries()) {
			const target = `body.print.${side}[${i}]`;
			const name = layer.layer || 'COLOR';
			if (seen.has(name))
				return {
					target: `${target}.layer`,
					message: `${target}.layer: only one ${name} layer per side`,
				};
			seen.add(name);
			const problem = imageProblem(layer.data);
			if (problem) return { target: `${target}.data`, message: `${target}.data: ${problem}` };
		}
	}
	const magstripe = body.magstripe || {};
	for (const side of ['front', 'back']) {
		for (const track of ['track1', 'track2', 'track3']) {
			const value = (magstripe[side] || {})[track];
			if (value !== undefined && !/^(?:[0-9a-fA-F]{2})+$/.test(value)) {
				const target = `body.magstripe.${side}.${track}`;
				return {
					target,
					message: `${target}: must be hex-encoded ASCII (even number of hex digits)`,
				};
			}
		}
	}
	if (body.hopper !== undefined && (body.hopper < 0 || body.hopper > 6)) {
		return { target: 'body.hopper', message: 'body.hopper: must be 0 (exception slot) to 6' };
	}
	if (
		body.exceptionSlotMessage !== undefined &&
		body.exceptionSlotMessage.length > MAX_EXCEPTION_SLOT_MESSAGE
	) {
		return {
			target: 'body.exceptionSlotMessage',
			message: `body.exceptionSlotMessage: at most ${MAX_EXCEPTION_SLOT_MESSAGE} characters`,
		};
	}
	const images = (print.front || []).length + (print.back || []).length;
	const tracks = ['front', 'back'].some(
		(s) => magstripe[s] && (magstripe[s].track1 || magstripe[s].track2 || magstripe[s].track3),
	);
	const commands = ((body.smartcard || {}).commands || []).length;
	if (!images && !tracks && !commands) {
		return {
			target: 'body',
			message:
				'body: nothing to do: give print.front/back images, magstripe tracks or smartcard commands',
		};
	}
	return null;
}

function findJob(ctx, id) {
	return ctx.state.printJobs.get(String(id).toLowerCase());
}

function statusLink(ctx, job) {
	return {
		printStatus: { id: job.id, link: `${ctx.baseUrl()}/api/web/v1/printers/print/${job.id}` },
	};
}

/** Completed cards per printer and day, plus totals per status. */
function printCounts(ctx) {
	const jobs = [...ctx.state.printJobs.values()];
	const counts = [{ name: 'TOTAL', count: jobs.length }];
	for (const status of ['COMPLETED', 'FAILED', 'CANCELLED'])
		counts.push({ name: status, count: jobs.filter((j) => j.status === status).length });
	counts.push({
		name: 'ACTIVE',
		count: jobs.filter((j) => !printJobs.isTerminal(j.status)).length,
	});
	const perDay = new Map();
	for (const job of jobs.filter((j) => j.status === 'COMPLETED')) {
		const printer = ctx.state.printers.get(job.printerId);
		const key = `${printer ? printer.name : job.printerName} ${job.updatedOn.slice(0, 10)}`;
		perDay.set(key, (perDay.get(key) || 0) + job.copies);
	}
	for (const [name, count] of perDay) counts.push({ name, count });
	return { counts };
}

/** What a test needs to check about a print request, without keeping multi-MB images in memory. */
function summarisePrintRequest(body) {
	const layers = [];
	for (const side of ['front', 'back']) {
		for (const layer of (body.print || {})[side] || []) {
			const data = String(layer.data || '');
			layers.push({
				side,
				layer: layer.layer,
				encoding: data.startsWith('data:') ? 'dataUri' : 'base64',
				chars: data.length,
			});
		}
	}
	return {
		layers,
		magstripe: body.magstripe,
		hopper: body.hopper,
		printerPreferences: body.printerPreferences,
	};
}

function register(registry, ctx) {
	registry.on('print', (req, res) => {
		const printer = findPrinter(ctx, req.params.printerId);
		if (!printer) return res.notFound('Printer', req.params.printerId);
		const problem = printRequestProblem(req.body);
		if (problem) return res.error(400, 'VALIDATION', problem.message, problem.target);
		const job = printJobs.createPrintJob(ctx, printer, {
			name: `Direct print #${ctx.state.printJobs.size + 1}`,
			copies: (req.body.printerPreferences || {}).copies || 1,
			smartcardCommands: (req.body.smartcard || {}).commands,
			creator: req.application
				? { id: req.application.id, name: req.application.name, type: 'API' }
				: undefined,
		});
		job.received = summarisePrintRequest(req.body);
		return res.sendJson(200, statusLink(ctx, job));
	});

	registry.on('getPrintStatus', (req, res) => {
		const job = findJob(ctx, req.params.printStatusId);
		if (!job) return res.notFound('Print', req.params.printStatusId);
		res.sendJson(200, printJobs.toBasicPrintResponse(job)); // answer first, then move on one step
		printJobs.advance(ctx, job);
	});

	registry.on('cancelPrint', (req, res) => {
		const job = findJob(ctx, req.params.printStatusId);
		if (!job) return res.notFound('Print', req.params.printStatusId);
		if (job.status === 'COMPLETED' || job.status === 'FAILED') {
			return res.error(
				400,
				'INVALID_STATE',
				`Print ${job.id} is already ${job.status} and cannot be cancelled`,
				job.id,
			);
		}
		printJobs.cancel(ctx, job); // cancelling a cancelled job again is a no-op
		return res.sendEmpty(204);
	});

	registry.on('updatePrint', (req, res) => {
		const job = findJob(ctx, req.params.printStatusId);
		if (!job) return res.notFound('Print', req.params.printStatusId);
		if (job.status !== 'WAITING_SMARTCARD') {
			return res.error(
				400,
				'INVALID_STATE',
				`Print ${job.id} is ${job.status}, not waiting for smart card commands`,
				job.id,
			);
		}
		printJobs.applySmartcardUpdate(ctx, job, (req.body.smartcard || {}).commands || []);
		return res.sendJson(202, statusLink(ctx, job));
	});

	registry.on('getPrintCounts', (req, res) => res.sendJson(200, printCounts(ctx)));
}

module.exports = { register, imageProblem, printRequestProblem, findJob };
