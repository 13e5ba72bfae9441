#!/usr/bin/env node
'use strict';
/**
 * npm run scan: the lint part of n8n's community package scan, offline, on this checkout and on its `npm pack`.
 *
 * `npx @n8n/scan-community-package <package>` (what n8n's verification runs) checks a *published* version: its npm
 * provenance, then it lints the source the provenance points at (package.json and {nodes,credentials}/**) and the
 * published tarball (every .js file and package.json) with its own ESLint config and inline config off, so
 * `eslint-disable` comments count for nothing. Provenance and the downloads need the registry and GitHub; the two
 * lint legs do not. This script runs them with the scanner's own config and file patterns (the scanner is a
 * devDependency) on this checkout and on the tarball `npm pack` makes of the current build, so a release cannot
 * fail the scan on something `npm test` let through. It is stricter than the scanner in one way: warnings count.
 *
 * Needs a build (dist/); `npm test` builds first.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const REPO = path.resolve(__dirname, '..');
const SCANNER_DIR = path.dirname(require.resolve('@n8n/scan-community-package/package.json'));
// The patterns the scanner uses for the tarball leg (see analyzePackageByName in its scanner/scanner.mjs).
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const out = (text) => process.stdout.write(`${text}\n`);

function fail(message) {
	process.stderr.write(`scan-package: ${message}\n`);
	process.exit(1);
}

function run(command, args, options) {
	const result = spawnSync(command, args, { encoding: 'utf8', ...options });
	if (result.status !== 0)
		fail(
			`${command} ${args.join(' ')} exited with ${result.status}:\n${result.stderr || result.stdout}`,
		);
	return result.stdout;
}

/** `npm pack` of the current build, unpacked the way the scanner unpacks a download. Returns the folder. */
function packAndUnpack(workDir) {
	if (!fs.existsSync(path.join(REPO, 'dist', 'package.json')))
		fail('dist/ is missing or incomplete: run `npm run build` first.');
	const [packed] = JSON.parse(
		run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], {
			cwd: REPO,
		}),
	);
	const unpacked = path.join(workDir, 'package');
	fs.mkdirSync(unpacked);
	run('tar', ['-xzf', path.join(workDir, packed.filename), '-C', unpacked, '--strip-components=1']);
	return { unpacked, files: packed.files.length, name: `${packed.name}@${packed.version}` };
}

/** Lints `patterns` under `dir` exactly as the scanner's analyzePackage does; returns ESLint's results. */
async function lint(dir, patterns, { ESLint, glob, buildScanConfig }) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	if (files.length === 0) fail(`no files match ${patterns.join(', ')} in ${dir}`);
	return { eslint, results: await eslint.lintFiles(files) };
}

async function main() {
	const started = Date.now();
	// Importing the scanner creates a temporary folder (for the downloads it does not make here); let its own `tmp`
	// remove that folder on exit instead of leaving one behind per run.
	require(require.resolve('tmp', { paths: [SCANNER_DIR] })).setGracefulCleanup();
	const scanner = await import(
		require.resolve('@n8n/scan-community-package/scanner/scanner.mjs', { paths: [REPO] })
	);
	const tools = {
		ESLint: require(require.resolve('eslint', { paths: [SCANNER_DIR] })).ESLint,
		glob: require(require.resolve('fast-glob', { paths: [SCANNER_DIR] })),
		buildScanConfig: scanner.buildScanConfig,
	};

	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartwats-scan-'));
	try {
		const tarball = packAndUnpack(workDir);
		const legs = [
			{ label: 'source', dir: REPO, patterns: scanner.SOURCE_FILE_PATTERNS },
			{
				label: `npm pack (${tarball.name})`,
				dir: tarball.unpacked,
				patterns: TARBALL_FILE_PATTERNS,
			},
		];
		let findings = 0;
		for (const leg of legs) {
			const { eslint, results } = await lint(leg.dir, leg.patterns, tools);
			const count = results.reduce((sum, r) => sum + r.errorCount + r.warningCount, 0);
			findings += count;
			out(`  ${leg.label}: ${results.length} files, ${count} findings`);
			if (count > 0) {
				const formatter = await eslint.loadFormatter('stylish');
				out(await formatter.format(results.filter((r) => r.errorCount + r.warningCount > 0)));
			}
		}
		const seconds = ((Date.now() - started) / 1000).toFixed(1);
		if (findings > 0)
			fail(`${findings} findings; n8n's package scan would reject this package (${seconds} s).`);
		out(`n8n package scan (lint, @n8n/scan-community-package rules): 0 findings (${seconds} s)`);
	} finally {
		fs.rmSync(workDir, { recursive: true, force: true });
	}
}

main().catch((error) => fail(error && error.stack ? error.stack : String(error)));
