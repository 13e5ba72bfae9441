'use strict';
// Build this package, pack it with npm, and check that the tarball's nodes and credentials load under n8n's Node.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { run, onExit } = require('./proc');
const { REPO, WORK_ROOT, RuntimeError, say, seconds, readJson } = require('./common');
const { ensureN8n } = require('./install');

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

/**
 * The n8n-workflow exports the package's code uses that this n8n's n8n-workflow lacks, as
 * `[{ name, files }]`. Importing a missing name gives `undefined` without an error, so a gap would otherwise
 * only show when that line runs (or, for NodeConnectionTypes, as a puzzling TypeError while n8n loads the node).
 */
async function missingN8nWorkflowExports(n8n, packageDir) {
	const used = new Map();
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(file);
			else if (entry.name.endsWith('.js')) {
				// tsc compiles `import { sleep } from 'n8n-workflow'` to `n8n_workflow_1.sleep`
				for (const [, name] of fs
					.readFileSync(file, 'utf8')
					.matchAll(/\bn8n_workflow_\d*\.([A-Za-z_$][\w$]*)/g)) {
					if (!used.has(name)) used.set(name, new Set());
					used.get(name).add(path.relative(packageDir, file));
				}
			}
		}
	};
	walk(packageDir);
	const listing = await run(
		n8n.nodeBin,
		['-e', "process.stdout.write(JSON.stringify(Object.keys(require('n8n-workflow'))))"],
		{ cwd: n8n.dir, env: { ...process.env, NODE_PATH: n8n.nodeModules }, timeoutMs: 60000 },
	);
	if (listing.code !== 0)
		throw new RuntimeError(`Could not list n8n-workflow's exports: ${listing.stderr.trim()}`);
	const available = new Set(JSON.parse(listing.stdout));
	return [...used]
		.filter(([name]) => !available.has(name))
		.map(([name, files]) => ({ name, files: [...files] }));
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
		// Outside the repository, so the package can only find n8n-workflow where n8n's loader puts it (NODE_PATH),
		// not in this repository's node_modules.
		const verifyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartwats-verify-'));
		onExit(() => fs.rmSync(verifyDir, { recursive: true, force: true }));
		await extractTarball(tarball, verifyDir);
		const missing = await missingN8nWorkflowExports(n8n, verifyDir);
		if (missing.length > 0) {
			const workflowVersion = readJson(
				path.join(n8n.nodeModules, 'n8n-workflow', 'package.json'),
			).version;
			throw new RuntimeError(
				`The package uses n8n-workflow exports that n8n ${n8n.version} (n8n-workflow ${workflowVersion}) lacks:\n${missing
					.map(({ name, files }) => `  ${name} in ${files.join(', ')}`)
					.join('\n')}`,
			);
		}
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

module.exports = { buildAndPack, extractTarball, missingN8nWorkflowExports };
