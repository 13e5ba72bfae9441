'use strict';
/**
 * `npm run bench`: the same workloads through n8n's HTTP Request node (configured as a user would) and through
 * the SmartWats node, in one real n8n (2.40.7, or --n8n <version>) against the SmartWats simulator. Prints a table of medians with
 * their spread and the SmartWats / HTTP Request ratios, and writes bench-results/latest.{json,md}.
 *
 *   npm run bench                 full run (BENCH_RUNS runs of each cell, default 3)
 *   npm run bench -- --smoke      a tiny version that only proves the script works (used by CI)
 *
 * Figures, never pass/fail: the machines are shared and noisy.
 */
const fs = require('node:fs');
const path = require('node:path');

const rt = require('./lib/n8n-runtime');
const { run } = require('./lib/proc');

const smoke = process.argv.includes('--smoke');
const RUNS = smoke ? 1 : Number(process.env.BENCH_RUNS || 3);
const SIZES = smoke
	? { sends: 20, parallel: 5, rateLimited: 90, contacts: 300 }
	: { sends: 1000, parallel: 10, rateLimited: 300, contacts: 10000 };
// The real API allows 60 a minute; the simulator's clock is scaled so the same limit passes in one second.
const RATE = { limit: 60, windowMs: 1000 };
// Workload 5 keeps the real clock: what Return All costs against the API's own limit, where a wait is a minute.
const RATE_PER_MINUTE = { limit: 60, windowMs: 60000 };
const OUT_DIR = path.join(rt.REPO, 'bench-results');
const BEARER = {
	id: 'benchBearer0001',
	name: 'SmartWats bearer (HTTP Request)',
	type: 'httpBearerAuth',
};

const say = (message) => process.stderr.write(`[bench] ${message}\n`);
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

// ---- workflows ------------------------------------------------------------------------------------------------

function phonesNode(count) {
	// Set + Split Out rather than a Code node: expressions run in n8n's main process, so no task runner is measured.
	return [
		{
			id: 'trigger',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'phones',
			name: 'Phones',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
			parameters: {
				assignments: {
					assignments: [
						{
							id: 'p',
							name: 'phone',
							type: 'array',
							value: `={{ Array.from({ length: ${count} }, (_, i) => '9197' + String(i).padStart(8, '0')) }}`,
						},
					],
				},
				options: {},
			},
		},
		{
			id: 'split',
			name: 'Split',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [400, 0],
			parameters: { fieldToSplitOut: 'phone', options: {} },
		},
	];
}

function workflow(id, name, nodes) {
	const connections = {};
	for (let index = 0; index < nodes.length - 1; index++) {
		connections[nodes[index].name] = {
			main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]],
		};
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** The node under measurement: always named "Measured", so its run data is found the same way in every cell. */
function measured(type, position, parameters, credentials, settings = {}) {
	return {
		id: 'measured',
		name: 'Measured',
		type,
		typeVersion: type.endsWith('httpRequest') ? 4.2 : 1,
		position,
		parameters,
		credentials,
		...settings,
	};
}

function smartWats(parameters, position = [600, 0]) {
	const credentials = { smartWatsApi: { id: rt.CREDENTIAL.id, name: rt.CREDENTIAL.name } };
	return measured('n8n-nodes-smartwats.smartWats', position, parameters, credentials);
}

function smartWatsSend(requestOptions = {}) {
	return smartWats({
		resource: 'message',
		operation: 'sendText',
		phoneNumber: '={{ $json.phone }}',
		text: 'Your order has shipped',
		requestOptions,
	});
}

function smartWatsGetAll(requestOptions = {}) {
	return smartWats(
		{ resource: 'contact', operation: 'getAll', returnAll: true, requestOptions },
		[200, 0],
	);
}

/** An HTTP Request node set up as the SmartWats docs tell a user: bearer auth, JSON accepted. */
function http(sim, method, endpoint, parameters, { position = [600, 0], settings } = {}) {
	return measured(
		'n8n-nodes-base.httpRequest',
		position,
		{
			method,
			url: `${sim.url}/${sim.vendorUid}/${endpoint}`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpBearerAuth',
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'Accept', value: 'application/json' }] },
			...parameters,
		},
		{ httpBearerAuth: { id: BEARER.id, name: BEARER.name } },
		settings,
	);
}

function httpSend(sim, { batching, retry } = {}) {
	return http(
		sim,
		'POST',
		'contact/send-message',
		{
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				'={{ JSON.stringify({ phone_number: $json.phone, message_body: "Your order has shipped" }) }}',
			options: batching ? { batching: { batch: { batchSize: batching, batchInterval: 0 } } } : {},
		},
		// What a user adds after the first 429s: n8n's node-level retry (it re-runs the whole node).
		{ settings: retry ? { retryOnFail: true, maxTries: 5, waitBetweenTries: 1000 } : {} },
	);
}

function httpGetAll(sim, pageSize = 100) {
	return http(
		sim,
		'GET',
		'contacts',
		{
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'page_size', value: String(pageSize) }] },
			options: {
				pagination: {
					pagination: {
						parameters: {
							parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount + 1 }}' }],
						},
						paginationCompleteWhen: 'other',
						completeExpression: '={{ $response.body.data.contactList.next_page_url === null }}',
						limitPagesFetched: false,
					},
				},
			},
		},
		{ position: [200, 0] },
	);
}

const start = () => ({
	id: 'trigger',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
});

function cells(sim) {
	const { sends, parallel, rateLimited, contacts } = SIZES;
	return [
		{
			workload: `1. ${sends} text sends`,
			node: 'HTTP Request',
			items: sends,
			wf: workflow('benchHttpSend', 'HTTP send', [...phonesNode(sends), httpSend(sim)]),
		},
		{
			workload: `1. ${sends} text sends`,
			node: 'SmartWats',
			items: sends,
			wf: workflow('benchSwSend', 'SmartWats send', [...phonesNode(sends), smartWatsSend()]),
		},
		{
			workload: `2. ${sends} sends, ${parallel} at a time`,
			node: `HTTP Request (batch ${parallel})`,
			items: sends,
			wf: workflow('benchHttpBatch', 'HTTP batch', [
				...phonesNode(sends),
				httpSend(sim, { batching: parallel }),
			]),
		},
		{
			workload: `2. ${sends} sends, ${parallel} at a time`,
			node: `SmartWats (parallel ${parallel})`,
			items: sends,
			wf: workflow('benchSwParallel', 'SmartWats parallel', [
				...phonesNode(sends),
				smartWatsSend({ parallelRequests: parallel }),
			]),
		},
		{
			workload: `3. ${rateLimited} sends, limit ${RATE.limit}/s`,
			node: 'HTTP Request (Retry On Fail)',
			items: rateLimited,
			rateLimited: true,
			wf: workflow('benchHttpLimited', 'HTTP limited', [
				...phonesNode(rateLimited),
				httpSend(sim, { retry: true }),
			]),
		},
		{
			workload: `3. ${rateLimited} sends, limit ${RATE.limit}/s`,
			node: 'SmartWats',
			items: rateLimited,
			rateLimited: true,
			wf: workflow('benchSwLimited', 'SmartWats limited', [
				...phonesNode(rateLimited),
				smartWatsSend(),
			]),
		},
		{
			workload: `3. ${rateLimited} sends, limit ${RATE.limit}/s`,
			node: 'SmartWats (paced 3600/min)',
			items: rateLimited,
			rateLimited: true,
			wf: workflow('benchSwPaced', 'SmartWats paced', [
				...phonesNode(rateLimited),
				smartWatsSend({ requestsPerMinute: RATE.limit * (60000 / RATE.windowMs) }),
			]),
		},
		{
			workload: `4. Get Many over ${contacts} contacts`,
			node: 'HTTP Request (pagination)',
			items: contacts,
			contacts: true,
			wf: workflow('benchHttpList', 'HTTP list', [start(), httpGetAll(sim)]),
		},
		{
			workload: `4. Get Many over ${contacts} contacts`,
			node: 'SmartWats (Return All)',
			items: contacts,
			contacts: true,
			wf: workflow('benchSwList', 'SmartWats list', [start(), smartWatsGetAll()]),
		},
		...[
			{
				node: 'HTTP Request (pagination, page_size 100)',
				wf: workflow('benchHttpListMin', 'HTTP list per minute', [start(), httpGetAll(sim)]),
			},
			{
				node: 'HTTP Request (pagination, page_size 1000)',
				wf: workflow('benchHttpListMin1k', 'HTTP list 1000 per minute', [
					start(),
					httpGetAll(sim, 1000),
				]),
			},
			{
				node: 'SmartWats (Return All, Rows Per Page 100: before)',
				wf: workflow('benchSwListMin100', 'SmartWats list 100 per minute', [
					start(),
					smartWatsGetAll({ pageSize: 100 }),
				]),
			},
			{
				node: 'SmartWats (Return All, default 1000 rows: after)',
				wf: workflow('benchSwListMin', 'SmartWats list per minute', [start(), smartWatsGetAll()]),
			},
		].map((cell) => ({
			...cell,
			workload: `5. Get Many over ${contacts} contacts, limit ${RATE_PER_MINUTE.limit}/min`,
			items: contacts,
			contacts: true,
			rate: RATE_PER_MINUTE,
			// the time is the limiter's minute, not the machine's noise: one run each
			runs: 1,
		})),
	];
}

// ---- measuring ------------------------------------------------------------------------------------------------

/** Peak resident memory (VmHWM) of the `n8n execute --id=<id>` process, sampled while it runs. */
function watchPeakMemory(workflowId) {
	let peakKb = 0;
	let pids = [];
	const needle = `--id=${workflowId}`;
	const sample = () => {
		if (pids.length === 0) {
			for (const entry of fs.readdirSync('/proc')) {
				if (!/^\d+$/.test(entry)) continue;
				try {
					if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) pids.push(entry);
				} catch {
					/* the process ended meanwhile */
				}
			}
		}
		for (const pid of pids) {
			try {
				const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
				if (match) peakKb = Math.max(peakKb, Number(match[1]));
			} catch {
				pids = pids.filter((known) => known !== pid);
			}
		}
	};
	const timer = setInterval(sample, 50);
	return () => {
		clearInterval(timer);
		return peakKb / 1024;
	};
}

async function measure(cell, instance, sim) {
	await sim.reset();
	await sim.admin(
		'POST',
		'rate-limit',
		cell.rate ?? (cell.rateLimited ? RATE : { enabled: false }),
	);
	if (cell.contacts) await sim.admin('POST', 'contacts', { count: cell.items });
	await sim.clearJournal();
	const stopWatching = watchPeakMemory(cell.wf.id);
	const result = await instance.execute(cell.wf.id, { timeoutMs: 20 * 60 * 1000 });
	const peakMb = stopWatching();
	const journal = await sim.journal();
	const runs = result.runData.Measured ?? [];
	const nodeMs = runs.reduce((sum, taskRun) => sum + (taskRun.executionTime ?? 0), 0);
	const sends = journal.filter((entry) => entry.endpoint === 'contact/send-message');
	const processed = sends.filter((entry) => entry.processed && entry.status === 200);
	const rows = (result.output('Measured') ?? []).length;
	const distinct = new Set(processed.map((entry) => entry.body?.phone_number));
	return {
		ok: result.ok,
		error: result.error ? String(result.error.message ?? result.error).slice(0, 120) : undefined,
		nodeMs,
		commandMs: result.ms,
		peakMb,
		requests: journal.length,
		throttled: journal.filter((entry) => entry.status === 429).length,
		sent: distinct.size,
		duplicates: processed.length - distinct.size,
		failed: cell.contacts ? 0 : cell.items - distinct.size,
		rows,
		// first to last request as the simulator saw them: the time spent talking to the API, waits included
		apiMs: journal.length ? journal.at(-1).at - journal[0].at : 0,
	};
}

/** Time to require the built node in a fresh process, with n8n-workflow already loaded (as it is inside n8n). */
async function loadCost(pkg) {
	const node = JSON.stringify(path.join(rt.REPO, 'dist/nodes/SmartWats/SmartWats.node.js'));
	const script = `require('n8n-workflow');const t=process.hrtime.bigint();require(${node});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
	const times = [];
	for (let index = 0; index < 5; index++) {
		const result = await run(process.execPath, ['-e', script], { cwd: rt.REPO, timeoutMs: 60000 });
		times.push(Number(result.stdout));
	}
	return { requireMs: median(times), tarballKb: fs.statSync(pkg.tarball).size / 1024 };
}

// ---- report ---------------------------------------------------------------------------------------------------

const fmt = (value, digits = 0) =>
	value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);

function summarise(cell, samples) {
	const pick = (key) => samples.map((sample) => sample[key]);
	const nodeMs = pick('nodeMs');
	return {
		workload: cell.workload,
		node: cell.node,
		items: cell.items,
		runs: samples.length,
		medianMs: median(nodeMs),
		minMs: Math.min(...nodeMs),
		maxMs: Math.max(...nodeMs),
		perItemMs: median(nodeMs) / cell.items,
		peakMb: median(pick('peakMb')),
		requests: median(pick('requests')),
		throttled: median(pick('throttled')),
		sent: cell.contacts ? undefined : median(pick('sent')),
		failed: cell.contacts ? undefined : median(pick('failed')),
		duplicates: cell.contacts ? undefined : median(pick('duplicates')),
		theoreticalMinMs: cell.rateLimited ? (cell.items / RATE.limit) * RATE.windowMs : undefined,
		errors: samples.map((sample) => sample.error).filter(Boolean),
		outputItems: median(pick('rows')),
		apiMs: median(pick('apiMs')),
	};
}

function table(rows, load) {
	const header =
		'| Workload | Node | Median ms (min–max) | First–last request ms | ms/item | Peak MB | Requests | 429s | Sent | Failed | Duplicates |';
	const lines = [header, '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'];
	for (const row of rows) {
		const time = `${fmt(row.medianMs)} (${fmt(row.minMs)}–${fmt(row.maxMs)})${row.theoreticalMinMs ? `, N/rate = ${fmt(row.theoreticalMinMs)}` : ''}`;
		lines.push(
			`| ${row.workload} | ${row.node} | ${time} | ${fmt(row.apiMs)} | ${fmt(row.perItemMs, 2)} | ${fmt(row.peakMb)} | ${fmt(row.requests)} | ${fmt(row.throttled)} | ${fmt(row.sent)} | ${fmt(row.failed)} | ${fmt(row.duplicates)} |`,
		);
	}
	const failures = rows.filter((row) => row.errors.length);
	if (failures.length) {
		lines.push('');
		lines.push('Runs that failed:');
		for (const row of failures)
			lines.push(
				`- ${row.workload}: ${row.node}: ${row.errors.length} of ${row.runs} runs, "${row.errors[0]}" (output ${fmt(row.outputItems)} items)`,
			);
	}
	lines.push('');
	lines.push('Ratios SmartWats / HTTP Request (median node time):');
	const byWorkload = new Map();
	for (const row of rows)
		byWorkload.set(row.workload, [...(byWorkload.get(row.workload) ?? []), row]);
	for (const [workload, group] of byWorkload) {
		// against the HTTP Request run that finished, when one of them failed (workload 5)
		const http =
			group.find((row) => row.node.startsWith('HTTP') && !row.errors.length) ??
			group.find((row) => row.node.startsWith('HTTP'));
		if (!http) continue;
		for (const row of group.filter((candidate) => candidate.node.startsWith('SmartWats'))) {
			lines.push(
				`- ${workload}: ${row.node} = ${fmt(row.medianMs / http.medianMs, 2)} × HTTP Request`,
			);
		}
	}
	lines.push('');
	lines.push(
		`Node load cost: require() of the built node ${fmt(load.requireMs, 1)} ms once n8n-workflow is loaded (median of 5 fresh processes); packed tarball ${fmt(load.tarballKb, 1)} KB.`,
	);
	return lines.join('\n');
}

async function main() {
	const started = Date.now();
	say(
		`${smoke ? 'Smoke run' : `Full run, ${RUNS} runs per cell`}: preparing n8n and the simulator…`,
	);
	const { n8n, instance, sim, pkg } = await rt.prepare(smoke ? 'bench-smoke' : 'bench', {
		simulator: true,
		rateLimit: false,
	});
	if (!sim)
		throw new Error(
			'The benchmark runs against the simulator; unset SMARTWATS_BASE_URL and friends.',
		);
	await instance.importCredentials([{ ...BEARER, data: { token: sim.token } }]);
	// BENCH_ONLY=1,3 measures only the workloads whose numbers are listed.
	const only = (process.env.BENCH_ONLY || '').split(',').filter(Boolean);
	const plan = cells(sim).filter(
		(cell) => only.length === 0 || only.some((number) => cell.workload.startsWith(`${number}.`)),
	);
	const workflowDir = path.join(instance.userFolder, 'bench-workflows');
	fs.mkdirSync(workflowDir, { recursive: true });
	const files = plan.map((cell) => {
		const file = path.join(workflowDir, `${cell.wf.id}.json`);
		fs.writeFileSync(file, JSON.stringify(cell.wf, null, 2));
		return file;
	});
	await instance.importWorkflows(files);

	const rows = [];
	for (const cell of plan) {
		const samples = [];
		for (let index = 0; index < Math.min(RUNS, cell.runs ?? RUNS); index++) {
			const sample = await measure(cell, instance, sim);
			say(
				`${cell.workload} · ${cell.node} · run ${index + 1}: ${fmt(sample.nodeMs)} ms, ${fmt(sample.apiMs)} ms first to last request, ${sample.requests} requests, peak ${fmt(sample.peakMb)} MB${sample.error ? `, error: ${sample.error}` : ''}`,
			);
			samples.push(sample);
		}
		rows.push(summarise(cell, samples));
	}
	const load = await loadCost(pkg);
	const report = table(rows, load);
	process.stdout.write(`\n${report}\n`);
	fs.mkdirSync(OUT_DIR, { recursive: true });
	const name = smoke ? 'smoke' : 'latest';
	const meta = {
		date: new Date().toISOString(),
		n8n: n8n.version,
		runs: RUNS,
		sizes: SIZES,
		rate: RATE,
		totalSeconds: (Date.now() - started) / 1000,
	};
	fs.writeFileSync(
		path.join(OUT_DIR, `${name}.json`),
		JSON.stringify({ ...meta, rows, load }, null, 2),
	);
	fs.writeFileSync(path.join(OUT_DIR, `${name}.md`), `${JSON.stringify(meta)}\n\n${report}\n`);
	say(`Wrote bench-results/${name}.{json,md} in ${fmt(meta.totalSeconds)} s.`);
	await sim.stop();
	await rt.stopAll?.();
}

main().catch(async (error) => {
	process.stderr.write(`[bench] failed: ${error.stack || error}\n`);
	await rt.stopAll?.();
	process.exit(1);
});
