'use strict';
/**
 * 1. HTTP requests per execution for 1, 100 and 10,000 items, counted by the emulator (every request it
 * received, authentication included) and by the harness (every call of the n8n HTTP helper).
 * Per-item operations must take N+1; batched ones ⌈N / batch⌉ + 1.
 */
const { runNode, byId, pngBytes } = require('../lib/node');

const ENROLLMENT_BATCH = 50; // the Batch Size default of Enrollment → Create / Update / Delete
const MAX_BODY_BYTES = 200_000; // Bulk Print and Mobile Flash Pass: the spec's 200 KB request limit

/**
 * How many requests carry `ids` when every body stays within the 200 KB limit and requests are as few as possible
 * (greedy, in order). Measured on the JSON the body becomes, independently of the node's own splitting code.
 */
function bodiesFor(ids, makeBody) {
	const emptyBytes = Buffer.byteLength(JSON.stringify(makeBody([])));
	let bodies = 0;
	let bytes = 0;
	let count = 0;
	for (const id of ids) {
		const added = Buffer.byteLength(JSON.stringify(id)) + (count > 0 ? 1 : 0);
		if (count > 0 && emptyBytes + bytes + added > MAX_BODY_BYTES) {
			bodies++;
			bytes = Buffer.byteLength(JSON.stringify(id));
			count = 1;
		} else {
			bytes += added;
			count++;
		}
	}
	return bodies + (count > 0 ? 1 : 0);
}

async function countRun(emu, label, run, expected) {
	await emu.clearRequests();
	const result = await run();
	const counts = await emu.counts();
	const errors = result.output.filter((item) => item.json.error !== undefined).length;
	return {
		label,
		emulatorRequests: counts.total,
		helperCalls: result.httpCalls,
		authentications: counts.byOperation.authenticateAdminApiUsingPOST || 0,
		failedRequests: counts.failed,
		outputItems: result.output.length,
		errorItems: errors,
		expected,
		ms: Math.round(result.ms),
		pass:
			counts.total === expected &&
			result.httpCalls === expected &&
			counts.failed === 0 &&
			errors === 0,
		output: result.output,
	};
}

async function requestsSection({ emu, sizes, log }) {
	const credentials = emu.credentials;
	const printerIds = await emu.printerIds();
	const [frontDesk] = printerIds;
	const tinyPng = pngBytes();
	const rows = [];
	const push = (row) => {
		log(
			`  ${row.label}: ${row.emulatorRequests} requests (expected ${row.expected}) in ${row.ms} ms${row.pass ? '' : '  <-- MISSED'}`,
		);
		const { output, ...kept } = row;
		rows.push(kept);
		return output;
	};

	for (const n of sizes) {
		const items = Array.from({ length: n }, (_, i) => ({ json: { i } }));
		// Per item, a read: Printer → Get.
		push(
			await countRun(
				emu,
				`Printer → Get (per item), ${n} items`,
				() =>
					runNode({
						credentials,
						items,
						params: {
							resource: 'printer',
							operation: 'get',
							lookUpBy: 'printerId',
							printerId: (i) => byId(printerIds[i % printerIds.length]),
							requestOptions: {},
						},
					}),
				n + 1,
			),
		);
		// Per item, a non-idempotent write: Print Job → Print (a small image, no waiting).
		const printItems = Array.from({ length: n }, (_, i) => ({
			json: { i },
			binary: {
				data: { data: tinyPng.toString('base64'), mimeType: 'image/png', fileName: 'card.png' },
			},
		}));
		push(
			await countRun(
				emu,
				`Print Job → Print (per item), ${n} items`,
				() =>
					runNode({
						credentials,
						items: printItems,
						params: {
							resource: 'printJob',
							operation: 'print',
							printerId: byId(frontDesk),
							images: { layer: [{ side: 'front', layer: 'COLOR', binaryPropertyName: 'data' }] },
							magstripe: {},
							smartCardCommands: {},
							printFields: {},
							printerPreferences: {},
							waitForCompletion: false,
							requestOptions: {},
						},
					}),
				n + 1,
			),
		);
		await emu.dropPrintJobs();

		// Batched: Enrollment → Create, Update, then Mobile Flash Pass → Issue and Bulk Print → Create on the
		// created enrollments, then Enrollment → Delete.
		const people = Array.from({ length: n }, (_, i) => ({
			json: {
				'First Name': `Bench${i}`,
				'Last Name': 'Hire',
				'Employee ID': `B-${n}-${i}`,
				Department: 'Benchmarks',
			},
		}));
		const created = push(
			await countRun(
				emu,
				`Enrollment → Create (batch ${ENROLLMENT_BATCH}), ${n} items`,
				() =>
					runNode({
						credentials,
						items: people,
						params: {
							resource: 'enrollment',
							operation: 'create',
							enrollmentDesignName: 'Employee Badge',
							fieldMode: 'json',
							fieldsJson: (i) => JSON.stringify(people[i].json),
							imageFields: {},
							batchOptions: {},
						},
					}),
				Math.ceil(n / ENROLLMENT_BATCH) + 1,
			),
		);
		const ids = created.map((item) => String(item.json.id));
		const idItems = ids.map((id) => ({ json: { id } }));
		push(
			await countRun(
				emu,
				`Enrollment → Update (batch ${ENROLLMENT_BATCH}), ${n} items`,
				() =>
					runNode({
						credentials,
						items: idItems,
						params: {
							resource: 'enrollment',
							operation: 'update',
							enrollmentId: (i) => ids[i],
							fieldMode: 'json',
							fieldsJson: '{"Department": "Bench Updated"}',
							imageFields: {},
							batchOptions: {},
						},
					}),
				Math.ceil(n / ENROLLMENT_BATCH) + 1,
			),
		);
		push(
			await countRun(
				emu,
				`Mobile Flash Pass → Issue (200 KB bodies), ${n} items`,
				() =>
					runNode({
						credentials,
						items: idItems,
						params: {
							resource: 'mobileFlashPass',
							operation: 'issue',
							enrollmentId: (i) => ids[i],
							waitForCompletion: false,
						},
					}),
				bodiesFor(ids, (chunk) => ({ ids: chunk })) + 1,
			),
		);
		push(
			await countRun(
				emu,
				`Bulk Print → Create (200 KB bodies), ${n} items`,
				() =>
					runNode({
						credentials,
						items: idItems,
						params: {
							resource: 'bulkPrint',
							operation: 'create',
							enrollmentIds: (i) => ids[i],
							printer: { __rl: true, mode: 'name', value: 'Front Desk Printer' },
							hopper: 1,
							waitForCompletion: false,
						},
					}),
				bodiesFor(ids, (chunk) => ({
					ids: chunk,
					printer: { name: 'Front Desk Printer', hopper: 1 },
				})) + 1,
			),
		);
		push(
			await countRun(
				emu,
				`Enrollment → Delete (batch ${ENROLLMENT_BATCH}), ${n} items`,
				() =>
					runNode({
						credentials,
						items: idItems,
						params: {
							resource: 'enrollment',
							operation: 'delete',
							enrollmentId: (i) => ids[i],
							batchOptions: {},
						},
					}),
				Math.ceil(n / ENROLLMENT_BATCH) + 1,
			),
		);
	}

	return {
		id: 1,
		title: 'HTTP requests per execution',
		targets: [
			{
				metric: 'Requests per execution, every operation and size below',
				figure: `${rows.filter((r) => r.pass).length} of ${rows.length} as expected`,
				target: 'per item N+1, batched ⌈N/batch⌉+1',
				pass: rows.every((r) => r.pass),
			},
		],
		rows,
	};
}

module.exports = { requestsSection, bodiesFor };
