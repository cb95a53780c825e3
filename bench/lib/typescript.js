'use strict';
/**
 * Lets plain `node` require the package's TypeScript sources (and tools/harness.ts) directly.
 *
 * Why not `dist/`: `npm run build` deletes and rewrites dist/, which the end-to-end packer also does, so a bench
 * reading dist/ could load a half-written or stale build. tsconfig.json sets `isolatedModules`, so TypeScript's
 * per-file `transpileModule` emits the same JavaScript as `tsc` (same target, same CommonJS output): the bench
 * measures the same code, always the current source, and needs no build step or type check of unrelated files.
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const REPO = path.resolve(__dirname, '../..');
const { config } = ts.readConfigFile(path.join(REPO, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, REPO);
const compilerOptions = {
	...options,
	sourceMap: false,
	inlineSourceMap: false,
	declaration: false,
	noEmit: false,
};

let registered = false;

function register() {
	if (registered) return;
	registered = true;
	require.extensions['.ts'] = (module, filename) => {
		const source = fs.readFileSync(filename, 'utf8');
		const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
		module._compile(outputText, filename);
	};
}

module.exports = { register, REPO };
