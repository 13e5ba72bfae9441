#!/usr/bin/env node
'use strict';
/**
 * node scripts/check-install-detection.js
 *
 * Checks, in a second and without a network, what the n8n install check says about folders in each state a
 * first run can leave behind, and what the lock check says about locks of live, dead and frozen processes. The
 * folders are real (a Node binary, an n8n package.json, a loadable or missing sqlite3); the repairs themselves
 * need npm and minutes, and were proven by real runs (see the README's "First run").
 * Prints one line per check and exits non-zero if any fails.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const { checkInstall, installPaths, lockHolder } = require('./lib/install');

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'smartwats-install-check-'));
const nodeMajor = Number(process.versions.node.split('.')[0]);
const spec = { version: '9.9.9', nodeMajor };
let failures = 0;

function write(file, text) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, text);
}

/** A folder laid out like an install: n8n's package.json, this Node as its binary, optionally more. */
function folder(name, { n8nVersion = spec.version, node = true, ready, sqlite = false, log } = {}) {
	const p = installPaths(path.join(root, name));
	fs.mkdirSync(p.dir, { recursive: true });
	if (n8nVersion) write(p.n8nPackageJson, JSON.stringify({ name: 'n8n', version: n8nVersion }));
	if (node) {
		fs.mkdirSync(p.nodeBinDir, { recursive: true });
		fs.symlinkSync(process.execPath, p.nodeBin);
	}
	if (ready) write(p.ready, JSON.stringify(ready));
	if (sqlite)
		write(
			path.join(p.nodeModules, 'sqlite3', 'index.js'),
			'exports.Database = class { close() {} };',
		);
	if (log) write(path.join(p.dir, 'install.log'), log);
	return p;
}

async function expectCheck(what, p, expected) {
	const found = await checkInstall(p, spec);
	const ok =
		expected === null
			? found === null
			: found !== null &&
				found.repair === expected.repair &&
				expected.problem.test(found.problem) &&
				(!expected.steps || expected.steps.join() === (found.steps || []).join());
	if (!ok) failures++;
	process.stdout.write(
		`${ok ? '  ✓' : '  ✗'} ${what}: ${found ? `${found.repair} (${found.problem})` : 'usable'}\n`,
	);
}

function expectLock(what, lockFile, held) {
	const holder = lockHolder(lockFile);
	const ok = Boolean(holder) === held;
	if (!ok) failures++;
	process.stdout.write(`${ok ? '  ✓' : '  ✗'} ${what}: ${holder ? 'held' : 'free'}\n`);
}

async function main() {
	const ready = { n8n: spec.version, nodeMajor };
	process.stdout.write(`Install check on folders in ${root}\n`);
	await expectCheck('an empty folder', folder('empty', { n8nVersion: null, node: false }), {
		repair: 'install',
		problem: /not installed/,
	});
	await expectCheck('another n8n version', folder('other', { n8nVersion: '1.0.0', ready }), {
		repair: 'install',
		problem: /holds n8n 1\.0\.0/,
	});
	await expectCheck('a download that never finished', folder('unfinished', { sqlite: true }), {
		repair: 'install',
		problem: /never finished/,
	});
	await expectCheck(
		'made for another Node',
		folder('otherNode', { ready: { ...ready, nodeMajor: nodeMajor + 2 }, sqlite: true }),
		{ repair: 'install', problem: /made for n8n/ },
	);
	await expectCheck('the Node binary missing', folder('noNode', { node: false, ready }), {
		repair: 'rebuild',
		problem: /binary is missing/,
		steps: ['node', 'sqlite3'],
	});
	await expectCheck('sqlite3 that does not load', folder('noSqlite', { ready }), {
		repair: 'rebuild',
		problem: /sqlite3 does not load/,
		steps: ['sqlite3'],
	});
	await expectCheck('a finished install', folder('finished', { ready, sqlite: true }), null);
	await expectCheck(
		'a finished install from before .ready.json',
		folder('legacy', { sqlite: true, log: 'install of n8n\n…\nDONE\n' }),
		null,
	);

	process.stdout.write('Lock check\n');
	const lock = (name, holder, ageMs = 0) => {
		const file = path.join(root, `${name}.lock`);
		write(file, JSON.stringify({ host: os.hostname(), ...holder }));
		const when = new Date(Date.now() - ageMs);
		fs.utimesSync(file, when, when);
		return file;
	};
	expectLock('no lock file', path.join(root, 'none.lock'), false);
	expectLock('held by this live process, beating', lock('live', { pid: process.pid }), true);
	const gone = spawn(process.execPath, ['-e', '']);
	await new Promise((resolve) => gone.on('exit', resolve));
	expectLock('left by a process that is gone', lock('dead', { pid: gone.pid }), false);
	expectLock(
		'held by a live process whose heartbeat stopped 3 minutes ago',
		lock('frozen', { pid: process.pid }, 3 * 60 * 1000),
		false,
	);

	fs.rmSync(root, { recursive: true, force: true });
	process.stdout.write(failures ? `${failures} failed\n` : 'all passed\n');
	process.exitCode = failures ? 1 : 0;
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
