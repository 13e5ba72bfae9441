import { JOHAN } from './harness/seed';
import { useSimulator } from './harness/simulator';

const handle = useSimulator();
const { run } = handle;

const sendText = { resource: 'message', operation: 'sendText' };

const sendsTo = (endpoint: string) => handle.sim.requestsTo(`contact/${endpoint}`, 'POST');

describe('Message → Send Text', () => {
	it('normalises the number, sends the text and outputs the send result', async () => {
		const { items, error } = await run({
			...sendText,
			phoneNumber: '+91 98765-43210',
			text: 'Your order shipped',
		});
		expect(error).toBeUndefined();
		const [request] = sendsTo('send-message');
		expect(request.body).toEqual({
			phone_number: '919876543210',
			message_body: 'Your order shipped',
		});
		expect(request.headers.accept).toBe('application/json');
		expect(request.headers.authorization).toBe(`Bearer ${handle.sim.token}`);
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			log_uid: expect.any(String),
			contact_uid: expect.any(String),
			phone_number: '919876543210',
			wamid: expect.stringMatching(/^wamid\./),
			status: 'accepted',
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends one message per item with values mapped from each item', async () => {
		const { items } = await run(
			{ ...sendText, phoneNumber: '={{ $json.phone }}', text: '=Hi {{ $json.name }}' },
			{
				items: [
					{ phone: '0091 98765 43210', name: 'Asha' },
					{ phone: '919812345678', name: 'Ravi' },
				],
			},
		);
		expect(sendsTo('send-message').map((entry) => entry.body)).toEqual([
			{ phone_number: '919876543210', message_body: 'Hi Asha' },
			{ phone_number: '919812345678', message_body: 'Hi Ravi' },
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('passes the sender number and the details for a new contact', async () => {
		await run({
			...sendText,
			phoneNumber: '919700000001',
			text: 'Welcome',
			newContact: {
				firstName: 'Meera',
				email: 'meera@example.com',
				groups: ['VIP', 'Leads'],
				customFields: { field: [{ name: 'BDay', value: '1990-02-01' }] },
			},
			options: { senderPhoneNumberId: '123456789012345' },
		});
		expect(sendsTo('send-message')[0].body).toEqual({
			phone_number: '919700000001',
			message_body: 'Welcome',
			from_phone_number_id: '123456789012345',
			contact: {
				first_name: 'Meera',
				email: 'meera@example.com',
				groups: 'VIP,Leads',
				custom_fields: { BDay: '1990-02-01' },
			},
		});
		const created = handle.sim.state.contacts.find((contact) => contact.wa_id === '919700000001');
		expect(created?.first_name).toBe('Meera');
	});

	it('rejects an implausible number before sending anything', async () => {
		const { error } = await run({ ...sendText, phoneNumber: '12-34', text: 'Hi' });
		expect(error?.message).toBe(
			'\'Phone Number\' is not an international phone number: "12-34" [item 0]',
		);
		expect(error?.description).toContain('country code');
		expect(handle.sim.journal).toHaveLength(0);
	});

	it('with Continue On Fail, outputs one item per input in order and still sends the valid ones', async () => {
		const { items, error } = await run(
			{ ...sendText, phoneNumber: '={{ $json.phone }}', text: 'Hi' },
			{
				items: [{ phone: JOHAN.phone }, { phone: 'not a number' }, { phone: '919812345678' }],
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json.status).toBe('accepted');
		expect(items[1].json).toMatchObject({
			error: expect.stringContaining('not an international phone number'),
			itemIndex: 1,
		});
		expect(items[2].json.status).toBe('accepted');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sendsTo('send-message')).toHaveLength(2);
	});

	it('shows a mirrored WhatsApp rejection as the API words it', async () => {
		const { error } = await run({ ...sendText, phoneNumber: '999123456789', text: 'Hi' });
		expect(error?.message).toMatch(
			/^SmartWats: \(#131030\) Recipient phone number not in allowed list/,
		);
		expect(error?.description).toContain('WhatsApp (Meta) rejected the message');
	});

	it('fails the item with "Failed to send message" when Meta answers without a message id, and sends it once', async () => {
		handle.sim.setMeta({ withoutMessageId: true });
		const { error } = await run({ ...sendText, phoneNumber: JOHAN.phone, text: 'Hi' });
		expect(error?.message).toBe('SmartWats: Failed to send message [item 0]');
		expect(error?.description).toBe(
			'SmartWats answered POST contact/send-message with result "failed".',
		);
		expect(sendsTo('send-message')).toHaveLength(1);
	});

	it("outputs Meta's number for the contact when Meta rewrote it, the number later calls find it by", async () => {
		handle.sim.setMeta({ canonicalWaIds: { '5511912345678': '551112345678' } });
		const { items, error } = await run({
			...sendText,
			phoneNumber: '+55 11 91234-5678',
			text: 'Olá',
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({ phone_number: '551112345678' });
		const found = await run(
			{ resource: 'contact', operation: 'get', phoneNumber: '={{ $json.phone_number }}' },
			{ items: [items[0].json] },
		);
		expect(found.items[0].json).toMatchObject({ _uid: items[0].json.contact_uid });
	});

	it('turns the HTTP-200 "Invalid Token" answer into an error that points at the credential', async () => {
		const { error } = await run(
			{ ...sendText, phoneNumber: JOHAN.phone, text: 'Hi' },
			{ credentials: { accessToken: 'wrong-token-value' } },
		);
		expect(error?.message).toBe('SmartWats: Invalid Token [item 0]');
		expect(error?.description).toContain('Settings → API Access & Webhook');
		expect(JSON.stringify(error)).not.toContain(handle.sim.token);
	});
});

describe('Message → Send Media', () => {
	const sendMedia = { resource: 'message', operation: 'sendMedia' };

	it('sends a document with caption and file name', async () => {
		const { items } = await run({
			...sendMedia,
			phoneNumber: JOHAN.phone,
			mediaType: 'document',
			mediaUrl: 'https://example.com/files/invoice-1001.pdf',
			options: { caption: 'Your invoice', fileName: 'invoice-1001.pdf' },
		});
		expect(sendsTo('send-media-message')[0].body).toEqual({
			phone_number: JOHAN.phone,
			media_type: 'document',
			media_url: 'https://example.com/files/invoice-1001.pdf',
			caption: 'Your invoice',
			file_name: 'invoice-1001.pdf',
		});
		expect(items[0].json.status).toBe('accepted');
	});

	it('leaves out what the media type cannot carry', async () => {
		await run({
			...sendMedia,
			phoneNumber: JOHAN.phone,
			mediaType: 'audio',
			mediaUrl: 'https://example.com/a.mp3',
			options: { caption: 'ignored', fileName: 'ignored.mp3' },
		});
		expect(sendsTo('send-media-message')[0].body).toEqual({
			phone_number: JOHAN.phone,
			media_type: 'audio',
			media_url: 'https://example.com/a.mp3',
		});
	});

	it('rejects a URL that is not http(s) before sending', async () => {
		const { error } = await run({
			...sendMedia,
			phoneNumber: JOHAN.phone,
			mediaType: 'image',
			mediaUrl: 'ftp://example.com/a.png',
		});
		expect(error?.message).toBe(
			'\'Media URL\' is not an http(s) URL: "ftp://example.com/a.png" [item 0]',
		);
		expect(handle.sim.journal).toHaveLength(0);
	});
});

describe('Message → Send Template', () => {
	const sendTemplate = { resource: 'message', operation: 'sendTemplate' };
	const orderUpdate = {
		...sendTemplate,
		phoneNumber: JOHAN.phone,
		template: { __rl: true, mode: 'list', value: 'order_update|en' },
		bodyParameters: { parameter: [{ value: '{first_name}' }, { value: '#1001' }] },
		headerType: 'image',
		headerMediaUrl: 'https://example.com/banner.jpg',
		buttonParameters: { button: [{ index: 1, value: 'orders/1001' }] },
		copyCode: 'SAVE10',
	};

	it('sends the template with its parameters named as SmartWats validates them', async () => {
		const { items, error } = await run(orderUpdate);
		expect(error).toBeUndefined();
		expect(sendsTo('send-template-message')[0].body).toEqual({
			phone_number: JOHAN.phone,
			template_name: 'order_update',
			template_language: 'en',
			field_1: '{first_name}',
			field_2: '#1001',
			header_image: 'https://example.com/banner.jpg',
			button_1: 'orders/1001',
			copy_code: 'SAVE10',
		});
		// SmartWats' success messages for templates are swapped; the node reports the status, not the message.
		expect(items[0].json.status).toBe('accepted');
	});

	it('accepts the template given by name and language', async () => {
		await run({
			...sendTemplate,
			phoneNumber: JOHAN.phone,
			template: { __rl: true, mode: 'name', value: 'hello_world|en_US' },
		});
		expect(sendsTo('send-template-message')[0].body).toMatchObject({
			template_name: 'hello_world',
			template_language: 'en_US',
		});
	});

	it('lists each missing template parameter from the API’s 422', async () => {
		const { error } = await run({ ...orderUpdate, bodyParameters: {}, buttonParameters: {} });
		expect(error?.message).toMatch(/^SmartWats rejected \d+ fields: .*field_1.*button_1/);
		expect(error?.description).toContain('field_1:');
		expect(error?.description).toContain('button_1:');
		expect(error?.httpCode).toBe('422');
	});

	it('explains an unknown template', async () => {
		const { error } = await run({
			...orderUpdate,
			template: { __rl: true, mode: 'name', value: 'no_such_template|en' },
		});
		expect(error?.message).toMatch(/^SmartWats: Template for the selected language not found/);
		expect(error?.description).toContain('sync templates');
	});

	it('rejects a coupon code SmartWats would refuse, before sending', async () => {
		const { error } = await run({ ...orderUpdate, copyCode: 'SAVE 10%' });
		expect(error?.message).toContain("'Coupon Code' may only hold letters, digits, - and _");
		expect(handle.sim.journal).toHaveLength(0);
	});

	it('sends a location header with decimal coordinates', async () => {
		await run({
			...sendTemplate,
			phoneNumber: JOHAN.phone,
			template: { __rl: true, mode: 'name', value: 'store_location|en' },
			headerType: 'location',
			locationLatitude: 22,
			locationLongitude: 88.3639,
			locationName: 'Main store',
			locationAddress: 'Park Street, Kolkata',
		});
		expect(sendsTo('send-template-message')[0].body).toMatchObject({
			location_latitude: '22.0',
			location_longitude: '88.3639',
			location_name: 'Main store',
			location_address: 'Park Street, Kolkata',
		});
		expect(sendsTo('send-template-message')[0].status).toBe(200);
	});
});

describe('Message → Send Carousel Template', () => {
	const carousel = {
		resource: 'message',
		operation: 'sendCarouselTemplate',
		phoneNumber: JOHAN.phone,
		template: { __rl: true, mode: 'name', value: 'product_carousel|en_US' },
		bodyParameters: { parameter: [{ value: '{first_name}' }] },
		cards: {
			card: [
				{
					mediaType: 'image',
					mediaUrl: 'https://example.com/p1.jpg',
					bodyValues: 'Oak oil\n₹1,499',
					buttonTypes: 'QUICK_REPLY, URL',
					quickReplyPayload: 'BUY_P1',
					urlButtonValue: 'p1',
				},
				{
					mediaType: 'image',
					mediaUrl: 'https://example.com/p2.jpg',
					bodyValues: 'Teak oil\n₹599',
					buttonTypes: 'quick_reply,url',
					quickReplyPayload: 'BUY_P2',
					urlButtonValue: 'p2',
				},
			],
		},
	};

	it('sends the cards as carousel_templates, with button_type always present', async () => {
		const { items, error } = await run(carousel);
		expect(error).toBeUndefined();
		expect(sendsTo('send-carousel-template-message')[0].body).toEqual({
			phone_number: JOHAN.phone,
			template_name: 'product_carousel',
			template_language: 'en_US',
			field_1: '{first_name}',
			carousel_templates: [
				{
					media_type: 'image',
					media_url: 'https://example.com/p1.jpg',
					body_example_fields: ['Oak oil', '₹1,499'],
					button_type: ['QUICK_REPLY', 'URL'],
					quick_reply_button_payload: 'BUY_P1',
					button_example_field: 'p1',
				},
				{
					media_type: 'image',
					media_url: 'https://example.com/p2.jpg',
					body_example_fields: ['Teak oil', '₹599'],
					button_type: ['QUICK_REPLY', 'URL'],
					quick_reply_button_payload: 'BUY_P2',
					button_example_field: 'p2',
				},
			],
		});
		expect(items[0].json.status).toBe('accepted');
	});

	it('needs at least two cards, checked before sending', async () => {
		const { error } = await run({ ...carousel, cards: { card: [carousel.cards.card[0]] } });
		expect(error?.message).toBe('A carousel needs 2 to 10 cards, got 1 [item 0]');
		expect(handle.sim.journal).toHaveLength(0);
	});
});

describe('Message → Send Interactive', () => {
	const interactive = {
		resource: 'message',
		operation: 'sendInteractive',
		bodyText: 'How can we help?',
	};

	it('creates an unknown contact first, because SmartWats fails with HTTP 500 otherwise', async () => {
		const { items, error } = await run({
			...interactive,
			phoneNumber: '919700000002',
			interactiveType: 'button',
			replyButtons: { button: [{ label: 'Track order' }, { label: 'Talk to agent' }] },
			interactiveHeader: 'text',
			headerText: 'Support',
			options: { footerText: 'SmartWats' },
			newContact: { firstName: 'Kiran' },
		});
		expect(error).toBeUndefined();
		expect(handle.sim.journal.map((entry) => `${entry.method} ${entry.endpoint}`)).toEqual([
			'GET contact',
			'POST contact/create',
			'POST contact/send-interactive-message',
		]);
		expect(handle.sim.journal[1].body).toEqual({
			phone_number: '919700000002',
			first_name: 'Kiran',
		});
		expect(sendsTo('send-interactive-message')[0].body).toEqual({
			phone_number: '919700000002',
			interactive_type: 'button',
			body_text: 'How can we help?',
			header_type: 'text',
			header_text: 'Support',
			footer_text: 'SmartWats',
			buttons: { '1': 'Track order', '2': 'Talk to agent' },
		});
		expect(items[0].json.status).toBe('accepted');
	});

	it('does not create a contact that exists', async () => {
		await run({
			...interactive,
			phoneNumber: JOHAN.phone,
			interactiveType: 'cta_url',
			ctaDisplayText: 'Open',
			ctaUrl: 'https://example.com',
		});
		expect(handle.sim.requestsTo('contact/create')).toHaveLength(0);
		expect(sendsTo('send-interactive-message')[0].body).toEqual({
			phone_number: JOHAN.phone,
			interactive_type: 'cta_url',
			body_text: 'How can we help?',
			cta_url: { display_text: 'Open', url: 'https://example.com' },
		});
	});

	it('groups list rows into sections and sends each row ID as row_id', async () => {
		await run({
			...interactive,
			phoneNumber: JOHAN.phone,
			interactiveType: 'list',
			listButtonText: 'View',
			listRows: {
				row: [
					{ section: 'Finishes', rowId: 'oil-1', title: 'Oak oil', description: 'Premium' },
					{ section: 'Finishes', rowId: 'oil-2', title: 'Teak oil', description: 'Classic' },
					{ section: 'Help', rowId: 'agent', title: 'Talk to us', description: 'A person answers' },
				],
			},
		});
		expect(sendsTo('send-interactive-message')[0].body.list_data).toEqual({
			button_text: 'View',
			sections: [
				{
					id: 'section_1',
					title: 'Finishes',
					rows: [
						{ id: 'row_1', row_id: 'oil-1', title: 'Oak oil', description: 'Premium' },
						{ id: 'row_2', row_id: 'oil-2', title: 'Teak oil', description: 'Classic' },
					],
				},
				{
					id: 'section_2',
					title: 'Help',
					rows: [
						{ id: 'row_3', row_id: 'agent', title: 'Talk to us', description: 'A person answers' },
					],
				},
			],
		});
		expect(sendsTo('send-interactive-message')[0].status).toBe(200);
	});

	it.each([
		[[], 'Reply buttons need 1 to 3 buttons, got 0'],
		[
			[{ label: 'A' }, { label: 'B' }, { label: 'C' }, { label: 'D' }],
			'Reply buttons need 1 to 3 buttons, got 4',
		],
		[[{ label: 'Yes' }, { label: 'Yes' }], 'Button label "Yes" is used twice'],
		[
			[{ label: 'This label is far too long' }],
			'Button 1 label must have 1 to 20 characters, has 26',
		],
	])('rejects bad reply buttons before any request: %j', async (buttons, message) => {
		const { error } = await run({
			...interactive,
			phoneNumber: JOHAN.phone,
			interactiveType: 'button',
			replyButtons: { button: buttons },
		});
		expect(error?.message).toBe(`${message} [item 0]`);
		expect(handle.sim.journal).toHaveLength(0);
	});

	it('rejects a list row without an ID before any request', async () => {
		const { error } = await run({
			...interactive,
			phoneNumber: JOHAN.phone,
			interactiveType: 'list',
			listButtonText: 'View',
			listRows: { row: [{ title: 'Oak oil', description: 'Premium' }] },
		});
		expect(error?.message).toBe("'Row 1 Row ID' is empty [item 0]");
		expect(handle.sim.journal).toHaveLength(0);
	});

	it('without contact creation, reports the server error as possibly sent and does not retry', async () => {
		const { error } = await run({
			...interactive,
			phoneNumber: '919700000003',
			interactiveType: 'button',
			replyButtons: { button: [{ label: 'Yes' }] },
			createContactIfMissing: false,
		});
		expect(error?.message).toBe(
			'SmartWats failed to handle the request (HTTP 500: Server Error) [item 0]',
		);
		expect(error?.description).toContain('may or may not have been carried out');
		expect(sendsTo('send-interactive-message')).toHaveLength(1);
	});
});

describe('Message → Get Status', () => {
	it('looks a sent message up by log UID and by WhatsApp message ID', async () => {
		const sent = await run({ ...sendText, phoneNumber: JOHAN.phone, text: 'Hi' });
		const { log_uid: logUid, wamid } = sent.items[0].json as { log_uid: string; wamid: string };
		handle.sim.setMessageStatus(logUid, 'delivered');

		const byLog = await run({
			resource: 'message',
			operation: 'getStatus',
			lookupBy: 'logUid',
			messageId: logUid,
		});
		expect(handle.sim.requestsTo('contact/message-status')[0].query).toEqual({ log_uid: logUid });
		expect(byLog.items[0].json).toMatchObject({ log_uid: logUid, status: 'delivered' });

		const byWamid = await run({
			resource: 'message',
			operation: 'getStatus',
			lookupBy: 'wamid',
			messageId: wamid,
		});
		expect(handle.sim.requestsTo('contact/message-status')[1].query).toEqual({ wamid });
		expect(byWamid.items[0].json).toMatchObject({ wamid, status: 'delivered' });
	});

	it('says when the message does not exist', async () => {
		const { error } = await run({
			resource: 'message',
			operation: 'getStatus',
			lookupBy: 'logUid',
			messageId: 'nope',
		});
		expect(error?.message).toBe('SmartWats: Message not found. [item 0]');
	});
});
