'use strict';
// An n8n instance: one N8N_USER_FOLDER with the package installed the way n8n installs a community package, driven
// through n8n's CLI (import, publish, execute) and `n8n start`.

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { freePort, run, sleep, startProcess, stopProcess, onExit } = require('./proc');
const { REPO, WORK_ROOT, RuntimeError, seconds, readJson, tail } = require('./common');
const { N8N_VERSION, ensureN8n } = require('./install');
const { buildAndPack, extractTarball } = require('./pack');

/** Fixed demo login, created by n8n itself at start (N8N_INSTANCE_OWNER_MANAGED_BY_ENV). */
const OWNER = {
	email: 'demo@smartwats.test',
	password: 'SmartWats-demo-1',
	firstName: 'SmartWats',
	lastName: 'Demo',
};
/** Fixed so imported credentials stay readable across runs of the same user folder. */
const ENCRYPTION_KEY = 'smartwats-local-n8n-encryption-key';
/**
 * `n8n execute` with n8n's default expression engine ("vm", isolated-vm) dies with SIGSEGV after printing its
 * result whenever the workflow evaluated an expression (n8n 2.40.7 and 1.123.81 alike; a Manual Trigger and a Set
 * node suffice): each evaluation makes the isolate pool build a replacement isolate on a background thread, and the
 * command's `finally` (n8n/dist/commands/base-command.js) calls process.exit() without
 * Expression.disposeExpressionEngine(), so V8 is torn down under that thread (gdb: ivm::EvalRunner → null call
 * in v8::internal::Heap). The CLI runs therefore use the legacy engine; `n8n start` keeps n8n's default, so the
 * server phase and the demo run the "vm" engine.
 */
const EXECUTE_ENV = { N8N_EXPRESSION_ENGINE: 'legacy' };
/**
 * Uncaught errors n8n's own editor throws whatever nodes are installed, by n8n major version. 1.123.x: signing in
 * from /signin initialises the version-notification store from the public settings, which lack
 * `versionNotifications`; after login `checkForNewVersions` reads `.enabled` of undefined (versions.store.ts).
 */
const KNOWN_EDITOR_ERRORS = {
	1: ["Cannot read properties of undefined (reading 'enabled')"],
};

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
	constructor({ name, n8n, pkg, userFolder, logDir, env = {} }) {
		this.name = name;
		/** Added to every command's environment, e.g. queue mode's database and Redis settings. */
		this.extraEnv = env;
		this.n8n = n8n;
		this.pkg = pkg;
		this.userFolder = userFolder;
		this.logDir = logDir;
		this.knownEditorErrors = KNOWN_EDITOR_ERRORS[n8n.major] ?? [];
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
			// the owner account, applied by `n8n start` (n8n 2.x; on 1.x start() sets it up over REST)
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: OWNER.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: OWNER.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: OWNER.lastName,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: this.ownerHash,
		};
		if (this.n8n.major >= 2) {
			// the MCP server registry refreshes itself from api.n8n.io, which is unreachable and not needed here
			// (n8n 1.x has no such module and refuses to start when asked to disable an unknown one)
			base.N8N_DISABLED_MODULES = 'mcp-registry';
		}
		for (const key of Object.keys(base)) if (key.startsWith('npm_')) delete base[key];
		return { ...base, ...this.extraEnv, ...extra };
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
		// n8n 2.x publishes a version of the workflow; 1.x only has an active flag.
		const args =
			this.n8n.major >= 2
				? ['publish:workflow', `--id=${id}`]
				: ['update:workflow', `--id=${id}`, '--active=true'];
		const result = await this.cli(args);
		if (result.code !== 0) throw new RuntimeError(`n8n ${args.join(' ')} failed:\n${tail(result)}`);
		return result;
	}

	/**
	 * `n8n execute --id=<id> --rawOutput`. Resolves to `{ ok, code, ms, execution, error, stdout, stderr,
	 * output(nodeName) }`: `execution` is n8n's run data (also for a failed run, taken from n8n's log), `output`
	 * gives a node's output items' json. Never throws for a failed workflow; throws if n8n printed no run data.
	 */
	async execute(id, { timeoutMs = 180000 } = {}) {
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], {
			timeoutMs,
			env: EXECUTE_ENV,
		});
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
	 * set up by n8n from the environment. Returns `{ url, port, webhookUrl(path), webhookTestUrl(path), stop(),
	 * process }`.
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
			// where n8n listens after "Execute workflow" in the editor, for one test event
			webhookTestUrl: (webhookPath) => `${url}/webhook-test/${webhookPath.replace(/^\/+/, '')}`,
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
		if (this.n8n.major < 2) await this.setUpOwner(server);
		server.bootMs = Date.now() - started;
		return server;
	}

	/**
	 * Another long-running n8n command (queue mode's `n8n worker`, `n8n webhook`) with its own task-runner broker
	 * port; resolves once `isReady()` (polled) says so. Output goes to logs/<logName>.log; `onLine` sees each line.
	 * Returns `{ process, stop() }`; stopped with the instance, and killed if this process dies.
	 */
	async startCommand(args, { logName, env = {}, isReady, onLine, timeoutMs = 180000 }) {
		const brokerPort = await freePort();
		const started = Date.now();
		const child = startProcess(this.n8n.nodeBin, [this.n8n.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env }),
			logFile: path.join(this.logDir, `${logName}.log`),
			onLine,
		});
		const server = {
			process: child,
			stop: async () => {
				this.servers.delete(server);
				await stopProcess(child, 15000);
			},
		};
		this.servers.add(server);
		for (;;) {
			if (child.exitCode !== null || child.signalCode !== null) {
				throw new RuntimeError(
					`n8n ${args[0]} exited (code ${child.exitCode}) before it was ready:\n${child.tail()}`,
				);
			}
			if (Date.now() - started > timeoutMs) {
				await server.stop();
				throw new RuntimeError(
					`n8n ${args[0]} was not ready within ${seconds(timeoutMs)}:\n${child.tail()}`,
				);
			}
			await sleep(500);
			if (await isReady(child).catch(() => false)) break;
		}
		server.bootMs = Date.now() - started;
		return server;
	}

	/**
	 * n8n 1.x cannot take its owner from the environment: the first start asks for one in the browser. This answers
	 * that form over REST; a user folder kept from an earlier run already has the owner.
	 */
	async setUpOwner(server) {
		const response = await fetch(`${server.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(OWNER),
		});
		if (response.ok) return;
		const text = await response.text();
		if (response.status === 400 && /already setup/i.test(text)) return;
		throw new RuntimeError(
			`Setting up the owner ${OWNER.email} failed: HTTP ${response.status} ${text}`,
		);
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

/**
 * The N8N_USER_FOLDER for an instance. It lies outside the repository on purpose: n8n lets community packages
 * resolve n8n-workflow through the NODE_PATH it sets to its own node_modules, but Node looks in every parent
 * folder's node_modules first, so a package installed under this repository would load the repository's dev
 * copy of n8n-workflow instead of the one inside the n8n under test.
 */
function defaultUserFolder(name) {
	const repoId = `${path.basename(REPO)}-${crypto.createHash('sha1').update(REPO).digest('hex').slice(0, 8)}`;
	return path.join(os.tmpdir(), `n8n-smartwats-${os.userInfo().uid}`, repoId, name);
}

/** Fails when something near `packageDir` would hand the package an n8n-workflow other than n8n's own. */
function assertResolvesN8nWorkflowFromN8n(packageDir) {
	let found;
	try {
		found = require.resolve('n8n-workflow', { paths: [packageDir] });
	} catch {
		return; // only n8n's NODE_PATH provides it, as in a real install
	}
	throw new RuntimeError(
		`The package in ${packageDir} would load n8n-workflow from ${found} instead of n8n's own copy; use a user folder outside any node_modules tree.`,
	);
}

/**
 * A fresh N8N_USER_FOLDER (outside the repository, see defaultUserFolder; or `userFolder`) with the packed package
 * installed the way n8n installs a community package: unpacked into .n8n/nodes/node_modules/<name>, dev/peer
 * dependencies dropped, runtime dependencies installed with scripts off. Logs go to .e2e/<name>/logs, next to a
 * link to the user folder. An n8n other than the default gets its own folders (<name>-n8n-<version>), since n8n's
 * database does not move between major versions. `env` is added to every n8n command the instance runs (queue
 * mode's database and Redis settings). Returns an Instance.
 */
async function createInstance(name, { n8n, pkg, userFolder, fresh = true, env } = {}) {
	n8n ??= await ensureN8n();
	pkg ??= await buildAndPack({ n8n });
	const folderName = n8n.version === N8N_VERSION ? name : `${name}-n8n-${n8n.version}`;
	userFolder ??= defaultUserFolder(folderName);
	const workDir = path.join(WORK_ROOT, folderName);
	const logDir = path.join(workDir, 'logs');
	if (fresh) {
		fs.rmSync(userFolder, { recursive: true, force: true });
		fs.rmSync(logDir, { recursive: true, force: true });
	}
	fs.mkdirSync(userFolder, { recursive: true });
	fs.mkdirSync(logDir, { recursive: true });
	const link = path.join(workDir, 'user-folder');
	fs.rmSync(link, { force: true });
	fs.symlinkSync(userFolder, link);
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
	assertResolvesN8nWorkflowFromN8n(packageDir);
	const instance = new Instance({ name, n8n, pkg, userFolder, logDir, env });
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

module.exports = {
	OWNER,
	ENCRYPTION_KEY,
	createInstance,
	workflowFiles,
	parseExecutionOutput,
};
