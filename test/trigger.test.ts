import type { IDataObject } from 'n8n-workflow';

import { buildWebhookPayload, MEDIA_WEBHOOK_KINDS, WEBHOOK_KINDS } from './fake-smartwats/webhooks';
import type { WebhookKind } from './fake-smartwats/webhooks';
import { ALL_EVENTS, TIMESTAMP, triggerItems, useTrigger } from './harness/webhook';
import type { Sent } from './harness/webhook';
import { SmartWatsTrigger } from '../nodes/SmartWatsTrigger/SmartWatsTrigger.node';
import { classifyPayload, normalizePayload } from '../nodes/SmartWatsTrigger/normalize';
import { secretMatches } from '../nodes/SmartWatsTrigger/secret';

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

/** A call that was answered 200 with the reason it started nothing, and started no execution. */
function expectStartedNothing(sent: Sent, reason: string | RegExp = /./) {
	expect(sent.status).toBe(200);
	expect(sent.body).toEqual({
		started: false,
		reason: typeof reason === 'string' ? reason : expect.stringMatching(reason),
	});
	expect(sent.run.result?.workflowData).toBeUndefined();
	expect(sent.run.execution).toBeUndefined();
}

const trigger = useTrigger();
const { send, sendKind } = trigger;

describe('SmartWats Trigger: setup', () => {
	it('listens on POST {webhook base}/{webhookId}/webhook, the Production URL n8n shows', () => {
		expect(trigger.server.productionUrl).toMatch(
			new RegExp(`^${trigger.server.baseUrl}/webhook/[0-9a-f-]{36}/webhook$`),
		);
	});

	it('registers nothing remotely: checkExists says no so that n8n runs create, which checks the configuration', async () => {
		expect(await trigger.server.runWebhookMethod('checkExists')).toBe(false);
		expect(await trigger.server.runWebhookMethod('create')).toBe(true);
		expect(await trigger.server.runWebhookMethod('delete')).toBe(true);
	});

	it('answers a started call with {started: true, event} and runs one execution with one item', async () => {
		const sent = await send(buildWebhookPayload('incoming_text'));
		expect(sent.status).toBe(200);
		expect(sent.contentType).toMatch(/^application\/json/);
		expect(sent.body).toEqual({ started: true, event: 'message.received' });
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

	it.each<[(typeof MEDIA_WEBHOOK_KINDS)[number], string, IDataObject]>([
		[
			'image',
			'photo.jpg',
			{ type: 'image', mimeType: 'image/jpeg', caption: 'Scratch on the front door' },
		],
		[
			'video',
			'video.mp4',
			{ type: 'video', mimeType: 'video/mp4', caption: 'Parcel left at the door' },
		],
		['audio', 'audio.mp3', { type: 'audio', mimeType: 'audio/mpeg', caption: null }],
		// A voice note is an audio message to WhatsApp; its MIME type names the codec.
		['voice', 'voice.ogg', { type: 'audio', mimeType: 'audio/ogg; codecs=opus', caption: null }],
		// The customer's own name of the document wins over the name SmartWats stored it under.
		[
			'document',
			'invoice.pdf',
			{
				type: 'document',
				mimeType: 'application/pdf',
				caption: 'Invoice for order 1001',
				fileName: 'Invoice 1001.pdf',
			},
		],
		['sticker', 'sticker.webp', { type: 'sticker', mimeType: 'image/webp', caption: null }],
	])(
		"incoming %s: media with the link to SmartWats' stored copy (%s)",
		async (kind, stored, media) => {
			const { items } = await sendKind(kind, { whatsappMessageId: 'wamid.MEDIA' });
			expect(items).toEqual([
				{
					...EMPTY_ITEM,
					event: 'message.received',
					whatsappMessageId: 'wamid.MEDIA',
					messageType: media.type,
					media: {
						fileName: stored,
						...media,
						link: expect.stringMatching(new RegExp(`/whatsapp_media/received/${stored}$`)),
					},
				},
			]);
		},
	);

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
		for (const [kind, name] of [
			['status_delivered', 'Message Status Update'],
			['status_failed', 'Message Status Update'],
			['contact_created', 'Contact Created or Updated'],
			['contact_updated', 'Contact Created or Updated'],
		] as const) {
			expectStartedNothing(await sendKind(kind, {}, {}), `${name} is not selected in Trigger On`);
		}
		const incoming = await sendKind('incoming_text', {}, {});
		expect(incoming.items.map((item) => item.event)).toEqual(['message.received']);
	});

	it('only the selected events start the workflow', async () => {
		const parameters = { events: ['messageStatus', 'contact'] };
		expectStartedNothing(await sendKind('incoming_text', {}, parameters));
		expectStartedNothing(await sendKind('button_reply', {}, parameters));
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
		for (const status of ['sent', 'delivered', 'read'] as const)
			expectStartedNothing(
				await sendKind(`status_${status}`, {}, parameters),
				`The status ${status} is not selected in Statuses`,
			);
		expect(
			(await sendKind('status_failed', {}, parameters)).items.map((item) => item.status),
		).toEqual(['failed']);
	});

	it('ignores the echo of a message sent from the WhatsApp Business app', async () => {
		const echo = buildWebhookPayload('incoming_text', { message: { is_new_message: false } });
		expectStartedNothing(
			await send(echo),
			'The echo of a message sent from the WhatsApp Business app',
		);
	});
});

/** A payload of the given kind with `change` applied to a copy (for fields the overrides cannot remove). */
function broken(kind: WebhookKind, change: (payload: IDataObject) => void): IDataObject {
	const payload = buildWebhookPayload(kind, { timestamp: TIMESTAMP }) as unknown as IDataObject;
	change(payload);
	return payload;
}

const contactOf = (payload: IDataObject) => payload.contact as IDataObject;
const messageOf = (payload: IDataObject) => payload.message as IDataObject;
const MESSAGE_KINDS = WEBHOOK_KINDS.filter((kind) => !kind.startsWith('contact_'));

describe('SmartWats Trigger: only real events start it (API reference §31.2)', () => {
	it.each<[string, unknown]>([
		['an empty contact', { contact: {} }],
		[
			'a contact and nothing else',
			{ contact: { uid: 'u', phone_number: '919876543210', status: 'new' } },
		],
		['a top-level list', [buildWebhookPayload('incoming_text')]],
		['a JSON string', 'contact'],
		['a JSON number', 42],
		['JSON null', null],
		['JSON true', true],
		['an unrelated object', { hello: 'world' }],
		[
			"Meta's own webhook body",
			(buildWebhookPayload('incoming_text') as IDataObject).whatsapp_webhook_payload,
		],
	])('%s answers 200 and starts nothing', async (_label, payload) => {
		expectStartedNothing(await send(payload), /^Not a SmartWats event: /);
	});

	it.each<[string, WebhookKind, (payload: IDataObject) => void, string]>([
		[
			'a contact without uid',
			'incoming_text',
			(p) => delete contactOf(p).uid,
			'contact.uid is missing',
		],
		['a blank uid', 'contact_created', (p) => (contactOf(p).uid = '  '), 'contact.uid is missing'],
		['a numeric uid', 'status_read', (p) => (contactOf(p).uid = 42), 'contact.uid is missing'],
		[
			'a contact without phone_number',
			'contact_updated',
			(p) => delete contactOf(p).phone_number,
			'contact.phone_number is missing',
		],
		[
			'a phone_number given as a number',
			'incoming_text',
			(p) => (contactOf(p).phone_number = 919876543210),
			'contact.phone_number is missing',
		],
		[
			'a contact whose status is unknown',
			'incoming_text',
			(p) => (contactOf(p).status = 'blocked'),
			'contact.status is not new, updated or existing',
		],
		[
			'a contact event whose contact.status is "existing"',
			'contact_created',
			(p) => (contactOf(p).status = 'existing'),
			'a contact event whose contact.status is not new or updated',
		],
		[
			'a contact event without whatsapp_webhook_payload',
			'contact_created',
			(p) => delete p.whatsapp_webhook_payload,
			'a contact event whose whatsapp_webhook_payload is not []',
		],
		[
			'a contact event with message null',
			'contact_created',
			(p) => (p.message = null),
			'message is neither an object nor []',
		],
		[
			'a contact event without message',
			'contact_updated',
			(p) => delete p.message,
			'message is neither an object nor []',
		],
		[
			'message as text',
			'incoming_text',
			(p) => (p.message = 'Hi'),
			'message is neither an object nor []',
		],
		[
			'message as a number',
			'status_read',
			(p) => (p.message = 7),
			'message is neither an object nor []',
		],
		[
			'message as a non-empty list',
			'incoming_text',
			(p) => (p.message = [messageOf(p)]),
			'message is a non-empty list',
		],
		[
			'a message without whatsapp_message_id',
			'incoming_text',
			(p) => delete messageOf(p).whatsapp_message_id,
			'message.whatsapp_message_id is missing',
		],
		[
			'is_new_message as 1',
			'incoming_text',
			(p) => (messageOf(p).is_new_message = 1),
			'message.is_new_message is not true or false',
		],
		[
			'is_new_message as "true"',
			'incoming_text',
			(p) => (messageOf(p).is_new_message = 'true'),
			'message.is_new_message is not true or false',
		],
		[
			'a new message with a status',
			'incoming_text',
			(p) => (messageOf(p).status = 'read'),
			'a new message with a status',
		],
		[
			'a status WhatsApp does not send',
			'status_read',
			(p) => (messageOf(p).status = 'deleted'),
			'message.status is not sent, delivered, read or failed',
		],
		[
			'a status update with a body',
			'status_read',
			(p) => (messageOf(p).body = 'Hi'),
			'a status update with a message body',
		],
		[
			'media as text',
			'media',
			(p) => (messageOf(p).media = 'https://x/a.jpg'),
			'message.media is not an object, [] or null',
		],
		[
			'media as a non-empty list',
			'incoming_text',
			(p) => (messageOf(p).media = [{}]),
			'message.media is not an object, [] or null',
		],
		[
			'a message whose raw Meta payload is missing',
			'incoming_text',
			(p) => delete p.whatsapp_webhook_payload,
			'whatsapp_webhook_payload is not an object',
		],
		[
			'a message whose raw Meta payload is []',
			'status_failed',
			(p) => (p.whatsapp_webhook_payload = []),
			'whatsapp_webhook_payload is not an object',
		],
	])('%s answers 200 and starts nothing', async (_label, kind, change, reason) => {
		expectStartedNothing(await send(broken(kind, change)), `Not a SmartWats event: ${reason}`);
	});

	const TEXT_FIELDS: Array<[string, WebhookKind, (payload: IDataObject) => IDataObject]> = [
		...['first_name', 'last_name', 'email', 'language_code', 'country'].map(
			(field) =>
				[`contact.${field}`, 'contact_created', contactOf] as [
					string,
					WebhookKind,
					typeof contactOf,
				],
		),
		...[
			'whatsapp_business_phone_number_id',
			'replied_to_whatsapp_message_id',
			'body',
			'status',
		].map(
			(field) =>
				[`message.${field}`, 'button_reply', messageOf] as [string, WebhookKind, typeof messageOf],
		),
		...['type', 'link', 'caption', 'mime_type', 'file_name', 'original_filename'].map(
			(field) =>
				[
					`message.media.${field}`,
					'media',
					(p: IDataObject) => messageOf(p).media as IDataObject,
				] as [string, WebhookKind, typeof messageOf],
		),
	];

	it.each(TEXT_FIELDS)(
		'%s of a type other than text or null starts nothing',
		async (path, kind, parent) => {
			const field = path.split('.').pop()!;
			for (const wrong of [{ a: 1 }, ['x'], 42, true]) {
				const sent = await send(broken(kind, (p) => (parent(p)[field] = wrong)));
				expectStartedNothing(sent, `Not a SmartWats event: ${path} is not text`);
			}
			// The same field as null (or left out) is what SmartWats sends when it has no value.
			const asNull = await send(broken(kind, (p) => (parent(p)[field] = null)));
			expect(asNull.items).toHaveLength(1);
			const missing = await send(broken(kind, (p) => delete parent(p)[field]));
			expect(missing.items).toHaveLength(1);
		},
	);

	it.each(MESSAGE_KINDS)(
		'%s starts the workflow for a new contact too (contact.status "new")',
		async (kind) => {
			const { items } = await sendKind(kind, { contact: { status: 'new' } });
			expect(items).toHaveLength(1);
			expect(items[0].contact).toMatchObject({ status: 'new' });
		},
	);

	it.each<[string, string, string]>([
		[
			'a form post shaped like a contact event',
			'application/x-www-form-urlencoded',
			'contact[uid]=u1&contact[phone_number]=919876543210&contact[status]=new&message=[]&whatsapp_webhook_payload=[]',
		],
		[
			'an XML post shaped like a contact event',
			'application/xml',
			'<root><contact><uid>u1</uid><phone_number>919876543210</phone_number><status>new</status></contact><message></message><whatsapp_webhook_payload></whatsapp_webhook_payload></root>',
		],
		[
			"a text post holding an event's JSON",
			'text/plain',
			JSON.stringify(buildWebhookPayload('contact_created')),
		],
		[
			"an octet-stream holding an event's JSON",
			'application/octet-stream',
			JSON.stringify(buildWebhookPayload('contact_created')),
		],
		['an empty JSON body', 'application/json', ''],
	])('%s answers 200 and starts nothing', async (_label, contentType, body) => {
		expectStartedNothing(await send(body, { contentType }), /^Not a SmartWats event: /);
	});

	it('a body that is not valid JSON is refused by n8n with 422 before the trigger sees it', async () => {
		const before = trigger.server.runs.length;
		const sent = await fetch(trigger.server.productionUrl, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: '{"contact": {',
		});
		expect(sent.status).toBe(422);
		expect(trigger.server.runs).toHaveLength(before);
	});

	it('a large event (4 MB of batched Meta messages) starts one execution with the matching message', async () => {
		const payload = buildWebhookPayload('button_reply', {
			whatsappMessageId: 'wamid.LAST',
			replyId: 'button-id3',
		}) as unknown as IDataObject;
		const value = (
			(payload.whatsapp_webhook_payload as IDataObject).entry as Array<{
				changes: Array<{ value: { messages: IDataObject[] } }>;
			}>
		)[0].changes[0].value;
		const [reply] = value.messages;
		const filler = 'x'.repeat(200);
		value.messages = [
			...Array.from({ length: 20000 }, (_, i) => ({ ...reply, id: `wamid.OTHER${i}`, filler })),
			reply,
		];
		const sent = await send(payload);
		expect(JSON.stringify(payload).length).toBeGreaterThan(4_000_000);
		expect(sent.body).toEqual({ started: true, event: 'message.received' });
		expect(sent.items).toHaveLength(1);
		expect(sent.items[0]).toMatchObject({ whatsappMessageId: 'wamid.LAST', replyId: 'button-id3' });
	});

	it('a large body that is not an event (4 MB) starts nothing', async () => {
		const payload = { contact: { uid: 'u' }, junk: 'x'.repeat(4_000_000) };
		expectStartedNothing(
			await send(payload),
			'Not a SmartWats event: contact.phone_number is missing',
		);
	});
});

describe('SmartWats Trigger: the answer', () => {
	it.each<[string, () => Promise<Sent>, number, object]>([
		[
			'a started workflow',
			() => sendKind('status_failed'),
			200,
			{ started: true, event: 'message.status' },
		],
		[
			'an event not selected in Trigger On',
			() => sendKind('contact_created', {}, { events: ['incomingMessage'] }),
			200,
			{ started: false, reason: 'Contact Created or Updated is not selected in Trigger On' },
		],
		[
			'a status not selected in Statuses',
			() => sendKind('status_sent', {}, { events: ['messageStatus'], statuses: ['read'] }),
			200,
			{ started: false, reason: 'The status sent is not selected in Statuses' },
		],
		[
			'a body that is not an event',
			() => send({ contact: {} }),
			200,
			{ started: false, reason: 'Not a SmartWats event: contact.uid is missing' },
		],
	])('%s: a short JSON answer saying so', async (_label, call, status, body) => {
		const sent = await call();
		expect(sent.status).toBe(status);
		expect(sent.body).toEqual(body);
		// Without responseData in the webhook description n8n would have answered with the text "firstEntryJson".
		expect(JSON.stringify(sent.body)).not.toContain('firstEntryJson');
	});

	it('every answer is JSON', async () => {
		for (const sent of [
			await send(buildWebhookPayload('incoming_text')),
			await send(buildWebhookPayload('status_read'), { parameters: { events: ['contact'] } }),
			await send('x=1', { contentType: 'application/x-www-form-urlencoded' }),
		])
			expect(sent.contentType).toMatch(/^application\/json/);
	});
});

describe('SmartWats Trigger: in the editor', () => {
	it('the subtitle names the selected events as the Trigger On list shows them', () => {
		const subtitleFor = (parameters: IDataObject) => {
			trigger.server.setParameters(parameters);
			return trigger.server.subtitle();
		};
		expect(subtitleFor({})).toBe('Incoming Message');
		expect(subtitleFor({ events: ['incomingMessage', 'messageStatus'] })).toBe(
			'Incoming Message, Message Status Update',
		);
		expect(subtitleFor({ events: ['contact'] })).toBe('Contact Created or Updated');
		expect(subtitleFor({ events: [] })).toBe('');
	});

	it("the setup notice names n8n 2.40's buttons and panels", () => {
		const notice = new SmartWatsTrigger().description.properties.find(
			(property) => property.name === 'setupNotice',
		)!.displayName;
		for (const name of ['Webhook URLs', 'Production URL', 'Test URL', 'Execute step', 'Publish'])
			expect(notice).toContain(`<b>${name}</b>`);
		// n8n 2.40 shows "Listen for test event" only on its own Webhook node, and calls activating "Publish".
		expect(notice).not.toMatch(/Listen for test event|[Aa]ctivate/);
	});
});

describe('SmartWats Trigger: secret in a SmartWats Trigger API credential (version 1.1)', () => {
	const secret = 'Xk29aPq7Lm-4bT_Zw8~Rq1.n';
	const parameters = { ...ALL_EVENTS, authentication: 'urlSecret' };
	const secured = useTrigger(parameters, { credentials: { smartWatsTriggerApi: { secret } } });

	it.each([
		['missing', ''],
		['wrong', '?secret=Xk29aPq7Lm-4bT_Zw8~Rq1.m'],
		['empty', '?secret='],
		['a prefix of it', '?secret=Xk29'],
		['repeated', `?secret=${secret}&secret=${secret}`],
	])('a call with the secret %s gets 401 and starts nothing', async (_label, query) => {
		const sent = await secured.send(buildWebhookPayload('incoming_text'), { query });
		expect(sent.status).toBe(401);
		expect(sent.contentType).toMatch(/^application\/json/);
		expect(sent.body).toEqual({
			started: false,
			reason: 'The secret in the URL does not match the secret of the SmartWats Trigger',
		});
		expect(sent.run.result).toEqual({ noWebhookResponse: true });
		expect(sent.run.execution).toBeUndefined();
	});

	it('a call with the right secret starts the workflow, and the secret is in neither the item nor the answer', async () => {
		const sent = await secured.send(buildWebhookPayload('incoming_text'), {
			query: `?secret=${secret}`,
			parameters: { ...parameters, options: { includeRawPayload: true } },
		});
		expect(sent.body).toEqual({ started: true, event: 'message.received' });
		expect(sent.items).toHaveLength(1);
		expect(JSON.stringify(sent.items)).not.toContain(secret);
	});

	it('checks the secret before anything else: a non-event without it gets 401 too', async () => {
		expect((await secured.send({ hello: 'world' })).status).toBe(401);
		expect((await secured.send(buildWebhookPayload('status_read'))).status).toBe(401);
	});

	it('with Authentication None the credential is not read and every call is taken', async () => {
		const sent = await secured.send(buildWebhookPayload('incoming_text'), {
			parameters: { ...parameters, authentication: 'none' },
		});
		expect(sent.body).toEqual({ started: true, event: 'message.received' });
	});

	it('a credential without a secret stops publishing with a clear message, and a call fails visibly', async () => {
		secured.server.setParameters(parameters);
		secured.server.setCredentials({ smartWatsTriggerApi: { secret: '  ' } });
		try {
			await expect(secured.server.runWebhookMethod('create')).rejects.toThrow(
				'The SmartWats Trigger API credential has no secret',
			);
			const sent = await secured.send(buildWebhookPayload('incoming_text'), {
				query: '?secret=',
			});
			expect(sent.status).toBe(500);
			const run = await sent.run.execution!;
			expect(run.status).toBe('error');
			expect(run.data.resultData.error?.message).toBe(
				'The SmartWats Trigger API credential has no secret',
			);
			expect(triggerItems(run)).toEqual([]);
		} finally {
			secured.server.setCredentials({ smartWatsTriggerApi: { secret } });
		}
	});

	it('Authentication "Secret in URL" without a credential stops publishing', async () => {
		secured.server.setParameters(parameters);
		secured.server.setCredentials({});
		try {
			await expect(secured.server.runWebhookMethod('create')).rejects.toThrow(/credentials/i);
		} finally {
			secured.server.setCredentials({ smartWatsTriggerApi: { secret } });
		}
	});

	it('the credential offers itself only for Authentication "Secret in URL"', () => {
		const [credential] = new SmartWatsTrigger().description.credentials!;
		expect(credential).toMatchObject({
			name: 'smartWatsTriggerApi',
			required: true,
			testedBy: 'smartWatsTriggerApiTest',
			displayOptions: { show: { authentication: ['urlSecret'] } },
		});
	});
});

describe('SmartWats Trigger API credential: Test', () => {
	const test = (secret: unknown) =>
		new SmartWatsTrigger().methods.credentialTest.smartWatsTriggerApiTest.call(
			{} as never,
			{
				id: '1',
				name: 'SmartWats Trigger',
				type: 'smartWatsTriggerApi',
				data: { secret },
			} as never,
		);

	it('passes a secret that can be pasted into the URL as it is', async () => {
		expect(await test('Xk29aPq7Lm-4bT_Zw8~Rq1.n')).toEqual({
			status: 'OK',
			message: 'The secret can be pasted into the URL as it is',
		});
	});

	it.each(['', '   ', undefined])('fails an empty secret (%p)', async (secret) => {
		expect(await test(secret)).toEqual({ status: 'Error', message: 'Enter a secret' });
	});

	it.each(['two words', 'a&b', 'a#b', 'a+b', 'a/b', 'café'])(
		'fails %p, which would change meaning in a URL',
		async (secret) => {
			expect(await test(secret)).toEqual({
				status: 'Error',
				message: expect.stringContaining('characters that change meaning in a URL'),
			});
		},
	);
});

describe('SmartWats Trigger: Secret parameter of version 1 (existing workflows)', () => {
	const secret = 'Xk29aPq7Lm';
	const parameters = { ...ALL_EVENTS, secret };
	const legacy = useTrigger(parameters, { typeVersion: 1 });

	it.each([
		['missing', ''],
		['wrong', '?secret=Xk29aPq7Ln'],
		['empty', '?secret='],
		['a prefix of it', '?secret=Xk29'],
		['repeated', `?secret=${secret}&secret=${secret}`],
	])('a call with the secret %s gets 401 and starts nothing', async (_label, query) => {
		const sent = await legacy.send(buildWebhookPayload('incoming_text'), { query });
		expect(sent.status).toBe(401);
		expect(sent.body).toEqual({ started: false, reason: expect.stringContaining('secret') });
		expect(sent.run.result).toEqual({ noWebhookResponse: true });
		expect(sent.run.execution).toBeUndefined();
	});

	it('a call with the right secret starts the workflow, and the secret is not in the item', async () => {
		const sent = await legacy.send(buildWebhookPayload('incoming_text'), {
			query: `?secret=${secret}`,
		});
		expect(sent.status).toBe(200);
		expect(sent.items).toHaveLength(1);
		expect(JSON.stringify(sent.items)).not.toContain(secret);
	});

	it('compares the URL-decoded value, and ignores spaces around the configured secret', async () => {
		const special = 'a b&c=d/é';
		const sent = await legacy.send(buildWebhookPayload('incoming_text'), {
			parameters: { ...ALL_EVENTS, secret: ` ${special} ` },
			query: `?secret=${encodeURIComponent(special)}`,
		});
		expect(sent.status).toBe(200);
		expect(sent.items).toHaveLength(1);
	});

	it('checks the secret before the event filter', async () => {
		const sent = await legacy.send(buildWebhookPayload('status_read'), { parameters: { secret } });
		expect(sent.status).toBe(401);
	});

	it.each([
		['a number', '={{ 20250131 }}', '20250131'],
		['a boolean', '={{ true }}', 'true'],
		['text with spaces around it', '={{ "  Xk29aPq7Lm " }}', 'Xk29aPq7Lm'],
	])('a Secret expression that gives %s works as its text', async (_label, expression, query) => {
		const withExpression = { ...ALL_EVENTS, secret: expression };
		const right = await legacy.send(buildWebhookPayload('incoming_text'), {
			parameters: withExpression,
			query: `?secret=${query}`,
		});
		expect(right.body).toEqual({ started: true, event: 'message.received' });
		const wrong = await legacy.send(buildWebhookPayload('incoming_text'), {
			parameters: withExpression,
			query: '?secret=other',
		});
		expect(wrong.status).toBe(401);
	});

	it.each([
		[
			'an object',
			'={{ { key: "Xk29aPq7Lm" } }}',
			"The Secret's expression gave a value of type object",
		],
		['a list', '={{ ["Xk29aPq7Lm"] }}', "The Secret's expression gave a list"],
		['null', '={{ null }}', "The Secret's expression gave no value"],
		['empty text', '={{ "" }}', "The Secret's expression gave an empty value"],
	])(
		'a Secret expression that gives %s stops publishing, and a call fails visibly instead of starting unprotected',
		async (_label, expression, message) => {
			legacy.server.setParameters({ ...ALL_EVENTS, secret: expression });
			await expect(legacy.server.runWebhookMethod('create')).rejects.toThrow(message);

			const sent = await legacy.send(buildWebhookPayload('incoming_text'), {
				parameters: { ...ALL_EVENTS, secret: expression },
				query: '?secret=Xk29aPq7Lm',
			});
			expect(sent.status).toBe(500);
			const run = await sent.run.execution!;
			expect(run.status).toBe('error');
			expect(run.data.resultData.error?.message).toBe(message);
			expect(triggerItems(run)).toEqual([]);
		},
	);

	it('an empty Secret takes every call, as before', async () => {
		for (const secretValue of ['', '   ']) {
			const sent = await legacy.send(buildWebhookPayload('incoming_text'), {
				parameters: { ...ALL_EVENTS, secret: secretValue },
			});
			expect(sent.body).toEqual({ started: true, event: 'message.received' });
		}
		legacy.server.setParameters({ ...ALL_EVENTS, secret: '' });
		expect(await legacy.server.runWebhookMethod('create')).toBe(true);
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
	it('classifies by content, as the recognition table of the API reference §31.2 says', () => {
		const contact = { uid: 'u', phone_number: '919876543210', status: 'existing' };
		const message = { whatsapp_message_id: 'wamid.X', body: null, media: null };
		const raw = { object: 'whatsapp_business_account' };
		const classify = (body: IDataObject) =>
			classifyPayload({ contact, whatsapp_webhook_payload: raw, ...body });
		expect(classify({ message: { ...message, is_new_message: true, status: null } })).toEqual({
			event: 'message.received',
		});
		expect(classify({ message: { ...message, is_new_message: false, status: 'read' } })).toEqual({
			event: 'message.status',
		});
		expect(
			classify({
				contact: { ...contact, status: 'new' },
				message: [],
				whatsapp_webhook_payload: [],
			}),
		).toEqual({ event: 'contact.created' });
		expect(
			classify({
				contact: { ...contact, status: 'updated' },
				message: [],
				whatsapp_webhook_payload: [],
			}),
		).toEqual({ event: 'contact.updated' });
		expect(classify({ message: { ...message, is_new_message: false, status: null } })).toEqual({
			ignored: 'The echo of a message sent from the WhatsApp Business app',
		});
		expect(classifyPayload({ contact: { status: 'existing' } })).toEqual({
			ignored: 'Not a SmartWats event: contact.uid is missing',
		});
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
