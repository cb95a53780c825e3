'use strict';
/** In-memory stores and id generators. Route modules add their own store keys in register(). */
const crypto = require('crypto');

function createIds() {
	const sequences = new Map();
	return {
		uuid: () => crypto.randomUUID(),
		/** URL-safe random string, e.g. tokens and session ids. */
		token: (bytes = 32) => crypto.randomBytes(bytes).toString('base64url'),
		/** Standard base64 (may contain + / =), the shape of IIDaaS enrollment ids. */
		base64: (bytes = 24) => crypto.randomBytes(bytes).toString('base64'),
		hex: (length = 16) =>
			crypto
				.randomBytes(Math.ceil(length / 2))
				.toString('hex')
				.slice(0, length)
				.toUpperCase(),
		/** 1, 2, 3... per name; used for integer ids such as PrintJobRecord.id. */
		seq: (name = 'default') => {
			const next = (sequences.get(name) || 0) + 1;
			sequences.set(name, next);
			return next;
		},
	};
}

function createState({ applicationId, sharedSecret, tenantId }) {
	return {
		tenantId,
		/** Admin API applications that may authenticate, keyed by lower-case application id. */
		applications: new Map([
			[
				applicationId.toLowerCase(),
				{
					id: applicationId,
					name: 'n8n Issuance API',
					description: 'Emulator demo application',
					sharedSecret,
					enabled: true,
				},
			],
		]),
		printers: new Map(), // id -> printer record (Printer fields + internal `_` fields)
		printerPreferences: new Map(), // printer id -> PrinterPreferences
		printJobs: new Map(), // id -> print job (see printJobs.js)
		settings: {
			/** Outcome given to new print jobs: 'COMPLETED' or 'FAILED'. */
			printOutcome: 'COMPLETED',
			/** New print jobs wait in AWAITING_PRINT until POST /v1/print/resume. */
			prePrintHold: false,
			/** Permissions of the authenticated application; null = everything allowed. */
			permissions: null,
		},
	};
}

/** Copy of a record without internal (`_`-prefixed) fields, ready to be sent. */
function publicView(record) {
	return Object.fromEntries(
		Object.entries(record).filter(([key, value]) => !key.startsWith('_') && value !== undefined),
	);
}

module.exports = { createIds, createState, publicView };
