import { WAIT_INDEFINITELY } from 'n8n-workflow';

import { SmartWats } from '../nodes/SmartWats/SmartWats.node';
import { faults } from './fake-smartwats';
import type { OnError } from './harness/engine';
import { JOHAN, UNKNOWN_PHONE } from './harness/seed';
import { useSimulator } from './harness/simulator';
import { NO_ACTION_REQUIRED, startWaitingExecution } from './harness/waiting';
import type { WaitingExecution } from './harness/waiting';

const handle = useSimulator();

const NODE_ID = '5a7c0e3e-1d2f-4b6a-9c1e-3f5a7b9d0c21';
const INPUT = { orderId: '#1001', amount: 120 };
// What WhatsApp's link preview sends when it opens a link to draw the preview.
const LINK_PREVIEW = { 'user-agent': 'WhatsApp/2.24.1.6 A' };

const started: WaitingExecution[] = [];
afterEach(async () => {
	await Promise.all(started.splice(0).map((execution) => execution.close()));
});

async function ask(
	parameters: Record<string, unknown> = {},
	{
		items = [INPUT] as Array<Record<string, unknown>>,
		onError,
	}: { items?: Array<Record<string, unknown>>; onError?: OnError } = {},
) {
	const execution = await startWaitingExecution({
		parameters: {
			resource: 'message',
			operation: 'sendAndWait',
			phoneNumber: JOHAN.phone,
			message: 'Refund $120 for order #1001?',
			...parameters,
		},
		items,
		onError,
		credentials: handle.credentials,
		nodeId: NODE_ID,
	});
	started.push(execution);
	return execution;
}

const sends = () => handle.sim.requestsTo('contact/send-interactive-message', 'POST');

/** The link in the button of the message SmartWats received. */
function link(): string {
	const [send] = sends();
	expect(send).toBeDefined();
	return send.body.cta_url.url as string;
}

const double = { approvalOptions: { values: { approvalType: 'double' } } };

describe('Message → Send and Wait for Response: the message', () => {
	it('sends the question with one button that opens the signed link, then waits without a limit', async () => {
		const execution = await ask();
		expect(execution.first.error).toBeUndefined();
		expect(sends()).toHaveLength(1);
		expect(sends()[0].body).toEqual({
			phone_number: JOHAN.phone,
			interactive_type: 'cta_url',
			body_text: 'Refund $120 for order #1001?',
			cta_url: { display_text: 'Approve', url: expect.any(String) },
		});
		const url = new URL(link());
		expect(url.pathname).toMatch(new RegExp(`^/webhook-waiting/\\d+/${NODE_ID}$`));
		expect(url.searchParams.get('signature')).toMatch(/^[0-9a-f]{64}$/);
		expect(execution.status()).toBe('waiting');
		expect(execution.waitTill).toEqual(WAIT_INDEFINITELY);
	});

	it('labels the button with both answers when declining is offered, or as set', async () => {
		await ask(double);
		await ask({ ...double, options: { messageButtonLabel: 'Review refund' } });
		expect(sends().map((send) => send.body.cta_url.display_text)).toEqual([
			'Approve / Decline',
			'Review refund',
		]);
	});

	it('creates the contact first when SmartWats does not know the number', async () => {
		await ask({ phoneNumber: UNKNOWN_PHONE, newContact: { firstName: 'Meera' } });
		expect(handle.sim.journal.map((entry) => `${entry.method} ${entry.endpoint}`)).toEqual([
			'GET contact',
			'POST contact/create',
			'POST contact/send-interactive-message',
		]);
		expect(handle.sim.requestsTo('contact/create')[0].body).toEqual({
			phone_number: UNKNOWN_PHONE,
			first_name: 'Meera',
		});
		expect(sends()[0].status).toBe(200);
	});

	it.each([
		['an empty message', { message: '  ' }, "'Message' is empty"],
		[
			'a message too long for a message with a button',
			{ message: 'x'.repeat(1025) },
			"'Message' has 1025 characters; WhatsApp allows 1024",
		],
		[
			'a button label too long for WhatsApp',
			{ options: { messageButtonLabel: 'Please open this page now' } },
			"'Message Button Label' has 25 characters; WhatsApp allows 20",
		],
		[
			'a custom form without fields',
			{ responseType: 'customForm' },
			'The custom form has no fields',
		],
		[
			'two form fields with one label',
			{
				responseType: 'customForm',
				formFields: { values: [{ fieldLabel: 'Amount' }, { fieldLabel: 'Amount ' }] },
			},
			'Two form fields are labelled "Amount"',
		],
		[
			'a dropdown without options',
			{
				responseType: 'customForm',
				formFields: {
					values: [{ fieldLabel: 'Method', fieldType: 'dropdown', fieldOptions: { values: [] } }],
				},
			},
			'The dropdown "Method" has no options',
		],
		[
			'a dropdown listing an option twice',
			{
				responseType: 'customForm',
				formFields: {
					values: [
						{
							fieldLabel: 'Method',
							fieldType: 'dropdown',
							fieldOptions: { values: [{ option: 'Card' }, { option: 'Card' }] },
						},
					],
				},
			},
			'The dropdown "Method" lists an option twice',
		],
		[
			'a wait limit in the past',
			{
				options: {
					limitWaitTime: {
						values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2020-01-01T10:00:00' },
					},
				},
			},
			"'Max Date and Time' is in the past: 2020-01-01T04:30:00.000Z",
		],
		[
			'a wait limit of zero',
			{ options: { limitWaitTime: { values: { resumeAmount: 0, resumeUnit: 'hours' } } } },
			"'Amount' must be a number from 0.01 to 8784, got 0",
		],
		[
			'a wait limit that is text but not a number',
			{ options: { limitWaitTime: { values: { resumeAmount: 'two', resumeUnit: 'days' } } } },
			'\'Amount\' must be a number from 0.01 to 366, got "two"',
		],
		[
			'a message that is an object, not text',
			{ message: { text: 'Refund?' } },
			'\'Message\' is an object, not text: {"text":"Refund?"}',
		],
		[
			'a Required Field that is neither true nor false',
			{
				responseType: 'customForm',
				formFields: { values: [{ fieldLabel: 'Amount', requiredField: 'yes' }] },
			},
			'\'Form Fields → field 1 → Required Field\' must be true or false, got "yes"',
		],
		[
			'a response type that does not exist',
			{ responseType: 'thumbsUp' },
			'\'Response Type\' cannot be "thumbsUp"',
		],
		[
			'an implausible phone number',
			{ phoneNumber: '12-34' },
			'\'Phone Number\' is not an international phone number: "12-34"',
		],
	])('refuses %s before sending anything', async (_, parameters, message) => {
		const execution = await ask(parameters);
		// Stop Workflow names the item, as for every operation.
		expect(execution.first.error?.message).toBe(`${message} [item 0]`);
		expect(execution.first.error?.description).toBeTruthy();
		expect(handle.sim.journal).toHaveLength(0);
		expect(execution.status()).toBe('error');
	});

	it('refuses more than one item before sending anything, since an execution waits for one answer per node', async () => {
		const execution = await ask({}, { items: [INPUT, { orderId: '#1002' }] });
		expect(execution.first.error?.message).toBe(
			'Send and Wait for Response takes one item at a time, got 2 [item 0]',
		);
		expect(execution.first.error?.description).toContain('Loop Over Items');
		expect(handle.sim.journal).toHaveLength(0);
	});

	it('stops without waiting when the send fails, and does not send again', async () => {
		handle.sim.addFault({ ...faults.serverError, endpoint: 'contact/send-interactive-message' });
		const execution = await ask();
		expect(execution.first.error?.message).toMatch(/^SmartWats failed to handle the request/);
		expect(execution.status()).toBe('error');
		expect(sends()).toHaveLength(1);
	});

	it('with On Error "Continue (regular output)", outputs the failure and continues without waiting', async () => {
		handle.sim.addFault({ ...faults.serverError, endpoint: 'contact/send-interactive-message' });
		const execution = await ask({}, { onError: 'continueRegularOutput' });
		expect(execution.status()).toBe('success');
		expect(execution.first.items).toEqual([
			{
				json: {
					error: expect.stringMatching(/^SmartWats failed/),
					description: expect.any(String),
					itemIndex: 0,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(sends()).toHaveLength(1);
	});

	it('with On Error "Continue (using error output)", sends refused input to the error output without waiting or sending', async () => {
		const execution = await ask({ message: '  ' }, { onError: 'continueErrorOutput' });
		expect(execution.status()).toBe('success');
		expect(execution.first.items).toEqual([]);
		expect(execution.first.errorItems).toEqual([
			{
				json: {
					...INPUT,
					error: { message: "'Message' is empty", description: expect.any(String), itemIndex: 0 },
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(handle.sim.journal).toHaveLength(0);
	});

	it('with On Error "Continue (using error output)", the answer leaves through the success output', async () => {
		const execution = await ask({}, { onError: 'continueErrorOutput' });
		expect(execution.status()).toBe('waiting');
		await execution.open(link(), { approved: 'true' });
		const resumed = await execution.resumed();
		expect(resumed.items.map((item) => item.json)).toEqual([
			{ data: { approved: true, respondedAt: expect.any(String) } },
		]);
		expect(resumed.errorItems).toEqual([]);
	});
});

describe('Message → Send and Wait for Response: Approval', () => {
	it('opening the link shows the question with big buttons and records nothing', async () => {
		const execution = await ask({
			...double,
			message: 'Refund <b>$120</b> to "Asha"?',
			approvalOptions: {
				values: { approvalType: 'double', approveLabel: 'Yes, refund', disapproveLabel: 'No' },
			},
		});
		for (const headers of [LINK_PREVIEW, {}]) {
			const page = await execution.open(link(), undefined, headers);
			expect(page.status).toBe(200);
			expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
			expect(page.headers.get('cache-control')).toBe('no-store');
			expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
			expect(page.html).toContain('name="viewport" content="width=device-width, initial-scale=1"');
			expect(page.html).toContain(
				'<p class="message">Refund &lt;b&gt;$120&lt;/b&gt; to &quot;Asha&quot;?</p>',
			);
			expect(page.html).toContain('<form method="post">');
			expect(page.html).toContain('name="approved" value="true">Yes, refund</button>');
			expect(page.html).toContain('name="approved" value="false">No</button>');
		}
		expect(execution.status()).toBe('waiting');
		expect(execution.webhookErrors).toEqual([]);
		await expect(execution.resumed()).rejects.toThrow('no answer resumed the execution');
	});

	it('a tap on Approve resumes the execution with { data: { approved: true } }, once', async () => {
		const execution = await ask({
			...double,
			options: { confirmationTitle: 'Refund approved', confirmationText: 'Asha gets her money.' },
		});
		const answer = await execution.open(link(), { approved: 'true' });
		expect(answer.status).toBe(200);
		expect(answer.html).toContain('<h1>Refund approved</h1>');
		expect(answer.html).toContain('<p>Asha gets her money.</p>');
		expect(answer.html).not.toContain('<form');

		const resumed = await execution.resumed();
		expect(resumed.error).toBeUndefined();
		expect(execution.status()).toBe('success');
		expect(resumed.items).toEqual([
			{
				json: { data: { approved: true, respondedAt: expect.any(String) } },
				pairedItem: { item: 0 },
			},
		]);
		const { respondedAt } = resumed.items[0].json.data as { respondedAt: string };
		expect(Date.parse(respondedAt)).not.toBeNaN();

		// n8n no longer routes the link to the node: a second tap changes nothing.
		const second = await execution.open(link(), { approved: 'false' });
		expect(second.html).toContain(NO_ACTION_REQUIRED);
		expect((await execution.resumed()).items[0].json.data).toMatchObject({ approved: true });
		expect(sends()).toHaveLength(1);
	});

	it('a tap on Decline resumes it with { data: { approved: false } }', async () => {
		const execution = await ask(double);
		await execution.open(link(), { approved: 'false' });
		expect((await execution.resumed()).items[0].json).toEqual({
			data: { approved: false, respondedAt: expect.any(String) },
		});
	});

	it('refuses an answer the page does not offer and keeps waiting', async () => {
		const execution = await ask();
		const answers: Array<Record<string, string>> = [{ approved: 'false' }, {}, { approved: 'yes' }];
		for (const form of answers) {
			const answer = await execution.open(link(), form);
			expect(answer.status).toBe(400);
			expect(answer.html).toContain('Tap one of the buttons to answer.');
			expect(answer.html).not.toContain('value="false"');
		}
		expect(execution.status()).toBe('waiting');
	});
});

describe('Message → Send and Wait for Response: Free Text', () => {
	const freeText = {
		responseType: 'freeText',
		message: 'Which delivery slot suits you?',
		options: { responseFormTitle: 'Delivery slot', responseFormButtonLabel: 'Send answer' },
	};

	it('labels the button "Respond" and shows a text box with the question', async () => {
		const execution = await ask(freeText);
		expect(sends()[0].body.cta_url.display_text).toBe('Respond');
		const page = await execution.open(link(), undefined, LINK_PREVIEW);
		expect(page.html).toContain('<h1>Delivery slot</h1>');
		expect(page.html).toContain('<p class="intro">Which delivery slot suits you?</p>');
		expect(page.html).toContain('<textarea id="field-0" name="field-0" required>');
		expect(page.html).toContain('<button class="primary" type="submit">Send answer</button>');
		expect(execution.status()).toBe('waiting');
	});

	it('resumes with { data: { text } } when the contact sends an answer', async () => {
		const execution = await ask(freeText);
		await execution.open(link(), { 'field-0': '  Tomorrow after 5 pm \n' });
		expect((await execution.resumed()).items[0].json).toEqual({
			data: { text: 'Tomorrow after 5 pm', respondedAt: expect.any(String) },
		});
	});

	it('keeps waiting and says what is missing when the answer is empty', async () => {
		const execution = await ask(freeText);
		const answer = await execution.open(link(), { 'field-0': '   ' });
		expect(answer.status).toBe(400);
		expect(answer.html).toContain('Write your answer before sending.');
		expect(execution.status()).toBe('waiting');
	});
});

describe('Message → Send and Wait for Response: Custom Form', () => {
	const customForm = {
		responseType: 'customForm',
		message: 'Tell us how to refund you',
		formFields: {
			values: [
				{ fieldLabel: 'Amount', fieldType: 'number', requiredField: true },
				{
					fieldLabel: 'Method',
					fieldType: 'dropdown',
					requiredField: true,
					fieldOptions: { values: [{ option: 'Card' }, { option: 'Cash' }] },
				},
				{ fieldLabel: 'Pickup date', fieldType: 'date' },
				{ fieldLabel: 'Email', fieldType: 'email', placeholder: 'name@example.com' },
				{ fieldLabel: 'Note', fieldType: 'textarea' },
			],
		},
	};

	it('shows one input per field, with its type and whether it is required', async () => {
		const execution = await ask(customForm);
		const { html } = await execution.open(link());
		expect(html).toContain(
			'<input type="number" step="any" inputmode="decimal" id="field-0" name="field-0" required value="">',
		);
		expect(html).toContain(
			'<select id="field-1" name="field-1" required><option value="">Choose…</option><option>Card</option><option>Cash</option></select>',
		);
		expect(html).toContain('<input type="date" id="field-2" name="field-2" value="">');
		expect(html).toContain(
			'<label for="field-3">Email <span class="optional">(optional)</span></label>',
		);
		expect(html).toContain('placeholder="name@example.com"');
		expect(html).toContain('<textarea id="field-4" name="field-4"></textarea>');
	});

	it('resumes with one key per field label, numbers as numbers and empty fields as null', async () => {
		const execution = await ask(customForm);
		await execution.open(link(), {
			'field-0': '120.50',
			'field-1': 'Card',
			'field-2': '2026-12-24',
			'field-3': '',
			'field-4': 'Box was damaged',
		});
		expect((await execution.resumed()).items[0].json).toEqual({
			data: {
				Amount: 120.5,
				Method: 'Card',
				'Pickup date': '2026-12-24',
				Email: null,
				Note: 'Box was damaged',
				respondedAt: expect.any(String),
			},
		});
	});

	it('marks the wrong fields, keeps what was typed and keeps waiting', async () => {
		const execution = await ask(customForm);
		const answer = await execution.open(link(), {
			'field-0': '12o',
			'field-1': 'Cheque',
			'field-2': '2026-02-30',
			'field-3': 'asha@',
		});
		expect(answer.status).toBe(400);
		expect(answer.html).toContain('Please correct the marked fields.');
		for (const problem of [
			'Enter a number.',
			'Choose one of the options.',
			'Enter a date such as 2026-12-31.',
			'Enter an email address like name@example.com.',
		]) {
			expect(answer.html).toContain(problem);
		}
		expect(answer.html).toContain('value="12o"');
		expect(execution.status()).toBe('waiting');
	});
});

describe('Message → Send and Wait for Response: Limit Wait Time', () => {
	it('after an interval, waits until now plus the interval', async () => {
		const before = Date.now();
		const execution = await ask({
			options: { limitWaitTime: { values: { resumeAmount: 2, resumeUnit: 'hours' } } },
		});
		const after = Date.now();
		const waitTill = execution.waitTill!.getTime();
		expect(waitTill).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
		expect(waitTill).toBeLessThanOrEqual(after + 2 * 3_600_000);
	});

	it('at a date and time, reads it in the workflow timezone', async () => {
		const execution = await ask({
			options: {
				limitWaitTime: {
					values: { limitType: 'atSpecifiedTime', maxDateAndTime: '2099-12-31T18:00:00' },
				},
			},
		});
		// The test workflow's timezone is Asia/Kolkata (UTC+05:30).
		expect(execution.waitTill?.toISOString()).toBe('2099-12-31T12:30:00.000Z');
	});

	it('when the limit passes without an answer, continues with the input item unchanged', async () => {
		const execution = await ask({
			...double,
			options: { limitWaitTime: { values: { resumeAmount: 45, resumeUnit: 'minutes' } } },
		});
		const timedOut = await execution.timeOut();
		expect(execution.status()).toBe('success');
		expect(timedOut.items.map((item) => item.json)).toEqual([INPUT]);
		expect((await execution.open(link(), { approved: 'true' })).html).toContain(NO_ACTION_REQUIRED);
	});
});

describe('SmartWats node: webhooks', () => {
	it('declares only restart webhooks, which n8n never registers when a workflow is published', () => {
		const { webhooks } = new SmartWats().description;
		expect(
			webhooks?.map(({ httpMethod, restartWebhook, path }) => ({
				httpMethod,
				restartWebhook,
				path,
			})),
		).toEqual([
			{ httpMethod: 'GET', restartWebhook: true, path: '={{ $nodeId }}' },
			{ httpMethod: 'POST', restartWebhook: true, path: '={{ $nodeId }}' },
		]);
	});
});
