/**
 * The repository stands alone: a user clones it into an empty folder and both README commands work there. This test
 * fails when a source, script, tool or test refers to a path outside the repository (a sibling folder such as
 * `../shared`, an absolute path on a developer's machine, or a relative path that climbs above the root).
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SKIP_DIRS = new Set([
	'node_modules',
	'.git',
	'dist',
	'.n8n-runtime',
	'.n8n-home',
	'artifacts',
	'coverage',
	'.tmp',
]);
const CODE = /\.(?:[cm]?js|ts|sh|json)$/;
const NOT_CODE = new Set(['package-lock.json', 'iidaas-issuance-5.46.json']);

function sourceFiles(dir: string, out: string[] = []): string[] {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		if (entry.isDirectory()) {
			if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.n8n-runtime'))
				sourceFiles(path.join(dir, entry.name), out);
		} else if (CODE.test(entry.name) && !NOT_CODE.has(entry.name)) {
			out.push(path.join(dir, entry.name));
		}
	}
	return out;
}

const inside = (target: string) => target === ROOT || target.startsWith(ROOT + path.sep);

/** Paths a file names, resolved against the file's own folder where they are relative. */
export function outsideReferences(file: string, text: string): string[] {
	const found: string[] = [];
	const base = path.dirname(file);
	// '../x', '../../x', '..' as string literals: relative to the file (require, path.resolve(__dirname, …), fs reads).
	for (const match of text.matchAll(/['"`](\.\.(?:\/[^'"`\s$]*)?)['"`]/g)) {
		if (!inside(path.resolve(base, match[1]))) found.push(match[1]);
	}
	// path.join(__dirname, '..', '..', …): one literal per segment.
	for (const match of text.matchAll(/__dirname((?:\s*,\s*['"]\.\.['"])+)/g)) {
		const ups = (match[1].match(/\.\./g) ?? []).length;
		if (!inside(path.resolve(base, ...Array(ups).fill('..')))) found.push(`__dirname${match[1]}`);
	}
	// Shell: "$here/../..", "$(dirname "$0")/..".
	for (const match of text.matchAll(
		/(?:\$here|\$\(dirname "\$(?:0|\{BASH_SOURCE\[0\]\})"\))((?:\/\.\.)+)/g,
	)) {
		if (!inside(path.resolve(base, `.${match[1]}`))) found.push(match[0]);
	}
	// A sibling of the repository by name, and absolute paths of a developer's machine.
	for (const match of text.matchAll(
		/(?:\.\.\/)+shared\/|['"`](?:\/work|\/home|\/root|\/Users)\/[^'"`]*['"`]/g,
	))
		found.push(match[0]);
	return found;
}

describe('the repository stands alone', () => {
	// This file itself holds counter-examples for the self-check below.
	const files = sourceFiles(ROOT).filter((file) => file !== __filename);

	it('finds the sources, scripts, tools and tests it checks', () => {
		const relative = files.map((file) => path.relative(ROOT, file));
		for (const expected of ['nodes', 'credentials', 'tools', 'test', 'scripts', 'bench', 'spec']) {
			expect(relative.some((file) => file.startsWith(`${expected}/`))).toBe(true);
		}
	});

	it('no file refers to a path outside the repository', () => {
		const offenders = files.flatMap((file) =>
			outsideReferences(file, fs.readFileSync(file, 'utf8')).map(
				(reference) => `${path.relative(ROOT, file)}: ${reference}`,
			),
		);
		expect(offenders).toEqual([]);
	});

	it('catches what it is meant to catch', () => {
		const file = path.join(ROOT, 'tools', 'emulator', 'openapi.js');
		expect(
			// Built from parts so that this counter-example is not itself a reference to a sibling folder.
			outsideReferences(
				file,
				`require(path.resolve(__dirname, '${['..', '..', '..', 'shared', 'openapi', 'x.json'].join('/')}'))`,
			),
		).not.toEqual([]);
		expect(outsideReferences(file, "path.join(__dirname, '..', '..', '..')")).not.toEqual([]);
		expect(outsideReferences(file, "fs.readFileSync('/work/shared/x.json')")).not.toEqual([]);
		expect(
			outsideReferences(
				path.join(ROOT, 'scripts', 'n8n', 'x.sh'),
				'repo="$(cd "$here/../../.." && pwd)"',
			),
		).not.toEqual([]);
		expect(outsideReferences(file, "require('../../spec')")).toEqual([]);
		expect(
			outsideReferences(
				path.join(ROOT, 'scripts', 'n8n', 'x.sh'),
				'repo="$(cd "$here/../.." && pwd)"',
			),
		).toEqual([]);
	});

	it('the OpenAPI contract is read from spec/', () => {
		const { SPEC_PATH } = require('../../spec') as { SPEC_PATH: string };
		expect(inside(SPEC_PATH)).toBe(true);
		expect(JSON.parse(fs.readFileSync(SPEC_PATH, 'utf8')).info.version).toBe('5.46');
	});
});
