/**
 * The node's folders depend downward only: the trigger and the resources share webhook rules through the neutral
 * `webhooks/` module and never import each other, in either direction; `webhooks/` imports neither.
 */
import fs from 'node:fs';
import path from 'node:path';

import { importedPaths } from '../helpers/imports';

const NODE_DIR = path.resolve(__dirname, '../../nodes/EntrustIidaas');
const TRIGGER = [
	path.join(NODE_DIR, 'trigger'),
	path.join(NODE_DIR, 'EntrustIidaasTrigger.node.ts'),
];
const RESOURCES = [path.join(NODE_DIR, 'resources')];
const NEUTRAL = [path.join(NODE_DIR, 'webhooks')];

function filesUnder(target: string): string[] {
	if (!fs.statSync(target).isDirectory()) return [target];
	return fs
		.readdirSync(target, { withFileTypes: true })
		.flatMap((entry) => filesUnder(path.join(target, entry.name)));
}

const sources = (targets: string[]) =>
	targets.flatMap(filesUnder).filter((file) => /\.[cm]?[jt]s$/.test(file));
const inside = (file: string, targets: string[]) =>
	targets.some((target) => file === target || file.startsWith(target + path.sep));

/** `file → imported` pairs where a file under `from` imports something under `to`. */
function crossings(from: string[], to: string[]): string[] {
	return sources(from).flatMap((file) =>
		importedPaths(file, fs.readFileSync(file, 'utf8'))
			.filter((target) => inside(target, to) || inside(`${target}.ts`, to))
			.map((target) => `${path.relative(NODE_DIR, file)} → ${path.relative(NODE_DIR, target)}`),
	);
}

describe('folder boundaries of the node', () => {
	it('finds the files it checks', () => {
		expect(sources(TRIGGER).length).toBeGreaterThan(5);
		expect(sources(RESOURCES).length).toBeGreaterThan(50);
		expect(sources(NEUTRAL).length).toBeGreaterThan(0);
	});

	it('recognises every import form (self-check)', () => {
		const file = path.join(NODE_DIR, 'resources/webhook/example.ts');
		const text = [
			"import { a } from '../../trigger/events';",
			"import type {\n\tB,\n} from '../../trigger/signature';",
			"export * from '../../trigger/delivery';",
			"import '../../trigger/sideEffect';",
			"const c = require('../../trigger/lifecycle');",
			"const d = await import('../../EntrustIidaasTrigger.node');",
			"import { e } from 'n8n-workflow';",
		].join('\n');
		const found = importedPaths(file, text).map((target) => path.relative(NODE_DIR, target));
		expect(found).toEqual([
			'trigger/events',
			'trigger/signature',
			'trigger/delivery',
			'trigger/sideEffect',
			'trigger/lifecycle',
			'EntrustIidaasTrigger.node',
		]);
		expect(
			found.every(
				(target) =>
					inside(path.join(NODE_DIR, target), TRIGGER) ||
					inside(path.join(NODE_DIR, `${target}.ts`), TRIGGER),
			),
		).toBe(true);
	});

	it('nothing under resources/ imports from the trigger', () => {
		expect(crossings(RESOURCES, TRIGGER)).toEqual([]);
	});

	it('nothing in the trigger imports from resources/', () => {
		expect(crossings(TRIGGER, RESOURCES)).toEqual([]);
	});

	it('the neutral webhooks/ module imports neither side', () => {
		expect(crossings(NEUTRAL, [...TRIGGER, ...RESOURCES])).toEqual([]);
	});
});
