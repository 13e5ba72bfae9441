'use strict';
/**
 * Runs this package inside a real n8n (2.40.7 on Node 24 by default, or 1.123.81 on Node 22), the way a user gets
 * it: installed as a community package, so node types are `n8n-nodes-smartwats.smartWats`. Shared by
 * `npm run demo`, `npm run test:e2e` and the benchmarks. The parts: install.js (the cached n8n), pack.js (build,
 * pack, verify), instance.js (a user folder driven through n8n's CLI and `n8n start`), simulator.js, proc.js.
 *
 *   const rt = require('./lib/n8n-runtime');
 *   const n8n = await rt.ensureN8n();                       // cached install, made on first use
 *   const pkg = await rt.buildAndPack();                    // npm run build + npm pack, verified loadable
 *   const inst = await rt.createInstance('e2e', { n8n, pkg });  // fresh N8N_USER_FOLDER, logs in .e2e/e2e
 *   const sim = await rt.startSimulator();
 *   await inst.importCredentials([rt.smartWatsCredential(sim)]);
 *   await inst.importWorkflows(['examples/x.json']);
 *   const result = await inst.execute('wfId');              // n8n execute --id --rawOutput, parsed
 *   const server = await inst.start();                      // n8n start on 127.0.0.1:<free port>, owner set up
 *
 * n8n version: `--n8n <version>` on the command line or SMARTWATS_N8N_VERSION (default 2.40.7; 1.123.81 is tested
 * too). Environment: SMARTWATS_N8N_CACHE (the folder holding one n8n-<version> install per version, default
 * ~/.cache/n8n-smartwats); SMARTWATS_BASE_URL + SMARTWATS_VENDOR_UID + SMARTWATS_ACCESS_TOKEN (all three) point the credential at the
 * real SmartWats instead of the simulator.
 */

const path = require('node:path');

const { stopAll, isShuttingDown } = require('./proc');
const { startSimulator, handCommands } = require('./simulator');
const { REPO, RuntimeError, say, seconds } = require('./common');
const {
	N8N_VERSION,
	TESTED_VERSIONS,
	selectedVersion,
	cacheRoot,
	cacheDir,
	ensureN8n,
} = require('./install');
const { buildAndPack } = require('./pack');
const {
	OWNER,
	ENCRYPTION_KEY,
	createInstance,
	workflowFiles,
	parseExecutionOutput,
} = require('./instance');

/** The credential every example and test workflow refers to. */
const CREDENTIAL = { id: 'smartWatsCred01', name: 'SmartWats account', type: 'smartWatsApi' };

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

/**
 * Everything in one call: n8n install, build + pack, a fresh instance, the simulator (unless `simulator: false`; on
 * `simulatorPort` if given),
 * the credential, and the workflows. Returns `{ n8n, pkg, instance, sim, credential, workflowIds, timings }`.
 */
async function prepare(
	name,
	{ workflows = [], simulator = true, simulatorPort, rateLimit = false, fresh = true } = {},
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
			? await startSimulator({
					port: simulatorPort,
					rateLimit,
					logFile: path.join(instance.logDir, 'simulator.log'),
				})
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
	TESTED_VERSIONS,
	selectedVersion,
	OWNER,
	CREDENTIAL,
	ENCRYPTION_KEY,
	RuntimeError,
	cacheRoot,
	cacheDir,
	ensureN8n,
	buildAndPack,
	createInstance,
	startSimulator,
	handCommands,
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
