#!/usr/bin/env node
'use strict';
/**
 * npm run test:queue [-- --filter <text>]
 *
 * The queue-mode tier: this package in n8n 2.40.7 run the way businesses scale it out, with PostgreSQL as the
 * database, Redis as the queue, a main process, two workers (concurrency 10) and one webhook processor, each
 * process with its own user folder holding the package as a community package, against the SmartWats simulator.
 * PostgreSQL and Redis come from Debian's packages (installed with apt-get when missing) and run as throwaway
 * servers on loopback; nothing of the machine's own is used. Prints "N passed, N failed" as its last line, exits
 * non-zero when anything failed, and stops everything it started, also on Ctrl-C or a crash.
 *
 * Scenarios: sends spread over the workers; the SmartWats Trigger through the webhook processor; 20 executions ×
 * 15 sends through the simulator's limiter (60 per window) with every message exactly once; a worker killed with
 * SIGKILL in the middle of a batch.
 */

const path = require('node:path');

const rt = require('./lib/n8n-runtime');
const { ensurePackages, startPostgres, startRedis } = require('./lib/services');
const { freePort, sleep } = require('./lib/proc');
const { expect } = require('../test/e2e/lib/expect');

const WORKFLOWS = path.join(rt.REPO, 'test', 'queue', 'workflows');
const SEND_WORKFLOW = 'queueSend';
const TRIGGER_WORKFLOW = 'queueTrigger';
const SEND_PATH = 'smartwats-queue-send';
/** The same workflow with the workflow setting "Save execution progress" on. */
const PROGRESS_WORKFLOW = 'queueSendProgress';
const PROGRESS_PATH = 'smartwats-queue-send-progress';
const SEND_ENDPOINT = 'contact/send-message';
const WORKER_CONCURRENCY = 10;
/**
 * How soon a dead worker's job counts as stalled. n8n's defaults are a 60 s lock renewed every 10 s and a stalled
 * check every 30 s (so about 30–90 s after the crash); shorter here so the tier does not wait minutes. The renewal
 * stays well inside the lock so a busy machine does not make a live worker look dead.
 */
const LOCKS = { lockDuration: 20000, lockRenewTime: 4000, stalledInterval: 8000 };
/** The contention scenario: 20 executions × 15 sends through a limit of 60 per window. */
const CONTENTION = { executions: 20, sends: 15, limit: 60, windowMs: 10000 };
const FINISHED = ['success', 'error', 'crashed', 'canceled'];

const out = (text = '') => process.stdout.write(`${text}\n`);
const results = [];

function filterArg() {
	const index = process.argv.indexOf('--filter');
	return index === -1 ? null : process.argv[index + 1];
}

/** The figures a scenario measured, printed under its line once it has passed or failed. */
let reported = [];
function report(lines) {
	reported.push(...lines);
}

/** One cluster: Postgres, Redis, the simulator, main, two workers, a webhook processor. */
async function startCluster() {
	const timings = {};
	let t = Date.now();
	const binDir = ensurePackages();
	const n8n = await rt.ensureN8n();
	const pkg = await rt.buildAndPack({ n8n });
	timings.prepare = Date.now() - t;

	t = Date.now();
	const roles = ['main', 'worker-1', 'worker-2', 'webhook'];
	// The services' logs go next to main's; the environment is filled in once their ports are known.
	const queueEnv = {};
	const instances = {};
	for (const role of roles)
		instances[role] = await rt.createInstance(`queue-${role}`, { n8n, pkg, env: queueEnv });
	const logDir = instances.main.logDir;
	const [pg, redis, sim] = await Promise.all([
		startPostgres({ binDir, logFile: path.join(logDir, 'postgres.log') }),
		startRedis({ logFile: path.join(logDir, 'redis.log') }),
		rt.startSimulator({ logFile: path.join(logDir, 'simulator.log') }),
	]);
	Object.assign(queueEnv, {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: '',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_WORKER_LOCK_DURATION: String(LOCKS.lockDuration),
		QUEUE_WORKER_LOCK_RENEW_TIME: String(LOCKS.lockRenewTime),
		QUEUE_WORKER_STALLED_INTERVAL: String(LOCKS.stalledInterval),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	});
	timings.services = Date.now() - t;

	// import:credentials runs the database migrations, once, before any n8n process starts.
	t = Date.now();
	const main = instances.main;
	await main.importCredentials([rt.smartWatsCredential(sim)]);
	await main.importWorkflows(rt.workflowFiles(path.relative(rt.REPO, WORKFLOWS)));
	await Promise.all(
		[SEND_WORKFLOW, PROGRESS_WORKFLOW, TRIGGER_WORKFLOW].map((id) => main.publish(id)),
	);
	timings.migrateAndImport = Date.now() - t;

	// Workers need only the database and Redis; the webhook processor reads the webhooks main registers when it
	// activates the published workflows, so it starts after main.
	t = Date.now();
	/** executionId → worker name, from each worker's "Worker started execution N" log line. */
	const ranOn = new Map();
	const [mainServer, ...workers] = await Promise.all([
		main.start(),
		...[1, 2].map(async (n) => {
			const name = `worker-${n}`;
			const healthPort = await freePort();
			let ready = false;
			const server = await instances[name].startCommand(
				['worker', `--concurrency=${WORKER_CONCURRENCY}`],
				{
					logName: 'n8n-worker',
					env: {
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(healthPort),
						// the health server binds every interface unless told otherwise
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					},
					onLine: (line) => {
						if (/n8n worker is now ready/.test(line)) ready = true;
						const started = /Worker started execution (\d+)/.exec(line);
						if (started) ranOn.set(started[1], name);
					},
					isReady: async () => ready && (await fetch(`http://127.0.0.1:${healthPort}/healthz`)).ok,
				},
			);
			return { name, server, healthPort };
		}),
	]);
	const webhookPort = await freePort();
	const webhookUrl = `http://127.0.0.1:${webhookPort}`;
	let webhookReady = false;
	const webhookServer = await instances.webhook.startCommand(['webhook'], {
		logName: 'n8n-webhook',
		env: { N8N_PORT: String(webhookPort), N8N_WEBHOOK_URL: `${webhookUrl}/` },
		onLine: (line) => {
			if (/Webhook listener waiting for requests/.test(line)) webhookReady = true;
		},
		isReady: async () => webhookReady && (await fetch(`${webhookUrl}/healthz`)).ok,
	});
	timings.processes = Date.now() - t;

	const pgModule = require(require.resolve('pg', { paths: [n8n.nodeModules] }));
	const db = new pgModule.Client({
		host: pg.host,
		port: pg.port,
		user: pg.user,
		database: pg.database,
	});
	await db.connect();
	const flatted = require(require.resolve('flatted', { paths: [n8n.nodeModules] }));

	return {
		n8n,
		pg,
		redis,
		sim,
		db,
		flatted,
		instances,
		mainServer,
		workers,
		webhookServer,
		webhookUrl,
		ranOn,
		timings,
		async stop() {
			await db.end().catch(() => {});
			await Promise.all(Object.values(instances).map((i) => i.stop()));
			await Promise.all([sim.stop(), redis.stop(), pg.stop()]);
		},
	};
}

/** Highest execution id so far: scenarios look only at executions after it. */
async function lastExecutionId(c) {
	const { rows } = await c.db.query('SELECT COALESCE(MAX(id), 0) AS id FROM execution_entity');
	return Number(rows[0].id);
}

/** Waits until `count` executions after `afterId` have finished; resolves their rows (id, status, times). */
async function waitForExecutions(c, afterId, count, timeoutMs) {
	const started = Date.now();
	for (;;) {
		const { rows } = await c.db.query(
			'SELECT id, status, "workflowId", "startedAt", "stoppedAt" FROM execution_entity WHERE id > $1 ORDER BY id',
			[afterId],
		);
		const finished = rows.filter((r) => FINISHED.includes(r.status));
		if (finished.length >= count) return rows;
		if (Date.now() - started > timeoutMs) {
			const states = rows.map((r) => `${r.id}:${r.status}`).join(' ');
			throw new Error(
				`${finished.length} of ${count} executions finished within ${rt.seconds(timeoutMs)} (${states || 'none started'})`,
			);
		}
		await sleep(500);
	}
}

/** n8n's stored run data of one execution (flatted JSON in execution_data). */
async function executionData(c, id) {
	const { rows } = await c.db.query('SELECT data FROM execution_data WHERE "executionId" = $1', [
		id,
	]);
	return rows.length ? c.flatted.parse(rows[0].data) : null;
}

/**
 * Messages of one webhook call: `count` texts unique to `tag`, each to its own number; `extra` goes into each
 * (the send workflow reads Requests Per Minute from the first).
 */
function batch(tag, count, firstNumber, extra = {}) {
	return Array.from({ length: count }, (_, i) => ({
		phone: `+4915110${String(firstNumber + i).padStart(5, '0')}`,
		text: `${tag} message ${i + 1}`,
		...extra,
	}));
}

async function callWebhook(c, messages, tag, webhookPath = SEND_PATH) {
	const response = await fetch(`${c.webhookUrl}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ tag, messages }),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`webhook call ${tag} → HTTP ${response.status}: ${text}`);
}

/** The simulator's send requests since the last journal clear: attempts, 429s, and how often each text went out. */
async function sends(c) {
	const journal = await c.sim.journal();
	const attempts = journal.filter((e) => e.method === 'POST' && e.endpoint === SEND_ENDPOINT);
	const delivered = new Map();
	for (const entry of attempts) {
		if (entry.status !== 200 || !entry.processed) continue;
		const text = entry.body?.message_body;
		delivered.set(text, (delivered.get(text) ?? 0) + 1);
	}
	return {
		requested: new Set(attempts.map((e) => e.body?.message_body)),
		attempts: attempts.length,
		limited: attempts.filter((e) => e.status === 429).length,
		delivered,
		first: attempts[0]?.at,
		last: attempts.at(-1)?.at,
	};
}

function expectEachOnce(delivered, texts) {
	const missing = texts.filter((t) => !delivered.has(t));
	const twice = [...delivered].filter(([, n]) => n > 1).map(([t, n]) => `${t} ×${n}`);
	expect.equal(missing, [], `messages never sent: ${missing.slice(0, 5).join(', ')}`);
	expect.equal(twice, [], `messages sent more than once: ${twice.slice(0, 5).join(', ')}`);
}

async function resetSimulator(c) {
	await c.sim.reset();
	await c.sim.clearJournal();
	await c.sim.clearFaults();
	await c.sim.admin('POST', 'rate-limit', { enabled: false });
}

const scenarios = [
	{
		name: 'Sends started by webhook calls spread over both workers, every message exactly once',
		async run(c) {
			const calls = 20;
			const perCall = 3;
			const after = await lastExecutionId(c);
			const texts = [];
			await Promise.all(
				Array.from({ length: calls }, (_, i) => {
					const messages = batch(`spread ${i + 1}`, perCall, i * perCall);
					texts.push(...messages.map((m) => m.text));
					return callWebhook(c, messages, `spread ${i + 1}`);
				}),
			);
			const rows = await waitForExecutions(c, after, calls, 180000);
			const perWorker = { 'worker-1': [], 'worker-2': [] };
			for (const row of rows) {
				expect.equal(row.status, 'success', `execution ${row.id}`);
				const worker = c.ranOn.get(String(row.id));
				expect.ok(worker, `no worker logged starting execution ${row.id}`);
				perWorker[worker].push(row.id);
			}
			const { delivered, attempts } = await sends(c);
			expectEachOnce(delivered, texts);
			report([
				`${calls} webhook calls × ${perCall} sends → ${rows.length} executions, ${attempts} send requests`,
				...Object.entries(perWorker).map(
					([w, ids]) => `${w} ran ${ids.length}: executions ${ids.join(', ')}`,
				),
			]);
			expect.ok(perWorker['worker-1'].length > 0, 'worker-1 ran no execution');
			expect.ok(perWorker['worker-2'].length > 0, 'worker-2 ran no execution');
		},
	},
	{
		name: 'SmartWats Trigger: an incoming message reaches the webhook processor, a worker replies',
		async run(c) {
			const after = await lastExecutionId(c);
			const url = `${c.webhookUrl}/webhook/7a3c5e10-0002-4000-8000-0000000000bb/webhook`;
			const answer = await c.sim.webhook({
				url,
				kind: 'incoming_text',
				overrides: { text: 'Hello through the queue' },
			});
			expect.equal(
				answer.status,
				200,
				`the webhook processor's answer: ${JSON.stringify(answer.body)}`,
			);
			const [row] = await waitForExecutions(c, after, 1, 120000);
			expect.equal(row.workflowId, TRIGGER_WORKFLOW, 'the workflow that ran');
			expect.equal(row.status, 'success', `execution ${row.id}`);
			const worker = c.ranOn.get(String(row.id));
			expect.ok(worker, `no worker logged starting execution ${row.id}`);
			const { delivered } = await sends(c);
			expectEachOnce(delivered, ['You wrote: Hello through the queue']);
			report([
				`POST ${new URL(url).pathname} on the webhook processor → HTTP ${answer.status}; execution ${row.id} on ${worker} replied once`,
			]);
		},
	},
	{
		name: `${CONTENTION.executions} executions × ${CONTENTION.sends} sends through a limit of ${CONTENTION.limit} per window: every message exactly once`,
		async run(c) {
			const { executions, sends: perCall, limit, windowMs } = CONTENTION;
			await c.sim.admin('POST', 'rate-limit', { limit, windowMs });
			const after = await lastExecutionId(c);
			const texts = [];
			const started = Date.now();
			await Promise.all(
				Array.from({ length: executions }, (_, i) => {
					const messages = batch(`limit ${i + 1}`, perCall, 1000 + i * perCall);
					texts.push(...messages.map((m) => m.text));
					return callWebhook(c, messages, `limit ${i + 1}`);
				}),
			);
			const rows = await waitForExecutions(c, after, executions, 15 * 60000);
			const elapsed = Date.now() - started;
			const perWorker = {};
			for (const row of rows) {
				expect.equal(row.status, 'success', `execution ${row.id}`);
				const worker = c.ranOn.get(String(row.id)) ?? 'unknown';
				perWorker[worker] = (perWorker[worker] ?? 0) + 1;
			}
			const s = await sends(c);
			expectEachOnce(s.delivered, texts);
			const n = executions * perCall;
			const floor = Math.ceil(n / limit - 1) * windowMs; // the first window's requests go at once
			report([
				`${n} messages, ${s.attempts} send requests (${(s.attempts / n).toFixed(2)} per message), ${s.limited} answered 429`,
				`executions per worker: ${Object.entries(perWorker)
					.map(([w, k]) => `${w} ${k}`)
					.join(', ')}`,
				`${rt.seconds(elapsed)} from the first webhook call to the last execution's end; N / rate = ${n} / (${limit} per ${rt.seconds(windowMs)}) = ${rt.seconds((n / limit) * windowMs)} (at least ${rt.seconds(floor)} after the first window)`,
				`first to last send request: ${rt.seconds(s.last - s.first)}`,
			]);
			c.figures.contention = {
				n,
				attempts: s.attempts,
				limited: s.limited,
				elapsed,
				ideal: (n / limit) * windowMs,
			};
		},
	},
	{
		name: 'Requests Per Minute paces each worker on its own; 429 handling covers the rest',
		async run(c) {
			const { limit, windowMs } = CONTENTION;
			const perMinute = (limit * 60000) / windowMs;
			await c.sim.admin('POST', 'rate-limit', { limit, windowMs });
			// twice the window's limit, so that pacing decides whether any request is refused
			const calls = 4;
			const perCall = 30;
			const lines = [];
			// The limit set on each worker, then a little under half of it on each: what the README tells users to do.
			for (const [label, requestsPerMinute] of [
				['the whole limit on each worker', perMinute],
				['40 % of the limit on each worker', (perMinute * 2) / 5],
			]) {
				await c.sim.clearJournal();
				// a fresh window: the previous round's requests no longer count
				await c.sim.admin('POST', 'rate-limit', { limit, windowMs });
				const after = await lastExecutionId(c);
				const texts = [];
				await Promise.all(
					Array.from({ length: calls }, (_, i) => {
						const tag = `paced ${requestsPerMinute} ${i + 1}`;
						const messages = batch(tag, perCall, 8000 + i * perCall, { requestsPerMinute });
						texts.push(...messages.map((m) => m.text));
						return callWebhook(c, messages, tag);
					}),
				);
				const rows = await waitForExecutions(c, after, calls, 10 * 60000);
				const workers = new Set();
				for (const row of rows) {
					expect.equal(row.status, 'success', `execution ${row.id}`);
					workers.add(c.ranOn.get(String(row.id)));
				}
				expect.equal(workers.size, 2, `workers that ran the ${calls} executions`);
				const s = await sends(c);
				expectEachOnce(s.delivered, texts);
				lines.push(
					`Requests Per Minute ${requestsPerMinute} (${label}), ${calls} executions × ${perCall} sends on both workers: ${s.attempts} requests, ${s.limited} answered 429, ${rt.seconds(s.last - s.first)} first to last`,
				);
			}
			report([`limit ${limit} per ${rt.seconds(windowMs)} (= ${perMinute} a minute)`, ...lines]);
		},
	},
	{
		name: 'A worker killed with SIGKILL mid-batch: n8n marks its executions failed, nothing is sent twice',
		async run(c) {
			// Each send answers 250 ms late, so a batch of 20 takes about 5 s and the kill lands in the middle.
			await c.sim.faults({
				method: 'POST',
				endpoint: SEND_ENDPOINT,
				delayMs: 250,
				process: true,
				times: null,
			});
			const calls = 6;
			const perCall = 20;
			const after = await lastExecutionId(c);
			const batches = Array.from({ length: calls }, (_, i) => ({
				tag: `kill ${i + 1}`,
				// every other call goes to the copy with "Save execution progress" on
				progress: i % 2 === 1,
				messages: batch(`kill ${i + 1}`, perCall, 5000 + i * perCall),
			}));
			await Promise.all(
				batches.map((b) =>
					callWebhook(c, b.messages, b.tag, b.progress ? PROGRESS_PATH : SEND_PATH),
				),
			);
			// Kill once both workers are mid-batch: every execution started, about a quarter of the messages out.
			const victim = c.workers[0];
			for (const started = Date.now(); ; ) {
				const { delivered } = await sends(c);
				const onVictim = [...c.ranOn].filter(
					([id, w]) => Number(id) > after && w === victim.name,
				).length;
				if (delivered.size >= (calls * perCall) / 4 && onVictim > 0) break;
				if (Date.now() - started > 120000)
					throw new Error(`no sends on ${victim.name} within 120 s`);
				await sleep(100);
			}
			const killedAt = Date.now();
			process.kill(-victim.server.process.pid, 'SIGKILL');
			await victim.server.process.exited;
			const atKill = await sends(c);
			const rows = await waitForExecutions(c, after, calls, 5 * 60000);
			const recordedAfter = Date.now() - killedAt;
			// Stay a while longer: a job handed to the surviving worker again would send its messages a second time.
			await sleep(LOCKS.stalledInterval * 2);
			const s = await sends(c);
			const twice = [...s.delivered].filter(([, n]) => n > 1);
			expect.equal(
				twice.map(([t, n]) => `${t} ×${n}`),
				[],
				'messages sent more than once',
			);

			const sentOf = (b, delivered) => b.messages.filter((m) => delivered.has(m.text)).length;
			const lines = [];
			const unclaimed = new Set(batches);
			const killedRows = [];
			for (const row of rows) {
				const worker = c.ranOn.get(String(row.id)) ?? 'unknown';
				const data = await executionData(c, row.id);
				const error = data?.resultData?.error;
				const runNodes = Object.keys(data?.resultData?.runData ?? {});
				const withProgress = row.workflowId === PROGRESS_WORKFLOW ? ', progress saved' : '';
				if (worker === victim.name) {
					expect.equal(row.status, 'error', `execution ${row.id} ran on the killed worker`);
					expect.like(
						error?.message ?? '',
						/failed to be processed too many times/,
						`execution ${row.id}'s error`,
					);
					killedRows.push(row);
					lines.push(
						`execution ${row.id}${withProgress} on ${worker}: ${row.status}, "${error.message.slice(0, 60)}…"; stored output: ${runNodes.length ? runNodes.join(', ') : 'none'}`,
					);
					continue;
				}
				expect.equal(row.status, 'success', `execution ${row.id} on ${worker}`);
				const b = batches.find((candidate) =>
					JSON.stringify(data.resultData.runData.Webhook).includes(`"${candidate.tag}"`),
				);
				unclaimed.delete(b);
				expect.equal(sentOf(b, s.delivered), perCall, `messages of ${b.tag}`);
				lines.push(
					`execution ${row.id}${withProgress} on ${worker}: ${row.status}; stored output: ${runNodes.join(', ')}; ${perCall} of ${perCall} sent`,
				);
			}
			expect.ok(
				killedRows.length > 0,
				`no execution was running on ${victim.name} when it was killed`,
			);
			expect.equal(unclaimed.size, killedRows.length, 'batches left to the killed executions');
			const partial = [...unclaimed].map(
				(b) =>
					`${b.tag}: ${sentOf(b, s.delivered)} of ${perCall} sent (${sentOf(b, atKill.delivered)} when the worker died)`,
			);
			report([
				`${victim.name} killed with SIGKILL after ${atKill.delivered.size} of ${calls * perCall} messages were out`,
				...lines,
				`the killed executions' batches, from the simulator: ${partial.join('; ')}`,
				`n8n recorded the outcome ${rt.seconds(recordedAfter)} after the kill (lock ${rt.seconds(LOCKS.lockDuration)}, stalled check every ${rt.seconds(LOCKS.stalledInterval)}); no message sent twice and no new request for a killed batch in the ${rt.seconds(LOCKS.stalledInterval * 2)} after`,
			]);
			for (const b of unclaimed)
				expect.equal(
					sentOf(b, s.requested),
					sentOf(b, atKill.requested),
					`${b.tag}: messages requested after its worker died`,
				);
		},
	},
];

async function main() {
	const started = Date.now();
	const filter = filterArg();
	const chosen = scenarios.filter(
		(s) => !filter || s.name.toLowerCase().includes(filter.toLowerCase()),
	);
	out(
		`Queue mode: n8n ${rt.selectedVersion()}, PostgreSQL, Redis, main + 2 workers + webhook processor`,
	);
	let cluster;
	try {
		cluster = await startCluster();
	} catch (error) {
		out(
			`  ✗ starting the queue-mode cluster\n      ${String(error.message ?? error)
				.split('\n')
				.join('\n      ')}`,
		);
		out('\n0 passed, 1 failed');
		process.exitCode = 1;
		return;
	}
	cluster.figures = {};
	const t = cluster.timings;
	out(
		`  cluster up: prepare ${rt.seconds(t.prepare)}, Postgres+Redis+simulator ${rt.seconds(t.services)}, migrations+import ${rt.seconds(t.migrateAndImport)}, main+workers, then webhook processor ${rt.seconds(t.processes)}`,
	);
	out(
		`  logs: ${path.relative(rt.REPO, path.dirname(path.dirname(cluster.instances.main.logDir)))}/queue-*/logs`,
	);
	for (const scenario of chosen) {
		const begun = Date.now();
		reported = [];
		try {
			await resetSimulator(cluster);
			await scenario.run(cluster);
			results.push(true);
			out(`  ✓ ${scenario.name} (${rt.seconds(Date.now() - begun)})`);
		} catch (error) {
			results.push(false);
			out(`  ✗ ${scenario.name} (${rt.seconds(Date.now() - begun)})`);
			report(String(error.message ?? error).split('\n'));
		}
		for (const line of reported) out(`      ${line}`);
	}
	await cluster.stop();
	const passed = results.filter(Boolean).length;
	const failed = results.length - passed;
	out(`\nqueue tier took ${rt.seconds(Date.now() - started)}`);
	out(`${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

main()
	.catch((error) => {
		out(`\n${error instanceof rt.RuntimeError ? error.message : error.stack}`);
		out('0 passed, 1 failed');
		process.exitCode = 1;
	})
	.finally(() => rt.stopAll());
