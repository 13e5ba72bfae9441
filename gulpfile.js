const fs = require('fs');
const path = require('path');
const { task } = require('gulp');

// `n8n-node build` compiles the TypeScript and copies every PNG and SVG of the repository into dist/, including the
// icons n8n reads from next to the compiled code. What it leaves to this file: dist/ must hold only what the
// package ships, so images from elsewhere (the browser check's screenshots, test fixtures) are removed again.
const SHIPPED = new Set(['nodes', 'credentials', 'icons', 'package.json']);

task('build:static', (done) => {
	for (const entry of fs.readdirSync('dist')) {
		if (!SHIPPED.has(entry)) fs.rmSync(path.join('dist', entry), { recursive: true, force: true });
	}
	const missing = ['smartwats.svg', 'smartwats.dark.svg'].filter(
		(icon) => !fs.existsSync(path.join('dist', 'icons', icon)),
	);
	done(missing.length ? new Error(`dist/icons/ lacks ${missing.join(', ')}`) : undefined);
});
