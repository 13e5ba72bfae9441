'use strict';
/**
 * Runs this package inside a real n8n (2.40.7 on Node 24), the way a user gets it: installed as a community
 * package, so node types are `n8n-nodes-smartwats.smartWats`. Shared by `npm run demo`, `npm run test:e2e` and
 * the benchmarks.
 *
 *   const rt = require('./n8n-runtime');
 *   const n8n = await rt.ensureN8n();                       // cached install, made on first use
 *   const pkg = await rt.buildAndPack();                    // npm run build + npm pack, verified loadable
 *   const inst = await rt.createInstance('e2e', { n8n, pkg });  // fresh N8N_USER_FOLDER in .e2e/e2e
 *   const sim = await rt.startSimulator();
 *   await inst.importCredentials([rt.smartWatsCredential(sim)]);
 *   await inst.importWorkflows(['examples/x.json']);
 *   const result = await inst.execute('wfId');              // n8n execute --id --rawOutput, parsed
 *   const server = await inst.start();                      // n8n start on 127.0.0.1:<free port>, owner set up
 *
 * Environment: SMARTWATS_N8N_CACHE (where n8n is installed, default ~/.cache/n8n-smartwats/n8n-2.40.7);
 * SMARTWATS_BASE_URL + SMARTWATS_VENDOR_UID + SMARTWATS_ACCESS_TOKEN (all three) point the credential at the
 * real SmartWats instead of the simulator.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const {
	freePort,
	run,
	sleep,
	startProcess,
	stopProcess,
	onExit,
	stopAll,
	isShuttingDown,
} = require('./lib/proc');
const { startSimulator } = require('./lib/simulator');

const REPO = path.resolve(__dirname, '..');
const N8N_VERSION = '2.40.7';
const NODE_MAJOR = 24;
const WORK_ROOT = path.join(REPO, '.e2e');

/** Fixed demo login, created by n8n itself at start (N8N_INSTANCE_OWNER_MANAGED_BY_ENV). */
const OWNER = {
	email: 'demo@smartwats.test',
	password: 'SmartWats-demo-1',
	firstName: 'SmartWats',
	lastName: 'Demo',
};
/** Fixed so imported credentials stay readable across runs of the same user folder. */
const ENCRYPTION_KEY = 'smartwats-local-n8n-encryption-key';
/** The credential every example and test workflow refers to. */
const CREDENTIAL = { id: 'smartWatsCred01', name: 'SmartWats account', type: 'smartWatsApi' };

const say = (message) => process.stderr.write(`[n8n-runtime] ${message}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

class RuntimeError extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// 1. The cached n8n install

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

// ---------------------------------------------------------------------------------------------------------------
// 2. Build, pack and verify this package

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * Loads every node and credential file a package declares (with Node 24 and n8n's node_modules, as n8n would) and
 * returns `{ nodes: [names], credentials: [names] }`; throws with the loader's message when something is missing.
 */
async function verifyPackageDir(n8n, packageDir) {
	const script = `
		const path = require('path');
		const pkg = require(path.join(${JSON.stringify(packageDir)}, 'package.json'));
		const out = { nodes: [], credentials: [], resources: {}, ui: {} };
		for (const kind of ['nodes', 'credentials']) {
			for (const file of (pkg.n8n && pkg.n8n[kind]) || []) {
				const mod = require(path.join(${JSON.stringify(packageDir)}, file));
				for (const Exported of Object.values(mod)) {
					if (typeof Exported !== 'function') continue;
					const instance = new Exported();
					if (kind === 'credentials') { out.credentials.push(instance.name); continue; }
					const d = instance.description || {};
					out.nodes.push(d.name);
					// resource value → its operations' values, from the description as n8n will read it
					const props = d.properties || [];
					const resource = props.find((p) => p.name === 'resource');
					out.resources[d.name] = {};
					for (const option of (resource && resource.options) || []) {
						const ops = props.filter((p) => p.name === 'operation' && ((p.displayOptions || {}).show || {}).resource && p.displayOptions.show.resource.includes(option.value));
						out.resources[d.name][option.value] = ops.flatMap((p) => (p.options || []).map((o) => o.value));
						out.ui[d.name] = out.ui[d.name] || { displayName: d.displayName, resources: [] };
						out.ui[d.name].resources.push({ value: option.value, name: option.name, operations: ops.flatMap((p) => (p.options || []).map((o) => ({ value: o.value, name: o.name }))) });
					}
				}
			}
		}
		process.stdout.write(JSON.stringify(out));`;
	const result = await run(n8n.nodeBin, ['-e', script], {
		cwd: packageDir,
		env: { ...process.env, NODE_PATH: n8n.nodeModules },
		timeoutMs: 60000,
	});
	if (result.code !== 0) {
		throw new RuntimeError(
			`The packed package does not load in n8n's Node: ${result.stderr.trim().split('\n').slice(0, 6).join('\n')}`,
		);
	}
	return JSON.parse(result.stdout);
}

async function extractTarball(tarball, targetDir) {
	fs.rmSync(targetDir, { recursive: true, force: true });
	fs.mkdirSync(targetDir, { recursive: true });
	const result = await run('tar', ['-xzf', tarball, '-C', targetDir, '--strip-components=1']);
	if (result.code !== 0) throw new RuntimeError(`Could not unpack ${tarball}: ${result.stderr}`);
}

function missingDeclaredFiles() {
	const declared = readJson(path.join(REPO, 'package.json')).n8n || {};
	return [...(declared.nodes || []), ...(declared.credentials || [])].filter(
		(file) => !fs.existsSync(path.join(REPO, file)),
	);
}

/** `npm run build`; throws with its output when it fails or leaves declared node/credential files missing. */
async function build() {
	const once = async () => {
		const result = await run('npm', ['run', 'build'], { cwd: REPO, timeoutMs: 5 * 60 * 1000 });
		if (result.code !== 0) {
			throw new RuntimeError(
				`npm run build failed (exit ${result.code}):\n${(result.stdout + result.stderr).trim().split('\n').slice(-40).join('\n')}`,
			);
		}
	};
	await once();
	let missing = missingDeclaredFiles();
	if (missing.length > 0) {
		// tsc's incremental state (tsBuildInfoFile) lives outside dist/: after the build script deletes dist/, tsc
		// may consider everything up to date and emit nothing. Dropping the stale build info forces a full emit.
		const tsconfig = fs.readFileSync(path.join(REPO, 'tsconfig.json'), 'utf8');
		const infoFile = path.join(
			REPO,
			(tsconfig.match(/"tsBuildInfoFile"\s*:\s*"([^"]+)"/) || [])[1] || 'tsconfig.tsbuildinfo',
		);
		say(
			`npm run build emitted no ${missing[0]}; removing the stale ${path.relative(REPO, infoFile)} and building again.`,
		);
		fs.rmSync(infoFile, { force: true });
		await once();
		missing = missingDeclaredFiles();
		if (missing.length > 0)
			throw new RuntimeError(`npm run build succeeded but did not produce ${missing.join(', ')}.`);
	}
}

/**
 * `npm run build`, then `npm pack` into .e2e/pack/, then checks that the tarball's nodes and credentials load.
 * Other people's builds in the same tree delete and rewrite dist/; if a tarball turns out incomplete for that
 * reason it builds and packs again (up to `attempts` times). Returns `{ tarball, name, version, nodes, credentials }`.
 */
async function buildAndPack({ n8n, attempts = 3, skipBuild = false } = {}) {
	n8n ??= await ensureN8n();
	// Per process, so a demo, an e2e run and a benchmark can prepare at the same time.
	const packDir = path.join(WORK_ROOT, 'pack', String(process.pid));
	fs.mkdirSync(packDir, { recursive: true });
	onExit(() => fs.rmSync(packDir, { recursive: true, force: true }));
	let lastError;
	for (let attempt = 1; attempt <= attempts; attempt++) {
		const started = Date.now();
		if (!skipBuild) await build();
		for (const old of fs.readdirSync(packDir))
			if (old.endsWith('.tgz')) fs.rmSync(path.join(packDir, old));
		const pack = await run(
			'npm',
			['pack', '--json', '--ignore-scripts', '--pack-destination', packDir],
			{ cwd: REPO, timeoutMs: 120000 },
		);
		if (pack.code !== 0)
			throw new RuntimeError(`npm pack failed (exit ${pack.code}):\n${pack.stderr.trim()}`);
		const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')));
		const tarball = path.join(packDir, info.filename);
		const verifyDir = path.join(packDir, 'verify');
		await extractTarball(tarball, verifyDir);
		try {
			const loaded = await verifyPackageDir(n8n, verifyDir);
			const declared = readJson(path.join(verifyDir, 'package.json')).n8n || {};
			if (loaded.nodes.length < (declared.nodes || []).length)
				throw new RuntimeError(`only ${loaded.nodes.join(', ')} loaded`);
			say(
				`Built and packed ${info.name}@${info.version} in ${seconds(Date.now() - started)}: nodes ${loaded.nodes.join(', ')}; credentials ${loaded.credentials.join(', ')}.`,
			);
			return { tarball, name: info.name, version: info.version, ...loaded };
		} catch (error) {
			lastError = error;
			if (attempt < attempts)
				say(
					`Packed tarball is incomplete (${error.message.split('\n')[0]}); another build may have been running. Building again.`,
				);
		}
	}
	throw new RuntimeError(
		`Could not produce a loadable package after ${attempts} attempts: ${lastError.message}`,
	);
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Credentials

/**
 * The `smartWatsApi` credential for import: the real SmartWats when SMARTWATS_BASE_URL, SMARTWATS_VENDOR_UID and
 * SMARTWATS_ACCESS_TOKEN are all set, else the given simulator. `target` says which.
 */
function smartWatsCredential(sim) {
	const names = ['SMARTWATS_BASE_URL', 'SMARTWATS_VENDOR_UID', 'SMARTWATS_ACCESS_TOKEN'];
	const set = names.filter((n) => process.env[n]);
	if (set.length === names.length) {
		return {
			...CREDENTIAL,
			target: 'real',
			data: {
				baseUrl: process.env.SMARTWATS_BASE_URL,
				vendorUid: process.env.SMARTWATS_VENDOR_UID,
				accessToken: process.env.SMARTWATS_ACCESS_TOKEN,
			},
		};
	}
	if (set.length > 0) {
		throw new RuntimeError(
			`To use the real SmartWats set all of ${names.join(', ')}; missing: ${names.filter((n) => !set.includes(n)).join(', ')}.`,
		);
	}
	if (!sim) throw new RuntimeError('No simulator given and no real SmartWats configured.');
	return {
		...CREDENTIAL,
		target: 'simulator',
		data: { baseUrl: sim.url, vendorUid: sim.vendorUid, accessToken: sim.token },
	};
}

function usesRealSmartWats() {
	return Boolean(
		process.env.SMARTWATS_BASE_URL &&
			process.env.SMARTWATS_VENDOR_UID &&
			process.env.SMARTWATS_ACCESS_TOKEN,
	);
}

// ---------------------------------------------------------------------------------------------------------------
// 4. An n8n instance: one N8N_USER_FOLDER with the package installed as a community package

/** Finds the JSON object n8n printed for an execution (stdout also carries log lines). */
function parseExecutionOutput(stdout) {
	const lines = stdout.split('\n');
	let found = null;
	for (let start = 0; start < lines.length; start++) {
		if (lines[start] !== '{') continue;
		for (let end = start + 1; end < lines.length; end++) {
			if (lines[end] !== '}') continue;
			try {
				const value = JSON.parse(lines.slice(start, end + 1).join('\n'));
				if (value && value.data && value.data.resultData) {
					found = value;
					start = end;
				}
				break;
			} catch {
				/* a nested "}" line: keep looking */
			}
		}
	}
	return found;
}

function bcryptHash(n8n, password) {
	const bcrypt = require(require.resolve('bcryptjs', { paths: [n8n.nodeModules] }));
	return bcrypt.hashSync(password, 10);
}

function loadWorkflowFile(file) {
	const value = readJson(file);
	const list = Array.isArray(value) ? value : [value];
	for (const wf of list) {
		if (!wf.id || typeof wf.id !== 'string')
			throw new RuntimeError(`${file}: every workflow needs a fixed string "id"`);
		if (wf.id.length > 21)
			throw new RuntimeError(
				`${file}: workflow id "${wf.id}" is longer than 21 characters (n8n execute --id rejects it)`,
			);
		if (!Array.isArray(wf.nodes) || typeof wf.connections !== 'object')
			throw new RuntimeError(`${file}: not a workflow (nodes/connections missing)`);
		// `n8n execute` starts from the first node in the list that is any kind of trigger, not from the Manual
		// Trigger; a Schedule or Google Sheets trigger listed earlier would run instead (and may fail).
		const manual = wf.nodes.findIndex((n) => n.type === 'n8n-nodes-base.manualTrigger');
		const earlier =
			manual > 0
				? wf.nodes.slice(0, manual).find((n) => /trigger$/i.test(n.type) && !n.disabled)
				: undefined;
		if (earlier) {
			throw new RuntimeError(
				`${file}: list the Manual Trigger before "${earlier.name}" in "nodes"; n8n execute starts from the first trigger in the list`,
			);
		}
	}
	return list;
}

class Instance {
	constructor({ name, n8n, pkg, userFolder }) {
		this.name = name;
		this.n8n = n8n;
		this.pkg = pkg;
		this.userFolder = userFolder;
		this.logDir = path.join(userFolder, 'logs');
		this.workflows = new Map();
		this.servers = new Set();
		this.commandCount = 0;
	}

	/** Environment for every n8n command: headless, quiet, loopback only, nothing phoned home. */
	env(extra = {}) {
		const base = {
			...process.env,
			PATH: `${this.n8n.nodeBinDir}${path.delimiter}${process.env.PATH}`,
			N8N_USER_FOLDER: this.userFolder,
			// as in n8n's Docker image; without it n8n runs in development mode
			NODE_ENV: 'production',
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			// nothing sent to or fetched from n8n's servers
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
			N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			N8N_FRONTEND_SENTRY_DSN: '',
			N8N_SENTRY_DSN: '',
			// community packages on (the default, stated so a user's environment cannot turn it off)
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_COMMUNITY_PACKAGES_PREVENT_LOADING: 'false',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			// the list of vetted community nodes comes from api.n8n.io, which is unreachable here
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			// the MCP server registry refreshes itself from api.n8n.io, which is unreachable and not needed here
			N8N_DISABLED_MODULES: 'mcp-registry',
			// loopback only
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			// logs: plain text on stdout, colour off, enough detail for a failed execution's data
			N8N_LOG_OUTPUT: 'console',
			N8N_LOG_FORMAT: 'text',
			N8N_LOG_LEVEL: 'info',
			NO_COLOR: '1',
			FORCE_COLOR: '0',
			// the owner account, applied by `n8n start`
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: this.ownerHash,
		};
		for (const key of Object.keys(base)) if (key.startsWith('npm_')) delete base[key];
		return { ...base, ...extra };
	}

	/** Runs one n8n CLI command to completion; output also goes to logs/commands.log. */
	async cli(args, { timeoutMs = 180000, env = {} } = {}) {
		this.commandCount++;
		const brokerPort = await freePort();
		return await run(this.n8n.nodeBin, [this.n8n.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env }),
			timeoutMs,
			logFile: path.join(this.logDir, 'commands.log'),
		});
	}

	/** Imports credentials, e.g. `[rt.smartWatsCredential(sim)]` (objects with id, name, type, data). */
	async importCredentials(credentials) {
		const file = path.join(this.userFolder, 'import', 'credentials.json');
		fs.mkdirSync(path.dirname(file), { recursive: true });
		const list = credentials.map(({ id, name, type, data }) => ({ id, name, type, data }));
		fs.writeFileSync(file, JSON.stringify(list, null, 2), { mode: 0o600 });
		const result = await this.cli(['import:credentials', `--input=${file}`]);
		fs.rmSync(file); // holds the access token in plain text
		if (result.code !== 0 || !/Successfully imported/i.test(result.stdout + result.stderr)) {
			throw new RuntimeError(
				`n8n import:credentials failed (exit ${result.code}):\n${tail(result)}`,
			);
		}
		return result;
	}

	/** Imports workflow files (each a workflow or an array of them, each with a fixed id) in one n8n run. */
	async importWorkflows(files) {
		const all = [];
		for (const file of files) {
			for (const wf of loadWorkflowFile(file)) {
				const clash = all.find((other) => other.wf.id === wf.id);
				if (clash)
					throw new RuntimeError(
						`Workflow id "${wf.id}" is used by both ${clash.file} and ${file}`,
					);
				all.push({ file, wf });
			}
		}
		if (all.length === 0) return [];
		const input = path.join(this.userFolder, 'import', 'workflows.json');
		fs.mkdirSync(path.dirname(input), { recursive: true });
		fs.writeFileSync(
			input,
			JSON.stringify(
				all.map(({ wf }) => ({ active: false, settings: {}, ...wf, active: false })),
				null,
				2,
			),
		);
		const result = await this.cli(['import:workflow', `--input=${input}`]);
		if (result.code !== 0 || !/Successfully imported/i.test(result.stdout + result.stderr)) {
			throw new RuntimeError(`n8n import:workflow failed (exit ${result.code}):\n${tail(result)}`);
		}
		for (const { file, wf } of all) this.workflows.set(wf.id, { file, workflow: wf });
		return all.map(({ wf }) => wf.id);
	}

	/** Marks an imported workflow active (published); it is activated by the next `start()`. */
	async publish(id) {
		const result = await this.cli(['publish:workflow', `--id=${id}`]);
		if (result.code !== 0)
			throw new RuntimeError(`n8n publish:workflow --id=${id} failed:\n${tail(result)}`);
		return result;
	}

	/**
	 * `n8n execute --id=<id> --rawOutput`. Resolves to `{ ok, code, ms, execution, error, stdout, stderr,
	 * output(nodeName) }`: `execution` is n8n's run data (also for a failed run, taken from n8n's log), `output`
	 * gives a node's output items' json. Never throws for a failed workflow; throws if n8n printed no run data.
	 */
	async execute(id, { timeoutMs = 180000 } = {}) {
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { timeoutMs });
		const execution = parseExecutionOutput(result.stdout);
		const error = execution?.data?.resultData?.error ?? null;
		const ok = result.code === 0 && execution !== null && !error && execution.status !== 'error';
		const runData = execution?.data?.resultData?.runData ?? {};
		return {
			ok,
			code: result.code,
			ms: result.ms,
			timedOut: result.timedOut,
			execution,
			error,
			runData,
			stdout: result.stdout,
			stderr: result.stderr,
			log: tail(result),
			output(nodeName, outputIndex = 0) {
				const runs = runData[nodeName];
				if (!runs) return undefined;
				const last = runs[runs.length - 1];
				return (last.data?.main?.[outputIndex] ?? []).map((item) => item.json);
			},
			nodeError(nodeName) {
				const runs = runData[nodeName];
				return runs ? runs[runs.length - 1].error : undefined;
			},
		};
	}

	/**
	 * `n8n start` on 127.0.0.1 and a free port; resolves once the editor answers. The owner account (OWNER) is
	 * set up by n8n from the environment. Returns `{ url, port, webhookUrl(path), stop(), process }`.
	 */
	async start({ port, timeoutMs = 180000, echo = false } = {}) {
		port ??= await freePort();
		const brokerPort = await freePort();
		const url = `http://127.0.0.1:${port}`;
		const started = Date.now();
		const child = startProcess(this.n8n.nodeBin, [this.n8n.n8nBin, 'start'], {
			cwd: this.userFolder,
			env: this.env({
				N8N_PORT: String(port),
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
				N8N_EDITOR_BASE_URL: `${url}/`,
				N8N_WEBHOOK_URL: `${url}/`,
			}),
			logFile: path.join(this.logDir, 'n8n-start.log'),
			echo,
		});
		const server = {
			url,
			port,
			process: child,
			webhookUrl: (webhookPath) => `${url}/webhook/${webhookPath.replace(/^\/+/, '')}`,
			stop: async () => {
				this.servers.delete(server);
				await stopProcess(child, 15000);
			},
		};
		this.servers.add(server);
		let ready = false;
		while (!ready) {
			if (child.exitCode !== null || child.signalCode !== null) {
				throw new RuntimeError(
					`n8n start exited (code ${child.exitCode}) before it was ready:\n${child.tail()}`,
				);
			}
			if (Date.now() - started > timeoutMs) {
				await server.stop();
				throw new RuntimeError(
					`n8n start was not ready within ${seconds(timeoutMs)}:\n${child.tail()}`,
				);
			}
			await sleep(500);
			try {
				const [health, settings] = await Promise.all([
					fetch(`${url}/healthz/readiness`),
					fetch(`${url}/rest/settings`),
				]);
				ready = health.ok && settings.ok && /Editor is now accessible/.test(child.tail());
			} catch {
				/* not listening yet */
			}
		}
		server.bootMs = Date.now() - started;
		return server;
	}

	/** Logs in over REST as the demo owner; returns a fetch wrapper carrying the session cookie. */
	async login(server) {
		const response = await fetch(`${server.url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		if (!response.ok)
			throw new RuntimeError(
				`Login as ${OWNER.email} failed: HTTP ${response.status} ${await response.text()}`,
			);
		const cookie = response.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; ');
		return async (method, endpoint, body) => {
			const res = await fetch(`${server.url}/rest/${endpoint.replace(/^\//, '')}`, {
				method,
				headers: { cookie, 'content-type': 'application/json', 'browser-id': 'smartwats-runtime' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await res.text();
			let json;
			try {
				json = JSON.parse(text);
			} catch {
				json = text;
			}
			return { status: res.status, ok: res.ok, body: json };
		};
	}

	async stop() {
		await Promise.all([...this.servers].map((server) => server.stop()));
	}
}

function tail(result, lines = 40) {
	return (result.stdout + '\n' + result.stderr).trim().split('\n').slice(-lines).join('\n');
}

/**
 * A fresh N8N_USER_FOLDER at .e2e/<name>/ (or `userFolder`) with the packed package installed the way n8n installs a
 * community package: unpacked into .n8n/nodes/node_modules/<name>, dev/peer dependencies dropped, runtime
 * dependencies installed with scripts off. Returns an Instance.
 */
async function createInstance(name, { n8n, pkg, userFolder, fresh = true } = {}) {
	n8n ??= await ensureN8n();
	pkg ??= await buildAndPack({ n8n });
	userFolder ??= path.join(WORK_ROOT, name);
	if (fresh) fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(path.join(userFolder, 'logs'), { recursive: true });
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', pkg.name);
	await extractTarball(pkg.tarball, packageDir);
	const packageJsonPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } =
		readJson(packageJsonPath);
	fs.writeFileSync(packageJsonPath, JSON.stringify(packageJson, null, 2));
	if (Object.keys(packageJson.dependencies || {}).length > 0) {
		const install = await run(
			'npm',
			[
				'install',
				'--omit=dev',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--package-lock=false',
				'--bin-links=false',
				'--install-strategy=shallow',
			],
			{
				cwd: packageDir,
				timeoutMs: 5 * 60 * 1000,
			},
		);
		if (install.code !== 0)
			throw new RuntimeError(`Installing ${pkg.name}'s dependencies failed:\n${tail(install)}`);
	}
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [pkg.name]: pkg.version } },
			null,
			2,
		),
	);
	const instance = new Instance({ name, n8n, pkg, userFolder });
	instance.ownerHash = bcryptHash(n8n, OWNER.password);
	onExit(() => {
		for (const server of instance.servers) {
			try {
				process.kill(-server.process.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}
	});
	return instance;
}

/** Workflow files in a folder (sorted), e.g. `workflowFiles('examples')`. */
function workflowFiles(folder) {
	const dir = path.resolve(REPO, folder);
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => path.join(dir, f));
}

/**
 * Everything in one call: n8n install, build + pack, a fresh instance, the simulator (unless `simulator: false`),
 * the credential, and the workflows. Returns `{ n8n, pkg, instance, sim, credential, workflowIds, timings }`.
 */
async function prepare(
	name,
	{ workflows = [], simulator = true, rateLimit = false, fresh = true } = {},
) {
	const timings = {};
	if (simulator) smartWatsCredential({}); // a half-set SMARTWATS_* environment fails here, before anything slow
	let t = Date.now();
	const n8n = await ensureN8n();
	timings.ensureN8n = Date.now() - t;
	t = Date.now();
	const pkg = await buildAndPack({ n8n });
	timings.buildAndPack = Date.now() - t;
	t = Date.now();
	const instance = await createInstance(name, { n8n, pkg, fresh });
	const sim =
		simulator && !usesRealSmartWats()
			? await startSimulator({ rateLimit, logFile: path.join(instance.logDir, 'simulator.log') })
			: null;
	timings.instanceAndSimulator = Date.now() - t;
	t = Date.now();
	const credential = smartWatsCredential(sim);
	await instance.importCredentials([credential]);
	timings.importCredentials = Date.now() - t;
	t = Date.now();
	const workflowIds = await instance.importWorkflows(workflows);
	timings.importWorkflows = Date.now() - t;
	return { n8n, pkg, instance, sim, credential, workflowIds, timings };
}

module.exports = {
	REPO,
	N8N_VERSION,
	OWNER,
	CREDENTIAL,
	ENCRYPTION_KEY,
	RuntimeError,
	cacheDir,
	ensureN8n,
	buildAndPack,
	createInstance,
	startSimulator,
	smartWatsCredential,
	usesRealSmartWats,
	workflowFiles,
	prepare,
	parseExecutionOutput,
	stopAll,
	isShuttingDown,
	say,
	seconds,
};
