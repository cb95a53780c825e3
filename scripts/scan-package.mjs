// Runs n8n's community package scanner (the check behind "install from the nodes panel") on the
// sources and on the unpacked `npm pack` tarball that users would install. Exits non-zero on any finding.
// `--tarball <file>`: scans that tarball only (e.g. the one downloaded back from a registry after `npm publish`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'iidaas-scan-'));
try {
	const given = process.argv.indexOf('--tarball');
	const packed =
		given > 0
			? null
			: JSON.parse(
					execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
						cwd: root,
						encoding: 'utf8',
						stdio: ['ignore', 'pipe', 'ignore'],
					}),
				);
	const tarball = packed
		? path.join(work, packed[0].filename)
		: path.resolve(process.argv[given + 1]);
	execFileSync('tar', ['-xzf', tarball, '-C', work]);
	const checks = [
		...(packed ? [['sources', root, SOURCE_FILE_PATTERNS]] : []),
		[
			packed ? 'packed tarball' : path.basename(tarball),
			path.join(work, 'package'),
			['**/*.js', 'package.json'],
		],
	];
	let failed = false;
	for (const [label, dir, patterns] of checks) {
		const result = await analyzePackage(dir, patterns);
		console.log(
			`n8n package scanner on the ${label}: ${result.passed ? 'passed' : `FAILED (${result.message})`}`,
		);
		if (!result.passed) {
			failed = true;
			if (result.details) console.log(result.details);
		}
	}
	if (packed)
		console.log(
			`packed files: ${packed[0].files.length}, size ${packed[0].size} bytes, unpacked ${packed[0].unpackedSize} bytes`,
		);
	process.exitCode = failed ? 1 : 0;
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
