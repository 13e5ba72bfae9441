#!/usr/bin/env node
'use strict';
/**
 * node scripts/n8n-install.js [--n8n <version>]
 *
 * Installs (or checks, or repairs) the cached n8n that the demo, the e2e tier and the benchmark use, and prints
 * its folder. The same step they take first; CI runs it on its own to show the install's time.
 */

const rt = require('./lib/n8n-runtime');

const started = Date.now();
rt.ensureN8n()
	.then((n8n) => {
		process.stdout.write(
			`n8n ${n8n.version} with Node ${n8n.nodeMajor} is ready in ${n8n.dir} (${rt.seconds(Date.now() - started)})\n`,
		);
	})
	.catch(async (error) => {
		process.stderr.write(`\n${error instanceof rt.RuntimeError ? error.message : error.stack}\n`);
		await rt.stopAll();
		process.exit(1);
	});
