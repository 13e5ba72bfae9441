'use strict';
// The SmartWats Trigger's side of the e2e cases: its production URL, events posted the way SmartWats posts them,
// publishing as the editor's Publish button does, and reading a trigger workflow's executions.

const { sleep } = require('../../../scripts/lib/proc');

/** The production URL of the workflow's trigger: /webhook/<webhookId>/<the trigger's webhook path>. */
function triggerUrl(ctx, workflowId) {
	const workflow = ctx.workflow(workflowId);
	const trigger = workflow.nodes.find((n) => n.type === ctx.nodeTypes.smartWatsTrigger);
	if (!trigger) throw new Error(`workflow ${workflowId} has no ${ctx.nodeTypes.smartWatsTrigger}`);
	if (!trigger.webhookId) throw new Error(`the trigger in ${workflowId} needs a fixed webhookId`);
	return ctx.server.webhookUrl(`${trigger.webhookId}/webhook`);
}

/**
 * Has the simulator POST an event of `kind` as SmartWats does (media kinds link to the simulator's files); resolves
 * n8n's answer `{ status, body }`.
 */
async function postEvent(ctx, url, kind, overrides = {}) {
	const answer = await ctx.sim.webhook({ url, kind, overrides });
	return { status: answer.status, body: answer.body };
}

function expectStarted(ctx, answer, event) {
	ctx.expect.equal(answer, { status: 200, body: { started: true, event } }, "n8n's answer");
}

/**
 * Publishes a workflow the way the editor's Publish button does. n8n 2.40 accepts the request at once and activates
 * the triggers afterwards (its publication outbox), so this waits for the outcome: resolves the publication status
 * `{ status: 'published' | 'failed' | 'partial', triggers: [{ nodeId, status, errorMessage }] }`.
 */
async function publishOverRest(ctx, workflowId, timeoutMs = 30000) {
	const workflow = await ctx.api('GET', `workflows/${workflowId}`);
	if (!workflow.ok) throw new Error(`GET /rest/workflows/${workflowId} → HTTP ${workflow.status}`);
	const accepted = await ctx.api('POST', `workflows/${workflowId}/activate`, {
		versionId: workflow.body.data.versionId,
	});
	if (ctx.n8n.major < 2) {
		// n8n 1.x activates before it answers, so its answer is the outcome; it has no publication status. Given in
		// the shape n8n 2.x reports, so that a case checks the same thing on both.
		if (accepted.ok && accepted.body?.data?.active !== false) return { status: 'published' };
		if (accepted.status === 400)
			return {
				status: 'failed',
				triggers: [{ status: 'failed', errorMessage: accepted.body?.message }],
			};
	}
	if (!accepted.ok)
		throw new Error(
			`POST /rest/workflows/${workflowId}/activate → HTTP ${accepted.status} ${ctx.expect.show(accepted.body)}`,
		);
	const started = Date.now();
	let publication;
	while (Date.now() - started < timeoutMs) {
		const response = await ctx.api('GET', `workflows/${workflowId}/publication-status`);
		publication = response.body?.data;
		if (publication && !['in_progress', 'not_published'].includes(publication.status))
			return publication;
		await sleep(300);
	}
	throw new Error(
		`publishing ${workflowId} did not finish within ${timeoutMs} ms: ${ctx.expect.show(publication)}`,
	);
}

module.exports = { triggerUrl, postEvent, expectStarted, publishOverRest };
