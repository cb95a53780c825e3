import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const ALLOWED = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE$/,
	/^CHANGELOG\.md$/,
	/^index\.js$/,
	/^dist\/(nodes|credentials)\/.+\.js$/,
	/^dist\/nodes\/.+\.node\.json$/,
	/^dist\/icons\/[\w.-]+\.svg$/,
];

describe('npm package contents', () => {
	let files: string[];

	beforeAll(() => {
		if (!fs.existsSync(path.join(ROOT, 'dist/nodes/EntrustIidaas/EntrustIidaas.node.js'))) {
			execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
		}
		const packed = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json'], {
				cwd: ROOT,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}),
		);
		files = packed[0].files.map((file: { path: string }) => file.path);
	}, 120_000);

	it('holds only built code, icons, codex, README, LICENSE, CHANGELOG and package.json', () => {
		const unexpected = files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)));
		expect(unexpected).toEqual([]);
	});

	it('holds every file package.json registers with n8n, and the icons they name', () => {
		const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
		for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials])
			expect(files).toContain(file);
		expect(files).toEqual(
			expect.arrayContaining([
				'dist/icons/entrustIidaas.svg',
				'dist/icons/entrustIidaas.dark.svg',
				'dist/nodes/EntrustIidaas/EntrustIidaas.node.json',
				'README.md',
				'LICENSE',
				'CHANGELOG.md',
			]),
		);
	});

	it('holds no tests, emulator, sources, source maps or secrets', () => {
		expect(
			files.filter((file) =>
				/(^|\/)test\/|\.test\.|emulator|\.ts$|\.map$|\.env|\.npmrc/.test(file),
			),
		).toEqual([]);
	});

	it('has no runtime dependencies and n8n-workflow only as a peer', () => {
		const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(Object.keys(manifest.peerDependencies)).toEqual(['n8n-workflow']);
		expect(manifest.keywords).toContain('n8n-community-node-package');
	});
});
