/**
 * Spec coverage: every non-deprecated operation of the IIDaaS spec is sent by some node operation, and sending it
 * through the node's real execute path produces a request the emulator accepts (it validates each one against
 * the spec and answers 400 otherwise).
 */
import { listOperations } from '../../tools/emulator';
import { useEmulator } from '../helpers/emulator';
import { findOperation } from '../../nodes/EntrustIidaas/framework/define';
import { resources } from '../../nodes/EntrustIidaas/resources';
import { OPERATIONS, specOperationId } from './operations';

const specOperations = listOperations();
const active = specOperations
	.filter((operation) => !operation.deprecated)
	.map((operation) => operation.operationId);
const deprecated = new Set(
	specOperations
		.filter((operation) => operation.deprecated)
		.map((operation) => operation.operationId),
);
const entries = Object.entries(OPERATIONS);

describe('spec coverage table', () => {
	it('names every non-deprecated spec operation', () => {
		const missing = active.filter((operationId) => !(operationId in OPERATIONS));
		const covered = active.length - missing.length;
		if (missing.length > 0) {
			const lines = missing.map((operationId) => {
				const operation = specOperations.find(
					(candidate) => candidate.operationId === operationId,
				)!;
				return `  ${operationId}  ${operation.method.toUpperCase()} ${operation.path}  [${operation.tags.join(', ')}]`;
			});
			throw new Error(
				`Spec coverage ${covered}/${active.length}: no node operation sends\n${lines.join('\n')}`,
			);
		}
		expect(covered).toBe(active.length);
	});

	it('holds no deprecated or unknown operation', () => {
		const known = new Set(specOperations.map((operation) => operation.operationId));
		expect(
			entries
				.map(([key]) => specOperationId(key))
				.filter((operationId) => deprecated.has(operationId)),
		).toEqual([]);
		expect(
			entries.map(([key]) => specOperationId(key)).filter((operationId) => !known.has(operationId)),
		).toEqual([]);
	});

	it('has an entry for every operation the node registers', () => {
		const tabled = new Set(entries.map(([, entry]) => `${entry.resource}/${entry.operation}`));
		const untested = resources
			.flatMap((resource) =>
				resource.operations.map((operation) => `${resource.value}/${operation.value}`),
			)
			.filter((key) => !tabled.has(key));
		expect(untested).toEqual([]);
	});

	it('names only registered resources and operations', () => {
		const unknown = entries
			.filter(([, entry]) => !findOperation(resources, entry.resource, entry.operation))
			.map(([operationId, entry]) => `${operationId} → ${entry.resource}/${entry.operation}`);
		expect(unknown).toEqual([]);
	});
});

describe('every table entry reaches its operation on the emulator', () => {
	const fixture = useEmulator();
	const sentOperations = new Set<string>();
	const runnable = entries.filter(([, entry]) =>
		findOperation(resources, entry.resource, entry.operation),
	);

	it.each(
		runnable.map(
			([operationId, entry]) =>
				[operationId, `${entry.resource}/${entry.operation}`, entry] as const,
		),
	)('%s via %s', async (operationId, _label, entry) => {
		const { emulator } = fixture;
		const overrides =
			(await entry.emulatorSetup?.(emulator, (params, options) => fixture.run(params, options))) ??
			{};
		emulator.clearRequests();

		await fixture.run(
			{ resource: entry.resource, operation: entry.operation, ...entry.params, ...overrides },
			{ items: entry.items?.() },
		);

		for (const request of emulator.requests)
			if (request.operationId) sentOperations.add(request.operationId);
		// Only API paths: the webhook test event the emulator posts to its own callback path is no node request.
		const rejected = emulator.requests.filter(
			(request) =>
				request.path.startsWith('/api/web') &&
				(request.status === 400 || request.operationId === null),
		);
		expect(rejected).toEqual([]);
		expect(emulator.count(specOperationId(operationId))).toBeGreaterThanOrEqual(1);
	});

	it('never sends a deprecated operation', () => {
		expect([...sentOperations].filter((operationId) => deprecated.has(operationId))).toEqual([]);
	});
});
