'use strict';
// Message → Send and Wait for Response in a running n8n: a published workflow sends the question, the test opens
// the link from the message over HTTP as a phone would, answers on the page, and checks that n8n resumes the
// execution with the answer, that a second answer changes nothing and that the wait limit ends the wait.

const { listExecutions, waitForRequest } = require('./lib/n8n-api');
const {
	LINK_PREVIEW,
	askThroughWebhook,
	open,
	sentQuestion,
	waitForNewExecution,
	waitForStatus,
	waitForSuccess,
} = require('./lib/send-and-wait');
const { sleep } = require('../../scripts/lib/proc');

const NODE = 'Ask on WhatsApp';

/** n8n's own page for a link whose execution no longer waits for it (n8n 1.x and 2.x). */
const NO_ACTION_REQUIRED = /No action required/;

function nodeId(ctx, workflowId, name) {
	return ctx.workflow(workflowId).nodes.find((n) => n.name === name).id;
}

module.exports = [
	{
		name: 'send and wait: approval — the link opens a page, a tap resumes the execution, a second tap changes nothing',
		phase: 'server',
		publish: ['e2eSawApproval'],
		async run(ctx) {
			const { expect } = ctx;
			const { waiting, body, url } = await askThroughWebhook(ctx, 'e2eSawApproval', {
				phone: '+91 98765 43210',
				amount: '₹1,200',
				order: '#1001',
			});
			expect.like(
				body,
				{
					phone_number: '919876543210',
					interactive_type: 'cta_url',
					body_text: 'Refund ₹1,200 for order #1001?',
					cta_url: {
						display_text: 'Approve / Decline',
						url: new RegExp(
							`^${ctx.server.url}/webhook-waiting/${waiting.id}/${nodeId(ctx, 'e2eSawApproval', NODE)}\\?signature=[0-9a-f]{64}$`,
						),
					},
				},
				'the message with the button',
			);

			// WhatsApp's link preview opens the link first: n8n routes it to the node, which only shows the page.
			for (const headers of [LINK_PREVIEW, {}]) {
				const page = await open(url, undefined, headers);
				expect.equal(page.status, 200, 'status of the page');
				expect.ok(
					page.html.includes('name="approved" value="true">Approve</button>') &&
						page.html.includes('name="approved" value="false">Decline</button>'),
					`the page lacks the two buttons:\n${page.html.slice(-800)}`,
				);
			}
			await sleep(1000);
			expect.equal(
				(await waitForStatus(ctx, waiting.id, ['waiting', 'success', 'error'])).status,
				'waiting',
				'execution status after opening the link',
			);

			const forged = new URL(url);
			forged.searchParams.set('signature', 'f'.repeat(64));
			const refused = await open(forged.toString(), { approved: 'true' });
			expect.equal(refused.status, 401, 'status for a link with a wrong signature');

			const answer = await open(url, { approved: 'true' });
			expect.equal(answer.status, 200, 'status of the answer');
			expect.ok(answer.html.includes('Got it, thanks'), `no confirmation:\n${answer.html}`);
			const done = await waitForSuccess(ctx, waiting.id);
			const [output] = done.output(NODE);
			expect.like(
				output,
				{ data: { approved: true, respondedAt: /^\d{4}-\d{2}-\d{2}T/ } },
				`${NODE} output`,
			);
			expect.equal(done.output('After the answer'), [output], 'what the next node received');

			const executions = (await listExecutions(ctx.api, 'e2eSawApproval')).length;
			for (const form of [undefined, { approved: 'false' }]) {
				const second = await open(url, form);
				expect.ok(
					NO_ACTION_REQUIRED.test(second.html),
					`a second ${form ? 'answer' : 'visit'} got HTTP ${second.status}:\n${second.html.slice(0, 400)}`,
				);
			}
			await sleep(1000);
			const after = await waitForStatus(ctx, waiting.id, ['success']);
			expect.equal(after.output(NODE), [output], 'the answer after a second tap');
			expect.equal(
				(await listExecutions(ctx.api, 'e2eSawApproval')).length,
				executions,
				'number of executions',
			);
			expect.calls(
				await ctx.sim.journal(),
				{ method: 'POST', endpoint: 'contact/send-interactive-message' },
				1,
			);
		},
	},
	{
		name: 'send and wait: free text — the form is submitted and the execution resumes with the text',
		phase: 'server',
		publish: ['e2eSawFreeText'],
		async run(ctx) {
			const { expect } = ctx;
			const { waiting, body, url } = await askThroughWebhook(ctx, 'e2eSawFreeText', {
				phone: '919845012345',
			});
			expect.equal(body.cta_url.display_text, 'Respond', 'button label');
			const page = await open(url, undefined, LINK_PREVIEW);
			expect.ok(
				page.html.includes('<h1>Delivery slot</h1>') &&
					page.html.includes('<textarea id="field-0" name="field-0" required>'),
				`the page lacks the text box:\n${page.html.slice(-800)}`,
			);
			const empty = await open(url, { 'field-0': ' ' });
			expect.equal(empty.status, 400, 'status for an empty answer');
			expect.equal(
				(await waitForStatus(ctx, waiting.id, ['waiting', 'success', 'error'])).status,
				'waiting',
				'execution status after an empty answer',
			);
			await open(url, { 'field-0': 'After 5 pm, please ring twice' });
			const done = await waitForSuccess(ctx, waiting.id);
			expect.like(
				done.output(NODE),
				[{ data: { text: 'After 5 pm, please ring twice', respondedAt: /T/ } }],
				`${NODE} output`,
			);
		},
	},
	{
		name: 'send and wait: custom form — the fields come back keyed by label',
		phase: 'server',
		publish: ['e2eSawForm'],
		async run(ctx) {
			const { expect } = ctx;
			const { waiting, url } = await askThroughWebhook(ctx, 'e2eSawForm', {
				phone: '919900112233',
			});
			await open(url, { 'field-0': '1200', 'field-1': 'Store credit', 'field-2': '' });
			const done = await waitForSuccess(ctx, waiting.id);
			expect.like(
				done.output(NODE),
				[{ data: { Amount: 1200, 'Refund to': 'Store credit', Note: null, respondedAt: /T/ } }],
				`${NODE} output`,
			);
		},
	},
	{
		name: 'send and wait: when the wait limit passes, the workflow continues with the input item and the link is closed',
		phase: 'server',
		publish: ['e2eSawTimeout'],
		async run(ctx) {
			const { expect } = ctx;
			const { waiting, url } = await askThroughWebhook(ctx, 'e2eSawTimeout', {
				phone: '919823456789',
			});
			// n8n looks for executions to resume once a minute.
			const done = await waitForSuccess(ctx, waiting.id, 150000);
			const input = done.output('Webhook');
			expect.equal(done.output(NODE), input, `${NODE} output (its input item, unchanged)`);
			expect.equal(done.output('After the answer'), input, 'what the next node received');
			const late = await open(url, { approved: 'true' });
			expect.ok(
				NO_ACTION_REQUIRED.test(late.html),
				`an answer after the limit got HTTP ${late.status}:\n${late.html.slice(0, 400)}`,
			);
		},
	},
	{
		name: "send and wait: AI agents get the operation in the node's tool, and n8n 2.x builds a human-review tool from it",
		phase: 'server',
		async run(ctx) {
			const { expect } = ctx;
			// The editor's node catalogue; it sits beside /rest and needs the same session.
			const response = await ctx.api('GET', '../types/nodes.json');
			expect.equal(response.status, 200, 'status of /types/nodes.json');
			const byName = (name) => response.body.find((type) => type.name === name);
			const tool = byName(`${ctx.pkg.name}.smartWatsTool`);
			const operations = tool.properties
				.filter(
					(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('message'),
				)
				.flatMap((p) => p.options.map((o) => o.value));
			expect.ok(
				operations.includes('sendAndWait'),
				`the agent tool's Message operations are ${operations.join(', ')}`,
			);

			// Human-review tools ("Human in the Loop") came with n8n 2; n8n 1.x has none.
			if (Number(String(ctx.instance.n8n.version).split('.')[0]) < 2) return;
			const review = byName(`${ctx.pkg.name}.smartWatsHitlTool`);
			expect.ok(review, 'n8n generated no human-review tool from the SmartWats node');
			const property = (name) => review.properties.filter((p) => p.name === name);
			for (const [name, value] of [
				['resource', 'message'],
				['operation', 'sendAndWait'],
				['responseType', 'approval'],
			]) {
				// n8n replaces every resource's Operation selector, so there is one per resource.
				const found = property(name);
				expect.ok(
					found.length > 0 && found.every((p) => p.type === 'hidden' && p.default === value),
					`review tool: ${name} should be hidden and set to ${value}: ${expect.show(found)}`,
				);
			}
			expect.like(
				property('message'),
				[{ type: 'string', required: true }],
				'review tool: message',
			);
			for (const name of ['phoneNumber', 'approvalOptions', 'options']) {
				expect.ok(
					property(name).some((p) => p.displayOptions?.show?.operation?.includes('sendAndWait')),
					`the review tool lacks Send and Wait's ${name}`,
				);
			}
		},
	},
	{
		name: 'example: a customer asks for a refund, the manager approves on WhatsApp, the customer is told',
		phase: 'server',
		publish: ['swExRefundApproval'],
		async run(ctx) {
			const { expect } = ctx;
			const workflowId = 'swExRefundApproval';
			const trigger = ctx
				.workflow(workflowId)
				.nodes.find((n) => n.type === ctx.nodeTypes.smartWatsTrigger);
			const before = new Set((await listExecutions(ctx.api, workflowId)).map((e) => e.id));
			const posted = await ctx.sim.webhook({
				url: ctx.server.webhookUrl(`${trigger.webhookId}/webhook`),
				kind: 'incoming_text',
				overrides: {
					phoneNumber: '919845012345',
					profileName: 'Asha Rao',
					text: 'The lamp from order #1001 arrived broken, I would like a refund',
				},
			});
			expect.equal(posted?.status, 200, 'n8n answer to the SmartWats webhook');
			const waiting = await waitForNewExecution(ctx, workflowId, before, ['waiting']);
			const { body, url } = await sentQuestion(ctx);
			expect.like(
				body,
				{
					phone_number: '919845000001',
					body_text:
						'Asha (+919845012345) asks for a refund:\n\n"The lamp from order #1001 arrived broken, I would like a refund"\n\nApprove the refund?',
					cta_url: { display_text: 'Review refund' },
				},
				'question to the manager',
			);
			expect.call(await ctx.sim.journal(), {
				method: 'POST',
				endpoint: 'contact/create',
				body: { phone_number: '919845000001', first_name: 'Store manager' },
			});
			const page = await open(url);
			expect.ok(
				page.html.includes('>Approve refund</button>'),
				`no Approve refund button:\n${page.html.slice(-600)}`,
			);
			await open(url, { approved: 'true' });
			await waitForSuccess(ctx, waiting.id);
			const { entry, journal } = await waitForRequest(ctx.sim, expect.matches, {
				method: 'POST',
				endpoint: 'contact/send-message',
			});
			expect.ok(entry, `the customer was not told; journal: ${expect.show(journal)}`);
			expect.equal(
				entry.body,
				{
					phone_number: '919845012345',
					message_body:
						'Good news, Asha: your refund is approved. You will see the money within 5 working days.',
				},
				'message to the customer',
			);
		},
	},
	{
		name: 'example: "Try it" sends the sample request to the manager and waits',
		workflow: 'swExRefundApproval',
		check({ expect, result, journal }) {
			expect.success(result);
			expect.equal(result.execution.status, 'waiting', 'execution status');
			const ask = expect.call(journal, {
				method: 'POST',
				endpoint: 'contact/send-interactive-message',
			});
			expect.like(
				ask.body,
				{
					phone_number: '919845000001',
					interactive_type: 'cta_url',
					body_text: /^Asha \(\+919845012345\) asks for a refund:/,
					cta_url: {
						display_text: 'Review refund',
						url: /\/webhook-waiting\/\d+\/[-0-9a-f]+\?signature=[0-9a-f]{64}$/,
					},
				},
				'question to the manager',
			);
			expect.equal(
				journal.filter((e) => e.endpoint === 'contact/send-message'),
				[],
				'messages to the customer before the manager answered',
			);
		},
	},
];
