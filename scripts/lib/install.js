'use strict';
// The cached n8n install: n8n and the Node it needs, installed once with npm into a folder outside the repository
// and checked before every use.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { run, sleep, startProcess, onExit } = require('./proc');
const { RuntimeError, say, seconds } = require('./common');

const N8N_VERSION = '2.40.7';
const NODE_MAJOR = 24;

function cacheDir() {
	return (
		process.env.SMARTWATS_N8N_CACHE ||
		path.join(os.homedir(), '.cache', 'n8n-smartwats', `n8n-${N8N_VERSION}`)
	);
}

function installPaths(dir) {
	return {
		dir,
		nodeBin: path.join(dir, 'node_modules', 'node', 'bin', 'node'),
		nodeBinDir: path.join(dir, 'node_modules', 'node', 'bin'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nPackageJson: path.join(dir, 'node_modules', 'n8n', 'package.json'),
		nodeModules: path.join(dir, 'node_modules'),
		log: path.join(dir, 'install.log'),
		lock: path.join(dir, '.install.lock'),
	};
}

function lastLogLine(file) {
	try {
		const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
		return lines[lines.length - 1].trim();
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

/** Whether someone (another of our scripts, or a hand-started install writing install.log) is installing now. */
function installInProgress(p) {
	if (fs.existsSync(p.lock)) {
		const pid = Number(fs.readFileSync(p.lock, 'utf8').trim());
		if (pid && pid !== process.pid && pidAlive(pid)) return `process ${pid}`;
	}
	const last = lastLogLine(p.log);
	if (last !== null && last !== 'DONE' && last !== 'FAILED') {
		const ageMs = Date.now() - fs.statSync(p.log).mtimeMs;
		if (ageMs < 10 * 60 * 1000) return `an install writing ${p.log}`;
	}
	return null;
}

/** Checks the install without starting n8n. Returns null when usable, else what is wrong. */
async function checkInstall(p) {
	if (!fs.existsSync(p.n8nPackageJson)) return 'n8n is not installed';
	const version = JSON.parse(fs.readFileSync(p.n8nPackageJson, 'utf8')).version;
	if (version !== N8N_VERSION) return `n8n ${version} is installed, ${N8N_VERSION} is needed`;
	if (!fs.existsSync(p.nodeBin)) return 'the node@24 binary is missing';
	const last = lastLogLine(p.log);
	if (last !== null && last !== 'DONE')
		return `the last install did not finish (install.log ends with "${last}")`;
	const probe = await run(
		p.nodeBin,
		[
			'-e',
			"const s=require('sqlite3');new s.Database(':memory:').close();process.stdout.write(process.version)",
		],
		{ cwd: p.dir, timeoutMs: 30000 },
	);
	if (probe.code !== 0)
		return `sqlite3 does not load under ${p.nodeBin}: ${(probe.stderr || probe.stdout).trim().split('\n').slice(-3).join(' ')}`;
	if (!probe.stdout.startsWith(`v${NODE_MAJOR}.`))
		return `${p.nodeBin} is ${probe.stdout}, not Node ${NODE_MAJOR}`;
	return null;
}

/** Runs one install step with its output shown on the terminal and appended to install.log. */
async function installStep(p, title, args, env) {
	say(`  ${title}: npm ${args.join(' ')}`);
	fs.appendFileSync(p.log, `\n$ npm ${args.join(' ')}\n`);
	const started = Date.now();
	const heartbeat = setInterval(
		() => say(`  … ${title} still running (${seconds(Date.now() - started)})`),
		30000,
	);
	const child = startProcess('npm', args, { cwd: p.dir, env, logFile: p.log, echo: true });
	const { code } = await child.exited;
	clearInterval(heartbeat);
	if (code !== 0) {
		fs.appendFileSync(p.log, 'FAILED\n');
		throw new RuntimeError(
			`Preparing n8n failed at "${title}" (npm exit code ${code}). See ${p.log}.`,
		);
	}
	say(`  ${title} done in ${seconds(Date.now() - started)}`);
}

async function installN8n(p) {
	fs.mkdirSync(p.dir, { recursive: true });
	fs.writeFileSync(p.lock, String(process.pid));
	onExit(() => {
		if (fs.existsSync(p.lock) && fs.readFileSync(p.lock, 'utf8').trim() === String(process.pid))
			fs.rmSync(p.lock);
	});
	fs.writeFileSync(
		p.log,
		`install of n8n@${N8N_VERSION} + node@${NODE_MAJOR} started ${new Date().toISOString()}\n`,
	);
	fs.writeFileSync(
		path.join(p.dir, 'package.json'),
		JSON.stringify({ name: 'n8n-runtime', private: true }) + '\n',
	);
	say(
		`Installing n8n ${N8N_VERSION} and Node ${NODE_MAJOR} into ${p.dir} (about 5 minutes and 3 GB, once).`,
	);
	// `npm run` hands this project's npm settings to its children as npm_config_* variables, among them
	// ignore-scripts=true from .npmrc. The cache is a project of its own: with that setting inherited, the rebuilds
	// below skip the very scripts that place the Node 24 binary and build sqlite3, and still report success.
	const env = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !/^npm_(config|package|lifecycle)_/i.test(name)),
	);
	Object.assign(env, {
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
	});
	await installStep(
		p,
		'download',
		[
			'install',
			'--ignore-scripts',
			'--save-exact',
			'--no-audit',
			'--no-fund',
			`n8n@${N8N_VERSION}`,
			`node@${NODE_MAJOR}`,
		],
		env,
	);
	// Explicit, so that an ignore-scripts in the user's own ~/.npmrc cannot skip them either.
	await installStep(p, 'Node 24 binary', ['rebuild', '--ignore-scripts=false', 'node'], env);
	// sqlite3 must be built (or its prebuilt binary fetched) for Node 24, so Node 24 comes first on PATH.
	await installStep(p, 'sqlite3 for Node 24', ['rebuild', '--ignore-scripts=false', 'sqlite3'], {
		...env,
		PATH: `${p.nodeBinDir}${path.delimiter}${process.env.PATH}`,
	});
	const problem = await checkInstall({ ...p, log: '/nonexistent' });
	if (problem) {
		fs.appendFileSync(p.log, 'FAILED\n');
		throw new RuntimeError(`n8n was installed into ${p.dir} but is not usable: ${problem}.`);
	}
	fs.appendFileSync(p.log, 'DONE\n');
	fs.rmSync(p.lock, { force: true });
}

/**
 * Makes sure n8n 2.40.7 + Node 24 are installed in the cache and usable. Waits for an install that is already
 * running, installs when missing (output shown), and throws a RuntimeError with a clear message otherwise.
 * Returns `{ dir, nodeBin, n8nBin, nodeModules, version }`.
 */
async function ensureN8n({ waitMs = 20 * 60 * 1000 } = {}) {
	const p = installPaths(cacheDir());
	const started = Date.now();
	let waiting = installInProgress(p);
	if (waiting) say(`Waiting for ${waiting} to finish installing n8n in ${p.dir} …`);
	let lastReport = Date.now();
	while (waiting) {
		if (Date.now() - started > waitMs)
			throw new RuntimeError(`Gave up waiting for ${waiting} after ${seconds(waitMs)}.`);
		await sleep(5000);
		waiting = installInProgress(p);
		if (waiting && Date.now() - lastReport >= 30000) {
			lastReport = Date.now();
			say(
				`  … still installing (${seconds(Date.now() - started)}): ${lastLogLine(p.log)?.slice(0, 120)}`,
			);
		}
	}
	let problem = await checkInstall(p);
	if (problem) {
		say(`n8n cache at ${p.dir} is not usable (${problem}); installing it.`);
		await installN8n(p);
		problem = await checkInstall(p);
		if (problem) throw new RuntimeError(`Could not prepare n8n in ${p.dir}: ${problem}.`);
	}
	return { ...p, version: N8N_VERSION };
}

module.exports = { N8N_VERSION, NODE_MAJOR, cacheDir, ensureN8n };
