import {
	DEMO_CREDENTIALS,
	Emulator,
	listOperations,
	schemaValidator,
	startEmulator,
	validateRequest,
	validateResponse,
} from '../../tools/emulator';

const PNG_BASE64 = Buffer.from([
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13,
]).toString('base64');
const PRINT_BODY = {
	print: { front: [{ layer: 'COLOR', data: `data:image/png;base64,${PNG_BASE64}` }] },
};
const UNKNOWN_UUID = '0b0db90a-6091-416f-8559-2f2181e941c3';

interface CallOptions {
	token?: string;
	body?: unknown;
	rawBody?: string;
	headers?: Record<string, string>;
}

interface CallResult {
	status: number;
	headers: Headers;
	text: string;
	json: any;
}

async function call(
	emu: Emulator,
	method: string,
	path: string,
	opts: CallOptions = {},
): Promise<CallResult> {
	const headers: Record<string, string> = { ...(opts.headers || {}) };
	if (opts.token) headers.Authorization = opts.token;
	let body: string | undefined = opts.rawBody;
	if (opts.body !== undefined) {
		body = JSON.stringify(opts.body);
		headers['Content-Type'] = headers['Content-Type'] || 'application/json';
	}
	const res = await fetch(`${emu.url}/api/web${path}`, { method, headers, body });
	const text = await res.text();
	let json: any;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

async function authenticate(
	emu: Emulator,
	extra: Record<string, unknown> = {},
): Promise<CallResult> {
	return call(emu, 'POST', '/v1/adminapi/authenticate', { body: { ...emu.credentials, ...extra } });
}

async function tokenFor(emu: Emulator): Promise<string> {
	return (await authenticate(emu)).json.authToken;
}

async function firstPrinter(emu: Emulator, token: string, name?: string): Promise<any> {
	const printers = (await call(emu, 'GET', '/v2/printers', { token })).json as any[];
	return name
		? printers.find((p) => p.name.includes(name))
		: printers.find((p) => !/jammed/i.test(p.name));
}

async function printOnce(
	emu: Emulator,
	token: string,
	printerId: string,
	body: unknown = PRINT_BODY,
): Promise<string> {
	const res = await call(emu, 'POST', `/v1/printers/${printerId}/print`, { token, body });
	expect(res.status).toBe(200);
	return res.json.printStatus.id;
}

describe('IIDaaS emulator', () => {
	let emu: Emulator;
	let token: string;

	beforeAll(async () => {
		emu = await startEmulator();
		token = await tokenFor(emu);
	});

	afterAll(async () => {
		await emu.close();
	});

	afterEach(() => {
		emu.faults.clear();
		emu.setPermissions(null);
		emu.setLatency(0);
		emu.setPrintOutcome('COMPLETED');
		emu.setPrePrintHold(false);
	});

	describe('contract helpers', () => {
		it('lists all 90 operations with their permission', () => {
			const ops = listOperations();
			expect(ops).toHaveLength(90);
			expect(ops.filter((o) => o.deprecated)).toHaveLength(12);
			expect(ops.find((o) => o.operationId === 'createPrinter')).toMatchObject({
				method: 'POST',
				path: '/api/web/v1/printers',
				permission: 'PRINTERS:ADD',
				tags: ['Printers'],
			});
			expect(
				ops.find((o) => o.operationId === 'authenticateAdminApiUsingPOST')!.permission,
			).toBeNull();
		});

		it('validates requests offline, percent-decoding path params and anchoring patterns', () => {
			const enrollment = validateRequest({
				method: 'GET',
				path: '/api/web/v2/enrollments/ab%2Bc%2Fd%3D%3D',
			});
			expect(enrollment).toMatchObject({
				ok: true,
				operationId: 'readEnrollmentV2',
				params: { id: 'ab+c/d==' },
			});
			const longDevice = validateRequest({
				method: 'GET',
				path: '/api/web/v2/printers/XX0123456789ABCDEFXX',
			});
			expect(longDevice.ok).toBe(false);
			expect(longDevice.error).toMatchObject({
				status: 400,
				code: 'VALIDATION',
				target: 'path.deviceId',
			});
			const query = validateRequest({
				method: 'POST',
				path: '/api/web/v2/enrollments/read/Staff?offset=2',
			});
			expect(query.query).toEqual({ offset: 2, limit: 50 });
			const readOnlyEcho = validateRequest({
				method: 'POST',
				path: '/api/web/v1/printers',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					name: 'P',
					deviceId: '0123456789ABCDEF',
					id: 'not-a-uuid',
					model: 'CD800',
				}),
			});
			expect(readOnlyEcho.ok).toBe(true);
		});
	});

	describe('authentication', () => {
		it('issues a token with ISO times and the configured lifetime', async () => {
			const res = await authenticate(emu);
			expect(res.status).toBe(200);
			expect(res.json.authToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
			const lifetime = Date.parse(res.json.expirationTime) - Date.parse(res.json.creationTime);
			expect(lifetime).toBe(3600 * 1000);
			expect(
				validateResponse('authenticateAdminApiUsingPOST', res.status, 'application/json', res.text),
			).toBeNull();
			expect(emu.issuedTokens()).toContain(res.json.authToken);
		});

		it('tells a wrong application id from a wrong shared secret', async () => {
			const wrongApp = await authenticate(emu, {
				applicationId: '00000000-0000-4000-8000-000000000000',
			});
			expect(wrongApp.status).toBe(404);
			expect(wrongApp.json).toMatchObject({ errorCode: 'APPLICATION_NOT_FOUND' });
			const wrongSecret = await authenticate(emu, { sharedSecret: 'nope' });
			expect(wrongSecret.status).toBe(401);
			expect(wrongSecret.json).toEqual({
				errorCode: 'INVALID_CREDENTIALS',
				errorMessage: 'Invalid shared secret',
				parameters: [],
			});
			const missing = await call(emu, 'POST', '/v1/adminapi/authenticate', {
				body: { applicationId: 'x' },
			});
			expect(missing.status).toBe(400);
			expect(missing.json.errorCode).toBe('VALIDATION');
		});

		it('requires the token on every other call, raw or as Bearer', async () => {
			const none = await call(emu, 'GET', '/v1/printers');
			expect(none.status).toBe(401);
			expect(none.json.code).toBe('UNAUTHORIZED');
			expect((await call(emu, 'GET', '/v1/printers', { token: 'bogus' })).status).toBe(401);
			expect((await call(emu, 'GET', '/v1/printers', { token })).status).toBe(200);
			expect((await call(emu, 'GET', '/v1/printers', { token: `Bearer ${token}` })).status).toBe(
				200,
			);
		});

		it('rejects expired tokens, and answers 500 for a large body on an expired token', async () => {
			const own = await startEmulator({ largeBodyBytes: 50 * 1024 });
			try {
				const t = await tokenFor(own);
				const printer = await firstPrinter(own, t);
				own.expireAllTokens();
				expect((await call(own, 'GET', '/v1/printers', { token: t })).status).toBe(401);
				const big = {
					print: { front: [{ layer: 'COLOR', data: PNG_BASE64 + 'A'.repeat(80 * 1024) }] },
				};
				const res = await call(own, 'POST', `/v1/printers/${printer.id}/print`, {
					token: t,
					body: big,
				});
				expect(res.status).toBe(500);
				expect(res.json.code).toBe('INTERNAL_SERVER_ERROR');
				expect(own.processedCount('print')).toBe(0);
				const small = await call(own, 'POST', `/v1/printers/${printer.id}/print`, {
					token: t,
					body: PRINT_BODY,
				});
				expect(small.status).toBe(401);
			} finally {
				await own.close();
			}
		});

		it('honours a changed token lifetime', async () => {
			const own = await startEmulator({ tokenLifetimeSeconds: 60 });
			try {
				own.setTokenLifetime(0.2);
				const res = await authenticate(own);
				expect(Date.parse(res.json.expirationTime) - Date.parse(res.json.creationTime)).toBe(200);
				await new Promise((r) => setTimeout(r, 250));
				expect((await call(own, 'GET', '/v1/printers', { token: res.json.authToken })).status).toBe(
					401,
				);
			} finally {
				await own.close();
			}
		});

		it('answers the OPTIONS probe with 204 for a valid token and 401 otherwise', async () => {
			emu.clearRequests();
			expect((await call(emu, 'OPTIONS', '/v1/printers', { token })).status).toBe(204);
			expect((await call(emu, 'OPTIONS', '/v1/printers')).status).toBe(401);
			expect(emu.count('OPTIONS')).toBe(2);
		});

		it('requires the web-session cookie when the token was issued with enableWebSession', async () => {
			const res = await authenticate(emu, { enableWebSession: true });
			const cookie = res.headers.get('set-cookie')!;
			expect(cookie).toMatch(/^INTELLITRUST_SESSION_ID=[^;]+; Path=\/; HttpOnly; Secure$/);
			const t = res.json.authToken;
			expect((await call(emu, 'GET', '/v1/printers', { token: t })).status).toBe(401);
			const withCookie = await call(emu, 'GET', '/v1/printers', {
				token: t,
				headers: { Cookie: cookie.split(';')[0] },
			});
			expect(withCookie.status).toBe(200);
		});

		it('never records the token or the shared secret', async () => {
			await call(emu, 'GET', '/v1/printers', { token });
			const recorded = JSON.stringify(emu.requests);
			expect(recorded).not.toContain(token);
			expect(recorded).not.toContain(DEMO_CREDENTIALS.sharedSecret);
			const last = emu.requests[emu.requests.length - 1];
			expect(last).toMatchObject({
				method: 'GET',
				path: '/api/web/v1/printers',
				operationId: 'readPrinters',
				status: 200,
				authorized: true,
			});
		});
	});

	describe('routing and validation', () => {
		it('prefers literal segments over templates', async () => {
			emu.clearRequests();
			expect((await call(emu, 'GET', '/v1/printers/summary', { token })).json).toEqual({
				printerCount: expect.any(Number),
			});
			await call(emu, 'GET', '/v2/printers/restricted', { token });
			const jobId = await printOnce(emu, token, (await firstPrinter(emu, token)).id);
			expect((await call(emu, 'DELETE', `/v1/printers/print/${jobId}`, { token })).status).toBe(
				204,
			);
			expect(emu.count('printersSummary')).toBe(1);
			expect(emu.count('getPrintersWithGroupRestriction')).toBe(1);
			expect(emu.count('cancelPrint')).toBe(1);
			expect(
				emu.count('readPrinter') +
					emu.count('readPrinterByDeviceId') +
					emu.count('deletePrinterWithTenantId'),
			).toBe(0);
		});

		it('answers 400 for a bad path parameter or body and 404 for an unknown path', async () => {
			const badId = await call(emu, 'GET', '/v1/printers/abc', { token });
			expect(badId.status).toBe(400);
			expect(badId.json).toMatchObject({ code: 'VALIDATION', target: 'path.printerId' });
			expect(badId.json.message).toMatch(/^path\.printerId: must match pattern/);
			const badType = await call(emu, 'PUT', `/v2/printers/${UNKNOWN_UUID}`, {
				token,
				body: { name: 42 },
			});
			expect(badType.status).toBe(400);
			expect(badType.json).toMatchObject({
				code: 'VALIDATION',
				target: 'body.name',
				message: 'body.name: must be string',
			});
			const badJson = await call(emu, 'POST', '/v1/printers', {
				token,
				rawBody: '{"name":',
				headers: { 'Content-Type': 'application/json' },
			});
			expect(badJson.status).toBe(400);
			const badLimit = await call(emu, 'POST', '/v2/prints/paginated', {
				token,
				body: { limit: 101 },
			});
			expect(badLimit.status).toBe(400);
			const unknown = await call(emu, 'GET', '/v9/nothing', { token });
			expect(unknown.status).toBe(404);
			expect(unknown.json.code).toBe('NOT_FOUND');
		});

		it('answers 501 for an operation without a handler', async () => {
			const own = await startEmulator();
			try {
				(own as any).registry.handlers.delete('printersSummary');
				const res = await call(own, 'GET', '/v1/printers/summary', { token: await tokenFor(own) });
				expect(res.status).toBe(501);
				expect(res.json.code).toBe('NOT_IMPLEMENTED');
			} finally {
				await own.close();
			}
		});

		it('turns an off-contract handler response into a loud 500', async () => {
			const own = await startEmulator();
			const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
			try {
				(own as any).registry.handlers.set('printersSummary', (_req: unknown, res: any) =>
					res.sendJson(200, { printerCount: 'many' }),
				);
				const res = await call(own, 'GET', '/v1/printers/summary', { token: await tokenFor(own) });
				expect(res.status).toBe(500);
				expect(res.json.code).toBe('EMULATOR_RESPONSE_INVALID');
			} finally {
				spy.mockRestore();
				await own.close();
			}
		});

		it('answers 403 "Access denied" without naming the permission', async () => {
			emu.setPermissions(['PRINTERS:VIEW']);
			expect((await call(emu, 'GET', '/v1/printers', { token })).status).toBe(200);
			const denied = await call(emu, 'POST', '/v1/printers', {
				token,
				body: { name: 'X', deviceId: '1111222233334444' },
			});
			expect(denied.status).toBe(403);
			expect(denied.json.message).toBe('Access denied');
			expect(denied.text).not.toContain('PRINTERS:ADD');
			expect(emu.processedCount('createPrinter')).toBe(0);
		});

		it('applies latency to every request', async () => {
			emu.setLatency(60);
			const started = Date.now();
			await call(emu, 'GET', '/v1/printers/summary', { token });
			expect(Date.now() - started).toBeGreaterThanOrEqual(55);
		});
	});

	describe('printers', () => {
		it('creates, reads, updates and deletes a printer', async () => {
			const created = await call(emu, 'POST', '/v1/printers', {
				token,
				body: { name: 'Lobby Kiosk', deviceId: 'abcdef0123456789', location: 'Lobby' },
			});
			expect(created.status).toBe(202);
			expect(created.json.link).toBe(`${emu.url}/api/web/v1/printers/${created.json.id}`);
			const id = created.json.id;

			const byId = await call(emu, 'GET', `/v1/printers/${id}`, { token });
			expect(byId.json).toMatchObject({
				id,
				name: 'Lobby Kiosk',
				deviceId: 'ABCDEF0123456789',
				status: 'IDLE',
			});
			expect((await call(emu, 'GET', '/v2/printers/ABCDEF0123456789', { token })).json.id).toBe(id);

			const duplicate = await call(emu, 'POST', '/v1/printers', {
				token,
				body: { name: 'lobby kiosk', deviceId: '9999999999999999' },
			});
			expect(duplicate.status).toBe(409);
			const sameDevice = await call(emu, 'POST', '/v1/printers', {
				token,
				body: { name: 'Other', deviceId: 'ABCDEF0123456789' },
			});
			expect(sameDevice.status).toBe(409);
			const noDevice = await call(emu, 'POST', '/v1/printers', {
				token,
				body: { name: 'No Device' },
			});
			expect(noDevice.status).toBe(400);
			expect(noDevice.json.target).toBe('body.deviceId');

			const updated = await call(emu, 'PUT', `/v2/printers/${id}`, {
				token,
				body: { name: 'Lobby Kiosk 2', location: 'Lobby, east' },
			});
			expect(updated.status).toBe(200);
			expect(updated.json).toMatchObject({ id, name: 'Lobby Kiosk 2', location: 'Lobby, east' });

			const prefs = {
				copies: 2,
				frontOrientation: 'PORTRAIT',
				lamination: { front: { Laminator1: 'APPLY_ONCE' } },
			};
			expect(
				(await call(emu, 'PUT', `/v1/printers/${id}/preferences`, { token, body: prefs })).status,
			).toBe(200);
			expect((await call(emu, 'GET', `/v1/printers/${id}/preferences`, { token })).json).toEqual(
				prefs,
			);

			expect((await call(emu, 'DELETE', `/v1/printers/${id}`, { token })).status).toBe(200);
			expect((await call(emu, 'GET', `/v1/printers/${id}`, { token })).status).toBe(404);
			expect((await call(emu, 'DELETE', `/v1/printers/${id}`, { token })).status).toBe(404);
		});

		it('hides group-restricted printers from /v2/printers/restricted', async () => {
			const all = (await call(emu, 'GET', '/v2/printers', { token })).json as any[];
			const visible = (await call(emu, 'GET', '/v2/printers/restricted', { token })).json as any[];
			expect(visible.length).toBeGreaterThan(0);
			expect(visible.length).toBeLessThan(all.length);
			expect(all.length).toBeGreaterThanOrEqual(3);
		});

		it('returns responses that match the spec schemas', async () => {
			const printer = schemaValidator('Printer');
			for (const p of (await call(emu, 'GET', '/v1/printers', { token })).json)
				expect(printer(p)).toBe(true);
			const checks: Array<[string, string, string, unknown?]> = [
				['readPrinters', 'GET', '/v1/printers'],
				['getPrinters', 'GET', '/v2/printers'],
				['printersSummary', 'GET', '/v1/printers/summary'],
				['getPrintCounts', 'GET', '/v1/printcounts'],
				['getPrintJobs', 'GET', '/v1/prints'],
				['getPaginatedPrintJobsV2', 'POST', '/v2/prints/paginated', { limit: 5 }],
			];
			for (const [operationId, method, path, body] of checks) {
				const res = await call(emu, method, path, { token, body });
				expect(
					validateResponse(operationId, res.status, res.headers.get('content-type'), res.text),
				).toBeNull();
			}
		});
	});

	describe('printing', () => {
		it('progresses one step per poll: QUEUED → IN_PROGRESS → COMPLETED', async () => {
			const printer = await firstPrinter(emu, token);
			const id = await printOnce(emu, token, printer.id);
			const seen: string[] = [];
			for (let i = 0; i < 4; i++) {
				const res = await call(emu, 'GET', `/v1/printers/print/${id}`, { token });
				expect(
					validateResponse('getPrintStatus', res.status, 'application/json', res.text),
				).toBeNull();
				seen.push(res.json.status);
			}
			expect(seen).toEqual(['QUEUED', 'IN_PROGRESS', 'COMPLETED', 'COMPLETED']);
			const job = await call(emu, 'GET', `/v1/prints/${id}`, { token });
			expect(job.json).toMatchObject({
				id,
				status: 'COMPLETED',
				queueState: 'COMPLETED',
				printerId: printer.id,
				creatorType: 'API',
			});
			expect(schemaValidator('PrintJob')(job.json)).toBe(true);
		});

		it('fails on a jammed printer or when the outcome is set to FAILED', async () => {
			const jammed = await firstPrinter(emu, token, 'Jammed');
			const id = await printOnce(emu, token, jammed.id);
			for (let i = 0; i < 2; i++) await call(emu, 'GET', `/v1/printers/print/${id}`, { token });
			const failed = await call(emu, 'GET', `/v1/printers/print/${id}`, { token });
			expect(failed.json).toMatchObject({
				status: 'FAILED',
				statusDetails: expect.stringMatching(/jam/i),
			});

			emu.setPrintOutcome('FAILED');
			const other = await printOnce(emu, token, (await firstPrinter(emu, token)).id);
			for (let i = 0; i < 2; i++) await call(emu, 'GET', `/v1/prints/${other}`, { token });
			expect((await call(emu, 'GET', `/v1/prints/${other}`, { token })).json.queueState).toBe(
				'FAILED',
			);
		});

		it('waits for smart-card commands before finishing', async () => {
			const printer = await firstPrinter(emu, token);
			const body = {
				...PRINT_BODY,
				smartcard: {
					commands: [
						{ type: 'COUPLER', command: 'CONNECT' },
						{ type: 'APDU', command: '00A4040000' },
					],
				},
			};
			const id = await printOnce(emu, token, printer.id, body);
			const poll = async () => (await call(emu, 'GET', `/v1/printers/print/${id}`, { token })).json;
			expect((await poll()).status).toBe('QUEUED');
			const early = await call(emu, 'PATCH', `/v1/printers/print/${id}`, {
				token,
				body: { smartcard: { commands: [] } },
			});
			expect(early.status).toBe(400);
			expect((await poll()).status).toBe('IN_PROGRESS');
			const waiting = await poll();
			expect(waiting.status).toBe('WAITING_SMARTCARD');
			expect(waiting.data.smartcardResponses).toHaveLength(2);
			expect((await poll()).status).toBe('WAITING_SMARTCARD');
			const patch = await call(emu, 'PATCH', `/v1/printers/print/${id}`, {
				token,
				body: {
					smartcard: {
						commands: [
							{ type: 'APDU', command: 'FD3500000100' },
							{ type: 'COUPLER', command: 'DISCONNECT' },
						],
					},
				},
			});
			expect(patch.status).toBe(202);
			expect(patch.json.printStatus.id).toBe(id);
			expect((await poll()).status).toBe('IN_PROGRESS');
			expect((await poll()).status).toBe('COMPLETED');
		});

		it('rejects bad card data and unknown printers', async () => {
			const printer = await firstPrinter(emu, token);
			const notImage = await call(emu, 'POST', `/v1/printers/${printer.id}/print`, {
				token,
				body: {
					print: { front: [{ layer: 'COLOR', data: Buffer.from('hello').toString('base64') }] },
				},
			});
			expect(notImage.status).toBe(400);
			expect(notImage.json.target).toBe('body.print.front[0].data');
			const badTrack = await call(emu, 'POST', `/v1/printers/${printer.id}/print`, {
				token,
				body: { magstripe: { front: { track1: 'B1234^NOT HEX' } } },
			});
			expect(badTrack.status).toBe(400);
			const badApdu = await call(emu, 'POST', `/v1/printers/${printer.id}/print`, {
				token,
				body: { smartcard: { commands: [{ type: 'APDU', command: 'XYZ' }] } },
			});
			expect(badApdu.status).toBe(400);
			const nothing = await call(emu, 'POST', `/v1/printers/${printer.id}/print`, {
				token,
				body: {},
			});
			expect(nothing.status).toBe(400);
			expect(
				(await call(emu, 'POST', `/v1/printers/${UNKNOWN_UUID}/print`, { token, body: PRINT_BODY }))
					.status,
			).toBe(404);
		});

		it('cancels a print, refuses to cancel a finished one and counts prints', async () => {
			const printer = await firstPrinter(emu, token);
			const id = await printOnce(emu, token, printer.id);
			expect((await call(emu, 'DELETE', `/v1/printers/print/${id}`, { token })).status).toBe(204);
			expect((await call(emu, 'GET', `/v1/printers/print/${id}`, { token })).json.status).toBe(
				'CANCELLED',
			);
			expect((await call(emu, 'DELETE', `/v1/printers/print/${id}`, { token })).status).toBe(204);

			const done = await printOnce(emu, token, printer.id);
			for (let i = 0; i < 3; i++) await call(emu, 'GET', `/v1/printers/print/${done}`, { token });
			expect((await call(emu, 'DELETE', `/v1/printers/print/${done}`, { token })).status).toBe(400);
			const counts = (await call(emu, 'GET', '/v1/printcounts', { token })).json.counts as any[];
			expect(counts.find((c) => c.name === 'COMPLETED').count).toBeGreaterThan(0);
			expect(counts.some((c) => c.name.startsWith(printer.name))).toBe(true);
		});

		it('holds jobs before printing until resumed', async () => {
			emu.setPrePrintHold(true);
			const id = await printOnce(emu, token, (await firstPrinter(emu, token)).id);
			expect((await call(emu, 'GET', `/v1/prints/${id}`, { token })).json).toMatchObject({
				status: 'AWAITING_PRINT',
				queueState: 'AWAITING_PRINT',
			});
			expect((await call(emu, 'GET', `/v1/prints/${id}`, { token })).json.status).toBe(
				'AWAITING_PRINT',
			);
			const resumed = await call(emu, 'POST', '/v1/print/resume', {
				token,
				body: { printJobId: id },
			});
			expect(resumed.status).toBe(200);
			expect(resumed.json).toEqual({ printJobId: id });
			expect(
				(await call(emu, 'POST', '/v1/print/resume', { token, body: { printJobId: id } })).status,
			).toBe(400);
			expect((await call(emu, 'GET', `/v1/prints/${id}`, { token })).json.status).toBe('QUEUED');
			expect(
				(await call(emu, 'POST', '/v1/print/resume', { token, body: { printJobId: UNKNOWN_UUID } }))
					.status,
			).toBe(404);
		});

		it('cancels all active jobs of a printer and deletes a job from the queue', async () => {
			const printer = await firstPrinter(emu, token);
			const ids = [
				await printOnce(emu, token, printer.id),
				await printOnce(emu, token, printer.id),
			];
			expect(
				(await call(emu, 'POST', `/v1/prints/${printer.id}/cancelAllActivePrints`, { token }))
					.status,
			).toBe(200);
			for (const id of ids)
				expect((await call(emu, 'GET', `/v1/prints/${id}`, { token })).json.status).toBe(
					'CANCELLED',
				);
			expect((await call(emu, 'DELETE', `/v1/prints/${ids[0]}`, { token })).status).toBe(200);
			expect((await call(emu, 'GET', `/v1/prints/${ids[0]}`, { token })).status).toBe(404);
		});
	});

	describe('paginated print queue', () => {
		it('walks 25 jobs in pages of 10 with an opaque cursor', async () => {
			const own = await startEmulator();
			try {
				const t = await tokenFor(own);
				const printer = await firstPrinter(own, t);
				for (let i = 0; i < 25; i++) await printOnce(own, t, printer.id);
				const pages: any[] = [];
				let cursor: string | undefined;
				do {
					const res = await call(own, 'POST', '/v2/prints/paginated', {
						token: t,
						body: { limit: 10, cursor },
					});
					expect(res.status).toBe(200);
					expect(
						validateResponse('getPaginatedPrintJobsV2', 200, 'application/json', res.text),
					).toBeNull();
					pages.push(res.json);
					cursor = res.json.paging.nextCursor;
				} while (cursor);
				expect(pages.map((p) => p.printJobs.length)).toEqual([10, 10, 5]);
				expect(pages[0].paging.prevCursor).toBeUndefined();
				expect(pages[1].paging.prevCursor).toEqual(expect.any(String));
				const jobIds = pages.flatMap((p) => p.printJobs.map((j: any) => j.jobId));
				expect(new Set(jobIds).size).toBe(25);
				expect(pages[0].printJobs[0].id).toBe(25); // newest first, integer ids

				const filtered = await call(own, 'POST', '/v2/prints/paginated', {
					token: t,
					body: {
						limit: 100,
						searchByAttributes: [{ name: 'Printer Name', operator: 'EQUALS', value: printer.name }],
					},
				});
				expect(filtered.json.printJobs).toHaveLength(25);
				expect(filtered.json.paging.nextCursor).toBeUndefined();
				const unknownAttr = await call(own, 'POST', '/v2/prints/paginated', {
					token: t,
					body: { searchByAttributes: [{ name: 'colour', operator: 'EQUALS', value: 'x' }] },
				});
				expect(unknownAttr.status).toBe(400);
				const badCursor = await call(own, 'POST', '/v2/prints/paginated', {
					token: t,
					body: { cursor: 'not-a-cursor' },
				});
				expect(badCursor.status).toBe(400);
				const defaults = await call(own, 'POST', '/v2/prints/paginated', { token: t });
				expect(defaults.json.paging.limit).toBe(10);
			} finally {
				await own.close();
			}
		});
	});

	describe('fault injection', () => {
		it('answers 429 with Retry-After once, then recovers', async () => {
			emu.clearRequests();
			const rule = emu.faults.add({
				operationId: 'readPrinters',
				action: {
					status: 429,
					headers: { 'Retry-After': '2' },
					body: { code: 'TOO_MANY_REQUESTS', message: 'Slow down' },
				},
			});
			const limited = await call(emu, 'GET', '/v1/printers', { token });
			expect(limited.status).toBe(429);
			expect(limited.headers.get('retry-after')).toBe('2');
			expect(limited.json.code).toBe('TOO_MANY_REQUESTS');
			expect((await call(emu, 'GET', '/v1/printers', { token })).status).toBe(200);
			expect(rule.hits).toBe(1);
			expect(emu.count('readPrinters')).toBe(2);
			expect(emu.processedCount('readPrinters')).toBe(1);
			expect(emu.requests[0].fault).toBe(true);
		});

		it('skips, repeats and serves non-JSON bodies', async () => {
			emu.faults.add({
				pathPrefix: '/v1/printers/summary',
				skip: 1,
				times: 2,
				action: { status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' },
			});
			expect((await call(emu, 'GET', '/v1/printers/summary', { token })).status).toBe(200);
			const gateway = await call(emu, 'GET', '/v1/printers/summary', { token });
			expect(gateway.status).toBe(502);
			expect(gateway.headers.get('content-type')).toBe('text/html');
			expect(gateway.text).toContain('Bad Gateway');
			expect((await call(emu, 'GET', '/v1/printers/summary', { token })).status).toBe(502);
			expect((await call(emu, 'GET', '/v1/printers/summary', { token })).status).toBe(200);
			emu.faults.add({
				method: 'GET',
				pathPrefix: '/api/web/v1/printers/summary',
				action: { status: 503 },
			});
			const empty = await call(emu, 'GET', '/v1/printers/summary', { token });
			expect(empty.status).toBe(503);
			expect(empty.text).toBe('');
		});

		it('resets the connection without answering', async () => {
			emu.clearRequests();
			emu.faults.add({ operationId: 'printersSummary', action: { reset: true } });
			await expect(call(emu, 'GET', '/v1/printers/summary', { token })).rejects.toThrow();
			expect(emu.requests[0]).toMatchObject({
				operationId: 'printersSummary',
				status: 0,
				fault: true,
			});
			expect(emu.processedCount('printersSummary')).toBe(0);
			expect((await call(emu, 'GET', '/v1/printers/summary', { token })).status).toBe(200);
		});

		it('processes the request but loses the answer (processThen)', async () => {
			emu.clearRequests();
			const printer = await firstPrinter(emu, token);
			const before = emu.state.printJobs.size;
			emu.faults.add({
				operationId: 'print',
				action: { processThen: { status: 504, body: 'Gateway Timeout' } },
			});
			const lost = await call(emu, 'POST', `/v1/printers/${printer.id}/print`, {
				token,
				body: PRINT_BODY,
			});
			expect(lost.status).toBe(504);
			expect(emu.processedCount('print')).toBe(1);
			expect(emu.state.printJobs.size).toBe(before + 1);

			emu.faults.add({ operationId: 'print', action: { processThen: { reset: true } } });
			await expect(
				call(emu, 'POST', `/v1/printers/${printer.id}/print`, { token, body: PRINT_BODY }),
			).rejects.toThrow();
			expect(emu.processedCount('print')).toBe(2);
			expect(emu.count('print')).toBe(2);
		});

		it('truncates a response body and delays an answer', async () => {
			emu.faults.add({ operationId: 'readPrinters', action: { truncate: true } });
			await expect(call(emu, 'GET', '/v1/printers', { token })).rejects.toThrow();
			emu.faults.add({ operationId: 'printersSummary', action: { delayMs: 80 } });
			const started = Date.now();
			expect((await call(emu, 'GET', '/v1/printers/summary', { token })).status).toBe(200);
			expect(Date.now() - started).toBeGreaterThanOrEqual(75);
		});

		it('refuses rules without an action', () => {
			expect(() => emu.faults.add({ operationId: 'print' } as any)).toThrow(/action/);
		});
	});

	describe('shutdown', () => {
		it('closes promptly with keep-alive sockets and a request in flight', async () => {
			const own = await startEmulator();
			const t = await tokenFor(own);
			own.faults.add({ operationId: 'readPrinters', action: { delayMs: 10_000 } });
			// fetch errors come from Node's realm, not jest's: compare outcomes, not Error classes.
			const pending = call(own, 'GET', '/v1/printers', { token: t }).then(
				() => 'answered',
				() => 'failed',
			);
			await new Promise((r) => setTimeout(r, 50));
			const started = Date.now();
			await own.close();
			expect(Date.now() - started).toBeLessThan(1000);
			expect(await pending).toBe('failed');
			expect((own as any).server.listening).toBe(false);
			await expect(fetch(`${own.url}/api/web/v1/printers`)).rejects.toThrow();
		});
	});
});
