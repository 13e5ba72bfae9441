'use strict';
// SmartWats Trigger in a running n8n: the workflow is published before `n8n start`, the simulator posts a webhook
// to its production URL the way SmartWats does, and the execution plus the follow-up request are checked.

const {
	waitForExecutions,
	getExecution,
	waitForRequest,
	listExecutions,
} = require('./lib/n8n-api');
const { sleep } = require('../../scripts/lib/proc');

const WORKFLOW = 'e2eTrigReply';

/** The production URL of the workflow's trigger: /webhook/<webhookId>/<the trigger's webhook path>. */
function triggerUrl(ctx, workflowId) {
	const workflow = ctx.workflow(workflowId);
	const trigger = workflow.nodes.find((n) => n.type === ctx.nodeTypes.smartWatsTrigger);
	if (!trigger) throw new Error(`workflow ${workflowId} has no ${ctx.nodeTypes.smartWatsTrigger}`);
	if (!trigger.webhookId) throw new Error(`the trigger in ${workflowId} needs a fixed webhookId`);
	return ctx.server.webhookUrl(`${trigger.webhookId}/webhook`);
}

async function postWebhook(ctx, workflowId, kind, overrides) {
	const answer = await ctx.sim.webhook({ url: triggerUrl(ctx, workflowId), kind, overrides });
	const status = answer?.status ?? answer?.response?.status;
	ctx.expect.ok(
		status === 200,
		`n8n answered the webhook with ${status}: ${ctx.expect.show(answer)}`,
	);
	return answer;
}

module.exports = [
	{
		name: 'trigger: an incoming message starts the published workflow, which replies through SmartWats',
		phase: 'server',
		publish: [WORKFLOW],
		async run(ctx) {
			const before = (await listExecutions(ctx.api, WORKFLOW)).length;
			await postWebhook(ctx, WORKFLOW, 'incoming_text', {
				phoneNumber: '919800000123',
				text: 'Is my order ready?',
			});
			const [latest] = await waitForExecutions(ctx.api, WORKFLOW, before + 1);
			const execution = await getExecution(ctx.api, ctx.instance, latest.id);
			ctx.expect.equal(execution.status, 'success', 'execution status');
			const [item] = execution.output('SmartWats Trigger');
			ctx.expect.like(
				item,
				{ event: 'message.received', phoneNumber: '919800000123', text: 'Is my order ready?' },
				'trigger output',
			);
			const { entry, journal } = await waitForRequest(ctx.sim, ctx.expect.matches, {
				method: 'POST',
				endpoint: 'contact/send-message',
			});
			ctx.expect.ok(
				entry,
				`the reply never reached SmartWats; journal: ${ctx.expect.show(journal)}`,
			);
			ctx.expect.equal(
				entry.body,
				{ phone_number: '919800000123', message_body: 'You wrote: Is my order ready?' },
				'reply request body',
			);
		},
	},
	{
		name: 'trigger: a status update does not start a workflow listening for incoming messages',
		phase: 'server',
		publish: [WORKFLOW],
		async run(ctx) {
			const before = (await listExecutions(ctx.api, WORKFLOW)).length;
			await postWebhook(ctx, WORKFLOW, 'status_read', {});
			await sleep(2000);
			const after = (await listExecutions(ctx.api, WORKFLOW)).length;
			ctx.expect.equal(after, before, 'number of executions');
			ctx.expect.equal(await ctx.sim.journal(), [], 'requests to SmartWats');
		},
	},
];
