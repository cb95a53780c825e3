/**
 * The README's manual install, as a user runs it: `cd ~/.n8n/nodes && npm install n8n-nodes-entrust-iidaas`, in an
 * empty folder, with the machine's Node 20 and npm and none of this project's npm settings. Once with the packed
 * tarball, once by name from a local npm registry (Verdaccio, tools/n8n/registry.js) holding the published package,
 * and once more with Node 24 when the pinned n8n runtime (which brings it) is installed.
 *
 * It must succeed quickly and install nothing but the package: `n8n-workflow` is an optional peer dependency
 * (peerDependenciesMeta), which npm leaves to the host n8n. Without that, npm pulls n8n-workflow 2.x and isolated-vm,
 * which fails on Node 20 and compiles for minutes on Node 22.
 */
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import * as n8n from '../../tools/n8n/driver';
import { startRegistry } from '../../tools/n8n/registry';

const PACKAGE = 'n8n-nodes-entrust-iidaas';
/** Generous for a 2-core machine shared with other work; the install itself takes a few seconds. */
const QUICK_MS = 60_000;

let tarball: string;
let registry: Awaited<ReturnType<typeof startRegistry>>;
const folders: string[] = [];
const timings: string[] = [];

/** The environment of a user's shell: none of the npm_config_* settings that `npm test` / npx put around jest. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env))
		if (!/^npm_|^NODE_OPTIONS$|^INIT_CWD$/i.test(key)) env[key] = value;
	return { ...env, ...extra };
}

/** The npm CLI of the machine, run by the given Node binary. */
function npmCommand(node: string): [string, string[]] {
	if (node === process.execPath) return ['npm', []];
	const which = spawnSync('bash', ['-c', 'readlink -f "$(command -v npm)"'], {
		encoding: 'utf8',
	}).stdout.trim();
	return [node, [which]];
}

function install(
	spec: string,
	{ node = process.execPath, registryUrl }: { node?: string; registryUrl?: string } = {},
) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-folder-'));
	folders.push(folder);
	const [cmd, prefix] = npmCommand(node);
	const env = userEnv(registryUrl ? { npm_config_registry: registryUrl } : {});
	env.PATH = `${path.dirname(node)}${path.delimiter}${env.PATH ?? ''}`;
	const started = Date.now();
	const result = spawnSync(cmd, [...prefix, 'install', spec], {
		cwd: folder,
		env,
		encoding: 'utf8',
		timeout: 5 * 60_000,
	});
	const ms = Date.now() - started;
	const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
	timings.push(
		`npm install ${spec.startsWith('/') ? path.basename(spec) : spec} (Node ${version}): ${(ms / 1000).toFixed(1)} s`,
	);
	const modules = fs.existsSync(path.join(folder, 'node_modules'))
		? fs.readdirSync(path.join(folder, 'node_modules')).filter((name) => !name.startsWith('.'))
		: [];
	const lockPath = path.join(folder, 'package-lock.json');
	const locked = fs.existsSync(lockPath)
		? Object.keys(JSON.parse(fs.readFileSync(lockPath, 'utf8')).packages).filter(Boolean)
		: [];
	return {
		status: result.status,
		output: `${result.stdout}${result.stderr}`,
		ms,
		modules,
		locked,
		folder,
	};
}

function expectOnlyThePackage(result: ReturnType<typeof install>) {
	expect({ status: result.status, output: result.status === 0 ? '' : result.output }).toEqual({
		status: 0,
		output: '',
	});
	expect(result.modules).toEqual([PACKAGE]);
	expect(result.locked).toEqual([`node_modules/${PACKAGE}`]);
	expect(result.ms).toBeLessThan(QUICK_MS);
	const installed = JSON.parse(
		fs.readFileSync(path.join(result.folder, 'node_modules', PACKAGE, 'package.json'), 'utf8'),
	);
	expect(installed.peerDependenciesMeta).toEqual({ 'n8n-workflow': { optional: true } });
	expect(
		fs.existsSync(
			path.join(
				result.folder,
				'node_modules',
				PACKAGE,
				'dist/nodes/EntrustIidaas/EntrustIidaas.node.js',
			),
		),
	).toBe(true);
}

beforeAll(async () => {
	tarball = n8n.packPackage();
	registry = await startRegistry();
	registry.publish(tarball);
});

afterAll(async () => {
	if (registry) await registry.stop();
	for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
	if (tarball && !process.env.E2E_TARBALL)
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	// eslint-disable-next-line no-console
	console.log(`manual install timings\n  ${timings.join('\n  ')}`);
});

// The machine's Node is 20 here and in CI (.github/workflows/ci.yml); the timings line names the version used.
test("npm install <packed tarball> in an empty folder on the machine's Node installs the package and nothing else", () => {
	expectOnlyThePackage(install(tarball));
});

test("the README command, npm install n8n-nodes-entrust-iidaas, from a registry on the machine's Node", () => {
	expectOnlyThePackage(install(PACKAGE, { registryUrl: registry.url }));
});

test("n8n's package scanner passes on the tarball exactly as the registry serves it", () => {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-tarball-'));
	folders.push(folder);
	const packed = spawnSync(
		'npm',
		['pack', `${PACKAGE}@0.1.0`, '--json', '--registry', registry.url],
		{ cwd: folder, env: userEnv(), encoding: 'utf8' },
	);
	expect(packed.status).toBe(0);
	const [served] = JSON.parse(packed.stdout);
	// The same bytes as the tarball that was published.
	expect(served.shasum).toBe(createHash('sha1').update(fs.readFileSync(tarball)).digest('hex'));
	const scan = spawnSync(
		process.execPath,
		[
			path.join(n8n.REPO, 'scripts/scan-package.mjs'),
			'--tarball',
			path.join(folder, served.filename),
		],
		{ cwd: n8n.REPO, encoding: 'utf8' },
	);
	expect({ status: scan.status, output: scan.stdout.trim() }).toEqual({
		status: 0,
		output: `n8n package scanner on the ${served.filename}: passed`,
	});
});

test('the README command on Node 24 (the pinned n8n runtime brings it)', () => {
	let node24: string;
	try {
		node24 = n8n.RUNTIME_VERSION.startsWith('2.') ? n8n.runtimePaths().node : '';
	} catch {
		node24 = '';
	}
	if (!node24) {
		// eslint-disable-next-line no-console
		console.log(
			'Node 24 check not run: the pinned n8n runtime is not installed (scripts/n8n/prepare-runtime.sh)',
		);
		return;
	}
	expectOnlyThePackage(install(PACKAGE, { node: node24, registryUrl: registry.url }));
});
