'use strict';
// Send and Wait for Response in a running n8n: start a workflow, find the link in the message SmartWats received,
// open it like a phone would, and follow the execution while it waits and after it resumes.

const { getExecution, listExecutions, waitForRequest } = require('./n8n-api');
const { openLink } = require('../../harness/open-link');
const { sleep } = require('../../../scripts/lib/proc');

/** What WhatsApp's link preview sends when it opens a link to draw a preview. */
const LINK_PREVIEW = { 'user-agent': 'WhatsApp/2.24.1.6 A' };

/**
 * Starts a published workflow through its Webhook node and waits until it waits for the answer; resolves to that
 * execution, the message SmartWats received and the link behind its button.
 */
async function askThroughWebhook(ctx, workflowId, body) {
	const trigger = ctx.workflow(workflowId).nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
	const before = new Set((await listExecutions(ctx.api, workflowId)).map((e) => e.id));
	const response = await fetch(ctx.server.webhookUrl(trigger.parameters.path), {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	ctx.expect.ok(response.ok, `n8n answered the Webhook trigger with HTTP ${response.status}`);
	const waiting = await waitForNewExecution(ctx, workflowId, before, ['waiting']);
	return { waiting, ...(await sentQuestion(ctx)) };
}

/** Waits for an execution of the workflow not in `before` to reach one of `statuses`; returns its summary. */
async function waitForNewExecution(ctx, workflowId, before, statuses, timeoutMs = 30000) {
	const started = Date.now();
	let seen = [];
	while (Date.now() - started < timeoutMs) {
		seen = (await listExecutions(ctx.api, workflowId)).filter((e) => !before.has(e.id));
		const found = seen.find((e) => statuses.includes(e.status));
		if (found) return found;
		if (seen.some((e) => e.status === 'error')) break;
		await sleep(300);
	}
	const detail = seen.length
		? await Promise.all(seen.map((e) => describeExecution(ctx, e.id)))
		: ['no new execution'];
	ctx.expect.fail(
		`no new execution of ${workflowId} reached ${statuses.join('/')} within ${timeoutMs} ms: ${detail.join('; ')}`,
	);
}

/** Waits until the execution reaches one of `statuses`; returns it with its run data. */
async function waitForStatus(ctx, executionId, statuses, timeoutMs = 30000) {
	const started = Date.now();
	let execution;
	while (Date.now() - started < timeoutMs) {
		execution = await getExecution(ctx.api, ctx.instance, executionId);
		if (statuses.includes(execution.status)) return execution;
		await sleep(500);
	}
	ctx.expect.fail(
		`execution ${executionId} is "${execution?.status}" after ${timeoutMs} ms, expected ${statuses.join('/')}`,
	);
}

/** Waits until the execution continued after the wait and finished; fails unless it succeeded. */
async function waitForSuccess(ctx, executionId, timeoutMs) {
	const done = await waitForStatus(ctx, executionId, ['success', 'error'], timeoutMs);
	ctx.expect.ok(
		done.status === 'success',
		`execution ${await describeExecution(ctx, executionId)}`,
	);
	return done;
}

async function describeExecution(ctx, id) {
	const execution = await getExecution(ctx.api, ctx.instance, id);
	const error = execution.data?.resultData?.error;
	return `#${id} ${execution.status}${error ? `: ${error.message} ${error.description ?? ''}` : ''}`;
}

/** The message with the button that SmartWats received, and the link behind the button. */
async function sentQuestion(ctx) {
	const { entry, journal } = await waitForRequest(ctx.sim, ctx.expect.matches, {
		method: 'POST',
		endpoint: 'contact/send-interactive-message',
	});
	ctx.expect.ok(
		entry,
		`the question never reached SmartWats; journal: ${ctx.expect.show(journal.map((e) => `${e.method} ${e.endpoint}`))}`,
	);
	return { body: entry.body, url: entry.body.cta_url.url };
}

module.exports = {
	LINK_PREVIEW,
	askThroughWebhook,
	open: openLink,
	sentQuestion,
	waitForNewExecution,
	waitForStatus,
	waitForSuccess,
};
