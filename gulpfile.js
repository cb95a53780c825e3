const path = require('path');
const { src, dest, task } = require('gulp');

// n8n loads node and credential icons from next to the built files.
function copyIcons() {
	src('icons/**/*.svg').pipe(dest(path.resolve('dist', 'icons')));
	src('nodes/**/*.{png,svg}').pipe(dest(path.resolve('dist', 'nodes')));
	return src('credentials/**/*.{png,svg}').pipe(dest(path.resolve('dist', 'credentials')));
}

task('build:icons', copyIcons);
