'use strict';
/**
 * Puts a realistic print history into an emulator through its public API (as a client would): a magstripe-only
 * direct print per printer, polled until it ends. Printers named "Jammed..." fail their jobs in the emulator,
 * so the history has COMPLETED and FAILED jobs. Clears the emulator's request log afterwards, so tests count
 * only their own requests.
 */
const API = '/api/web';
/** ";1234567890?" as hex-encoded ASCII: a track-2 test string. */
const TRACK2 = Buffer.from(';1234567890?', 'ascii').toString('hex').toUpperCase();

async function call(emu, token, method, path, body) {
	const res = await fetch(`${emu.url}${API}${path}`, {
		method,
		headers: {
			...(token ? { authorization: token } : {}),
			...(body ? { 'content-type': 'application/json' } : {}),
		},
		body: body ? JSON.stringify(body) : undefined,
	});
	const text = await res.text();
	if (!res.ok)
		throw new Error(`seed: ${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
	return text ? JSON.parse(text) : null;
}

/**
 * jobsPerPrinter: jobs each printer prints (COMPLETED, or FAILED on the "Jammed" printer).
 * heldJobsPerPrinter: then gives each printer that many jobs held for pre-print approval (AWAITING_PRINT: pre-print
 * hold is turned on for them and off again, so they stay held and later jobs print).
 * queuedBadgePrints: then sends these enrollment prints (`{ design, primaryKey, count }`) to the first printer and
 * leaves them QUEUED (nobody polls them), e.g. badges still waiting for a leaver. Resolves { printers, jobs: [{id, printerId, printerName, status}] }.
 * @param {any} emu
 * @param {{ jobsPerPrinter?: number, heldJobsPerPrinter?: number, queuedBadgePrints?: Array<{ design: string, primaryKey: string, count?: number }> }} [options]
 */
async function seedPrintHistory(
	emu,
	{ jobsPerPrinter = 2, heldJobsPerPrinter = 0, queuedBadgePrints = [] } = {},
) {
	const { authToken } = await call(emu, null, 'POST', '/v1/adminapi/authenticate', {
		applicationId: emu.credentials.applicationId,
		sharedSecret: emu.credentials.sharedSecret,
	});
	const printers = await call(emu, authToken, 'GET', '/v2/printers');
	const jobs = [];
	const printOnEach = async (count) => {
		for (const printer of printers) {
			for (let n = 0; n < count; n++) {
				const started = await call(
					emu,
					authToken,
					'POST',
					`/v1/printers/${encodeURIComponent(printer.id)}/print`,
					{
						magstripe: { front: { track2: TRACK2 } },
					},
				);
				const id = started.printStatus.id;
				let status;
				for (let poll = 0; poll < 10; poll++) {
					status = (
						await call(emu, authToken, 'GET', `/v1/printers/print/${encodeURIComponent(id)}`)
					).status;
					if (['COMPLETED', 'FAILED', 'CANCELLED', 'AWAITING_PRINT'].includes(status)) break;
				}
				jobs.push({ id, printerId: printer.id, printerName: printer.name, status });
			}
		}
	};
	await printOnEach(jobsPerPrinter);
	if (heldJobsPerPrinter > 0) {
		emu.setPrePrintHold(true);
		await printOnEach(heldJobsPerPrinter);
		emu.setPrePrintHold(false);
	}
	for (const { design, primaryKey, count = 1 } of queuedBadgePrints) {
		for (let n = 0; n < count; n++) {
			const { printJobId } = await call(emu, authToken, 'POST', '/v2/print/single', {
				enrollmentDesignName: design,
				primaryKey,
				printerId: printers[0].id,
				hopper: 1,
			});
			jobs.push({
				id: printJobId,
				printerId: printers[0].id,
				printerName: printers[0].name,
				status: 'QUEUED',
			});
		}
	}
	if (typeof emu.clearRequests === 'function') emu.clearRequests();
	return { printers, jobs };
}

module.exports = { seedPrintHistory };
