const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// n8n reads node and credential icons from files next to the compiled code, so the SVGs go into dist/ too.
function copyFrom(folder) {
	return function copyIcons() {
		return src(path.resolve(folder, '**', '*.{png,svg}'), { encoding: false }).pipe(
			dest(path.resolve('dist', folder)),
		);
	};
}

task('build:icons', parallel(copyFrom('icons'), copyFrom('nodes'), copyFrom('credentials')));
