/**
 * House rules from the developers' guide that hold for the whole repository: no source file of the package over
 * 300 lines, and nothing outside test/ depends on test/ (the package, tools, scripts and benchmark must work
 * without the tests).
 */
import fs from 'node:fs';
import path from 'node:path';

import { importedPaths } from '../helpers/imports';

const ROOT = path.resolve(__dirname, '../..');
const TEST_DIR = path.join(ROOT, 'test');
const MAX_LINES = 300;
/** Everything outside test/ that holds code; root-level files (index.js, configs) are checked too. */
const OUTSIDE_TEST = ['nodes', 'credentials', 'tools', 'scripts', 'bench', 'spec'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage', 'artifacts']);
const CODE = /\.(?:[cm]?js|[cm]?ts)$/;

function codeFilesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory())
			return SKIP_DIRS.has(entry.name) || entry.name.startsWith('.') ? [] : codeFilesUnder(full);
		return CODE.test(entry.name) ? [full] : [];
	});
}

/** Lines as `wc -l` counts them, plus a last line without a final newline. */
function lineCount(text: string): number {
	if (text === '') return 0;
	const newlines = text.split('\n').length - 1;
	return text.endsWith('\n') ? newlines : newlines + 1;
}

/** The imports of `file` that resolve into test/. */
function testImports(file: string, text: string): string[] {
	return importedPaths(file, text).filter(
		(target) => target === TEST_DIR || target.startsWith(TEST_DIR + path.sep),
	);
}

const relative = (file: string) => path.relative(ROOT, file);

describe('file length', () => {
	const sources = ['nodes', 'credentials']
		.flatMap((dir) => codeFilesUnder(path.join(ROOT, dir)))
		.filter((file) => file.endsWith('.ts'));

	it('counts lines like wc -l (self-check)', () => {
		expect(lineCount('')).toBe(0);
		expect(lineCount('a\n')).toBe(1);
		expect(lineCount('a\nb')).toBe(2);
		expect(lineCount('a\n\nb\n')).toBe(3);
	});

	it('finds the node and credential sources', () => {
		expect(sources.length).toBeGreaterThan(100);
		expect(sources.some((file) => file.startsWith(path.join(ROOT, 'credentials')))).toBe(true);
	});

	it(`keeps every .ts file under nodes/ and credentials/ at ${MAX_LINES} lines or fewer`, () => {
		const tooLong = sources
			.map((file) => ({ file, lines: lineCount(fs.readFileSync(file, 'utf8')) }))
			.filter(({ lines }) => lines > MAX_LINES)
			.map(({ file, lines }) => `${relative(file)}: ${lines} lines`);
		expect(tooLong).toEqual([]);
	});
});

describe('nothing outside test/ depends on test/', () => {
	const files = [
		...OUTSIDE_TEST.flatMap((dir) => codeFilesUnder(path.join(ROOT, dir))),
		...fs
			.readdirSync(ROOT, { withFileTypes: true })
			.filter((entry) => entry.isFile() && CODE.test(entry.name))
			.map((entry) => path.join(ROOT, entry.name)),
	];

	it('finds the files it checks in every folder', () => {
		const empty = OUTSIDE_TEST.filter(
			(dir) => !files.some((file) => file.startsWith(path.join(ROOT, dir) + path.sep)),
		);
		expect(empty).toEqual([]);
		expect(files).toContain(path.join(ROOT, 'index.js'));
	});

	it('recognises imports and requires that reach into test/ (self-check)', () => {
		const file = path.join(ROOT, 'tools/n8n/example.js');
		const text = [
			"import { a } from '../../test/helpers/emulator';",
			"export * from '../../test/helpers/trigger';",
			"const b = require('../../test/e2e/setup');",
			"const c = await import('../../test');",
			"const d = require('../emulator');",
			"import { e } from 'test';",
			"const f = require('../../testing/x');",
		].join('\n');
		expect(testImports(file, text).map(relative)).toEqual([
			'test/helpers/emulator',
			'test/helpers/trigger',
			'test/e2e/setup',
			'test',
		]);
	});

	it('no file in nodes, credentials, tools, scripts, bench, spec or the root imports or requires from test/', () => {
		const found = files.flatMap((file) =>
			testImports(file, fs.readFileSync(file, 'utf8')).map(
				(target) => `${relative(file)} → ${relative(target)}`,
			),
		);
		expect(found).toEqual([]);
	});
});
