const path = require('path');
const { finished } = require('stream/promises');
const { src, dest, task } = require('gulp');

// n8n loads icons and codex files (*.node.json) from next to the built files; tsc copies neither.
async function copyAssets() {
	await Promise.all([
		finished(src('icons/**/*.svg').pipe(dest(path.resolve('dist', 'icons')))),
		finished(src('nodes/**/*.{png,svg,json}').pipe(dest(path.resolve('dist', 'nodes')))),
	]);
}

task('build:icons', copyAssets);
