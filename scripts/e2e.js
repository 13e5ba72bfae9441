#!/usr/bin/env node
'use strict';
/**
 * npm run test:e2e [-- --filter <text>] [-- --n8n <version>]
 *
 * The end-to-end tier: this package in a real n8n (2.40.7 unless --n8n or SMARTWATS_N8N_VERSION names another, e.g.
 * 1.123.81), installed as a community package, against the SmartWats simulator. Imports examples/*.json and test/e2e/workflows/*.json, runs the cases in test/e2e/*.e2e.js and prints
 * "N passed, N failed" as its last line. Exits non-zero when anything failed, including preparing n8n.
 *
 * A case file exports an array of cases, or `{ cases, before(ctx), after(ctx) }`. A case is
 *   { name, workflow: '<id>', before?(ctx), check(ctx) }              phase "cli" (default): n8n execute --id
 *   { name, phase: 'server', publish?: ['<id>'], uses?: ['<id>'], run(ctx) }   against a running `n8n start`
 * ctx: { instance, sim, expect, result, journal, server, api, workflow(id), screenshotsDir, say, n8n, owner }
 * (n8n: { version, major, knownEditorErrors: messages n8n's own editor throws in that version }; owner: the
 * editor login).
 * The simulator is reset (seed data, empty journal, no faults) before every case.
 *
 * A case (or a whole file, next to `cases`) may say which n8n it cannot run on, keyed by major version:
 *   notOn: { 1: 'n8n 1.x has no <feature>' }
 * It is then listed as not run, with that reason, and counted apart from passed and failed. Use it only for a
 * feature that n8n version lacks, never for a failure.
 *
 * Coverage is checked too (skipped with --filter): every imported workflow with a Manual Trigger has a case, every
 * resource of the node that has operations is used by some case's workflow, and a trigger node, when the package
 * has one, is used by a server case.
 */

const fs = require('node:fs');
const path = require('node:path');

const rt = require('./lib/n8n-runtime');
const { expect, ExpectationError } = require('../test/e2e/lib/expect');

const E2E_DIR = path.join(rt.REPO, 'test', 'e2e');
/** screenshots/ for the default n8n; screenshots/n8n-<version>/ for another, so one run never overwrites the other's. */
function screenshotsDir(version) {
	const base = path.join(rt.REPO, 'screenshots');
	return version === rt.N8N_VERSION ? base : path.join(base, `n8n-${version}`);
}
const MANUAL_TRIGGER = 'n8n-nodes-base.manualTrigger';

const results = [];
const notRun = [];
const out = (text = '') => process.stdout.write(`${text}\n`);

function record(name, ok, ms, detail) {
	results.push({ name, ok, ms, detail });
	out(`${ok ? '  ✓' : '  ✗'} ${name}${ms !== undefined ? ` (${rt.seconds(ms)})` : ''}`);
	if (!ok && detail)
		out(
			detail
				.split('\n')
				.map((line) => `      ${line}`)
				.join('\n'),
		);
}

function filterArg() {
	const index = process.argv.indexOf('--filter');
	return index === -1 ? null : process.argv[index + 1];
}

function loadCaseFiles(filter) {
	const files = fs
		.readdirSync(E2E_DIR)
		.filter((f) => f.endsWith('.e2e.js'))
		.sort();
	return files.map((file) => {
		const exported = require(path.join(E2E_DIR, file));
		const group = Array.isArray(exported) ? { cases: exported } : exported;
		const cases = (group.cases || []).map((c) => ({
			phase: 'cli',
			...c,
			notOn: { ...group.notOn, ...c.notOn },
			file,
		}));
		return {
			file,
			notOn: group.notOn || {},
			before: group.before,
			after: group.after,
			cases: cases.filter((c) => !filter || `${file} ${c.name}`.includes(filter)),
		};
	});
}

function describeError(error) {
	if (error instanceof ExpectationError || error instanceof rt.RuntimeError) return error.message;
	return error && error.stack ? error.stack : String(error);
}

/** Takes the cases that cannot run on this n8n out of `cases`, listing each with its reason. */
function runnable(cases, n8n) {
	return cases.filter((testCase) => {
		const reason = testCase.notOn[n8n.major];
		if (!reason) return true;
		notRun.push({ name: testCase.name, reason });
		out(`  – ${testCase.name} (not run on n8n ${n8n.version}: ${reason})`);
		return false;
	});
}

async function resetSimulator(sim) {
	await sim.reset();
	await sim.clearFaults();
	await sim.clearJournal();
}

/** The node type of this package's main node and trigger, as users' workflows contain them. */
function nodeTypes(pkg) {
	return Object.fromEntries(pkg.nodes.map((name) => [name, `${pkg.name}.${name}`]));
}

function coverageProblems({ pkg, instance, groups }) {
	const problems = [];
	const cases = groups.flatMap((g) => g.cases);
	const usedIds = new Set(
		cases.flatMap((c) => [c.workflow, ...(c.uses || []), ...(c.publish || [])].filter(Boolean)),
	);
	for (const [id, { file, workflow }] of instance.workflows) {
		const manual = workflow.nodes.some((n) => n.type === MANUAL_TRIGGER);
		if (manual && !usedIds.has(id))
			problems.push(
				`workflow "${id}" (${path.relative(rt.REPO, file)}) is imported but no e2e case runs it`,
			);
	}
	const types = nodeTypes(pkg);
	for (const [nodeName, resources] of Object.entries(pkg.resources)) {
		const used = new Set();
		for (const id of usedIds) {
			const entry = instance.workflows.get(id);
			for (const node of entry ? entry.workflow.nodes : []) {
				if (node.type === types[nodeName]) used.add(node.parameters.resource ?? 'message');
			}
		}
		for (const [resource, operations] of Object.entries(resources)) {
			if (operations.length > 0 && !used.has(resource))
				problems.push(
					`resource "${resource}" of ${nodeName} has operations but no e2e case uses it`,
				);
		}
	}
	for (const trigger of pkg.nodes.filter((name) => /Trigger$/.test(name))) {
		const usedByServerCase = cases
			.filter((c) => c.phase === 'server')
			.some((c) =>
				[...(c.publish || []), ...(c.uses || [])].some((id) =>
					instance.workflows.get(id)?.workflow.nodes.some((n) => n.type === types[trigger]),
				),
			);
		if (!usedByServerCase)
			problems.push(
				`the package has the trigger node ${trigger} but no server case publishes a workflow using it`,
			);
	}
	return problems;
}

async function main() {
	const started = Date.now();
	const filter = filterArg();
	const timings = {};
	let sim;
	let instance;
	let server;
	try {
		const version = rt.selectedVersion();
		out(`SmartWats e2e: n8n ${version} with the package installed as a community package`);
		let t = Date.now();
		const n8n = await rt.ensureN8n({ version });
		timings['n8n install check'] = Date.now() - t;
		t = Date.now();
		const pkg = await rt.buildAndPack({ n8n });
		timings['build + pack'] = Date.now() - t;
		t = Date.now();
		instance = await rt.createInstance('e2e', { n8n, pkg });
		sim = await rt.startSimulator({
			rateLimit: false,
			logFile: path.join(instance.logDir, 'simulator.log'),
		});
		// The e2e tier always talks to the simulator (it checks what the simulator received), whatever SMARTWATS_* say.
		await instance.importCredentials([
			{
				...rt.CREDENTIAL,
				data: { baseUrl: sim.url, vendorUid: sim.vendorUid, accessToken: sim.token },
			},
		]);
		const workflowFiles = [
			...rt.workflowFiles('examples'),
			...rt.workflowFiles('test/e2e/workflows'),
		];
		await instance.importWorkflows(workflowFiles);
		timings['instance + imports'] = Date.now() - t;
		out(
			`Prepared in ${rt.seconds(Date.now() - started)}: ${pkg.name}@${pkg.version} (nodes ${pkg.nodes.join(', ')}), ${instance.workflows.size} workflows, simulator at ${sim.url}`,
		);

		const groups = loadCaseFiles(filter);
		if (!filter) {
			const problems = coverageProblems({ pkg, instance, groups });
			if (problems.length) for (const problem of problems) record(`coverage: ${problem}`, false);
			else record('coverage: every workflow, resource and trigger has a case', true);
		} else {
			out(`(--filter ${JSON.stringify(filter)}: coverage checks skipped)`);
		}

		const ctxBase = {
			instance,
			sim,
			expect,
			screenshotsDir: screenshotsDir(n8n.version),
			say: rt.say,
			workflow: (id) => instance.workflows.get(id)?.workflow,
			nodeTypes: nodeTypes(pkg),
			pkg,
			n8n: {
				version: n8n.version,
				major: n8n.major,
				knownEditorErrors: instance.knownEditorErrors,
			},
			owner: rt.OWNER,
		};

		// Phase 1: n8n execute --id, one process per workflow.
		t = Date.now();
		for (const group of groups) {
			const cliCases = group.cases.filter((c) => c.phase === 'cli');
			if (!cliCases.length) continue;
			out(`\n${group.file}`);
			for (const testCase of runnable(cliCases, n8n)) {
				const caseStarted = Date.now();
				try {
					if (!instance.workflows.has(testCase.workflow))
						throw new ExpectationError(`workflow "${testCase.workflow}" was not imported`);
					await resetSimulator(sim);
					const ctx = { ...ctxBase };
					await testCase.before?.(ctx);
					ctx.result = await instance.execute(testCase.workflow);
					ctx.journal = await sim.journal();
					await testCase.check(ctx);
					record(testCase.name, true, Date.now() - caseStarted);
				} catch (error) {
					record(testCase.name, false, Date.now() - caseStarted, describeError(error));
				}
			}
		}
		timings['execute phase'] = Date.now() - t;

		// Phase 2: a running n8n (trigger workflows, the browser check).
		const serverGroups = groups
			.map((g) => ({ ...g, cases: g.cases.filter((c) => c.phase === 'server') }))
			.filter((g) => g.cases.length);
		const runsHere = (c) => !c.notOn[n8n.major];
		if (serverGroups.some((g) => g.cases.some(runsHere))) {
			t = Date.now();
			for (const id of new Set(
				serverGroups.flatMap((g) => g.cases.filter(runsHere).flatMap((c) => c.publish || [])),
			))
				await instance.publish(id);
			server = await instance.start();
			timings['n8n start (boot)'] = server.bootMs;
			out(`\nn8n running at ${server.url} (ready after ${rt.seconds(server.bootMs)})`);
			const api = await instance.login(server);
			for (const group of serverGroups) {
				out(`\n${group.file}`);
				group.cases = runnable(group.cases, n8n);
				if (!group.cases.length) continue;
				const ctx = { ...ctxBase, server, api };
				try {
					await group.before?.(ctx);
				} catch (error) {
					for (const testCase of group.cases)
						record(testCase.name, false, undefined, `setup failed: ${describeError(error)}`);
					await group.after?.(ctx).catch?.(() => {});
					continue;
				}
				for (const testCase of group.cases) {
					const caseStarted = Date.now();
					try {
						await resetSimulator(sim);
						await testCase.run(ctx);
						record(testCase.name, true, Date.now() - caseStarted);
					} catch (error) {
						record(testCase.name, false, Date.now() - caseStarted, describeError(error));
					}
				}
				try {
					await group.after?.(ctx);
				} catch (error) {
					rt.say(`cleanup of ${group.file} failed: ${describeError(error)}`);
				}
			}
			timings['server phase'] = Date.now() - t;
		} else {
			for (const group of serverGroups) {
				out(`\n${group.file}`);
				runnable(group.cases, n8n);
			}
		}
		if (results.length === 0 && notRun.length === 0)
			record(
				'no e2e cases ran',
				false,
				undefined,
				filter ? `nothing matches --filter ${filter}` : 'test/e2e/*.e2e.js define no cases',
			);
	} catch (error) {
		record('prepare n8n, the package and the simulator', false, undefined, describeError(error));
	} finally {
		await server?.stop().catch(() => {});
		await sim?.stop().catch(() => {});
		await rt.stopAll();
	}

	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	out('');
	out(
		`Timings: ${Object.entries(timings)
			.map(([k, v]) => `${k} ${rt.seconds(v)}`)
			.join(', ')}; total ${rt.seconds(Date.now() - started)}`,
	);
	if (instance)
		out(
			`Logs: ${path.relative(process.cwd(), instance.logDir)}/  Screenshots: ${path.relative(process.cwd(), screenshotsDir(instance.n8n.version))}/`,
		);
	if (notRun.length)
		out(
			`${notRun.length} not run: they need features n8n ${rt.selectedVersion()} lacks (marked – above)`,
		);
	out(`${passed} passed, ${failed} failed`);
	process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	out('0 passed, 1 failed');
	process.exit(1);
});
