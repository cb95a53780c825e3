import type { INodeExecutionData } from 'n8n-workflow';

import { applePassBytes } from '../../tools/emulator/routes/mobileFlashPass';
import { jsonOf, useEmulator } from '../helpers/emulator';

const fixture = useEmulator();

const ISSUE = 'issueMobileFlashPassBulkOperationV2';
const POLL = 'getMobileFlashPassRequestDetails';
const FAST_WAIT = { waitForCompletion: true, waitOptions: { pollInterval: 0.05, timeout: 10 } };
const UNKNOWN_ID = Buffer.from('{"workflowId":"nobody","whereClause":{"ID":"404"}}').toString(
	'base64',
);
const OPERATION_UUID = /^[a-f0-9-]{36}$/;

/** The seeded enrollments: [issued, issued, not yet issued]; their IDs hold `+`, `/` and `=`. */
function seeded(): string[] {
	return [...fixture.emulator.state.mobileFlashPass.passes.keys()].slice(0, 3);
}

function items(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, index) => ({ json: { index } }));
}

/** Runs Issue with one input item per enrollment ID. */
function issue(ids: string[], extra: Record<string, unknown> = {}, continueOnFail = false) {
	return fixture.run(
		{
			resource: 'mobileFlashPass',
			operation: 'issue',
			enrollmentId: (i: number) => ids[i],
			...extra,
		},
		{ items: items(ids.length), continueOnFail },
	);
}

function operationRows(operationId: string): Array<{ enrollmentId: string; status: string }> {
	return fixture.emulator.state.mobileFlashPass.operations.get(operationId)._rows;
}

/** A valid base64 enrollment ID of about `length` characters, distinct per `n`. */
function longId(n: number, length: number): string {
	return Buffer.from(`${n}:`.padEnd(Math.floor((length * 3) / 4), 'x')).toString('base64');
}

describe('Mobile Flash Pass resource against the emulator', () => {
	beforeEach(() => {
		fixture.emulator.clearRequests();
		fixture.emulator.faults.clear();
		fixture.emulator.state.mobileFlashPass.settings.outcome = 'COMPLETED';
	});

	describe('Issue', () => {
		it('sends all input items in one bulk operation and says which operation carried each', async () => {
			const [first, second, third] = seeded();
			const { output } = await issue([first, second, third]);
			expect(fixture.emulator.count(ISSUE)).toBe(1);
			expect(fixture.emulator.count(POLL)).toBe(0);
			const operationId = output[0].json.operationId as string;
			expect(operationId).toMatch(OPERATION_UUID);
			expect(jsonOf(output)).toEqual([
				expect.objectContaining({
					enrollmentId: first,
					operationId,
					operationNumber: 1,
					operationCount: 1,
					rowInOperation: 1,
					enrollmentsInOperation: 3,
					state: 'SCHEDULED',
					type: 'SEND_MFP',
				}),
				expect.objectContaining({ enrollmentId: second, operationId, rowInOperation: 2 }),
				expect.objectContaining({ enrollmentId: third, operationId, rowInOperation: 3 }),
			]);
			expect(output.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(operationRows(operationId).map((row) => row.enrollmentId)).toEqual([
				first,
				second,
				third,
			]);
		});

		it('sends an enrollment named by two items once, and reports the same operation for both', async () => {
			const [first, second] = seeded();
			const { output } = await issue([first, second, first]);
			expect(fixture.emulator.count(ISSUE)).toBe(1);
			const operationId = output[0].json.operationId as string;
			expect(operationRows(operationId).map((row) => row.enrollmentId)).toEqual([first, second]);
			expect(output[2].json).toMatchObject({
				enrollmentId: first,
				operationId,
				rowInOperation: 1,
				enrollmentsInOperation: 2,
			});
		});

		it('waits for completion and issues the pass (claim tokens appear)', async () => {
			const third = seeded()[2];
			const pass = fixture.emulator.state.mobileFlashPass.passes.get(third);
			pass.issued = false;
			pass.claimTokens = null;
			const { output } = await issue([third], FAST_WAIT);
			expect(output[0].json).toMatchObject({
				enrollmentId: third,
				state: 'COMPLETED',
				rowsProcessed: 1,
				rowsFailed: 0,
				partialFailure: false,
			});
			expect(output[0].json.polls).toBe(3); // SCHEDULED, PROCESSING, COMPLETED
			expect(fixture.emulator.count(POLL)).toBe(3);
			expect(pass.issued).toBe(true);
			expect(pass.claimTokens.apple).toEqual(expect.any(String));
		});

		it('reports a partial failure (COMPLETED with failed rows) on every item of the operation', async () => {
			const [first, second] = seeded();
			const { output } = await issue([first, UNKNOWN_ID, second], FAST_WAIT);
			expect(output).toHaveLength(3);
			for (const item of output) {
				expect(item.json).toMatchObject({
					state: 'COMPLETED',
					rowsProcessed: 2,
					rowsFailed: 1,
					firstFailedRow: 2,
					partialFailure: true,
				});
				expect(item.json.warning).toMatch(
					/1 of 3 enrollments in operation .* failed \(first failed row: 2\): Row 2: Enrollment not found/,
				);
			}
			expect(output[1].json).toMatchObject({ enrollmentId: UNKNOWN_ID, rowInOperation: 2 });
			// The operation's logs (read once) say whose pass failed: each item carries its own enrollment's result.
			expect(output[1].json).toMatchObject({
				passStatus: 'FAILED',
				passMessage: 'Enrollment not found',
			});
			expect(output[0].json).toMatchObject({
				enrollmentId: first,
				passStatus: 'SUCCESS',
				primaryKey: '1001',
			});
			expect(output[2].json).toMatchObject({
				enrollmentId: second,
				passStatus: 'SUCCESS',
				primaryKey: '1002',
			});
			expect(output[0].json.warning).toContain(`Failed: ${UNKNOWN_ID} (Enrollment not found).`);
			expect(fixture.emulator.count('downloadMFPLogsV2')).toBe(1);
		});

		it('fails the items when the operation ends FAILED, or outputs the state when asked to', async () => {
			const [first, second] = seeded();
			fixture.emulator.state.mobileFlashPass.settings.outcome = 'FAILED';
			await expect(issue([first, second], FAST_WAIT)).rejects.toThrow(
				/operation .* ended FAILED: The mobile flash pass service is unavailable/,
			);

			const failedSoft = await issue([first, second], FAST_WAIT, true);
			expect(failedSoft.output.map((item) => item.json.error)).toEqual([
				expect.stringMatching(/ended FAILED/),
				expect.stringMatching(/ended FAILED/),
			]);

			const outputState = await issue([first], {
				waitForCompletion: true,
				waitOptions: { pollInterval: 0.05, timeout: 10, failOnUnsuccessful: false },
			});
			expect(outputState.output[0].json).toMatchObject({
				state: 'FAILED',
				rowsFailed: 1,
				partialFailure: false,
			});
		});

		it('fails an item when the operation is still running at the timeout, without sending it again', async () => {
			fixture.emulator.faults.add({
				operationId: POLL,
				times: Infinity,
				action: {
					status: 200,
					body: {
						id: '00000000-0000-4000-8000-000000000000',
						state: 'PROCESSING',
						rowsProcessed: 0,
						rowsFailed: 0,
					},
				},
			});
			await expect(
				issue([seeded()[0]], {
					waitForCompletion: true,
					waitOptions: { pollInterval: 0.2, timeout: 1 },
				}),
			).rejects.toThrow(/still PROCESSING after 1 s/);
			expect(fixture.emulator.count(ISSUE)).toBe(1);
			expect(fixture.emulator.count(POLL)).toBeGreaterThanOrEqual(3);
		});

		it('splits into several operations when the body would pass 200 KB', async () => {
			// 60,000-character IDs: three fit in one body of at most 200,000 bytes, four do not.
			const ids = Array.from({ length: 7 }, (_, n) => longId(n, 60_000));
			const { output } = await issue(ids);
			const posts = fixture.emulator.requests.filter((request) => request.operationId === ISSUE);
			expect(posts).toHaveLength(3);
			for (const post of posts) expect(post.bodyBytes).toBeLessThanOrEqual(200_000);
			expect(posts.map((post) => post.status)).toEqual([200, 200, 200]);
			expect(
				output.map((item) => [
					item.json.operationNumber,
					item.json.operationCount,
					item.json.rowInOperation,
				]),
			).toEqual([
				[1, 3, 1],
				[1, 3, 2],
				[1, 3, 3],
				[2, 3, 1],
				[2, 3, 2],
				[2, 3, 3],
				[3, 3, 1],
			]);
			const operationIds = [...new Set(output.map((item) => item.json.operationId as string))];
			expect(operationIds).toHaveLength(3);
			expect(
				operationIds.flatMap((id) => operationRows(id).map((row) => row.enrollmentId)),
			).toEqual(ids);
		});

		it('keeps many small IDs in one operation while they fit', async () => {
			const ids = Array.from({ length: 1500 }, (_, n) => longId(n, 120));
			const { output } = await issue(ids);
			expect(fixture.emulator.count(ISSUE)).toBe(1);
			expect(new Set(output.map((item) => item.json.operationId)).size).toBe(1);
			expect(output[1499].json).toMatchObject({
				rowInOperation: 1500,
				enrollmentsInOperation: 1500,
			});
		});

		it('never resends a failed bulk operation and names the operations already created', async () => {
			const ids = Array.from({ length: 5 }, (_, n) => longId(n, 60_000));
			fixture.emulator.faults.add({
				operationId: ISSUE,
				skip: 1,
				times: 1,
				action: { status: 500, body: { code: 'INTERNAL', message: 'Boom' } },
			});
			const soft = await issue(ids, {}, true);
			expect(fixture.emulator.count(ISSUE)).toBe(2);
			const created = soft.output[0].json.operationId as string;
			expect(jsonOf(soft.output.slice(0, 3))).toEqual(
				[0, 1, 2].map(() => expect.objectContaining({ operationId: created })),
			);
			for (const item of soft.output.slice(3)) {
				expect(item.json.error).toMatch(/HTTP 500/);
				expect(item.json.errorDescription).toContain(
					`already created in this run, which must not be sent again: ${created} (input items 0, 1, 2)`,
				);
			}

			fixture.emulator.clearRequests();
			fixture.emulator.faults.add({
				operationId: ISSUE,
				skip: 0,
				times: 1,
				action: { status: 500, body: { code: 'INTERNAL', message: 'Boom' } },
			});
			await expect(issue(ids)).rejects.toMatchObject({ httpCode: '500' });
			// The first operation failed: the second is not sent at all.
			expect(fixture.emulator.count(ISSUE)).toBe(1);
		});

		it('rejects a bad enrollment ID before sending anything, or skips just that item with Continue On Fail', async () => {
			const [first, second] = seeded();
			await expect(issue([first, 'not base64!', second])).rejects.toThrow(
				/Enrollment ID: "not base64!" is not an enrollment ID.*\[item 1\]/,
			);
			await expect(issue([first, longId(1, 210_000)])).rejects.toThrow(
				/Enrollment ID: is \d+ characters: too long.*\[item 1\]/,
			);
			expect(fixture.emulator.requests).toHaveLength(0);

			const soft = await issue([first, '', second], {}, true);
			expect(fixture.emulator.count(ISSUE)).toBe(1);
			expect(soft.output[1].json.error).toMatch(/Enrollment ID: is required \[item 1\]/);
			expect(
				operationRows(soft.output[0].json.operationId as string).map((row) => row.enrollmentId),
			).toEqual([first, second]);
		});

		it('names the permission the role lacks on 403', async () => {
			fixture.emulator.setPermissions(['ISSUANCE:VIEW']);
			try {
				await expect(issue([seeded()[0]])).rejects.toMatchObject({
					httpCode: '403',
					description: expect.stringContaining('ISSUANCE:ADD'),
				});
			} finally {
				fixture.emulator.setPermissions(null);
			}
		});
	});

	describe('operations', () => {
		it('gets an operation, lists operations with Return All and Limit', async () => {
			const { output: issued } = await issue([seeded()[0]]);
			const operationId = issued[0].json.operationId as string;

			const got = await fixture.run({ resource: 'mobileFlashPass', operation: 'get', operationId });
			expect(got.output[0].json).toMatchObject({
				id: operationId,
				type: 'SEND_MFP',
				state: 'SCHEDULED',
			});
			expect(fixture.emulator.count(POLL)).toBe(1);

			const all = await fixture.run({
				resource: 'mobileFlashPass',
				operation: 'getAll',
				returnAll: true,
			});
			expect(all.output.length).toBe(fixture.emulator.state.mobileFlashPass.operations.size);
			expect(jsonOf(all.output).map((operation) => operation.id)).toContain(operationId);
			const limited = await fixture.run({
				resource: 'mobileFlashPass',
				operation: 'getAll',
				returnAll: false,
				limit: 2,
			});
			expect(limited.output).toHaveLength(2);
			expect(fixture.emulator.count('getIssueMFPBulkOperationDetails')).toBe(2);
		});

		it('cancels a running operation; a finished one cannot be cancelled', async () => {
			const { output: issued } = await issue([seeded()[0]]);
			const operationId = issued[0].json.operationId as string;
			const cancelled = await fixture.run({
				resource: 'mobileFlashPass',
				operation: 'cancel',
				operationId,
			});
			expect(cancelled.output[0].json).toEqual({ success: true, operationId, cancelled: true });
			expect(fixture.emulator.state.mobileFlashPass.operations.get(operationId).state).toBe(
				'CANCELLED',
			);

			const { output: done } = await issue([seeded()[0]], FAST_WAIT);
			const late = await fixture.run(
				{ resource: 'mobileFlashPass', operation: 'cancel', operationId: done[0].json.operationId },
				{ continueOnFail: true },
			);
			expect(late.output[0].json).toMatchObject({
				httpCode: '400',
				error: expect.stringContaining('already COMPLETED'),
			});
		});

		it('maps an unknown operation to a 404 error and rejects a malformed ID without a request', async () => {
			const missing = await fixture.run(
				{
					resource: 'mobileFlashPass',
					operation: 'get',
					operationId: '11111111-2222-4333-8444-555555555555',
				},
				{ continueOnFail: true },
			);
			expect(missing.output[0].json).toMatchObject({
				httpCode: '404',
				error: expect.stringMatching(/could not find.*HTTP 404.*not found/),
			});
			fixture.emulator.clearRequests();
			await expect(
				fixture.run({ resource: 'mobileFlashPass', operation: 'get', operationId: 'nope' }),
			).rejects.toThrow(/Operation ID: "nope" is not valid.*\[item 0\]/);
			expect(fixture.emulator.requests).toHaveLength(0);
		});

		it('downloads the logs as a binary file', async () => {
			const [first] = seeded();
			const { output: issued } = await issue([first, UNKNOWN_ID], FAST_WAIT);
			const operationId = issued[0].json.operationId as string;
			const { output } = await fixture.run({
				resource: 'mobileFlashPass',
				operation: 'downloadLogs',
				operationId,
				binaryPropertyName: 'logs',
			});
			const file = output[0].binary!.logs;
			expect(file.mimeType).toBe('application/json');
			expect(file.fileName).toBe(`mfp-logs-${operationId}.json`);
			const logs = JSON.parse(Buffer.from(file.data, 'base64').toString('utf8'));
			expect(logs.rows).toEqual([
				{ row: 1, enrollmentId: first, primaryKey: '1001', status: 'SUCCESS' },
				{ row: 2, enrollmentId: UNKNOWN_ID, status: 'FAILED', message: 'Enrollment not found' },
			]);
			expect(output[0].json).toEqual({
				operationId,
				fileName: `mfp-logs-${operationId}.json`,
				mimeType: 'application/json',
				fileSize: Buffer.from(file.data, 'base64').length,
			});
			expect(output[0].binary!.data).toBeUndefined();
		});
	});

	describe('passes', () => {
		it('percent-encodes base64 enrollment IDs (+ / =) in the path', async () => {
			const [first] = seeded();
			expect(first).toMatch(/\+/);
			expect(first).toMatch(/\//);
			expect(first).toMatch(/=$/);
			const { output } = await fixture.run({
				resource: 'mobileFlashPass',
				operation: 'getDownloadUri',
				walletType: 'apple',
				enrollmentId: first,
			});
			const [request] = fixture.emulator.requests.filter(
				(entry) => entry.operationId === 'getFlashPassDownloadURI',
			);
			expect(request.path).toBe(
				`/api/web/v1/mobileFlashPass/downloadUri/apple/${encodeURIComponent(first)}`,
			);
			expect(request.path).toContain('%2B%2F%2B%2FAQ%3D%3D');
			expect(request.status).toBe(200);
			const pass = fixture.emulator.state.mobileFlashPass.passes.get(first);
			expect(output[0].json).toEqual({
				enrollmentId: first,
				walletType: 'apple',
				downloadUri: expect.stringMatching(
					new RegExp(`/downloads/apple/.+/${pass.claimTokens.apple}$`),
				),
				claimToken: pass.claimTokens.apple,
			});
		});

		it('gets the Google download URI (a bare JSON string)', async () => {
			const [, second] = seeded();
			const { output } = await fixture.run({
				resource: 'mobileFlashPass',
				operation: 'getDownloadUri',
				walletType: 'google',
				enrollmentId: second,
			});
			const pass = fixture.emulator.state.mobileFlashPass.passes.get(second);
			expect(typeof output[0].json.downloadUri).toBe('string');
			expect(output[0].json.downloadUri).toMatch(
				new RegExp(`/downloads/google/.+/${pass.claimTokens.google}$`),
			);
			expect(output[0].json.claimToken).toBe(pass.claimTokens.google);
		});

		it('chains Get Download URI into Download Apple Pass by expression, with a file name per employee', async () => {
			const [first] = seeded();
			const { output: uri } = await fixture.run({
				resource: 'mobileFlashPass',
				operation: 'getDownloadUri',
				walletType: 'apple',
				enrollmentId: first,
			});
			const { output } = await fixture.run(
				{
					resource: 'mobileFlashPass',
					operation: 'downloadApplePass',
					enrollmentId: uri[0].json.enrollmentId,
					claimToken: uri[0].json.claimToken,
					fileName: 'E-1001 Ada Lovelace',
				},
				{ items: [{ json: uri[0].json }] },
			);
			expect(output[0].binary!.data.fileName).toBe('E-1001 Ada Lovelace.pkpass');
			expect(output[0].json).toMatchObject({
				enrollmentId: first,
				fileName: 'E-1001 Ada Lovelace.pkpass',
			});
			await expect(
				fixture.run({
					resource: 'mobileFlashPass',
					operation: 'downloadApplePass',
					enrollmentId: first,
					claimToken: 'x',
					fileName: '../passes/a',
				}),
			).rejects.toThrow(
				/File Name: "\.\.\/passes\/a" must be a file name, without \/ or \\ \[item 0\]/,
			);
		});

		it('downloads the Apple pass as a .pkpass file with the claim token from the download URI', async () => {
			const [first] = seeded();
			const { output: uri } = await fixture.run({
				resource: 'mobileFlashPass',
				operation: 'getDownloadUri',
				walletType: 'apple',
				enrollmentId: first,
			});
			const claimToken = (uri[0].json.downloadUri as string).split('/').pop();
			const { output } = await fixture.run({
				resource: 'mobileFlashPass',
				operation: 'downloadApplePass',
				enrollmentId: first,
				claimToken,
			});
			const file = output[0].binary!.data;
			const bytes = Buffer.from(file.data, 'base64');
			expect(file.mimeType).toBe('application/vnd.apple.pkpass');
			expect(file.fileName).toBe('mobile-flash-pass.pkpass');
			expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
			expect(bytes).toEqual(
				applePassBytes(fixture.emulator.state.mobileFlashPass.passes.get(first)),
			);
			expect(bytes.toString('latin1')).toContain('Ada Lovelace');
			expect(output[0].json).toEqual({
				enrollmentId: first,
				fileName: 'mobile-flash-pass.pkpass',
				mimeType: 'application/vnd.apple.pkpass',
				fileSize: bytes.length,
			});
			expect(JSON.stringify(output[0].json)).not.toContain(claimToken);
		});

		it('gets the Google pass URL', async () => {
			const [, second] = seeded();
			const pass = fixture.emulator.state.mobileFlashPass.passes.get(second);
			const { output } = await fixture.run({
				resource: 'mobileFlashPass',
				operation: 'getGooglePassUrl',
				enrollmentId: second,
				claimToken: pass.claimTokens.google,
			});
			expect(output[0].json).toEqual({
				enrollmentId: second,
				googlePassUrl: `https://pay.google.com/gp/v/save/${Buffer.from(pass.claimTokens.google).toString('base64url')}`,
			});
			const [request] = fixture.emulator.requests.filter(
				(entry) => entry.operationId === 'downloadGoogleMobileFlashPass',
			);
			expect(request.path).toContain(encodeURIComponent(second));
		});

		it('answers 404 for a wrong claim token or a pass not issued yet', async () => {
			const [first, , third] = seeded();
			const wrong = await fixture.run(
				{
					resource: 'mobileFlashPass',
					operation: 'downloadApplePass',
					enrollmentId: first,
					claimToken: 'wrong-token',
				},
				{ continueOnFail: true },
			);
			expect(wrong.output[0].json).toMatchObject({
				httpCode: '404',
				error: expect.stringContaining('Claim token not found'),
			});
			expect(wrong.output[0].binary).toBeUndefined();

			const pass = fixture.emulator.state.mobileFlashPass.passes.get(third);
			pass.issued = false;
			const notIssued = await fixture.run(
				{
					resource: 'mobileFlashPass',
					operation: 'getDownloadUri',
					walletType: 'google',
					enrollmentId: third,
				},
				{ continueOnFail: true },
			);
			expect(notIssued.output[0].json).toMatchObject({
				httpCode: '404',
				error: expect.stringContaining('No mobile flash pass has been issued'),
			});
		});

		it('validates enrollment ID, claim token and binary field before sending', async () => {
			const [first] = seeded();
			await expect(
				fixture.run({
					resource: 'mobileFlashPass',
					operation: 'downloadApplePass',
					enrollmentId: 'a b',
					claimToken: 'x',
				}),
			).rejects.toThrow(/Enrollment ID.*\[item 0\]/);
			await expect(
				fixture.run({
					resource: 'mobileFlashPass',
					operation: 'downloadApplePass',
					enrollmentId: first,
					claimToken: ' ',
				}),
			).rejects.toThrow(/Claim Token: is required \[item 0\]/);
			await expect(
				fixture.run({
					resource: 'mobileFlashPass',
					operation: 'downloadApplePass',
					enrollmentId: first,
					claimToken: 'x',
					binaryPropertyName: '',
				}),
			).rejects.toThrow(/Put Output File in Field: is required \[item 0\]/);
			expect(fixture.emulator.requests).toHaveLength(0);
		});
	});
});
