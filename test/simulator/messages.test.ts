/**
 * The free-form sends and what all sends share (§6, §7, §9): Send Message (§10), Send Media Message (§11), Send
 * Interactive Message (§22), and Get Message Status (§26). Template sends are in templates.test.ts.
 */
import { seeded, startSimulator } from '../fake-smartwats';
import { simulatorClient, useSimulatorApi } from '../harness/simulator-client';
import { ORDER_UPDATE } from './requests';

const api = useSimulatorApi();
const { post, get, admin } = api;
const { johan } = seeded.contacts;

/** A send SmartWats' engine refused (§9): the five keys, only Johan's contact_uid filled. */
const failedSendToJohan = (message: string) => ({
	result: 'failed',
	message,
	data: { log_uid: null, contact_uid: johan.uid, phone_number: null, wamid: null, status: null },
});

describe('§10 Send Message', () => {
	it('sends to an existing contact, logs the message and answers the five keys', async () => {
		const response = await post('contact/send-message', {
			phone_number: johan.phone,
			message_body: 'Your order shipped',
		});
		expect(response.status).toBe(200);
		expect(response.json).toEqual({
			result: 'success',
			message: 'Message processed',
			data: {
				log_uid: expect.any(String),
				contact_uid: johan.uid,
				phone_number: johan.phone,
				wamid: expect.stringMatching(/^wamid\./),
				status: 'accepted',
			},
		});
		expect(api.messageLog(response.data.log_uid)).toMatchObject({
			message_type: 'text',
			message: 'Your order shipped',
			contact_wa_id: johan.phone,
			wamid: response.data.wamid,
			from_phone_number_id: seeded.phoneNumbers.store.id,
		});
	});

	it('lists every missing field in the 422 message count', async () => {
		const response = await post('contact/send-message', {});
		expect(response.json).toEqual({
			message: 'The phone number field is required. (and 1 more error)',
			errors: {
				phone_number: ['The phone number field is required.'],
				message_body: ['The message body field is required.'],
			},
		});
	});
});

describe('§6 Phone numbers and §7.2 the contact a send creates', () => {
	it("rewrites the contact's number to Meta's wa_id after a successful send, so a later send to the original number creates a second contact", async () => {
		// A Brazilian mobile number, for which Meta answers with its wa_id without the ninth digit.
		await admin('POST', 'settings', { canonicalWaIds: { '5511912345678': '551112345678' } });
		const first = await post('contact/send-message', {
			phone_number: '5511912345678',
			message_body: 'Olá',
			contact: { first_name: 'Rafael' },
		});
		expect(first.data.phone_number).toBe('551112345678');
		expect(api.sim.getContact('5511912345678')).toBeNull();
		expect(api.sim.getContact('551112345678')).toMatchObject({
			_uid: first.data.contact_uid,
			first_name: 'Rafael',
		});
		const again = await post('contact/send-message', {
			phone_number: '5511912345678',
			message_body: 'Olá de novo',
		});
		expect(again.data.contact_uid).not.toBe(first.data.contact_uid);
		expect(again.data.phone_number).toBe('551112345678');
		const stored = api.sim.state.contacts.filter((contact) => contact.wa_id === '551112345678');
		expect(stored.map((contact) => contact.first_name)).toEqual(['Rafael', '']);
	});

	it('creates an unknown contact from `contact`; titles of unknown groups become new groups the contact is NOT in', async () => {
		const response = await post('contact/send-message', {
			phone_number: '919700000001',
			message_body: 'Welcome',
			contact: {
				first_name: 'Meera',
				last_name: 'Iyer',
				email: 'meera@example.com',
				country: 'India',
				language_code: 'en',
				groups: 'VIP,Newsletter',
				custom_fields: { BDay: '1990-02-01', Unknown: 'x' },
			},
		});
		const created = api.sim.getContact('919700000001');
		expect(created).toMatchObject({
			first_name: 'Meera',
			last_name: 'Iyer',
			email: 'meera@example.com',
			countries__id: 99,
			language_code: 'en',
		});
		expect(response.data.contact_uid).toBe(created?._uid);
		expect(created?.groups.map((group) => group.title)).toEqual(['VIP']);
		const newsletter = api.sim.state.groups.find((group) => group.title === 'Newsletter');
		expect(newsletter).toBeDefined();
		expect(
			api.sim.state.groupContacts.filter((link) => link.contact_groups__id === newsletter?._id),
		).toHaveLength(0);
		expect(
			api.sim.state.customFieldValues
				.filter((value) => value.contacts__id === created?._id)
				.map((value) => value.field_value),
		).toEqual(['1990-02-01']);
	});

	it('never updates an existing contact from `contact`', async () => {
		await post('contact/send-message', {
			phone_number: johan.phone,
			message_body: 'Hi',
			contact: { first_name: 'Someone else', groups: 'Leads' },
		});
		expect(api.sim.getContact(johan.phone)).toMatchObject({ first_name: 'Johan' });
		expect(api.groupTitles(johan.phone)).toEqual(['Customers', 'VIP']);
	});

	it("stores a '+' number without it but looks it up raw, so every later send creates another contact", async () => {
		const first = await post('contact/send-message', {
			phone_number: '+919700000401',
			message_body: 'one',
		});
		const second = await post('contact/send-message', {
			phone_number: '+919700000401',
			message_body: 'two',
		});
		expect(first.data.phone_number).toBe('919700000401');
		expect(second.data.contact_uid).not.toBe(first.data.contact_uid);
		expect(
			api.sim.state.contacts.filter((contact) => contact.wa_id === '919700000401'),
		).toHaveLength(2);
	});

	it('refuses numbers with spaces or dashes with Laravel 422 messages', async () => {
		const response = await post('contact/send-message', {
			phone_number: '91 98765-43210',
			message_body: 'Hi',
		});
		expect(response.status).toBe(422);
		expect(response.json).toEqual({
			message: 'The phone number field must be a number. (and 1 more error)',
			errors: {
				phone_number: [
					'The phone number field must be a number.',
					'The phone number field must have at least 9 digits.',
				],
			},
		});
	});

	it("mirrors Meta refusals (recipients starting with 999) as HTTP 400 with Meta's text and data [] (§3.2)", async () => {
		const response = await post('contact/send-message', {
			phone_number: '999123456789',
			message_body: 'Hi',
		});
		expect(response.status).toBe(400);
		expect(response.result).toBe('failed');
		expect(response.message).toMatch(/^ \(#131030\) Recipient phone number not in allowed list/);
		expect(response.json).toMatchObject({ data: [] });
		// The contact was auto-created before Meta was called; no message was logged.
		expect(api.contact('999123456789')).toBeDefined();
		expect(
			api.sim.state.messages.filter((log) => log.contact_wa_id === '999123456789'),
		).toHaveLength(0);
	});
});

describe('§7.1 from_phone_number_id', () => {
	it('checks from_phone_number_id against the vendor numbers, and otherwise reuses the number of the last message', async () => {
		const unknown = await post('contact/send-message', {
			phone_number: johan.phone,
			message_body: 'Hi',
			from_phone_number_id: '999',
		});
		expect(unknown.json).toEqual(failedSendToJohan('from phone number not available.'));
		await post('contact/send-message', {
			phone_number: johan.phone,
			message_body: 'Hi',
			from_phone_number_id: seeded.phoneNumbers.support.id,
		});
		const next = await post('contact/send-message', {
			phone_number: johan.phone,
			message_body: 'Again',
		});
		expect(api.messageLog(next.data.log_uid)?.from_phone_number_id).toBe(
			seeded.phoneNumbers.support.id,
		);
	});
});

describe('§3.4 and §9 what stops every send', () => {
	it("refuses to send to the vendor's own WhatsApp number", async () => {
		const response = await post('contact/send-message', {
			phone_number: seeded.phoneNumbers.store.displayPhoneNumber,
			message_body: 'Hi',
		});
		expect(response.message).toBe('You can not send message to your WhatsApp API number.');
		expect(response.result).toBe('failed');
	});

	it('answers HTTP 401 on send endpoints and message status when the plan lacks API access, but not on the others (§2)', async () => {
		api.sim.setPlan({ apiAccess: false });
		const expected = {
			result: 'failed',
			message: 'API access is not available in your plan, please upgrade your subscription plan.',
			data: [],
		};
		for (const endpoint of [
			'contact/send-message',
			'contact/send-media-message',
			'contact/send-template-message',
			'contact/send-carousel-template-message',
			'contact/send-interactive-message',
		]) {
			const response = await post(endpoint, {});
			expect({ endpoint, status: response.status, json: response.json }).toEqual({
				endpoint,
				status: 401,
				json: expected,
			});
		}
		expect((await get('contact/message-status', { log_uid: 'x' })).status).toBe(401);
		expect((await get('contacts')).result).toBe('success');
		expect((await get('contact/template-list')).result).toBe('success');
	});

	it('answers HTTP 200 "Failed to send message" with the five keys mostly null when Meta answers without a message id, and logs nothing', async () => {
		await admin('POST', 'settings', { metaWithoutMessageId: true });
		const answers = [
			await post('contact/send-message', { phone_number: johan.phone, message_body: 'Hi' }),
			await post('contact/send-media-message', {
				phone_number: johan.phone,
				media_type: 'image',
				media_url: 'https://example.com/photo.jpg',
			}),
			await post('contact/send-template-message', { phone_number: johan.phone, ...ORDER_UPDATE }),
			await post('contact/send-interactive-message', {
				phone_number: johan.phone,
				body_text: 'Pick one',
				buttons: { 1: 'Yes', 2: 'No' },
			}),
		];
		for (const answer of answers) {
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual(failedSendToJohan('Failed to send message'));
		}
		expect(api.sim.state.messages.filter((log) => log.campaigns__id === null)).toHaveLength(0);
		// Meta's own refusals come first: they are mirrored as before.
		expect(
			(await post('contact/send-message', { phone_number: '999123456789', message_body: 'Hi' }))
				.status,
		).toBe(400);
	});

	it('answers "Please complete your WhatsApp Cloud API Setup first" when WhatsApp is not ready', async () => {
		const notReady = await startSimulator({ rateLimit: false, whatsappReady: false });
		const client = simulatorClient(() => notReady);
		try {
			const response = await client.post('contact/send-message', {
				phone_number: johan.phone,
				message_body: 'Hi',
			});
			expect(response.status).toBe(200);
			expect(response.json).toEqual({
				result: 'failed',
				message: 'Please complete your WhatsApp Cloud API Setup first',
				data: [],
			});
			const status = await client.get('contact/message-status', { log_uid: 'x' }, { accept: null });
			expect(status.message).toBe('Please complete your WhatsApp Cloud API Setup first');
		} finally {
			await notReady.close();
		}
	});
});

describe('§11 Send Media Message', () => {
	it('sends a document with caption and file name', async () => {
		const response = await post('contact/send-media-message', {
			phone_number: johan.phone,
			media_type: 'document',
			media_url: 'https://example.com/files/invoice-1001.pdf',
			caption: 'Your invoice',
			file_name: 'invoice-1001.pdf',
		});
		expect(response.json).toMatchObject({
			result: 'success',
			message: 'Message processed',
			data: { status: 'accepted' },
		});
		expect(api.messageLog(response.data.log_uid)?.media).toEqual({
			type: 'document',
			link: 'https://example.com/files/invoice-1001.pdf',
			caption: 'Your invoice',
			file_name: 'invoice-1001.pdf',
		});
	});

	it('validates media_type (no sticker) and media_url', async () => {
		const response = await post('contact/send-media-message', {
			phone_number: johan.phone,
			media_type: 'sticker',
			media_url: 'not a url',
		});
		expect(response.status).toBe(422);
		expect(response.errors).toEqual({
			media_type: ['The selected media type is invalid.'],
			media_url: ['The media url field must be a valid URL.'],
		});
	});

	it("refuses mailto: and data: URLs as Laravel's url rule does (it wants scheme://host)", async () => {
		for (const url of [
			'mailto:files@example.com',
			'data:image/png;base64,iVBORw0KGgo=',
			'file:///tmp/a.pdf',
		]) {
			const response = await post('contact/send-media-message', {
				phone_number: johan.phone,
				media_type: 'image',
				media_url: url,
			});
			expect({ url, status: response.status, errors: response.errors }).toEqual({
				url,
				status: 422,
				errors: { media_url: ['The media url field must be a valid URL.'] },
			});
		}
		expect(
			api.sim.state.messages.filter((log) => log.contact_wa_id === johan.phone && log.media),
		).toHaveLength(0);
	});

	it('drops the caption for audio', async () => {
		const response = await post('contact/send-media-message', {
			phone_number: johan.phone,
			media_type: 'audio',
			media_url: 'https://example.com/a.mp3',
			caption: 'ignored',
		});
		expect(api.messageLog(response.data.log_uid)?.media?.caption).toBeNull();
	});
});

describe('§22 Send Interactive Message', () => {
	const buttons = {
		phone_number: johan.phone,
		interactive_type: 'button',
		header_type: 'text',
		header_text: 'Support',
		body_text: 'How can we help?',
		buttons: { '1': 'Track order', '2': 'Talk to agent' },
	};

	it('sends reply buttons to an existing contact', async () => {
		const response = await post('contact/send-interactive-message', buttons);
		expect(response.json).toMatchObject({
			result: 'success',
			message: 'Message processed',
			data: { contact_uid: johan.uid, status: 'accepted' },
		});
		expect(api.messageLog(response.data.log_uid)?.interactive).toMatchObject({
			buttons: { '1': 'Track order', '2': 'Talk to agent' },
		});
	});

	it('fails with HTTP 500 for an unknown contact instead of creating it', async () => {
		const response = await post('contact/send-interactive-message', {
			...buttons,
			phone_number: '919700000701',
			contact: { first_name: 'New' },
		});
		expect(response.status).toBe(500);
		expect(response.json).toEqual({ message: 'Server Error' });
		expect(api.contact('919700000701')).toBeUndefined();
	});

	it('fails with HTTP 500 when buttons are missing for the button type (also for unknown types)', async () => {
		expect(
			(
				await post('contact/send-interactive-message', {
					phone_number: johan.phone,
					body_text: 'Hi',
				})
			).status,
		).toBe(500);
		expect(
			(
				await post('contact/send-interactive-message', {
					phone_number: johan.phone,
					interactive_type: 'carousel',
					body_text: 'Hi',
				})
			).status,
		).toBe(500);
	});

	it('answers duplicate labels with the UI envelope (§3.3), before any other validation', async () => {
		const response = await post('contact/send-interactive-message', {
			buttons: { '1': 'Yes', '2': 'Yes' },
		});
		expect(response.status).toBe(200);
		expect(response.json).toEqual({
			response_token: 0,
			reaction: 3,
			incident: null,
			client_models: [],
			data: { message: 'Buttons labels should be unique.' },
		});
	});

	it('shifts the keys of a buttons ARRAY: ["Yes"] lacks buttons.1, ["A","B"] passes', async () => {
		const one = await post('contact/send-interactive-message', { ...buttons, buttons: ['Yes'] });
		expect(one.status).toBe(422);
		expect(one.errors).toEqual({ 'buttons.1': ['The buttons.1 field is required.'] });
		expect(
			(await post('contact/send-interactive-message', { ...buttons, buttons: ['A', 'B'] })).result,
		).toBe('success');
		const long = await post('contact/send-interactive-message', {
			...buttons,
			buttons: { '1': 'This label is far too long' },
		});
		expect(long.errors).toEqual({
			'buttons.1': ['The buttons.1 field must not be greater than 20 characters.'],
		});
	});

	it('validates list data down to each row', async () => {
		const list = {
			phone_number: johan.phone,
			interactive_type: 'list',
			body_text: 'Choose',
			list_data: {
				button_text: 'View',
				sections: [
					{
						id: 's1',
						title: 'Finishes',
						rows: [{ id: 'r1', row_id: 'oil-1', title: 'Oak oil', description: 'Premium' }],
					},
				],
			},
		};
		expect((await post('contact/send-interactive-message', list)).result).toBe('success');
		const broken = await post('contact/send-interactive-message', {
			...list,
			list_data: {
				button_text: 'View',
				sections: [{ id: 's1', title: 'Finishes', rows: [{ id: 'r1', title: 'Oak oil' }] }],
			},
		});
		expect(broken.errors).toEqual({
			'list_data.sections.0.rows.0.row_id': [
				'The list data.sections.0.rows.0.row id field is required.',
			],
			'list_data.sections.0.rows.0.description': [
				'The list data.sections.0.rows.0.description field is required.',
			],
		});
	});

	it('validates the CTA URL type and ignores from_phone_number_id (§7.1)', async () => {
		const cta = {
			phone_number: johan.phone,
			interactive_type: 'cta_url',
			body_text: 'Catalogue',
			cta_url: { display_text: 'Open', url: 'https://example.com' },
			from_phone_number_id: 'not-a-number-id',
		};
		const response = await post('contact/send-interactive-message', cta);
		expect(api.messageLog(response.data.log_uid)?.from_phone_number_id).toBe(
			seeded.phoneNumbers.store.id,
		);
		expect(
			(
				await post('contact/send-interactive-message', {
					...cta,
					cta_url: { url: 'https://example.com' },
				})
			).errors,
		).toEqual({ 'cta_url.display_text': ['The cta url.display text field is required.'] });
	});

	it('copies a `token` input into the stored interactive data (§2)', async () => {
		const response = await post(
			'contact/send-interactive-message',
			{ ...buttons, token: api.sim.token },
			{ token: null },
		);
		expect(api.messageLog(response.data.log_uid)?.interactive).toHaveProperty(
			'token',
			api.sim.token,
		);
	});
});

describe('§26 Get Message Status', () => {
	it('finds a message by log_uid or by wamid and reports its current status', async () => {
		const sent = (
			await post('contact/send-message', { phone_number: johan.phone, message_body: 'Hi' })
		).data;
		api.sim.setMessageStatus(String(sent.log_uid), 'delivered');
		const byLog = await get('contact/message-status', { log_uid: String(sent.log_uid) });
		expect(byLog.json).toEqual({
			result: 'success',
			message: null,
			data: { status: 'delivered', created_at: expect.any(String), updated_at: expect.any(String) },
		});
		api.sim.setMessageStatus(String(sent.wamid), 'read');
		expect((await get('contact/message-status', { wamid: String(sent.wamid) })).data.status).toBe(
			'read',
		);
	});

	it('never downgrades a read message when a later status arrives', async () => {
		const sent = (
			await post('contact/send-message', { phone_number: johan.phone, message_body: 'Hi' })
		).data;
		api.sim.setMessageStatus(String(sent.wamid), 'read');
		api.sim.setMessageStatus(String(sent.wamid), 'delivered');
		expect(
			(await api.admin('POST', 'message-status', { id: sent.wamid, status: 'sent' })).status,
		).toBe(200);
		expect(
			(await get('contact/message-status', { log_uid: String(sent.log_uid) })).data.status,
		).toBe('read');
	});

	it('answers the documented failures', async () => {
		expect((await get('contact/message-status')).json).toEqual({
			result: 'failed',
			message: 'log_uid or wamid is required.',
			data: [],
		});
		expect((await get('contact/message-status', { wamid: 'wamid.unknown' })).json).toEqual({
			result: 'failed',
			message: 'Message not found.',
			data: [],
		});
	});
});
