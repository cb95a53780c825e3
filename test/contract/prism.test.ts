/**
 * Contract test against Stoplight Prism, an independent validator of the spec: every table entry runs through
 * the node's real execute path against Prism's mock, and any request Prism rejects (4xx, or a request violation
 * in its `sl-violations` header) fails the entry. Prism cannot model state, so only the requests are judged:
 * an entry may fail afterwards on mocked data, but never before its own request went out and was accepted.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { validateRequest } from '../../tools/emulator';
import { findOperation } from '../../nodes/EntrustIidaas/framework/define';
import { resources } from '../../nodes/EntrustIidaas/resources';
import { OPERATIONS, SAMPLE, specOperationId } from './operations';
import { runRecorded, startPrism } from './prism';
import type { Exchange, PrismServer, RecordedRun } from './prism';

const CREDENTIALS = {
	applicationId: 'd3737e0f-4d8e-431c-b1d8-cd17ad4d633d',
	sharedSecret: 'contract-test-shared-secret',
};

let prism: PrismServer;
/** Entries whose requests were accepted but whose output parsing failed on mocked data. */
const tolerated: string[] = [];

beforeAll(async () => {
	prism = await startPrism();
}, 90000);

afterAll(async () => {
	await prism?.stop();
	if (tolerated.length > 0)
		console.info(`Requests accepted, then failed on Prism's mocked data:\n${tolerated.join('\n')}`);
});

function operationIdOf(exchange: Exchange): string | undefined {
	return validateRequest({ method: exchange.method, path: exchange.path }).operationId;
}

/** A request Prism did not accept: an error status, a violation located in the request, or no answer at all. */
function problems(run: RecordedRun): string[] {
	return run.exchanges
		.filter(
			(exchange) =>
				exchange.networkError !== undefined ||
				(exchange.status ?? 0) >= 400 ||
				exchange.violations.some((violation) => violation.location[0] === 'request'),
		)
		.map((exchange) => {
			const reasons = exchange.violations
				.filter((violation) => violation.location[0] === 'request')
				.map((violation) => `${violation.location.join('.')}: ${violation.message}`);
			return `${exchange.method} ${exchange.path} → ${exchange.networkError ?? exchange.status}${reasons.length ? ` (${reasons.join('; ')})` : ''}`;
		});
}

async function run(params: Record<string, unknown>, items?: () => INodeExecutionData[]) {
	return await runRecorded({
		credentials: { accountUrl: prism.url, ...CREDENTIALS },
		params,
		items: items?.(),
	});
}

describe('Prism mock', () => {
	it('signs in once and its mocked token is accepted by later calls', async () => {
		// The mocked token's times lie in the past, but its one-hour lifetime is what the client goes by.
		const recorded = await run({
			resource: 'printer',
			operation: 'updatePreferences',
			printerId: { __rl: true, mode: 'id', value: SAMPLE.uuid },
			preferences: { copies: 2 },
		});
		expect(recorded.error).toBeUndefined();
		expect(recorded.exchanges.map(operationIdOf)).toEqual([
			'authenticateAdminApiUsingPOST',
			'readPrinterPreferences',
			'replacePrinterPreferences',
		]);
		expect(problems(recorded)).toEqual([]);
	});

	it('reports a request that breaks the spec as a problem (the check can fail)', async () => {
		const recorded = await runRecorded({
			credentials: { accountUrl: prism.url, ...CREDENTIALS },
			params: {
				resource: 'printer',
				operation: 'get',
				printerId: { __rl: true, mode: 'id', value: SAMPLE.uuid },
			},
			// Break the request on its way out, as a node bug would.
			beforeRequest: (count, request) => {
				if (count === 2) request.url = String(request.url).replace(/[^/]+$/, 'not-a-printer-id');
			},
		});
		expect(problems(recorded)).toEqual([
			expect.stringMatching(
				/printers\/not-a-printer-id → 400 \(request\.path\.printerid: .*pattern/,
			),
		]);
	});
});

const runnable = Object.entries(OPERATIONS).filter(([, entry]) =>
	findOperation(resources, entry.resource, entry.operation),
);

describe('every table entry sends requests Prism accepts', () => {
	it.each(
		runnable.map(
			([operationId, entry]) =>
				[operationId, `${entry.resource}/${entry.operation}`, entry] as const,
		),
	)('%s via %s', async (operationId, _label, entry) => {
		const recorded = await run(
			{ resource: entry.resource, operation: entry.operation, ...entry.params },
			entry.items,
		);

		expect(problems(recorded)).toEqual([]);
		const sent = recorded.exchanges.map(operationIdOf);
		expect(sent).toContain(specOperationId(operationId));
		if (recorded.error) {
			// Tolerated only after the entry's own request was accepted: the node's follow-up logic may not cope
			// with mocked data. Input validation fails before sending, so it can never pass this way.
			const own = recorded.exchanges.filter(
				(exchange) => operationIdOf(exchange) === specOperationId(operationId),
			);
			expect(own.some((exchange) => (exchange.status ?? 0) < 300)).toBe(true);
			tolerated.push(`${operationId}: ${recorded.error.message}`);
		}
	});
});
