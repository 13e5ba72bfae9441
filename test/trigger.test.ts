import type { IDataObject } from 'n8n-workflow';

import { buildWebhookPayload, postWebhook, WEBHOOK_KINDS } from './fake-smartwats/webhooks';
import type { WebhookKind, WebhookOverrides } from './fake-smartwats/webhooks';
import { startTriggerServer, triggerItems } from './harness/webhook';
import type { TriggerServer, WebhookRun } from './harness/webhook';
import { classifyPayload, normalizePayload } from '../nodes/SmartWatsTrigger/normalize';
import { secretMatches } from '../nodes/SmartWatsTrigger/secret';

const ALL_EVENTS = { events: ['incomingMessage', 'messageStatus', 'contact'] };
const TIMESTAMP = 1738318500;
const TIMESTAMP_ISO = '2025-01-31T10:15:00.000Z';

const CONTACT = {
	uid: '5f3a9c1e-7b2d-4e8a-9c4f-1a2b3c4d5e6f',
	firstName: 'Johan',
	lastName: 'Doe',
	email: null,
	languageCode: 'en',
	country: 'India',
	status: 'existing',
};

/** An item with every field at its "not applicable" value, to spread the expected values over. */
const EMPTY_ITEM = {
	phoneNumber: '919876543210',
	contact: CONTACT,
	whatsappMessageId: null,
	repliedToMessageId: null,
	businessPhoneNumberId: '123456789012345',
	text: null,
	messageType: null,
	replyId: null,
	replyTitle: null,
	media: null,
	location: null,
	status: null,
	errors: null,
	timestamp: TIMESTAMP_ISO,
};

let server: TriggerServer;

beforeAll(async () => {
	server = await startTriggerServer(ALL_EVENTS);
});

afterAll(async () => {
	await server?.close();
});

interface Sent {
	status: number;
	body: unknown;
	run: WebhookRun;
	/** The trigger's output items in the execution it started; empty when none started. */
	items: IDataObject[];
}

/** POSTs a payload to the trigger's Production URL as SmartWats does, with the given node parameters. */
async function send(
	payload: unknown,
	{
		parameters = ALL_EVENTS as IDataObject,
		query = '',
	}: { parameters?: IDataObject; query?: string } = {},
): Promise<Sent> {
	server.setParameters(parameters);
	const index = server.runs.length;
	const response = await postWebhook(`${server.productionUrl}${query}`, payload);
	const run = server.runs[index];
	expect(run).toBeDefined();
	const items = run.execution ? triggerItems(await run.execution).map((item) => item.json) : [];
	return { ...response, run, items };
}

async function sendKind(
	kind: WebhookKind,
	overrides: WebhookOverrides = {},
	parameters?: IDataObject,
) {
	return await send(buildWebhookPayload(kind, { timestamp: TIMESTAMP, ...overrides }), {
		parameters,
	});
}

function expectIgnored(sent: Sent) {
	expect(sent.status).toBe(200);
	expect(sent.body).toEqual({ message: 'Webhook call received' });
	expect(sent.run.result).toEqual({});
	expect(sent.run.execution).toBeUndefined();
}

describe('SmartWats Trigger: setup', () => {
	it('listens on POST {webhook base}/{webhookId}/webhook, the Production URL n8n shows', () => {
		expect(server.productionUrl).toMatch(
			new RegExp(`^${server.baseUrl}/webhook/[0-9a-f-]{36}/webhook$`),
		);
	});

	it('reports the manually registered webhook as existing, created and deleted without any request', async () => {
		expect(await server.runWebhookMethod('checkExists')).toBe(true);
		expect(await server.runWebhookMethod('create')).toBe(true);
		expect(await server.runWebhookMethod('delete')).toBe(true);
	});

	it('answers onReceived with "Workflow was started" and runs one execution with one item', async () => {
		const sent = await sendKind('incoming_text');
		expect(sent.status).toBe(200);
		expect(sent.body).toEqual({ message: 'Workflow was started' });
		const run = await sent.run.execution!;
		expect(run.status).toBe('success');
		expect(run.mode).toBe('webhook');
		expect(sent.items).toHaveLength(1);
		expect(sent.items).toEqual(sent.run.result!.workflowData![0].map((item) => item.json));
	});
});

describe('SmartWats Trigger: one normalised item per payload kind', () => {
	it('incoming text', async () => {
		const { items } = await sendKind('incoming_text', {
			whatsappMessageId: 'wamid.TEXT1',
			text: 'Hi, where is my order?',
		});
		expect(items).toEqual([
			{
				...EMPTY_ITEM,
				event: 'message.received',
				whatsappMessageId: 'wamid.TEXT1',
				text: 'Hi, where is my order?',
				messageType: 'text',
			},
		]);
	});

	it('reply button: replyId is the button-idN from the raw payload, text and replyTitle the label', async () => {
		const { items } = await sendKind('button_reply', {
			whatsappMessageId: 'wamid.BTN',
			repliedToMessageId: 'wamid.SENT',
			replyId: 'button-id2',
			replyTitle: 'Talk to agent',
		});
		expect(items).toEqual([
			{
				...EMPTY_ITEM,
				event: 'message.received',
				whatsappMessageId: 'wamid.BTN',
				repliedToMessageId: 'wamid.SENT',
				text: 'Talk to agent',
				messageType: 'interactive',
				replyId: 'button-id2',
				replyTitle: 'Talk to agent',
			},
		]);
	});

	it('list row: replyId is the row_id', async () => {
		const { items } = await sendKind('list_reply', {
			whatsappMessageId: 'wamid.LIST',
			repliedToMessageId: 'wamid.MENU',
		});
		expect(items).toEqual([
			{
				...EMPTY_ITEM,
				event: 'message.received',
				whatsappMessageId: 'wamid.LIST',
				repliedToMessageId: 'wamid.MENU',
				text: 'Oak oil',
				messageType: 'interactive',
				replyId: 'oil-1',
				replyTitle: 'Oak oil',
			},
		]);
	});

	it('template quick-reply button: replyId is the button payload', async () => {
		const { items } = await sendKind('template_button_reply', {
			replyId: 'CONFIRM_ORDER',
			replyTitle: 'Yes, confirm',
			repliedToMessageId: 'wamid.TPL',
		});
		expect(items[0]).toMatchObject({
			event: 'message.received',
			messageType: 'button',
			text: 'Yes, confirm',
			replyId: 'CONFIRM_ORDER',
			replyTitle: 'Yes, confirm',
			repliedToMessageId: 'wamid.TPL',
		});
	});

	it("image with caption: media from SmartWats' stored copy", async () => {
		const payload = buildWebhookPayload('media', {
			timestamp: TIMESTAMP,
			caption: 'Scratch on the door',
			link: 'https://app.smartwats.com/media/a.jpeg',
		});
		const stored = payload.message as { media: { file_name: string } };
		const { items } = await send(payload);
		expect(items).toEqual([
			{
				...EMPTY_ITEM,
				event: 'message.received',
				whatsappMessageId: expect.stringMatching(/^wamid\./),
				messageType: 'image',
				media: {
					type: 'image',
					link: 'https://app.smartwats.com/media/a.jpeg',
					caption: 'Scratch on the door',
					mimeType: 'image/jpeg',
					fileName: stored.media.file_name,
				},
			},
		]);
	});

	it('location from the raw payload', async () => {
		const { items } = await sendKind('location', {
			location: {
				latitude: 12.9716,
				longitude: 77.5946,
				name: 'Office',
				address: 'MG Road, Bengaluru',
			},
		});
		expect(items).toEqual([
			{
				...EMPTY_ITEM,
				event: 'message.received',
				whatsappMessageId: expect.stringMatching(/^wamid\./),
				messageType: 'location',
				location: {
					latitude: 12.9716,
					longitude: 77.5946,
					name: 'Office',
					address: 'MG Road, Bengaluru',
				},
			},
		]);
	});

	it.each(['sent', 'delivered', 'read'] as const)('status %s', async (status) => {
		const { items } = await sendKind(`status_${status}`, { whatsappMessageId: 'wamid.OUT' });
		expect(items).toEqual([
			{ ...EMPTY_ITEM, event: 'message.status', whatsappMessageId: 'wamid.OUT', status },
		]);
	});

	it('status failed: errors from statuses[0].errors of the raw payload', async () => {
		const { items } = await sendKind('status_failed', { whatsappMessageId: 'wamid.OUT' });
		expect(items).toEqual([
			{
				...EMPTY_ITEM,
				event: 'message.status',
				whatsappMessageId: 'wamid.OUT',
				status: 'failed',
				errors: [
					{
						code: 131047,
						title: 'Re-engagement message',
						message: 'Re-engagement message',
						details:
							'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
						href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
					},
				],
			},
		]);
	});

	it.each([
		['contact_created', 'contact.created', 'new'],
		['contact_updated', 'contact.updated', 'updated'],
	] as const)('%s', async (kind, event, status) => {
		const before = Date.now();
		const { items } = await sendKind(kind, { phoneNumber: '919812345678' });
		expect(items).toEqual([
			{
				...EMPTY_ITEM,
				event,
				phoneNumber: '919812345678',
				contact: { ...CONTACT, email: 'johndoe@example.com', status },
				businessPhoneNumberId: null,
				// Contact events carry no time: the item has the time the call arrived.
				timestamp: expect.any(String),
			},
		]);
		const timestamp = Date.parse(items[0].timestamp as string);
		expect(timestamp).toBeGreaterThanOrEqual(before - 1000);
		expect(timestamp).toBeLessThanOrEqual(Date.now());
	});

	it('every documented kind starts exactly one execution with the expected event', async () => {
		const events: Record<WebhookKind, string> = {
			incoming_text: 'message.received',
			button_reply: 'message.received',
			list_reply: 'message.received',
			template_button_reply: 'message.received',
			media: 'message.received',
			location: 'message.received',
			status_sent: 'message.status',
			status_delivered: 'message.status',
			status_read: 'message.status',
			status_failed: 'message.status',
			contact_created: 'contact.created',
			contact_updated: 'contact.updated',
		};
		expect([...WEBHOOK_KINDS].sort()).toEqual(Object.keys(events).sort());
		for (const kind of WEBHOOK_KINDS) {
			const { status, items } = await sendKind(kind);
			expect(status).toBe(200);
			expect(items.map((item) => item.event)).toEqual([events[kind]]);
		}
	});

	it('trims the leading spaces SmartWats puts in last names taken from the WhatsApp profile', async () => {
		const twoWords = await sendKind('incoming_text', { profileName: 'Asha Rao' });
		expect((twoWords.run.body as IDataObject).contact).toMatchObject({
			first_name: 'Asha',
			last_name: '  Rao',
		});
		expect(twoWords.items[0].contact).toMatchObject({ firstName: 'Asha', lastName: 'Rao' });

		const oneWord = await sendKind('incoming_text', { profileName: 'Ravi' });
		expect((oneWord.run.body as IDataObject).contact).toMatchObject({ last_name: ' ' });
		expect(oneWord.items[0].contact).toMatchObject({ firstName: 'Ravi', lastName: '' });
	});
});

describe('SmartWats Trigger: event and status filters', () => {
	it('by default only incoming messages start the workflow; other events get 200 and start nothing', async () => {
		for (const kind of [
			'status_delivered',
			'status_failed',
			'contact_created',
			'contact_updated',
		] as const) {
			expectIgnored(await sendKind(kind, {}, {}));
		}
		const incoming = await sendKind('incoming_text', {}, {});
		expect(incoming.items.map((item) => item.event)).toEqual(['message.received']);
	});

	it('only the selected events start the workflow', async () => {
		const parameters = { events: ['messageStatus', 'contact'] };
		expectIgnored(await sendKind('incoming_text', {}, parameters));
		expectIgnored(await sendKind('button_reply', {}, parameters));
		expect((await sendKind('status_read', {}, parameters)).items).toHaveLength(1);
		expect((await sendKind('contact_created', {}, parameters)).items).toHaveLength(1);
	});

	it('all four statuses start the workflow by default', async () => {
		for (const status of ['sent', 'delivered', 'read', 'failed'] as const) {
			const { items } = await sendKind(`status_${status}`, {}, { events: ['messageStatus'] });
			expect(items.map((item) => item.status)).toEqual([status]);
		}
	});

	it('only the selected statuses start the workflow', async () => {
		const parameters = { events: ['messageStatus'], statuses: ['failed'] };
		expectIgnored(await sendKind('status_sent', {}, parameters));
		expectIgnored(await sendKind('status_delivered', {}, parameters));
		expectIgnored(await sendKind('status_read', {}, parameters));
		expect(
			(await sendKind('status_failed', {}, parameters)).items.map((item) => item.status),
		).toEqual(['failed']);
	});

	it('ignores the echo of a message sent from the WhatsApp Business app and bodies that are not SmartWats events', async () => {
		const echo = buildWebhookPayload('incoming_text', { message: { is_new_message: false } });
		expectIgnored(await send(echo));
		expectIgnored(await send({ hello: 'world' }));
		expectIgnored(await send([1, 2, 3]));
	});
});

describe('SmartWats Trigger: secret', () => {
	const secret = 'Xk29aPq7Lm';
	const parameters = { ...ALL_EVENTS, secret };

	it.each([
		['missing', ''],
		['wrong', '?secret=Xk29aPq7Ln'],
		['empty', '?secret='],
		['a prefix of it', '?secret=Xk29'],
		['repeated', `?secret=${secret}&secret=${secret}`],
	])('a request with the secret %s gets 401 and starts no execution', async (_label, query) => {
		const sent = await send(buildWebhookPayload('incoming_text'), { parameters, query });
		expect(sent.status).toBe(401);
		expect(sent.body).toEqual({ message: expect.stringContaining('Unauthorized') });
		expect(sent.run.result).toEqual({ noWebhookResponse: true });
		expect(sent.run.result!.workflowData).toBeUndefined();
		expect(sent.run.execution).toBeUndefined();
	});

	it('a request with the right secret starts the workflow, and the secret is not in the item', async () => {
		const sent = await send(buildWebhookPayload('incoming_text'), {
			parameters,
			query: `?secret=${secret}`,
		});
		expect(sent.status).toBe(200);
		expect(sent.items).toHaveLength(1);
		expect(JSON.stringify(sent.items)).not.toContain(secret);
	});

	it('compares the URL-decoded value, and ignores spaces around the configured secret', async () => {
		const special = 'a b&c=d/é';
		const sent = await send(buildWebhookPayload('incoming_text'), {
			parameters: { ...ALL_EVENTS, secret: ` ${special} ` },
			query: `?secret=${encodeURIComponent(special)}`,
		});
		expect(sent.status).toBe(200);
		expect(sent.items).toHaveLength(1);
	});

	it('checks the secret before the event filter', async () => {
		const sent = await send(buildWebhookPayload('status_read'), { parameters: { secret } });
		expect(sent.status).toBe(401);
	});
});

describe('SmartWats Trigger: Include Raw Payload', () => {
	it('adds the body exactly as SmartWats sent it under raw', async () => {
		for (const kind of ['incoming_text', 'status_failed', 'contact_created'] as const) {
			const payload = buildWebhookPayload(kind);
			const { items } = await send(payload, {
				parameters: { ...ALL_EVENTS, options: { includeRawPayload: true } },
			});
			expect(items[0].raw).toEqual(payload);
		}
	});

	it('leaves raw out by default', async () => {
		const { items } = await sendKind('incoming_text');
		expect(items[0]).not.toHaveProperty('raw');
	});
});

describe('normalize (pure)', () => {
	it('classifies by content, as the API reference §31.2 describes', () => {
		expect(classifyPayload(buildWebhookPayload('incoming_text'))).toBe('message.received');
		expect(classifyPayload(buildWebhookPayload('status_read'))).toBe('message.status');
		expect(classifyPayload(buildWebhookPayload('contact_created'))).toBe('contact.created');
		expect(classifyPayload(buildWebhookPayload('contact_updated'))).toBe('contact.updated');
		expect(classifyPayload({ contact: { status: 'existing' } })).toBe('contact.updated');
		expect(classifyPayload({ contact: { status: 'new' }, message: null })).toBe('contact.created');
		// Echo of a message sent from the WhatsApp Business app: neither new nor a status.
		expect(
			classifyPayload({ contact: {}, message: { is_new_message: false, status: null } }),
		).toBeUndefined();
		expect(classifyPayload({ contact: {}, message: { is_new_message: 1, status: null } })).toBe(
			'message.received',
		);
		expect(classifyPayload({ message: { is_new_message: true } })).toBeUndefined();
		expect(classifyPayload('text')).toBeUndefined();
		expect(classifyPayload(null)).toBeUndefined();
		expect(classifyPayload({ contact: {}, message: 'x' })).toBeUndefined();
	});

	it('picks the raw message with the same wamid when Meta batched several', () => {
		const payload = buildWebhookPayload('button_reply', {
			whatsappMessageId: 'wamid.SECOND',
			replyId: 'button-id2',
		}) as IDataObject;
		const raw = payload.whatsapp_webhook_payload as {
			entry: Array<{ changes: Array<{ value: { messages: IDataObject[] } }> }>;
		};
		const messages = raw.entry[0].changes[0].value.messages;
		messages.unshift({
			...messages[0],
			id: 'wamid.FIRST',
			interactive: { type: 'button_reply', button_reply: { id: 'button-id1', title: 'A' } },
		});
		const item = normalizePayload('message.received', payload);
		expect(item.replyId).toBe('button-id2');
	});

	it('copes with a missing or empty raw payload', () => {
		const receivedAt = new Date('2026-01-02T03:04:05.000Z');
		const payload = buildWebhookPayload('incoming_text', {
			text: 'hello',
			whatsapp_webhook_payload: null,
		}) as IDataObject;
		const item = normalizePayload('message.received', payload, { receivedAt });
		expect(item).toMatchObject({
			text: 'hello',
			messageType: null,
			replyId: null,
			location: null,
			timestamp: receivedAt.toISOString(),
		});
		const status = normalizePayload(
			'message.status',
			buildWebhookPayload('status_failed', { whatsapp_webhook_payload: [] }) as IDataObject,
		);
		expect(status).toMatchObject({ status: 'failed', errors: [] });
	});

	it('falls back to the raw text and sender when SmartWats leaves them out', () => {
		const payload = buildWebhookPayload('incoming_text', {
			text: 'from raw',
			message: { body: null },
			contact: { phone_number: null },
		});
		expect(normalizePayload('message.received', payload as IDataObject)).toMatchObject({
			text: 'from raw',
			phoneNumber: '919876543210',
		});
	});
});

describe('secretMatches', () => {
	it('matches only the identical string', () => {
		expect(secretMatches('abc', 'abc')).toBe(true);
		expect(secretMatches('abc', 'abd')).toBe(false);
		expect(secretMatches('abc', 'abcd')).toBe(false);
		expect(secretMatches('abc', '')).toBe(false);
		expect(secretMatches('abc', undefined)).toBe(false);
		expect(secretMatches('abc', ['abc'])).toBe(false);
	});
});

describe('fake SmartWats webhooks', () => {
	it('builds payloads shaped as in the API reference §31', () => {
		const incoming = buildWebhookPayload('incoming_text');
		expect(Object.keys(incoming)).toEqual(['contact', 'whatsapp_webhook_payload', 'message']);
		expect(incoming.contact).toMatchObject({
			status: 'existing',
			first_name: 'Johan',
			last_name: '  Doe',
		});
		expect(incoming.message).toMatchObject({ is_new_message: true, status: null, media: [] });
		expect(incoming.whatsapp_webhook_payload).toMatchObject({
			object: 'whatsapp_business_account',
		});

		expect(buildWebhookPayload('media').message).toMatchObject({
			body: null,
			media: { type: 'image', mime_type: 'image/jpeg' },
		});
		expect(buildWebhookPayload('location').message).toMatchObject({ body: null, media: [] });
		expect(buildWebhookPayload('status_delivered').message).toMatchObject({
			is_new_message: false,
			body: null,
			status: 'delivered',
			media: null,
		});
		const contactEvent = buildWebhookPayload('contact_created');
		expect(contactEvent).toMatchObject({
			message: [],
			whatsapp_webhook_payload: [],
			contact: { status: 'new', last_name: 'Doe' },
		});
	});

	it('applies overrides everywhere the value appears, and deep-merges raw keys', () => {
		const payload = buildWebhookPayload('incoming_text', {
			phoneNumber: '447700900123',
			whatsappMessageId: 'wamid.X',
			message: { body: 'patched' },
		}) as unknown as {
			contact: IDataObject;
			message: IDataObject;
			whatsapp_webhook_payload: IDataObject;
		};
		expect(payload.contact.phone_number).toBe('447700900123');
		expect(payload.message).toMatchObject({
			body: 'patched',
			whatsapp_message_id: 'wamid.X',
			is_new_message: true,
		});
		const value = (payload.whatsapp_webhook_payload.entry as IDataObject[])[0] as {
			changes: Array<{ value: IDataObject }>;
		};
		expect(value.changes[0].value).toMatchObject({
			contacts: [{ wa_id: '447700900123' }],
			messages: [{ from: '447700900123', id: 'wamid.X' }],
		});
	});

	it('rejects unknown kinds', () => {
		expect(() => buildWebhookPayload('incoming_sticker' as WebhookKind)).toThrow(
			/Unknown webhook kind/,
		);
	});
});
