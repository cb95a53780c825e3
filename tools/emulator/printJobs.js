'use strict';
/**
 * Print job model shared by BasicPrint (direct print), PrintQueue and, later, enrollment/bulk printing.
 *
 * Status advances one step per poll (GET /v1/printers/print/{id} or GET /v1/prints/{id}); a poll answers the
 * current status and then advances, so callers observe every state:
 *   QUEUED → IN_PROGRESS → COMPLETED | FAILED
 *   QUEUED → IN_PROGRESS → WAITING_SMARTCARD (until PATCH with a DISCONNECT or no commands) → IN_PROGRESS → COMPLETED
 *   AWAITING_PRINT (pre-print hold) → POST /v1/print/resume → QUEUED → ...
 *   any non-terminal → CANCELLED (cancel / delete / cancelAllActivePrints)
 */

const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/** BasicPrint status → print-queue state. */
const QUEUE_STATE = {
	QUEUED: 'QUEUED',
	IN_PROGRESS: 'STARTED',
	WAITING_SMARTCARD: 'STARTED',
	AWAITING_PRINT: 'AWAITING_PRINT',
	COMPLETED: 'COMPLETED',
	FAILED: 'FAILED',
	CANCELLED: 'CANCELLED',
	UNKNOWN: 'UNKNOWN',
};

const CONNECT_ATR = '3B8F8001804F0CA0000003060300030000000068';

function isTerminal(status) {
	return TERMINAL.has(status);
}

/**
 * Creates a job on a printer. opts: { name?, source?, copies?, smartcardCommands?, creator?: {id, name, type},
 * bulkOperationName?, identifierField?, identifierValue? }.
 */
function createPrintJob(ctx, printer, opts = {}) {
	const { state, ids, events } = ctx;
	const now = ctx.now();
	const failure = failureFor(state, printer);
	const commands = opts.smartcardCommands || [];
	const job = {
		id: ids.uuid(),
		seq: ids.seq('printJob'),
		name: opts.name || `Print job ${state.printJobs.size + 1}`,
		source: opts.source || 'BASIC_PRINT',
		printerId: printer.id,
		printerName: printer.name,
		creatorId: (opts.creator && opts.creator.id) || ctx.options.applicationId,
		creatorName: (opts.creator && opts.creator.name) || 'n8n Issuance API',
		creatorType: (opts.creator && opts.creator.type) || 'API',
		createdOn: now,
		updatedOn: now,
		status: state.settings.prePrintHold ? 'AWAITING_PRINT' : 'QUEUED',
		statusDetails: state.settings.prePrintHold
			? 'Waiting for the pre-print operation to resume the job'
			: 'Queued',
		copies: opts.copies || 1,
		outcome: failure ? 'FAILED' : 'COMPLETED',
		failureDetails: failure,
		smartcard: {
			requested: commands.length > 0,
			done: false,
			commands: [...commands],
			responses: [],
		},
		bulkOperationName: opts.bulkOperationName,
		identifierField: opts.identifierField,
		identifierValue: opts.identifierValue,
	};
	state.printJobs.set(job.id, job);
	events.emit('printJob:created', job);
	return job;
}

function failureFor(state, printer) {
	if (/jammed/i.test(printer.name || '')) return 'Card jam: clear the card path and retry';
	if (state.settings.printOutcome === 'FAILED')
		return 'The printer reported an error while printing';
	return null;
}

function setStatus(ctx, job, status, details) {
	const previous = job.status;
	job.status = status;
	job.statusDetails = details;
	job.updatedOn = ctx.now();
	if (status === 'COMPLETED') countPrintedCards(ctx, job);
	ctx.events.emit('printJob:status', job, previous);
	return job;
}

function countPrintedCards(ctx, job) {
	const printer = ctx.state.printers.get(job.printerId);
	if (!printer) return;
	printer.cardsPrinted = (printer.cardsPrinted || 0) + job.copies;
	if (typeof printer.cardsRemaining === 'number')
		printer.cardsRemaining = Math.max(0, printer.cardsRemaining - job.copies);
}

/** One step of progress; called after a poll has answered the current state. */
function advance(ctx, job) {
	switch (job.status) {
		case 'QUEUED':
			return setStatus(ctx, job, 'IN_PROGRESS', 'Printing');
		case 'IN_PROGRESS':
			if (job.smartcard.requested && !job.smartcard.done) {
				job.smartcard.responses.push(...job.smartcard.commands.map(runSmartcardCommand));
				return setStatus(
					ctx,
					job,
					'WAITING_SMARTCARD',
					'Card is in the encoder, waiting for smart card commands',
				);
			}
			return job.outcome === 'FAILED'
				? setStatus(ctx, job, 'FAILED', job.failureDetails)
				: setStatus(ctx, job, 'COMPLETED', 'Card printed successfully');
		default:
			return job; // terminal, or waiting for an outside action (resume / smart card commands)
	}
}

/** Emulated chip answers: ATR for CONNECT, 9000 (success) for APDUs, nothing for DISCONNECT/RESET. */
function runSmartcardCommand(command) {
	const text = String(command.command || '').toUpperCase();
	if (text === 'CONNECT') return { response: CONNECT_ATR };
	if (text === 'DISCONNECT' || text === 'RESET') return { response: '' };
	return { response: '9000' };
}

/** PATCH updatePrint: run more commands; a DISCONNECT (or an empty list) releases the card. */
function applySmartcardUpdate(ctx, job, commands) {
	job.smartcard.responses.push(...commands.map(runSmartcardCommand));
	const release =
		commands.length === 0 || commands.some((c) => String(c.command).toUpperCase() === 'DISCONNECT');
	if (release) {
		job.smartcard.done = true;
		setStatus(ctx, job, 'IN_PROGRESS', 'Smart card encoded, printing');
	} else job.updatedOn = ctx.now();
}

function cancel(ctx, job, details = 'Cancelled by request') {
	if (!isTerminal(job.status)) setStatus(ctx, job, 'CANCELLED', details);
	return job;
}

function printerNameOf(ctx, job) {
	const printer = ctx.state.printers.get(job.printerId);
	return printer ? printer.name : job.printerName;
}

/** BasicPrintResponse view. */
function toBasicPrintResponse(job) {
	return {
		createdOn: job.createdOn,
		updatedOn: job.updatedOn,
		status: job.status,
		statusDetails: job.statusDetails,
		data: {
			copiesRemaining: job.status === 'COMPLETED' ? 0 : job.copies,
			smartcardResponses: job.smartcard.responses,
		},
	};
}

/** PrintJob view (GET /v1/prints, /v1/prints/{id}). */
function toPrintJob(ctx, job) {
	return {
		id: job.id,
		name: job.name,
		printerId: job.printerId,
		printerName: printerNameOf(ctx, job),
		creatorId: job.creatorId,
		creatorName: job.creatorName,
		creatorType: job.creatorType,
		createdOn: job.createdOn,
		updatedOn: job.updatedOn,
		status: job.status,
		statusDetails: job.statusDetails,
		queueState: QUEUE_STATE[job.status] || 'UNKNOWN',
		queueStateDetails: job.statusDetails,
	};
}

/** PrintJobRecord view (paginated queue): integer `id`, string `jobId`. */
function toPrintJobRecord(ctx, job) {
	const { id, ...rest } = toPrintJob(ctx, job);
	const record = { id: job.seq, jobId: id, ...rest };
	for (const key of ['bulkOperationName', 'identifierField', 'identifierValue'])
		if (job[key] !== undefined) record[key] = job[key];
	return record;
}

module.exports = {
	QUEUE_STATE,
	isTerminal,
	createPrintJob,
	setStatus,
	advance,
	applySmartcardUpdate,
	cancel,
	toBasicPrintResponse,
	toPrintJob,
	toPrintJobRecord,
};
