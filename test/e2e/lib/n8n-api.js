'use strict';
// Reading executions of a running n8n over its REST API (as the signed-in owner), for trigger tests.

const { sleep } = require('../../../scripts/lib/proc');

/** Executions of a workflow, newest first: `[{ id, status, mode, startedAt, stoppedAt }]`. */
async function listExecutions(api, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const response = await api('GET', `executions?filter=${filter}&limit=50`);
	if (!response.ok)
		throw new Error(
			`GET /rest/executions → HTTP ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`,
		);
	return response.body.data?.results ?? [];
}

/** Waits until the workflow has at least `count` finished executions; returns them (newest first). */
async function waitForExecutions(api, workflowId, count = 1, timeoutMs = 30000) {
	const started = Date.now();
	let finished = [];
	while (Date.now() - started < timeoutMs) {
		const all = await listExecutions(api, workflowId);
		finished = all.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
		if (finished.length >= count) return finished;
		await sleep(500);
	}
	throw new Error(
		`workflow ${workflowId} has ${finished.length} finished executions after ${timeoutMs} ms, expected ${count}`,
	);
}

/** One execution with its run data decoded (n8n stores it in the `flatted` format). */
async function getExecution(api, instance, id) {
	const response = await api('GET', `executions/${id}`);
	if (!response.ok) throw new Error(`GET /rest/executions/${id} → HTTP ${response.status}`);
	const execution = response.body.data;
	if (typeof execution.data === 'string') {
		const flatted = require(require.resolve('flatted', { paths: [instance.n8n.nodeModules] }));
		execution.data = flatted.parse(execution.data);
	}
	const runData = execution.data?.resultData?.runData ?? {};
	/** The whole items (`{ json, binary? }`) of a node's last run; `output` gives their JSON only. */
	execution.items = (nodeName, outputIndex = 0) => {
		const runs = runData[nodeName];
		if (!runs) return undefined;
		return runs[runs.length - 1].data?.main?.[outputIndex] ?? [];
	};
	execution.output = (nodeName, outputIndex = 0) =>
		execution.items(nodeName, outputIndex)?.map((item) => item.json);
	return execution;
}

/** Waits until the simulator's journal holds a request matching `pattern` (see expect.matches). */
async function waitForRequest(sim, matches, pattern, timeoutMs = 20000) {
	const started = Date.now();
	while (Date.now() - started < timeoutMs) {
		const journal = await sim.journal();
		const found = journal.find((entry) => matches(entry, pattern));
		if (found) return { entry: found, journal };
		await sleep(300);
	}
	return { entry: undefined, journal: await sim.journal() };
}

module.exports = { listExecutions, waitForExecutions, getExecution, waitForRequest };
