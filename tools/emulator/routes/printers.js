'use strict';
/** Printers tag: registration, lookup, update, deletion, preferences, summary. */
const { publicView } = require('../state');
const printJobs = require('../printJobs');

const DEFAULT_PREFERENCES = {
	copies: 1,
	inputHopper: 1,
	frontOrientation: 'LANDSCAPE',
	backOrientation: 'LANDSCAPE',
	frontRotate180: false,
	backRotate180: false,
	printResolution: 'STANDARD',
	disablePrinting: 'false',
	splitRibbon: 'false',
	topcoat: true,
	debow: false,
	rewrite: false,
	barCodesMonochrome: true,
	blackPixelsMonochrome: false,
	tactileFront: 'false',
	tactileBack: 'false',
};

const DEMO_PRINTERS = [
	{
		name: 'Front Desk Printer',
		deviceId: '6781549D433C44EA',
		location: 'HQ Lobby, Floor 1',
		printerPlatform: 'DS3',
		status: 'IDLE',
		hoppers: 1,
		cardsPrinted: 1842,
	},
	{
		name: 'Badge Office Printer',
		deviceId: 'F71523262A998271',
		location: 'Building B, Security Office',
		printerPlatform: 'DS2',
		status: 'BUSY',
		hoppers: 6,
		cardsPrinted: 12077,
	},
	{
		name: 'Warehouse Printer',
		deviceId: '0A1B2C3D4E5F6071',
		location: 'Restricted: Warehouse Dock 4',
		printerPlatform: 'DS4',
		status: 'IDLE',
		hoppers: 1,
		cardsPrinted: 310,
		_groupRestricted: true,
	},
	{
		name: 'Jammed Printer - QA Lab',
		deviceId: 'DEADBEEF00C0FFEE',
		location: 'QA Lab, Bench 3',
		printerPlatform: 'DS1',
		status: 'IDLE',
		hoppers: 1,
		cardsPrinted: 57,
	},
];

/** Adds a printer record to the store and returns it. Also used by seeding and tests. */
function addPrinter(ctx, fields) {
	const platform = fields.printerPlatform || 'DS3';
	const printer = {
		id: ctx.ids.uuid(),
		name: fields.name,
		deviceId: fields.deviceId.toUpperCase(),
		location: fields.location,
		model: /^DS\d/.test(platform) ? `Sigma ${platform}` : platform,
		printerType: platform,
		printerPlatform: platform,
		serialNumber: fields.serialNumber || `XC${ctx.ids.hex(5)}`,
		firmwareVersion: 'D4-1.2-3',
		firmwareCheckedOn: ctx.now(),
		hoppers: fields.hoppers || 1,
		status: fields.status || 'IDLE',
		cardsPrinted: fields.cardsPrinted || 0,
		cardsRemaining: 1000,
		ribbonPartNumber: fields.ribbonPartNumber || '525100-001-S100',
		ribbonRemaining: 87.5,
		ptpReady: false,
		scSimulator: Boolean(fields.scSimulator),
		_groupRestricted: Boolean(fields._groupRestricted),
	};
	ctx.state.printers.set(printer.id, printer);
	return printer;
}

function findPrinter(ctx, id) {
	return ctx.state.printers.get(String(id).toLowerCase());
}

function conflictFor(ctx, { name, deviceId }, exceptId) {
	for (const p of ctx.state.printers.values()) {
		if (p.id === exceptId) continue;
		if (name !== undefined && p.name.toLowerCase() === String(name).toLowerCase())
			return `A printer named "${name}" already exists`;
		if (deviceId !== undefined && p.deviceId === String(deviceId).toUpperCase())
			return `A printer with device ID ${deviceId} already exists`;
	}
	return null;
}

function isBlank(value) {
	return typeof value !== 'string' || value.trim() === '';
}

/** Wraps a handler that needs an existing printer from path param `printerId`. */
function withPrinter(ctx, handler) {
	return (req, res) => {
		const printer = findPrinter(ctx, req.params.printerId);
		if (!printer) return res.notFound('Printer', req.params.printerId);
		return handler(req, res, printer);
	};
}

function removePrinter(ctx, printer) {
	for (const job of ctx.state.printJobs.values()) {
		if (job.printerId === printer.id) printJobs.cancel(ctx, job, 'Printer was deleted');
	}
	ctx.state.printers.delete(printer.id);
	ctx.state.printerPreferences.delete(printer.id);
}

function register(registry, ctx) {
	const list = (filter = () => true) =>
		[...ctx.state.printers.values()].filter(filter).map(publicView);
	const listAll = (req, res) => res.sendJson(200, list());

	registry.on('readPrinters', listAll);
	registry.on('getPrinters', listAll);
	// Group restriction: the caller only sees printers whose groups it belongs to; flagged printers are hidden.
	registry.on('getPrintersWithGroupRestriction', (req, res) =>
		res.sendJson(
			200,
			list((p) => !p._groupRestricted),
		),
	);
	registry.on('printersSummary', (req, res) =>
		res.sendJson(200, { printerCount: ctx.state.printers.size }),
	);

	registry.on('createPrinter', (req, res) => {
		const body = req.body;
		// The spec marks nothing required, but the service needs both (see the spec's info text).
		if (isBlank(body.name))
			return res.error(400, 'VALIDATION', 'body.name: is required', 'body.name');
		if (isBlank(body.deviceId))
			return res.error(400, 'VALIDATION', 'body.deviceId: is required', 'body.deviceId');
		const conflict = conflictFor(ctx, body);
		if (conflict) return res.error(409, 'CONFLICT', conflict, 'body');
		const printer = addPrinter(ctx, {
			...body,
			name: body.name.trim(),
			status: 'IDLE',
			hoppers: 1,
			cardsPrinted: 0,
			_groupRestricted: false,
		});
		return res.sendJson(202, {
			id: printer.id,
			link: `${ctx.baseUrl()}/api/web/v1/printers/${printer.id}`,
		});
	});

	registry.on(
		'readPrinter',
		withPrinter(ctx, (req, res, printer) => res.sendJson(200, publicView(printer))),
	);

	registry.on('readPrinterByDeviceId', (req, res) => {
		const deviceId = req.params.deviceId.toUpperCase();
		const printer = [...ctx.state.printers.values()].find((p) => p.deviceId === deviceId);
		if (!printer)
			return res.error(
				404,
				'NOT_FOUND',
				`No printer with device ID ${req.params.deviceId}`,
				req.params.deviceId,
			);
		return res.sendJson(200, publicView(printer));
	});

	registry.on(
		'updatePrinterV2',
		withPrinter(ctx, (req, res, printer) => {
			const { name, location } = req.body;
			if (name !== undefined && isBlank(name))
				return res.error(400, 'VALIDATION', 'body.name: must not be blank', 'body.name');
			const conflict = conflictFor(ctx, { name }, printer.id);
			if (conflict) return res.error(409, 'CONFLICT', conflict, 'body.name');
			if (name !== undefined) printer.name = name.trim();
			if (location !== undefined) printer.location = location;
			return res.sendJson(200, publicView(printer));
		}),
	);

	// Deprecated full replace (v1): writable fields only, answers 200 without a body.
	registry.on(
		'replacePrinter',
		withPrinter(ctx, (req, res, printer) => {
			const body = req.body;
			if (isBlank(body.name))
				return res.error(400, 'VALIDATION', 'body.name: is required', 'body.name');
			const conflict = conflictFor(ctx, { name: body.name }, printer.id);
			if (conflict) return res.error(409, 'CONFLICT', conflict, 'body.name');
			printer.name = body.name.trim();
			printer.location = body.location;
			if (body.printerPlatform !== undefined) printer.printerPlatform = body.printerPlatform;
			if (body.scSimulator !== undefined) printer.scSimulator = body.scSimulator;
			return res.sendEmpty(200);
		}),
	);

	registry.on(
		'deletePrinter',
		withPrinter(ctx, (req, res, printer) => {
			removePrinter(ctx, printer);
			return res.sendEmpty(200);
		}),
	);

	// "Lost" printer registered under another tenant: the emulator has one store, so delete by id.
	registry.on(
		'deletePrinterWithTenantId',
		withPrinter(ctx, (req, res, printer) => {
			removePrinter(ctx, printer);
			return res.sendEmpty(200);
		}),
	);

	registry.on(
		'readPrinterPreferences',
		withPrinter(ctx, (req, res, printer) =>
			res.sendJson(200, ctx.state.printerPreferences.get(printer.id) || DEFAULT_PREFERENCES),
		),
	);

	registry.on(
		'replacePrinterPreferences',
		withPrinter(ctx, (req, res, printer) => {
			ctx.state.printerPreferences.set(printer.id, structuredClone(req.body));
			return res.sendEmpty(200);
		}),
	);

	if (ctx.options.seed !== false) for (const demo of DEMO_PRINTERS) addPrinter(ctx, demo);
}

module.exports = { register, addPrinter, findPrinter, DEFAULT_PREFERENCES, DEMO_PRINTERS };
