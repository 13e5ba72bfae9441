'use strict';
// SmartWats Trigger in a running n8n 2.40.7: workflows are published (before `n8n start`, or over n8n's REST API as
// the editor's Publish button does), the simulator posts webhooks to their production URLs the way SmartWats does,
// other bodies are posted directly, and n8n's answers, executions and stored workflows are checked.

const {
	waitForExecutions,
	getExecution,
	waitForRequest,
	listExecutions,
} = require('./lib/n8n-api');
const { sleep } = require('../../scripts/lib/proc');
const { triggerUrl, postEvent, expectStarted, publishOverRest } = require('./lib/trigger');

const REPLY = 'e2eTrigReply';
const SECRET_CREDENTIAL = 'e2eTrigSecretCred';
const SECRET_V1 = 'e2eTrigSecretV1';
const SECRET_UNUSABLE = 'e2eTrigSecretBad';

const SECRET = 'Xk29aPq7Lm-4bT_Zw8~Rq1.n';
const TRIGGER_CREDENTIAL = {
	id: 'smartWatsTrig01',
	name: 'SmartWats Trigger secret',
	type: 'smartWatsTriggerApi',
};
/** How long to wait before concluding that a call started no execution. */
const SETTLE_MS = 2000;

/** POSTs a body of any type straight to a URL; resolves n8n's answer `{ status, body, contentType }`. */
async function postRaw(url, body, contentType) {
	const response = await fetch(url, {
		method: 'POST',
		body,
		headers: contentType ? { 'Content-Type': contentType } : {},
	});
	const text = await response.text();
	let parsed = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// not JSON: keep the text
	}
	return {
		status: response.status,
		body: parsed,
		contentType: response.headers.get('content-type'),
	};
}

let secretWorkflowPublished;
/**
 * Imports the trigger's credential and publishes the workflow that uses it (once per run); resolves its URL and its
 * number of executions so far.
 */
async function secretWorkflow(ctx) {
	await publishSecretWorkflow(ctx);
	return {
		url: triggerUrl(ctx, SECRET_CREDENTIAL),
		before: (await listExecutions(ctx.api, SECRET_CREDENTIAL)).length,
	};
}

function publishSecretWorkflow(ctx) {
	secretWorkflowPublished ??= (async () => {
		await ctx.instance.importCredentials([{ ...TRIGGER_CREDENTIAL, data: { secret: SECRET } }]);
		const publication = await publishOverRest(ctx, SECRET_CREDENTIAL);
		if (publication.status !== 'published')
			throw new Error(`publishing ${SECRET_CREDENTIAL} failed: ${ctx.expect.show(publication)}`);
	})();
	return secretWorkflowPublished;
}

function expectStartedNothing(ctx, answer, reason, what) {
	ctx.expect.like(answer, { status: 200, body: { started: false, reason } }, `answer to ${what}`);
}

async function expectNoNewExecution(ctx, workflowId, before) {
	await sleep(SETTLE_MS);
	const after = (await listExecutions(ctx.api, workflowId)).length;
	ctx.expect.equal(after, before, `executions of ${workflowId}`);
}

module.exports = [
	{
		name: 'trigger: an incoming message starts the published workflow, which replies through SmartWats',
		phase: 'server',
		publish: [REPLY],
		async run(ctx) {
			const before = (await listExecutions(ctx.api, REPLY)).length;
			const answer = await postEvent(ctx, triggerUrl(ctx, REPLY), 'incoming_text', {
				phoneNumber: '919800000123',
				text: 'Is my order ready?',
			});
			expectStarted(ctx, answer, 'message.received');
			const [latest] = await waitForExecutions(ctx.api, REPLY, before + 1);
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
		name: 'trigger: a status update does not start a workflow listening for incoming messages, and the answer says why',
		phase: 'server',
		publish: [REPLY],
		async run(ctx) {
			const before = (await listExecutions(ctx.api, REPLY)).length;
			const answer = await postEvent(ctx, triggerUrl(ctx, REPLY), 'status_read');
			expectStartedNothing(
				ctx,
				answer,
				'Message Status Update is not selected in Trigger On',
				'a status update',
			);
			await expectNoNewExecution(ctx, REPLY, before);
			ctx.expect.equal(await ctx.sim.journal(), [], 'requests to SmartWats');
		},
	},
	{
		name: 'trigger: bodies that are not SmartWats events (broken JSON shapes, forms, XML, text, multipart) answer 200 and start nothing',
		phase: 'server',
		publish: [REPLY],
		async run(ctx) {
			const url = triggerUrl(ctx, REPLY);
			const before = (await listExecutions(ctx.api, REPLY)).length;
			const notAnEvent = /^Not a SmartWats event: /;
			// JSON bodies that SmartWats would never send, posted by the simulator's webhook client.
			const shapes = [
				[
					'a contact event whose contact.status is "existing"',
					'contact_created',
					{ contact: { status: 'existing' } },
				],
				['an incoming message without contact.uid', 'incoming_text', { contact: { uid: null } }],
				[
					'an incoming message without contact.phone_number',
					'incoming_text',
					{ contact: { phone_number: null } },
				],
				['is_new_message as 1', 'incoming_text', { message: { is_new_message: 1 } }],
				[
					'a message whose text is an object',
					'incoming_text',
					{ message: { body: { html: '<b>Hi</b>' } } },
				],
				['message as text', 'incoming_text', { message: 'Hi' }],
			];
			for (const [what, kind, overrides] of shapes)
				expectStartedNothing(ctx, await postEvent(ctx, url, kind, overrides), notAnEvent, what);
			// Other senders' bodies, posted directly.
			const form = new FormData();
			form.set(
				'contact',
				JSON.stringify({ uid: 'u1', phone_number: '919876543210', status: 'new' }),
			);
			form.set('message', '[]');
			const bodies = [
				['{"contact":{}}', '{"contact":{}}', 'application/json'],
				['a JSON list', '[{"contact":{"uid":"u1"}}]', 'application/json'],
				[
					'a form post shaped like a contact event',
					'contact[uid]=u1&contact[phone_number]=919876543210&contact[status]=new&message=[]&whatsapp_webhook_payload=[]',
					'application/x-www-form-urlencoded',
				],
				[
					'an XML post shaped like a contact event',
					'<contact><uid>u1</uid><phone_number>919876543210</phone_number><status>new</status></contact>',
					'application/xml',
				],
				['a text post', 'contact.created 919876543210', 'text/plain'],
				['a multipart form', form, undefined],
				['an empty body', '', 'application/json'],
			];
			for (const [what, body, contentType] of bodies) {
				const answer = await postRaw(url, body, contentType);
				expectStartedNothing(ctx, answer, notAnEvent, what);
				ctx.expect.ok(
					/^application\/json/.test(answer.contentType ?? ''),
					`the answer to ${what} is not JSON: ${answer.contentType}`,
				);
			}
			await expectNoNewExecution(ctx, REPLY, before);
			ctx.expect.equal(await ctx.sim.journal(), [], 'requests to SmartWats');
		},
	},
	{
		name: 'trigger: with its secret in a SmartWats Trigger API credential, only calls carrying it start the workflow, and the secret is not in the stored workflow or execution',
		phase: 'server',
		uses: [SECRET_CREDENTIAL],
		async run(ctx) {
			const { url, before } = await secretWorkflow(ctx);
			const refused = {
				status: 401,
				body: {
					started: false,
					reason: 'The secret in the URL does not match the secret of the SmartWats Trigger',
				},
			};
			for (const [what, query] of [
				['no secret', ''],
				['a wrong secret', '?secret=Xk29aPq7Lm'],
				['the secret twice', `?secret=${SECRET}&secret=${SECRET}`],
			]) {
				const answer = await postEvent(ctx, `${url}${query}`, 'incoming_text');
				ctx.expect.equal(answer, refused, `answer to a call with ${what}`);
			}
			ctx.expect.equal(
				(await postRaw(url, '{"contact":{}}', 'application/json')).status,
				401,
				'answer to a non-event without the secret',
			);
			await expectNoNewExecution(ctx, SECRET_CREDENTIAL, before);

			const answer = await postEvent(ctx, `${url}?secret=${SECRET}`, 'contact_created', {
				phoneNumber: '919800000456',
			});
			expectStarted(ctx, answer, 'contact.created');
			const [latest] = await waitForExecutions(ctx.api, SECRET_CREDENTIAL, before + 1);
			const execution = await getExecution(ctx.api, ctx.instance, latest.id);
			ctx.expect.equal(execution.status, 'success', 'execution status');
			ctx.expect.like(
				execution.output('SmartWats Trigger'),
				[{ event: 'contact.created', phoneNumber: '919800000456' }],
				'trigger output',
			);
			ctx.expect.ok(
				!JSON.stringify(execution).includes(SECRET),
				'the execution data contains the secret',
			);
			const stored = await ctx.api('GET', `workflows/${SECRET_CREDENTIAL}`);
			ctx.expect.ok(
				stored.ok && !JSON.stringify(stored.body).includes(SECRET),
				`the workflow as the editor downloads it contains the secret: ${ctx.expect.show(stored.body)}`,
			);
		},
	},
	{
		name: "trigger: n8n's credential test runs the node's check of the secret",
		phase: 'server',
		uses: [SECRET_CREDENTIAL],
		async run(ctx) {
			await publishSecretWorkflow(ctx);
			const test = (secret) =>
				ctx.api('POST', 'credentials/test', {
					credentials: { ...TRIGGER_CREDENTIAL, data: { secret } },
				});
			const good = await test(SECRET);
			ctx.expect.like(
				good,
				{ status: 200, body: { data: { status: 'OK' } } },
				'test of a usable secret',
			);
			const spaced = await test('two words & more');
			ctx.expect.like(
				spaced,
				{
					status: 200,
					body: { data: { status: 'Error', message: /characters that change meaning in a URL/ } },
				},
				'test of a secret that would change meaning in a URL',
			);
		},
	},
	{
		name: 'trigger: a published trigger whose credential lost its secret answers 500 and records a failed execution naming the cause',
		phase: 'server',
		uses: [SECRET_CREDENTIAL],
		async run(ctx) {
			const { url, before } = await secretWorkflow(ctx);
			await ctx.instance.importCredentials([{ ...TRIGGER_CREDENTIAL, data: { secret: ' ' } }]);
			try {
				const answer = await postEvent(ctx, `${url}?secret=${SECRET}`, 'incoming_text');
				ctx.expect.equal(answer.status, 500, "n8n's answer");
				const [latest] = await waitForExecutions(ctx.api, SECRET_CREDENTIAL, before + 1);
				const execution = await getExecution(ctx.api, ctx.instance, latest.id);
				ctx.expect.like(
					execution,
					{
						status: 'error',
						data: {
							resultData: {
								error: { message: 'The SmartWats Trigger API credential has no secret' },
							},
						},
					},
					'the failed execution',
				);
			} finally {
				await ctx.instance.importCredentials([{ ...TRIGGER_CREDENTIAL, data: { secret: SECRET } }]);
			}
		},
	},
	{
		name: 'trigger: a version 1 Secret set by an expression that gives a number is enforced as its digits',
		phase: 'server',
		publish: [SECRET_V1],
		async run(ctx) {
			const url = triggerUrl(ctx, SECRET_V1);
			const before = (await listExecutions(ctx.api, SECRET_V1)).length;
			ctx.expect.equal(
				(await postEvent(ctx, `${url}?secret=2025`, 'incoming_text')).status,
				401,
				'answer to a wrong secret',
			);
			await expectNoNewExecution(ctx, SECRET_V1, before);
			expectStarted(
				ctx,
				await postEvent(ctx, `${url}?secret=20250131`, 'incoming_text'),
				'message.received',
			);
			await waitForExecutions(ctx.api, SECRET_V1, before + 1);
		},
	},
	{
		name: 'trigger: a version 1 Secret expression that gives an object stops publishing with a message naming it',
		phase: 'server',
		uses: [SECRET_UNUSABLE],
		async run(ctx) {
			const publication = await publishOverRest(ctx, SECRET_UNUSABLE);
			ctx.expect.like(
				publication,
				{
					status: 'failed',
					triggers: [
						{
							status: 'failed',
							errorMessage: /The Secret's expression gave a value of type object/,
						},
					],
				},
				'publication status',
			);
			const answer = await postEvent(ctx, triggerUrl(ctx, SECRET_UNUSABLE), 'incoming_text');
			ctx.expect.equal(answer.status, 404, 'answer to a call to the unpublished URL');
		},
	},
];
