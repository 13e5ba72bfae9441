/**
 * The SmartWats simulator against its contract (../shared/api/smartwats-api.md), over real HTTP: one test per
 * endpoint's main behaviour and per quirk the simulator reproduces, plus faults, the admin API and the CLI.
 */
import { sleep } from 'n8n-workflow';

import {
	DEFAULT_TOKEN,
	DEFAULT_VENDOR_UID,
	defaultSeed,
	faults,
	seeded,
	startRecorder,
	startSimulator,
} from './fake-smartwats';
import type { SeedData, Simulator } from './fake-smartwats';
import { openKeepAliveConnection, runScript } from './harness/node-io';
import { simulatorClient } from './harness/simulator';
import type { Loose } from './harness/simulator';

const { johan: JOHAN, asha: ASHA, ravi: RAVI, priya: PRIYA, karan: KARAN } = seeded.contacts;
const GROUP = {
	VIP: seeded.groups.vip.uid,
	Leads: seeded.groups.leads.uid,
	Customers: seeded.groups.customers.uid,
};
const LABEL = {
	Hot: seeded.labels.hot.uid,
	Cold: seeded.labels.cold.uid,
	Replied: seeded.labels.replied.uid,
};

const ORDER_UPDATE = {
	template_name: 'order_update',
	template_language: 'en',
	header_image: 'https://example.com/banner.jpg',
	field_1: '{first_name}',
	field_2: '#1001',
	button_1: 'orders/1001',
	copy_code: 'SAVE10',
};

const CARDS = [
	{
		media_type: 'IMAGE',
		media_url: 'https://example.com/p1.jpg',
		body_example_fields: ['Oak oil', '₹499'],
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
];
const CAROUSEL = {
	template_name: 'product_carousel',
	template_language: 'en_US',
	field_1: '{first_name}',
	carousel_templates: CARDS,
};

const CAMPAIGN = {
	title: 'Diwali offer',
	template_name: 'festive_offer',
	template_language: 'en',
	contact_group: 'VIP',
	timezone: 'Asia/Kolkata',
	schedule_at: '2030-10-20T10:30',
	field_1: '{first_name}',
	field_2: '20%',
};

let sim: Simulator;

beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false });
});

beforeEach(() => sim.reset());

afterAll(async () => {
	await sim.close();
});

const { call, post, get, admin } = simulatorClient(() => sim);

/** Message logs of text messages to a number (the seeded campaign's logs left out). */
const textsTo = (phone: string) =>
	sim.state.messages.filter((log) => log.contact_wa_id === phone && log.message_type === 'text');
const contactByPhone = (phone: string) =>
	sim.state.contacts.find((contact) => contact.wa_id === phone);
const groupTitles = (phone: string) =>
	(sim.getContact(phone)?.groups ?? []).map((group) => group.title).sort();
const labelTitles = (phone: string) =>
	(sim.getContact(phone)?.labels ?? []).map((label) => label.title).sort();

// ─────────────────────────────────────────────────────────────────────────────

describe('defaults and seed', () => {
	it('exports the default vendor UID and a 64-character alphanumeric token, and binds to 127.0.0.1', () => {
		expect(DEFAULT_VENDOR_UID).toBe('0b7c1f1e-5a4e-4c2b-9a61-3f0e2d8c7a10');
		expect(DEFAULT_TOKEN).toMatch(/^[A-Za-z0-9]{64}$/);
		expect(sim.vendorUid).toBe(DEFAULT_VENDOR_UID);
		expect(sim.token).toBe(DEFAULT_TOKEN);
		expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
		expect(sim.adminUrl).toBe(sim.url.replace(/\/api$/, '/__sim'));
	});

	it('seeds groups, labels, contacts, team members, numbers, a Test Contact and templates covering every parameter kind', () => {
		const seed = defaultSeed();
		expect(sim.state.groups.map((group) => group.title).sort()).toEqual([
			'Customers',
			'Leads',
			'VIP',
		]);
		expect(sim.state.labels.map((label) => label.title).sort()).toEqual(['Cold', 'Hot', 'Replied']);
		expect(sim.state.contacts.map((contact) => contact.wa_id)).toEqual([
			JOHAN.phone,
			ASHA.phone,
			RAVI.phone,
			PRIYA.phone,
			KARAN.phone,
		]);
		expect(groupTitles(JOHAN.phone)).toEqual(['Customers', 'VIP']);
		expect(labelTitles(JOHAN.phone)).toEqual(['Hot']);
		expect(
			sim.state.teamMembers.find((member) => member.email === 'agent@example.com')?.mobile_number,
		).toBe('919800000001');
		expect(sim.state.phoneNumbers.find((phone) => phone.is_default)?.id).toBe('123456789012345');
		expect(sim.state.testContact).toBe(KARAN.uid);
		const names = sim.state.templates.map(
			(template) => `${template.template_name}|${template.language}|${template.status}`,
		);
		expect(names).toEqual([
			'order_update|en|APPROVED',
			'welcome|en|APPROVED',
			'hello_world|en_US|APPROVED',
			'invoice_ready|en|APPROVED',
			'store_location|en|APPROVED',
			'promo_header_text|en|APPROVED',
			'product_carousel|en_US|APPROVED',
			'festive_offer|en|APPROVED',
			'summer_sale|en|PENDING',
		]);
		// defaultSeed() hands out copies.
		seed.groups?.push({ title: 'Mutated' });
		expect(defaultSeed().groups).toHaveLength(3);
	});

	it('exports the default seed by name, with the _ids and UIDs a fresh simulator gives each record', () => {
		const state = sim.state;
		for (const contact of Object.values(seeded.contacts)) {
			const row = sim.getContact(contact.uid);
			expect(row).toMatchObject({
				_id: contact.id,
				wa_id: contact.phone,
				first_name: contact.firstName,
				last_name: contact.lastName,
				full_name: contact.fullName,
				email: contact.email,
				language_code: contact.languageCode,
				whatsapp_opt_out: contact.optedOut ? 1 : null,
				disable_ai_bot: contact.aiBotEnabled ? 0 : 1,
			});
			expect(row?.groups.map((group) => group.title).sort()).toEqual([...contact.groups].sort());
			expect(row?.labels.map((label) => label.title).sort()).toEqual([...contact.labels].sort());
			const assigned = state.teamMembers.find((member) => member._id === row?.assigned_users__id);
			expect(assigned?.email ?? null).toBe(contact.assignedTo);
		}
		for (const [key, group] of Object.entries(seeded.groups)) {
			expect(state.groups.find((row) => row._uid === group.uid)).toMatchObject({
				_id: group.id,
				title: group.title,
				description: group.description,
			});
			expect(key).toBe(group.title.toLowerCase());
		}
		for (const label of Object.values(seeded.labels))
			expect(state.labels.find((row) => row._uid === label.uid)).toMatchObject({
				_id: label.id,
				title: label.title,
			});
		for (const member of Object.values(seeded.teamMembers))
			expect(state.teamMembers.find((row) => row._uid === member.uid)).toMatchObject({
				_id: member.id,
				email: member.email,
				mobile_number: member.mobile,
				vendors__id: member.otherVendor ? 2 : 1,
			});
		for (const [name, template] of Object.entries(seeded.templates))
			expect(state.templates.find((row) => row._uid === template.uid)).toMatchObject({
				_id: template.id,
				template_name: name,
				language: template.language,
				status: template.status,
			});
		expect(state.phoneNumbers.find((phone) => phone.is_default)?.id).toBe(
			seeded.phoneNumbers.store.id,
		);
		expect(state.campaigns[0]).toMatchObject({
			_id: seeded.campaigns.newYear.id,
			_uid: seeded.campaigns.newYear.uid,
		});
		expect(state.customFields.map((field) => [field._id, field.input_name])).toEqual([
			[seeded.customFields.BDay.id, 'BDay'],
			[seeded.customFields.City.id, 'City'],
		]);
		expect(state.testContact).toBe(seeded.testContact.uid);
		expect(seeded.vendor.uid).toBe(sim.vendorUid);
		expect(Object.isFrozen(seeded.contacts.johan.groups)).toBe(true);
	});

	it('starts from a custom seed and goes back to it on reset', async () => {
		const seed: SeedData = {
			groups: [{ title: 'Only group' }],
			contacts: [{ wa_id: '447700900123', first_name: 'Ann', groups: ['Only group'] }],
		};
		const other = await startSimulator({
			rateLimit: false,
			seed,
			vendorUid: 'vendor-x',
			token: 'T'.repeat(64),
		});
		try {
			expect(other.state.contacts.map((contact) => contact.wa_id)).toEqual(['447700900123']);
			other.seedContacts(2);
			other.reset();
			expect(other.state.contacts).toHaveLength(1);
			expect(other.getContact('447700900123')?.groups.map((group) => group.title)).toEqual([
				'Only group',
			]);
		} finally {
			await other.close();
		}
	});
});

describe('routing (§1) and framework errors (§3.2)', () => {
	it('answers GET and POST {origin}/api/ with the text "api endpoint", and 405 for other methods', async () => {
		for (const method of ['GET', 'POST']) {
			const response = await fetch(`${sim.url}/`, { method });
			expect(response.status).toBe(200);
			expect(await response.text()).toBe('api endpoint');
		}
		expect(
			(await fetch(sim.url, { method: 'PUT', headers: { Accept: 'application/json' } })).status,
		).toBe(405);
	});

	it('answers an unknown path with 404: JSON when the request asks for JSON, an HTML page otherwise', async () => {
		const asJson = await get('contact/nothing-here');
		expect(asJson.status).toBe(404);
		expect(asJson.json).toEqual({
			message: `The route api/${sim.vendorUid}/contact/nothing-here could not be found.`,
		});
		const asHtml = await get('contact/nothing-here', undefined, { accept: null });
		expect(asHtml.status).toBe(404);
		expect(asHtml.headers.get('content-type')).toContain('text/html');
		expect(asHtml.text).toContain('Not Found');
		expect(sim.requestsTo('contact/nothing-here')[0].processed).toBe(false);
	});

	it('answers a wrong method with 405 listing the supported methods, JSON or HTML', async () => {
		const asJson = await get('contact/send-message');
		expect(asJson.status).toBe(405);
		expect(asJson.json.message).toBe(
			`The GET method is not supported for route api/${sim.vendorUid}/contact/send-message. Supported methods: POST.`,
		);
		const asHtml = await post('contacts', {}, { accept: 'text/html' });
		expect(asHtml.status).toBe(405);
		expect(asHtml.text).toContain('Method Not Allowed');
	});

	it('routes all 21 endpoints', async () => {
		const routes: Array<[string, string]> = [
			['POST', 'contact/send-message'],
			['POST', 'contact/send-media-message'],
			['POST', 'contact/send-template-message'],
			['GET', 'contact/template-list'],
			['POST', 'contact/send-carousel-template-message'],
			['POST', 'contact/create'],
			['POST', 'campaign/schedule'],
			['GET', 'campaign'],
			['GET', 'campaign-status/x'],
			['POST', 'contact/update/919876543210'],
			['GET', 'contacts'],
			['GET', 'contact'],
			['POST', 'contact/send-interactive-message'],
			['POST', 'contact/assign-team-member'],
			['GET', 'contact/groups'],
			['GET', 'contact/labels-tags'],
			['GET', 'contact/message-status'],
			['POST', 'contact/assign-groups'],
			['POST', 'contact/unassign-groups'],
			['POST', 'contact/assign-labels'],
			['POST', 'contact/unassign-labels'],
		];
		for (const [method, endpoint] of routes) {
			const response = await call(method, endpoint, { token: 'wrong' });
			expect({ endpoint, status: response.status, message: response.json?.message }).toEqual({
				endpoint,
				status: 200,
				message: 'Invalid Token',
			});
		}
		expect(sim.journal).toHaveLength(21);
	});
});

describe('authentication (§2)', () => {
	it('accepts the Bearer header', async () => {
		expect((await get('contact/groups')).json.result).toBe('success');
	});

	it('accepts a `token` input in the query string or the body', async () => {
		expect((await get('contact/groups', { token: sim.token }, { token: null })).json.result).toBe(
			'success',
		);
		const viaBody = await post(
			'contact/create',
			{ token: sim.token, phone_number: '919700000123' },
			{ token: null },
		);
		expect(viaBody.json.result).toBe('success');
	});

	it('lets the header win over a token input', async () => {
		expect((await get('contact/groups', { token: 'wrong' })).json.result).toBe('success');
		expect((await get('contact/groups', { token: sim.token }, { token: 'wrong' })).json).toEqual({
			result: 'failed',
			message: 'Invalid Token',
			data: [],
		});
	});

	it('answers a wrong or missing token with HTTP 200 "Invalid Token" and never runs the controller', async () => {
		for (const token of ['x'.repeat(64), null]) {
			const response = await post(
				'contact/send-message',
				{ phone_number: JOHAN.phone, message_body: 'Hi' },
				{ token },
			);
			expect(response.status).toBe(200);
			expect(response.json).toEqual({ result: 'failed', message: 'Invalid Token', data: [] });
		}
		expect(sim.state.messages.filter((log) => log.campaigns__id === null)).toHaveLength(0);
		expect(sim.journal.every((entry) => !entry.processed)).toBe(true);
	});

	it('answers an unknown vendor with "Invalid Token" when a token is sent and "Invalid Vendor" when none is', async () => {
		expect((await get('contact/groups', undefined, { vendorUid: 'another-vendor' })).json).toEqual({
			result: 'failed',
			message: 'Invalid Token',
			data: [],
		});
		const noToken = await get('contact/groups', undefined, {
			vendorUid: 'another-vendor',
			token: null,
		});
		expect(noToken.status).toBe(200);
		expect(noToken.json).toEqual({ result: 'failed', message: 'Invalid Vendor' });
	});
});

describe('rate limiting (§4)', () => {
	it('counts per client IP before authentication, with X-RateLimit headers, and refuses with 429 + Retry-After', async () => {
		sim.setRateLimit({ limit: 3, windowMs: 1000 });
		const first = await get('contact/groups');
		expect(first.headers.get('x-ratelimit-limit')).toBe('3');
		expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
		// Bad tokens count too: the limiter runs before the token middleware.
		const second = await get('contact/groups', undefined, { token: 'wrong' });
		expect(second.json.message).toBe('Invalid Token');
		expect(second.headers.get('x-ratelimit-remaining')).toBe('1');
		await get('contacts');
		const refused = await get('contact/groups');
		expect(refused.status).toBe(429);
		expect(refused.json).toEqual({ message: 'Too Many Attempts.' });
		expect(refused.headers.get('retry-after')).toBe('1');
		expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
		const refusedEntry = sim.journal[sim.journal.length - 1];
		expect({ status: refusedEntry.status, processed: refusedEntry.processed }).toEqual({
			status: 429,
			processed: false,
		});
	});

	it('answers the 429 as JSON only when asked (Accept JSON or X-Requested-With), HTML otherwise', async () => {
		sim.setRateLimit({ limit: 1, windowMs: 60000 });
		await get('contact/groups');
		const html = await get('contact/groups', undefined, { accept: '*/*' });
		expect(html.status).toBe(429);
		expect(html.headers.get('content-type')).toContain('text/html');
		expect(html.text).toContain('Too Many Requests');
		expect(Number(html.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
		const ajax = await get('contact/groups', undefined, {
			accept: null,
			headers: { 'X-Requested-With': 'XMLHttpRequest' },
		});
		expect(ajax.json).toEqual({ message: 'Too Many Attempts.' });
	});

	it('opens a new window once windowMs has passed (time can be scaled down)', async () => {
		sim.setRateLimit({ limit: 2, windowMs: 300 });
		await get('contact/groups');
		await get('contact/groups');
		expect((await get('contact/groups')).status).toBe(429);
		await sleep(350);
		const again = await get('contact/groups');
		expect(again.status).toBe(200);
		expect(again.headers.get('x-ratelimit-remaining')).toBe('1');
	});

	it('limits at 60 a minute by default and sends no rate headers when disabled', async () => {
		const limited = await startSimulator();
		try {
			expect(limited.rateLimit).toEqual({ limit: 60, windowMs: 60000 });
		} finally {
			await limited.close();
		}
		expect((await get('contact/groups')).headers.get('x-ratelimit-limit')).toBeNull();
	});
});

describe('input processing (§5)', () => {
	it('strips tags from top-level strings only ("I <3 you" loses everything from <3)', async () => {
		const response = await post('contact/send-message', {
			phone_number: '919700000201',
			message_body: 'Hello <b>Asha</b>, I <3 you',
			contact: { first_name: '<i>Asha</i>' },
		});
		expect(response.json.result).toBe('success');
		const log = sim.state.messages.find((item) => item._uid === response.json.data.log_uid);
		expect(log?.message).toBe('Hello Asha, I ');
		expect(contactByPhone('919700000201')?.first_name).toBe('<i>Asha</i>');
	});

	it('trims strings and turns empty ones into null before validation', async () => {
		const response = await post('contact/send-message', {
			phone_number: `  ${JOHAN.phone}  `,
			message_body: '   ',
		});
		expect(response.status).toBe(422);
		expect(response.json).toEqual({
			message: 'The message body field is required.',
			errors: { message_body: ['The message body field is required.'] },
		});
	});

	it('accepts form bodies in bracket notation, with fields also taken from the query string', async () => {
		const form = `contacts_uid[]=${JOHAN.uid}&contacts_uid[]=${ASHA.uid}`;
		const response = await call('POST', 'contact/assign-labels', {
			raw: { body: form, contentType: 'application/x-www-form-urlencoded' },
			query: { 'labels_uid[0]': LABEL.Replied },
		});
		expect(response.json).toEqual({
			result: 'success',
			message: 'Labels assigned successfully.',
			data: [],
		});
		expect(labelTitles(ASHA.phone)).toEqual(['Cold', 'Replied']);
		expect(sim.journal[0].body).toEqual({ contacts_uid: [JOHAN.uid, ASHA.uid] });
		expect(sim.journal[0].query).toEqual({ 'labels_uid[0]': LABEL.Replied });
	});

	it('accepts multipart/form-data text fields', async () => {
		const form = new FormData();
		form.append('phone_number', JOHAN.phone);
		form.append('message_body', 'From a form');
		const response = await fetch(`${sim.url}/${sim.vendorUid}/contact/send-message`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sim.token}`, Accept: 'application/json' },
			body: form,
		});
		const json = (await response.json()) as Loose;
		expect(json.result).toBe('success');
		expect(textsTo(JOHAN.phone).map((log) => log.message)).toEqual(['From a form']);
	});

	it('turns a validation failure into a redirect when the request does not accept JSON (Accept: text/html)', async () => {
		const response = await fetch(`${sim.url}/${sim.vendorUid}/contact/send-message`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${sim.token}`,
				Accept: 'text/html',
				'Content-Type': 'application/json',
			},
			body: '{}',
			redirect: 'manual',
		});
		expect(response.status).toBe(302);
		expect(response.headers.get('location')).toBe(`${sim.url.replace(/\/api$/, '')}/`);
	});

	it('evaluates flags with PHP truthiness: the string "false" is true, "0" is false', async () => {
		await post('contact/create', { phone_number: '919700000301', enable_ai_bot: 'false' });
		await post('contact/create', { phone_number: '919700000302', enable_ai_bot: '0' });
		expect(contactByPhone('919700000301')?.disable_ai_bot).toBe(0);
		expect(contactByPhone('919700000302')?.disable_ai_bot).toBe(1);
	});

	it('treats the campaign checkboxes as on only for the exact string "on"', async () => {
		const all = {
			...CAMPAIGN,
			template_name: 'welcome',
			contact_group: 'all_contacts',
			field_2: undefined,
		};
		await post('campaign/schedule', {
			...all,
			title: 'with true',
			restrict_by_templated_contact_language: true,
		});
		await post('campaign/schedule', {
			...all,
			title: 'with on',
			restrict_by_templated_contact_language: 'on',
		});
		const total = (title: string) =>
			sim.state.campaigns.find((campaign) => campaign.title === title)?.__data.total_contacts;
		// welcome is MARKETING (Priya opted out); "on" also drops Ravi, whose language is hi.
		expect(total('with true')).toBe(4);
		expect(total('with on')).toBe(3);
	});
});

describe('Send Message (§10)', () => {
	it('sends to an existing contact, logs the message and answers the five keys', async () => {
		const response = await post('contact/send-message', {
			phone_number: JOHAN.phone,
			message_body: 'Your order shipped',
		});
		expect(response.status).toBe(200);
		expect(response.json).toEqual({
			result: 'success',
			message: 'Message processed',
			data: {
				log_uid: expect.any(String),
				contact_uid: JOHAN.uid,
				phone_number: JOHAN.phone,
				wamid: expect.stringMatching(/^wamid\./),
				status: 'accepted',
			},
		});
		const log = sim.state.messages.find((item) => item._uid === response.json.data.log_uid);
		expect(log).toMatchObject({
			message_type: 'text',
			message: 'Your order shipped',
			contact_wa_id: JOHAN.phone,
			wamid: response.json.data.wamid,
			from_phone_number_id: '123456789012345',
		});
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
		expect(response.json.result).toBe('success');
		const created = sim.getContact('919700000001');
		expect(created).toMatchObject({
			first_name: 'Meera',
			last_name: 'Iyer',
			email: 'meera@example.com',
			countries__id: 99,
			language_code: 'en',
		});
		expect(response.json.data.contact_uid).toBe(created?._uid);
		expect(created?.groups.map((group) => group.title)).toEqual(['VIP']);
		const newsletter = sim.state.groups.find((group) => group.title === 'Newsletter');
		expect(newsletter).toBeDefined();
		expect(
			sim.state.groupContacts.filter((link) => link.contact_groups__id === newsletter?._id),
		).toHaveLength(0);
		expect(
			sim.state.customFieldValues
				.filter((value) => value.contacts__id === created?._id)
				.map((value) => value.field_value),
		).toEqual(['1990-02-01']);
	});

	it('never updates an existing contact from `contact`', async () => {
		await post('contact/send-message', {
			phone_number: JOHAN.phone,
			message_body: 'Hi',
			contact: { first_name: 'Someone else', groups: 'Leads' },
		});
		expect(sim.getContact(JOHAN.phone)).toMatchObject({ first_name: 'Johan' });
		expect(groupTitles(JOHAN.phone)).toEqual(['Customers', 'VIP']);
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
		expect(first.json.data.phone_number).toBe('919700000401');
		expect(second.json.data.contact_uid).not.toBe(first.json.data.contact_uid);
		expect(sim.state.contacts.filter((contact) => contact.wa_id === '919700000401')).toHaveLength(
			2,
		);
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

	it("mirrors Meta refusals (recipients starting with 999) as HTTP 400 with Meta's text and data []", async () => {
		const response = await post('contact/send-message', {
			phone_number: '999123456789',
			message_body: 'Hi',
		});
		expect(response.status).toBe(400);
		expect(response.json.result).toBe('failed');
		expect(response.json.message).toMatch(
			/^ \(#131030\) Recipient phone number not in allowed list/,
		);
		expect(response.json.data).toEqual([]);
		// The contact was auto-created before Meta was called; no message was logged.
		expect(contactByPhone('999123456789')).toBeDefined();
		expect(sim.state.messages.filter((log) => log.contact_wa_id === '999123456789')).toHaveLength(
			0,
		);
	});

	it('checks from_phone_number_id against the vendor numbers, and otherwise reuses the number of the last message', async () => {
		const unknown = await post('contact/send-message', {
			phone_number: JOHAN.phone,
			message_body: 'Hi',
			from_phone_number_id: '999',
		});
		expect(unknown.json).toEqual({
			result: 'failed',
			message: 'from phone number not available.',
			data: {
				log_uid: null,
				contact_uid: JOHAN.uid,
				phone_number: null,
				wamid: null,
				status: null,
			},
		});
		await post('contact/send-message', {
			phone_number: JOHAN.phone,
			message_body: 'Hi',
			from_phone_number_id: '123456789012346',
		});
		const next = await post('contact/send-message', {
			phone_number: JOHAN.phone,
			message_body: 'Again',
		});
		expect(
			sim.state.messages.find((log) => log._uid === next.json.data.log_uid)?.from_phone_number_id,
		).toBe('123456789012346');
	});

	it("refuses to send to the vendor's own WhatsApp number", async () => {
		const response = await post('contact/send-message', {
			phone_number: '15550001234',
			message_body: 'Hi',
		});
		expect(response.json.message).toBe('You can not send message to your WhatsApp API number.');
		expect(response.json.result).toBe('failed');
	});

	it('answers HTTP 401 on send endpoints and message status when the plan lacks API access, but not on the others', async () => {
		sim.setPlan({ apiAccess: false });
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
		expect((await get('contacts')).json.result).toBe('success');
		expect((await get('contact/template-list')).json.result).toBe('success');
	});

	it('answers "Please complete your WhatsApp Cloud API Setup first" when WhatsApp is not ready', async () => {
		const notReady = await startSimulator({ rateLimit: false, whatsappReady: false });
		try {
			const response = await fetch(`${notReady.url}/${notReady.vendorUid}/contact/send-message`, {
				method: 'POST',
				headers: {
					Authorization: `Bearer ${notReady.token}`,
					'Content-Type': 'application/json',
					Accept: 'application/json',
				},
				body: JSON.stringify({ phone_number: JOHAN.phone, message_body: 'Hi' }),
			});
			expect(response.status).toBe(200);
			expect(await response.json()).toEqual({
				result: 'failed',
				message: 'Please complete your WhatsApp Cloud API Setup first',
				data: [],
			});
			const status = await fetch(
				`${notReady.url}/${notReady.vendorUid}/contact/message-status?log_uid=x`,
				{ headers: { Authorization: `Bearer ${notReady.token}` } },
			);
			expect(((await status.json()) as Loose).message).toBe(
				'Please complete your WhatsApp Cloud API Setup first',
			);
		} finally {
			await notReady.close();
		}
	});
});

describe('Send Media Message (§11)', () => {
	it('sends a document with caption and file name', async () => {
		const response = await post('contact/send-media-message', {
			phone_number: JOHAN.phone,
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
		expect(
			sim.state.messages.find((log) => log._uid === response.json.data.log_uid)?.media,
		).toEqual({
			type: 'document',
			link: 'https://example.com/files/invoice-1001.pdf',
			caption: 'Your invoice',
			file_name: 'invoice-1001.pdf',
		});
	});

	it('validates media_type (no sticker) and media_url', async () => {
		const response = await post('contact/send-media-message', {
			phone_number: JOHAN.phone,
			media_type: 'sticker',
			media_url: 'not a url',
		});
		expect(response.status).toBe(422);
		expect(response.json.errors).toEqual({
			media_type: ['The selected media type is invalid.'],
			media_url: ['The media url field must be a valid URL.'],
		});
	});

	it('drops the caption for audio', async () => {
		const response = await post('contact/send-media-message', {
			phone_number: JOHAN.phone,
			media_type: 'audio',
			media_url: 'https://example.com/a.mp3',
			caption: 'ignored',
		});
		expect(
			sim.state.messages.find((log) => log._uid === response.json.data.log_uid)?.media?.caption,
		).toBeNull();
	});
});

describe('Send Template Message (§12)', () => {
	it('sends order_update and answers with the SWAPPED "held for quality assessment" text for an accepted message', async () => {
		const response = await post('contact/send-template-message', {
			phone_number: JOHAN.phone,
			...ORDER_UPDATE,
		});
		expect(response.json).toEqual({
			result: 'success',
			message: 'Message held for quality assessment, it may sent or dropped at this point.',
			data: {
				log_uid: expect.any(String),
				contact_uid: JOHAN.uid,
				phone_number: JOHAN.phone,
				wamid: expect.stringMatching(/^wamid\./),
				status: 'accepted',
			},
		});
		const log = sim.state.messages.find((item) => item._uid === response.json.data.log_uid);
		// Placeholders are resolved for the recipient (§7.3).
		expect(log?.template).toMatchObject({
			name: 'order_update',
			language: 'en',
			parameters: {
				field_1: 'Johan',
				field_2: '#1001',
				button_1: 'orders/1001',
				copy_code: 'SAVE10',
				header_image: 'https://example.com/banner.jpg',
			},
		});
	});

	it('answers a real held_for_quality_assessment (recipients starting with 888) with "Message processed for WhatsApp contact"', async () => {
		const response = await post('contact/send-template-message', {
			phone_number: '888123456789',
			...ORDER_UPDATE,
		});
		expect(response.json.message).toBe('Message processed for WhatsApp contact');
		expect(response.json.data.status).toBe('held_for_quality_assessment');
	});

	it('builds the required parameters from the template: field_N, header_image, button_K (K among ALL buttons), copy_code', async () => {
		const response = await post('contact/send-template-message', {
			phone_number: JOHAN.phone,
			template_name: 'order_update',
			template_language: 'en',
		});
		expect(response.status).toBe(422);
		expect(response.json).toEqual({
			message: 'The header image field is required. (and 4 more errors)',
			errors: {
				header_image: ['The header image field is required.'],
				field_1: ['The field 1 field is required.'],
				field_2: ['The field 2 field is required.'],
				button_1: ['The button 1 field is required.'],
				copy_code: ['The copy code field is required.'],
			},
		});
	});

	it('needs header_document and header_document_name for a DOCUMENT header, header_field_1 for a TEXT header with a variable', async () => {
		const invoice = await post('contact/send-template-message', {
			phone_number: JOHAN.phone,
			template_name: 'invoice_ready',
			template_language: 'en',
			field_1: 'Johan',
		});
		expect(Object.keys(invoice.json.errors)).toEqual(['header_document', 'header_document_name']);
		const promo = await post('contact/send-template-message', {
			phone_number: JOHAN.phone,
			template_name: 'promo_header_text',
			template_language: 'en',
			field_1: 'SAVE10',
		});
		expect(promo.json.errors).toEqual({
			header_field_1: ['The header field 1 field is required.'],
		});
		const ok = await post('contact/send-template-message', {
			phone_number: JOHAN.phone,
			template_name: 'hello_world',
			template_language: 'en_US',
		});
		expect(ok.json.data.status).toBe('accepted');
	});

	it('requires a decimal latitude (22 is refused, 22.0 passes) and all four location fields', async () => {
		const location = {
			phone_number: JOHAN.phone,
			template_name: 'store_location',
			template_language: 'en',
			location_longitude: '88.3639',
			location_name: 'Main store',
			location_address: 'Park Street',
		};
		const plain = await post('contact/send-template-message', {
			...location,
			location_latitude: '22',
		});
		expect(plain.json.errors).toEqual({
			location_latitude: ['The location latitude field format is invalid.'],
		});
		expect(
			(await post('contact/send-template-message', { ...location, location_latitude: '22.0' })).json
				.result,
		).toBe('success');
		const none = await post('contact/send-template-message', {
			phone_number: JOHAN.phone,
			template_name: 'store_location',
			template_language: 'en',
		});
		expect(Object.keys(none.json.errors)).toEqual([
			'location_latitude',
			'location_longitude',
			'location_name',
			'location_address',
		]);
	});

	it('validates copy_code as alpha_dash', async () => {
		const response = await post('contact/send-template-message', {
			phone_number: JOHAN.phone,
			...ORDER_UPDATE,
			copy_code: 'SAVE 10%',
		});
		expect(response.json.errors).toEqual({
			copy_code: [
				'The copy code field must only contain letters, numbers, dashes, and underscores.',
			],
		});
	});

	it('validates header media URLs whenever they are sent, even for templates without such a header', async () => {
		const response = await post('contact/send-template-message', {
			phone_number: JOHAN.phone,
			template_name: 'hello_world',
			template_language: 'en_US',
			header_image: 'banner.jpg',
		});
		expect(response.json.errors).toEqual({
			header_image: ['The header image field must be a valid URL.'],
		});
	});

	it('answers an unknown name/language with HTTP 200 failed — after auto-creating the contact', async () => {
		const response = await post('contact/send-template-message', {
			phone_number: '919700000501',
			template_name: 'hello_world',
			template_language: 'en',
		});
		expect(response.status).toBe(200);
		expect(response.json).toEqual({
			result: 'failed',
			message:
				'Template for the selected language not found in the system, if you have created template recently on Facebook please sync templates again.',
			data: [],
		});
		expect(contactByPhone('919700000501')).toBeDefined();
	});

	it('has Meta refuse a template that is not approved', async () => {
		const response = await post('contact/send-template-message', {
			phone_number: JOHAN.phone,
			template_name: 'summer_sale',
			template_language: 'en',
			field_1: '30%',
		});
		expect(response.status).toBe(404);
		expect(response.json.message).toMatch(/^ \(#132001\)/);
	});
});

describe('Send Carousel Template Message (§14)', () => {
	it('sends the cards and answers like a template send', async () => {
		const response = await post('contact/send-carousel-template-message', {
			phone_number: JOHAN.phone,
			...CAROUSEL,
		});
		expect(response.json).toMatchObject({
			result: 'success',
			message: 'Message held for quality assessment, it may sent or dropped at this point.',
			data: { status: 'accepted' },
		});
		const log = sim.state.messages.find((item) => item._uid === response.json.data.log_uid);
		expect(log?.message_type).toBe('carousel');
		expect(log?.template).toMatchObject({
			parameters: { field_1: 'Johan' },
			cards: [
				{
					media_type: 'image',
					body_example_fields: ['Oak oil', '₹499'],
					button_type: ['QUICK_REPLY', 'URL'],
					quick_reply_button_payload: 'BUY_P1',
				},
				{ media_type: 'image', body_example_fields: ['Teak oil', '₹599'] },
			],
		});
	});

	it('chooses the carousel path by the presence of carousel_templates, not by the URL', async () => {
		const viaTemplateUrl = await post('contact/send-template-message', {
			phone_number: JOHAN.phone,
			...CAROUSEL,
		});
		expect(
			sim.state.messages.find((item) => item._uid === viaTemplateUrl.json.data.log_uid)
				?.message_type,
		).toBe('carousel');
		// Without cards the carousel template goes the plain way and Meta refuses the missing cards.
		const noCards = await post('contact/send-carousel-template-message', {
			phone_number: JOHAN.phone,
			template_name: 'product_carousel',
			template_language: 'en_US',
			field_1: 'x',
		});
		expect(noCards.status).toBe(400);
		expect(noCards.json.message).toMatch(/\(#132000\)/);
	});

	it('needs at least two cards, each with media_type and a media URL, and the card body values', async () => {
		const one = await post('contact/send-carousel-template-message', {
			phone_number: JOHAN.phone,
			...CAROUSEL,
			carousel_templates: [CARDS[0]],
		});
		expect(one.json.errors).toEqual({
			carousel_templates: ['The carousel templates field must have at least 2 items.'],
		});
		const bad = await post('contact/send-carousel-template-message', {
			phone_number: JOHAN.phone,
			...CAROUSEL,
			carousel_templates: [
				{ ...CARDS[0], media_type: null, media_url: 'p1.jpg' },
				{ ...CARDS[1], body_example_fields: ['Teak oil'] },
			],
		});
		expect(bad.json.errors).toEqual({
			'carousel_templates.0.media_type': ['The carousel templates.0.media type field is required.'],
			'carousel_templates.0.media_url': [
				'The carousel templates.0.media url field must be a valid URL.',
			],
			'carousel_templates.1.body_example_fields.1': [
				'The carousel templates.1.body example fields.1 field is required.',
			],
		});
		const noField = await post('contact/send-carousel-template-message', {
			phone_number: JOHAN.phone,
			...CAROUSEL,
			field_1: undefined,
		});
		expect(noField.json.errors).toEqual({ field_1: ['The field 1 field is required.'] });
	});

	it('fails with HTTP 500 when a card has no button_type', async () => {
		const card: Record<string, unknown> = { ...CARDS[1] };
		delete card.button_type;
		const response = await post('contact/send-carousel-template-message', {
			phone_number: JOHAN.phone,
			...CAROUSEL,
			carousel_templates: [CARDS[0], card],
		});
		expect(response.status).toBe(500);
		expect(response.json).toEqual({ message: 'Server Error' });
		expect(
			(
				await post('contact/send-carousel-template-message', {
					phone_number: JOHAN.phone,
					...CAROUSEL,
					carousel_templates: [CARDS[0], { ...card, button_type: [] }],
				})
			).status,
		).toBe(200);
	});
});

describe('Get Template List (§13)', () => {
	it('lists only APPROVED templates, only the documented columns, under data.templateList', async () => {
		const response = await get('contact/template-list');
		expect(response.json.message).toBe('Whatsapp Template List.');
		const page = response.json.data.templateList;
		expect(page.total).toBe(8);
		expect(page.data.map((row: Loose) => row.template_name)).not.toContain('summer_sale');
		expect(Object.keys(page.data[0])).toEqual([
			'_id',
			'_uid',
			'status',
			'template_name',
			'updated_at',
			'created_at',
			'template_id',
			'category',
			'language',
		]);
		expect(page.data[0].updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
	});

	it('searches name, Meta id, category and language, and pages with page_size', async () => {
		const search = (term: string) =>
			get('contact/template-list', { search_term: term }).then((response) =>
				response.json.data.templateList.data.map((row: Loose) => row.template_name),
			);
		expect(await search('order')).toEqual(['order_update']);
		expect(await search('en_US')).toEqual(['hello_world', 'product_carousel']);
		expect(await search('1298765432100004')).toEqual(['invoice_ready']);
		const paged = (await get('contact/template-list', { page: '2', page_size: '3' })).json.data
			.templateList;
		expect({
			current: paged.current_page,
			last: paged.last_page,
			from: paged.from,
			to: paged.to,
			count: paged.data.length,
		}).toEqual({ current: 2, last: 3, from: 4, to: 6, count: 3 });
	});
});

describe('Create Contact (§15)', () => {
	it('creates a contact and answers the documented data', async () => {
		const response = await post('contact/create', {
			phone_number: '919700000601',
			first_name: 'Johan',
			last_name: 'Doe',
			email: 'johndoe2@example.com',
			country: 'India',
			language_code: 'en',
			whatsapp_opt_out: true,
		});
		expect(response.json).toEqual({
			result: 'success',
			message: 'Contact created',
			data: {
				contact_uid: expect.any(String),
				first_name: 'Johan',
				last_name: 'Doe',
				phone_number: '919700000601',
				language_code: 'en',
				country: 'India',
			},
		});
		expect(contactByPhone('919700000601')).toMatchObject({
			countries__id: 99,
			whatsapp_opt_out: 1,
			disable_reply_bot: null,
			disable_ai_bot: 1,
		});
	});

	it('answers 422 "has already been taken" for an existing number', async () => {
		const response = await post('contact/create', { phone_number: JOHAN.phone });
		expect(response.status).toBe(422);
		expect(response.json).toEqual({
			message: 'The phone number has already been taken.',
			errors: { phone_number: ['The phone number has already been taken.'] },
		});
	});

	it("refuses a leading '+' or 0 and short numbers", async () => {
		const plus = await post('contact/create', { phone_number: '+919700000602' });
		expect(plus.json.errors.phone_number).toEqual([
			'The phone number field must not start with one of the following: +, 0.',
		]);
		const zero = await post('contact/create', { phone_number: '0919700000603' });
		expect(zero.json.errors.phone_number).toEqual([
			'The phone number field must not start with one of the following: +, 0.',
		]);
		const short = await post('contact/create', { phone_number: '12345' });
		expect(short.json.errors.phone_number).toEqual([
			'The phone number field must have at least 9 digits.',
		]);
	});

	it('creates unknown group titles without assigning them, and matches the country by exact name only', async () => {
		await post('contact/create', {
			phone_number: '919700000604',
			groups: 'Leads,Brand new',
			country: 'IN',
		});
		expect(groupTitles('919700000604')).toEqual(['Leads']);
		expect(sim.state.groups.map((group) => group.title)).toContain('Brand new');
		expect(contactByPhone('919700000604')?.countries__id).toBeNull();
	});
});

describe('Update Contact (§19)', () => {
	it('changes only the keys sent', async () => {
		const response = await post(`contact/update/${ASHA.phone}`, {
			first_name: 'Asha R.',
			country: 'IN',
			groups: 'Leads',
		});
		expect(response.json).toEqual({
			result: 'success',
			message: 'Contact details updated.',
			data: { contact_uid: ASHA.uid },
		});
		expect(sim.getContact(ASHA.phone)).toMatchObject({
			first_name: 'Asha R.',
			last_name: 'Rao',
			email: 'asha.rao@example.com',
			countries__id: 99,
		});
		expect(groupTitles(ASHA.phone)).toEqual(['Leads']);
	});

	it('removes the contact from ALL its groups when neither groups nor contact_groups is sent', async () => {
		await post(`contact/update/${JOHAN.phone}`, { first_name: 'Johan' });
		expect(groupTitles(JOHAN.phone)).toEqual([]);
	});

	it('replaces the group set with the existing groups named (new titles created, not assigned), or with contact_groups ids', async () => {
		await post(`contact/update/${JOHAN.phone}`, { groups: 'Leads,Partners' });
		expect(groupTitles(JOHAN.phone)).toEqual(['Leads']);
		expect(sim.state.groups.some((group) => group.title === 'Partners')).toBe(true);
		const vip = sim.state.groups.find((group) => group.title === 'VIP');
		await post(`contact/update/${JOHAN.phone}`, { contact_groups: [vip?._id] });
		expect(groupTitles(JOHAN.phone)).toEqual(['VIP']);
	});

	it('takes contact_groups (the group _ids Get Contact Groups and Get Contacts show) as the complete group set when groups is absent or empty', async () => {
		const listed = (await get('contact/groups')).json.data.contactList.data;
		const idOf = (title: string) => listed.find((group: Loose) => group.title === title)._id;
		expect(idOf('Leads')).toBe(seeded.groups.leads.id);
		const row = (await get('contacts', { search_term: JOHAN.phone })).json.data.contactList.data[0];
		expect(row.groups.map((group: Loose) => group._id).sort()).toEqual(
			[seeded.groups.vip.id, seeded.groups.customers.id].sort(),
		);

		const response = await post(`contact/update/${JOHAN.phone}`, {
			first_name: 'Johan',
			contact_groups: [idOf('Leads'), String(idOf('Customers'))],
		});
		expect(response.json.message).toBe('Contact details updated.');
		expect(groupTitles(JOHAN.phone)).toEqual(['Customers', 'Leads']);

		// groups present but empty ("" becomes null) leaves contact_groups in charge.
		await post(`contact/update/${JOHAN.phone}`, { groups: '', contact_groups: [idOf('VIP')] });
		expect(groupTitles(JOHAN.phone)).toEqual(['VIP']);
		// A non-empty groups wins over contact_groups.
		await post(`contact/update/${JOHAN.phone}`, { groups: 'Leads', contact_groups: [idOf('VIP')] });
		expect(groupTitles(JOHAN.phone)).toEqual(['Leads']);
		// Form bodies send it in bracket notation.
		await post(`contact/update/${JOHAN.phone}`, undefined, {
			raw: {
				body: `contact_groups[]=${idOf('VIP')}&contact_groups[]=${idOf('Leads')}`,
				contentType: 'application/x-www-form-urlencoded',
			},
		});
		expect(groupTitles(JOHAN.phone)).toEqual(['Leads', 'VIP']);
	});

	it('keeps the groups when contact_groups names the current set, and drops them for unknown ids or an empty list', async () => {
		const current = [seeded.groups.vip.id, seeded.groups.customers.id];
		expect(
			(await post(`contact/update/${JOHAN.phone}`, { contact_groups: current })).json,
		).toMatchObject({ result: 'failed', message: 'Nothing to update contact information.' });
		expect(groupTitles(JOHAN.phone)).toEqual(['Customers', 'VIP']);
		await post(`contact/update/${JOHAN.phone}`, { contact_groups: [9999] });
		expect(groupTitles(JOHAN.phone)).toEqual([]);
		await post(`contact/update/${ASHA.phone}`, { contact_groups: [] });
		expect(groupTitles(ASHA.phone)).toEqual([]);
	});

	it('answers HTTP 500 when contact_groups or groups is not what PHP expects, changing nothing', async () => {
		for (const body of [
			{ first_name: 'X', contact_groups: String(seeded.groups.vip.id) },
			{ first_name: 'X', contact_groups: seeded.groups.vip.id },
			{ first_name: 'X', groups: ['VIP'] },
		]) {
			const response = await post(`contact/update/${JOHAN.phone}`, body);
			expect({ status: response.status, json: response.json }).toEqual({
				status: 500,
				json: { message: 'Server Error' },
			});
		}
		expect(sim.getContact(JOHAN.phone)?.first_name).toBe('Johan');
		expect(groupTitles(JOHAN.phone)).toEqual(['Customers', 'VIP']);
	});

	it('aborts on a new group title over 255 characters with data [] and changes nothing (§3.2)', async () => {
		const response = await post(`contact/update/${JOHAN.phone}`, {
			first_name: 'Changed',
			groups: `VIP,${'x'.repeat(256)}`,
		});
		expect(response.json).toEqual({
			result: 'failed',
			message: 'Group title should not be greater than 255 characters',
			data: [],
		});
		expect(sim.getContact(JOHAN.phone)?.first_name).toBe('Johan');
		expect(groupTitles(JOHAN.phone)).toEqual(['Customers', 'VIP']);
		expect(sim.state.groups).toHaveLength(3);
	});

	it('answers "Contact not found." with data.contact_uid null', async () => {
		expect((await post('contact/update/919000000000', { first_name: 'X' })).json).toEqual({
			result: 'failed',
			message: 'Contact not found.',
			data: { contact_uid: null },
		});
	});

	it('answers "Nothing to update contact information." when nothing changes', async () => {
		const response = await post(`contact/update/${KARAN.phone}`, {
			first_name: 'Karan',
			enable_reply_bot: false,
		});
		expect(response.json).toEqual({
			result: 'failed',
			message: 'Nothing to update contact information.',
			data: { contact_uid: KARAN.uid },
		});
	});

	it('sets the AI bot and opt-out flags and upserts custom fields', async () => {
		await post(`contact/update/${KARAN.phone}`, {
			enable_ai_bot: false,
			whatsapp_opt_out: 1,
			custom_fields: { City: 'Pune' },
		});
		expect(contactByPhone(KARAN.phone)).toMatchObject({ disable_ai_bot: 1, whatsapp_opt_out: 1 });
		expect(
			sim.state.customFieldValues.find(
				(value) => value.contacts__id === contactByPhone(KARAN.phone)?._id,
			)?.field_value,
		).toBe('Pune');
	});
});

describe('Get Contacts (§20)', () => {
	it('returns rows with groups[], labels[], full_name, name_initials and the bot columns, without custom fields', async () => {
		const response = await get('contacts', { search_term: 'johan' });
		expect(response.json.message).toBe('Contacts List.');
		const [row] = response.json.data.contactList.data;
		expect(row).toMatchObject({
			_uid: JOHAN.uid,
			wa_id: JOHAN.phone,
			full_name: 'Johan Doe',
			name_initials: 'JD',
			countries__id: 99,
			disable_ai_bot: 1,
			disable_reply_bot: null,
			whatsapp_opt_out: null,
		});
		expect(row.groups.map((group: Loose) => group.title).sort()).toEqual(['Customers', 'VIP']);
		expect(Object.keys(row.groups[0])).toEqual([
			'_id',
			'_uid',
			'status',
			'title',
			'description',
			'created_at',
			'laravel_through_key',
		]);
		expect(row.labels).toEqual([
			{
				_id: expect.any(Number),
				_uid: LABEL.Hot,
				status: 1,
				title: 'Hot',
				created_at: expect.any(String),
				laravel_through_key: row._id,
			},
		]);
		expect(row).not.toHaveProperty('custom_fields');
		expect(row).not.toHaveProperty('BDay');
	});

	it('searches first name, last name, number and email', async () => {
		const total = async (term: string) =>
			(await get('contacts', { search_term: term })).json.data.contactList.total;
		expect(await total('Rao')).toBe(1);
		expect(await total('98450')).toBe(1);
		expect(await total('@example.com')).toBe(3);
		expect(await total('nobody')).toBe(0);
	});

	it('pages a Laravel paginator whose URLs keep only `page`', async () => {
		sim.seedContacts(245);
		const page = (await get('contacts', { page: '2', page_size: '100', search_term: '91' })).json
			.data.contactList;
		const base = `${sim.url}/${sim.vendorUid}/contacts`;
		expect(page).toMatchObject({
			current_page: 2,
			first_page_url: `${base}?page=1`,
			from: 101,
			last_page: 3,
			last_page_url: `${base}?page=3`,
			next_page_url: `${base}?page=3`,
			path: base,
			per_page: 100,
			prev_page_url: `${base}?page=1`,
			to: 200,
			total: 250,
		});
		expect(page.data).toHaveLength(100);
		expect(page.links.map((link: Loose) => link.label)).toEqual([
			'&laquo; Previous',
			'1',
			'2',
			'3',
			'Next &raquo;',
		]);
		expect(page.links[2]).toEqual({ url: `${base}?page=2`, label: '2', active: true });
		const last = (await get('contacts', { page: '3' })).json.data.contactList;
		expect({ count: last.data.length, next: last.next_page_url, default: last.per_page }).toEqual({
			count: 50,
			next: null,
			default: 100,
		});
		const beyond = (await get('contacts', { page: '9' })).json.data.contactList;
		expect({ data: beyond.data, from: beyond.from, to: beyond.to }).toEqual({
			data: [],
			from: null,
			to: null,
		});
	});

	it('seeds generated contacts with stable numbers', () => {
		const added = sim.seedContacts(3);
		expect(added.map((contact) => contact.wa_id)).toEqual([
			'917000000001',
			'917000000002',
			'917000000003',
		]);
		sim.reset();
		expect(sim.seedContacts(1)[0].wa_id).toBe('917000000001');
	});
});

describe('Get Single Contact (§21)', () => {
	it('finds a contact by number or by email', async () => {
		const byPhone = await get('contact', { phone_number_or_email: JOHAN.phone });
		expect(byPhone.json.message).toBe(`Contact details for ${JOHAN.phone}.`);
		expect(byPhone.json.data.contact).toMatchObject({ _uid: JOHAN.uid, full_name: 'Johan Doe' });
		expect(
			(await get('contact', { phone_number_or_email: 'ASHA.RAO@example.com' })).json.data.contact
				._uid,
		).toBe(ASHA.uid);
	});

	it('answers SUCCESS with contact null when nothing matches', async () => {
		expect((await get('contact', { phone_number_or_email: '919000000000' })).json).toEqual({
			result: 'success',
			message: 'Contact details for 919000000000.',
			data: { contact: null },
		});
	});

	it('ignores phone_number and asks for phone_number_or_email', async () => {
		expect((await get('contact', { phone_number: JOHAN.phone })).json).toEqual({
			result: 'failed',
			message: 'Please enter phone number or email.',
			data: [],
		});
	});
});

describe('Send Interactive Message (§22)', () => {
	const buttons = {
		phone_number: JOHAN.phone,
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
			data: { contact_uid: JOHAN.uid, status: 'accepted' },
		});
		expect(
			sim.state.messages.find((log) => log._uid === response.json.data.log_uid)?.interactive,
		).toMatchObject({ buttons: { '1': 'Track order', '2': 'Talk to agent' } });
	});

	it('fails with HTTP 500 for an unknown contact instead of creating it', async () => {
		const response = await post('contact/send-interactive-message', {
			...buttons,
			phone_number: '919700000701',
			contact: { first_name: 'New' },
		});
		expect(response.status).toBe(500);
		expect(response.json).toEqual({ message: 'Server Error' });
		expect(contactByPhone('919700000701')).toBeUndefined();
	});

	it('fails with HTTP 500 when buttons are missing for the button type (also for unknown types)', async () => {
		expect(
			(
				await post('contact/send-interactive-message', {
					phone_number: JOHAN.phone,
					body_text: 'Hi',
				})
			).status,
		).toBe(500);
		expect(
			(
				await post('contact/send-interactive-message', {
					phone_number: JOHAN.phone,
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
		expect(one.json.errors).toEqual({ 'buttons.1': ['The buttons.1 field is required.'] });
		expect(
			(await post('contact/send-interactive-message', { ...buttons, buttons: ['A', 'B'] })).json
				.result,
		).toBe('success');
		const long = await post('contact/send-interactive-message', {
			...buttons,
			buttons: { '1': 'This label is far too long' },
		});
		expect(long.json.errors).toEqual({
			'buttons.1': ['The buttons.1 field must not be greater than 20 characters.'],
		});
	});

	it('validates list data down to each row', async () => {
		const list = {
			phone_number: JOHAN.phone,
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
		expect((await post('contact/send-interactive-message', list)).json.result).toBe('success');
		const broken = await post('contact/send-interactive-message', {
			...list,
			list_data: {
				button_text: 'View',
				sections: [{ id: 's1', title: 'Finishes', rows: [{ id: 'r1', title: 'Oak oil' }] }],
			},
		});
		expect(broken.json.errors).toEqual({
			'list_data.sections.0.rows.0.row_id': [
				'The list data.sections.0.rows.0.row id field is required.',
			],
			'list_data.sections.0.rows.0.description': [
				'The list data.sections.0.rows.0.description field is required.',
			],
		});
	});

	it('validates the CTA URL type and ignores from_phone_number_id', async () => {
		const cta = {
			phone_number: JOHAN.phone,
			interactive_type: 'cta_url',
			body_text: 'Catalogue',
			cta_url: { display_text: 'Open', url: 'https://example.com' },
			from_phone_number_id: 'not-a-number-id',
		};
		const response = await post('contact/send-interactive-message', cta);
		expect(response.json.result).toBe('success');
		expect(
			sim.state.messages.find((log) => log._uid === response.json.data.log_uid)
				?.from_phone_number_id,
		).toBe('123456789012345');
		expect(
			(
				await post('contact/send-interactive-message', {
					...cta,
					cta_url: { url: 'https://example.com' },
				})
			).json.errors,
		).toEqual({
			'cta_url.display_text': ['The cta url.display text field is required.'],
		});
	});

	it('copies a `token` input into the stored interactive data', async () => {
		const response = await post(
			'contact/send-interactive-message',
			{ ...buttons, token: sim.token },
			{ token: null },
		);
		expect(
			sim.state.messages.find((log) => log._uid === response.json.data.log_uid)?.interactive,
		).toHaveProperty('token', sim.token);
	});
});

describe('Assign Team Member and bot toggles (§23)', () => {
	it('assigns by email and ALWAYS writes both bot flags (omitted = disabled)', async () => {
		const response = await post('contact/assign-team-member', {
			phone_number: JOHAN.phone,
			username_or_email: 'agent@example.com',
			enable_ai_bot: true,
		});
		expect(response.json).toEqual({
			result: 'success',
			message: 'Request Successful.',
			data: { contact_uid: JOHAN.uid },
		});
		const agent = sim.state.teamMembers.find((member) => member.email === 'agent@example.com');
		expect(contactByPhone(JOHAN.phone)).toMatchObject({
			assigned_users__id: agent?._id,
			disable_ai_bot: 0,
			disable_reply_bot: 1,
		});
	});

	it('answers "No changes" when the same member and flags are sent again', async () => {
		const body = {
			phone_number: RAVI.phone,
			username_or_email: '919800000001',
			enable_ai_bot: true,
			enable_reply_bot: true,
		};
		expect((await post('contact/assign-team-member', body)).json.result).toBe('success');
		expect((await post('contact/assign-team-member', body)).json).toEqual({
			result: 'failed',
			message: 'No changes',
			data: [],
		});
	});

	it('finds members by email or numeric mobile, never by username', async () => {
		expect(
			(
				await post('contact/assign-team-member', {
					phone_number: ASHA.phone,
					username_or_email: 'anita',
				})
			).json.message,
		).toBe('Team member does not exists.');
		expect(
			(
				await post('contact/assign-team-member', {
					phone_number: ASHA.phone,
					username_or_email: '919800000002',
				})
			).json.result,
		).toBe('success');
		expect(
			(
				await post('contact/assign-team-member', {
					phone_number: ASHA.phone,
					username_or_email: 'olga@another-vendor.example',
				})
			).json.message,
		).toBe('Invalid user');
	});

	it('needs an existing contact and a plain number', async () => {
		expect(
			(
				await post('contact/assign-team-member', {
					phone_number: '919000000000',
					username_or_email: 'agent@example.com',
				})
			).json.message,
		).toBe('Contact user does not exists.');
		expect(
			(
				await post('contact/assign-team-member', {
					phone_number: `+${JOHAN.phone}`,
					username_or_email: 'agent@example.com',
				})
			).status,
		).toBe(422);
	});
});

describe('Get Contact Groups (§24) and Labels (§25)', () => {
	it('lists groups newest first under data.contactList with the message "Contacts List."', async () => {
		const response = await get('contact/groups');
		expect(response.json.message).toBe('Contacts List.');
		const rows = response.json.data.contactList.data;
		expect(rows.map((row: Loose) => row.title)).toEqual(['Customers', 'Leads', 'VIP']);
		expect(Object.keys(rows[0])).toEqual([
			'_id',
			'_uid',
			'status',
			'title',
			'description',
			'vendors__id',
			'created_at',
			'updated_at',
		]);
		expect(
			(await get('contact/groups', { search_term: 'top' })).json.data.contactList.data.map(
				(row: Loose) => row.title,
			),
		).toEqual(['VIP']);
	});

	it('includes archived groups', async () => {
		const seed = defaultSeed();
		seed.groups?.push({ title: 'Old customers', status: 5, created_at: '2024-06-01T00:00:00Z' });
		sim.reset(seed);
		const titles = (await get('contact/groups')).json.data.contactList.data.map(
			(row: Loose) => `${row.title}:${row.status}`,
		);
		expect(titles).toEqual(['Customers:1', 'Leads:1', 'VIP:1', 'Old customers:5']);
	});

	it('lists labels newest first with their colours', async () => {
		const rows = (await get('contact/labels-tags')).json.data.contactList.data;
		expect(rows.map((row: Loose) => row.title)).toEqual(['Replied', 'Cold', 'Hot']);
		expect(Object.keys(rows[0])).toEqual([
			'_id',
			'_uid',
			'status',
			'title',
			'text_color',
			'bg_color',
			'vendors__id',
			'created_at',
			'updated_at',
		]);
		expect(
			(await get('contact/labels-tags', { search_term: 'Repl' })).json.data.contactList.total,
		).toBe(1);
	});
});

describe('Get Message Status (§26)', () => {
	it('finds a message by log_uid or by wamid and reports its current status', async () => {
		const sent = (
			await post('contact/send-message', { phone_number: JOHAN.phone, message_body: 'Hi' })
		).json.data;
		sim.setMessageStatus(sent.log_uid, 'delivered');
		const byLog = await get('contact/message-status', { log_uid: sent.log_uid });
		expect(byLog.json).toEqual({
			result: 'success',
			message: null,
			data: { status: 'delivered', created_at: expect.any(String), updated_at: expect.any(String) },
		});
		sim.setMessageStatus(sent.wamid, 'read');
		expect((await get('contact/message-status', { wamid: sent.wamid })).json.data.status).toBe(
			'read',
		);
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

describe('Assign / unassign groups and labels (§27–§30)', () => {
	it('refuses strings where arrays of UIDs are required', async () => {
		const response = await post('contact/assign-groups', {
			contacts_uid: `${JOHAN.uid},${ASHA.uid}`,
			groups_uid: GROUP.Leads,
		});
		expect(response.status).toBe(422);
		expect(response.json).toEqual({
			message: 'The contacts uid field must be an array. (and 1 more error)',
			errors: {
				contacts_uid: ['The contacts uid field must be an array.'],
				groups_uid: ['The groups uid field must be an array.'],
			},
		});
		expect(
			(await post('contact/assign-labels', { contacts_uid: [], labels_uid: [LABEL.Hot] })).json
				.errors,
		).toEqual({ contacts_uid: ['The contacts uid field is required.'] });
	});

	it('assigns groups additively, skipping unknown contacts, and answers "No changes" when nothing is new', async () => {
		const body = { contacts_uid: [JOHAN.uid, 'unknown-uid'], groups_uid: [GROUP.Leads] };
		expect((await post('contact/assign-groups', body)).json).toEqual({
			result: 'success',
			message: 'Groups assigned successfully.',
			data: [],
		});
		expect(groupTitles(JOHAN.phone)).toEqual(['Customers', 'Leads', 'VIP']);
		expect((await post('contact/assign-groups', body)).json).toEqual({
			result: 'failed',
			message: 'No changes',
			data: [],
		});
		expect(
			(await post('contact/assign-groups', { contacts_uid: [JOHAN.uid], groups_uid: ['nope'] }))
				.json.message,
		).toBe('Invalid groups uid.');
	});

	it('unassigns groups with the documented failures', async () => {
		expect(
			(
				await post('contact/unassign-groups', {
					contacts_uid: [JOHAN.uid],
					groups_uid: [GROUP.VIP],
				})
			).json.message,
		).toBe('Groups unassigned successfully.');
		expect(groupTitles(JOHAN.phone)).toEqual(['Customers']);
		expect(
			(
				await post('contact/unassign-groups', {
					contacts_uid: [JOHAN.uid],
					groups_uid: [GROUP.VIP],
				})
			).json.message,
		).toBe('No changes');
		expect(
			(await post('contact/unassign-groups', { contacts_uid: ['nope'], groups_uid: [GROUP.VIP] }))
				.json.message,
		).toBe('Invalid contacts uid.');
		expect(
			(await post('contact/unassign-groups', { contacts_uid: [JOHAN.uid], groups_uid: ['nope'] }))
				.json.message,
		).toBe('Invalid groups uid.');
	});

	it('assigns and unassigns labels with the documented failures', async () => {
		expect(
			(
				await post('contact/assign-labels', {
					contacts_uid: [ASHA.uid],
					labels_uid: [LABEL.Hot, LABEL.Cold],
				})
			).json.message,
		).toBe('Labels assigned successfully.');
		expect(labelTitles(ASHA.phone)).toEqual(['Cold', 'Hot']);
		expect(
			(await post('contact/assign-labels', { contacts_uid: [ASHA.uid], labels_uid: [LABEL.Hot] }))
				.json.message,
		).toBe('No changes');
		expect(
			(await post('contact/assign-labels', { contacts_uid: ['nope'], labels_uid: [LABEL.Hot] }))
				.json.message,
		).toBe('Invalid contacts uid.');
		expect(
			(await post('contact/assign-labels', { contacts_uid: [ASHA.uid], labels_uid: ['nope'] })).json
				.message,
		).toBe('Invalid labels uid.');
		expect(
			(
				await post('contact/unassign-labels', {
					contacts_uid: [ASHA.uid],
					labels_uid: [LABEL.Cold],
				})
			).json,
		).toEqual({ result: 'success', message: 'Labels unassigned successfully.', data: [] });
		expect(
			(
				await post('contact/unassign-labels', {
					contacts_uid: [ASHA.uid],
					labels_uid: [LABEL.Cold],
				})
			).json.message,
		).toBe('No changes');
		expect(
			(await post('contact/unassign-labels', { contacts_uid: [ASHA.uid], labels_uid: ['nope'] }))
				.json.message,
		).toBe('Invalid labels uid.');
	});
});

describe('Create Campaign (§16)', () => {
	it('sends a real test message to the Test Contact, queues the recipients and answers a camelCase campaignUid', async () => {
		const response = await post('campaign/schedule', CAMPAIGN);
		expect(response.json).toEqual({
			result: 'success',
			message: 'Test Message success and Campaign created',
			data: { campaignUid: expect.any(String) },
		});
		const campaign = sim.state.campaigns.find(
			(item) => item._uid === response.json.data.campaignUid,
		);
		// Local time in Asia/Kolkata, stored in UTC.
		expect(campaign).toMatchObject({
			title: 'Diwali offer',
			template_name: 'festive_offer',
			timezone: 'Asia/Kolkata',
			scheduled_at: '2030-10-20T05:00:00.000000Z',
			status: 1,
		});
		const test = sim.state.messages.find((log) => log.is_campaign_test_message);
		expect(test).toMatchObject({
			contact_wa_id: KARAN.phone,
			template: { name: 'festive_offer', parameters: { field_1: 'Karan', field_2: '20%' } },
		});
		// VIP = Johan and Priya; festive_offer is MARKETING and Priya opted out.
		const queued = sim.state.campaignQueue.filter((item) => item.campaigns__id === campaign?._id);
		expect(queued.map((item) => item.phone_with_country_code)).toEqual([JOHAN.phone]);
		expect(queued[0].parameters).toEqual({ parameters: { field_1: 'Johan', field_2: '20%' } });
	});

	it('needs title, contact_group and timezone; checks dates with `date` and expire_at after schedule_at', async () => {
		const missing = await post('campaign/schedule', {});
		expect(Object.keys(missing.json.errors)).toEqual(['title', 'contact_group', 'timezone']);
		const dates = await post('campaign/schedule', {
			...CAMPAIGN,
			schedule_at: 'tomorrow',
			expire_at: '2030-10-19T10:30',
		});
		expect(dates.json.errors).toEqual({
			schedule_at: ['The schedule at field must be a valid date.'],
		});
		const order = await post('campaign/schedule', { ...CAMPAIGN, expire_at: '2030-10-19T10:30' });
		expect(order.json.errors).toEqual({
			expire_at: ['The expire at field must be a date after schedule at.'],
		});
	});

	it('accepts only YYYY-MM-DDTHH:MM(:SS): other valid dates fail with "Failed to recognize the datetime"', async () => {
		for (const scheduleAt of [
			'2030-10-20 10:30',
			'2030-10-20T10:30:00+05:30',
			'2030-10-20T10:30:00.000Z',
			'10/20/2030 10:30',
		]) {
			const response = await post('campaign/schedule', { ...CAMPAIGN, schedule_at: scheduleAt });
			expect({ scheduleAt, json: response.json }).toEqual({
				scheduleAt,
				json: {
					result: 'failed',
					message: 'Failed to recognize the datetime, please reload and try again.',
					data: [],
				},
			});
		}
		expect(
			(await post('campaign/schedule', { ...CAMPAIGN, schedule_at: '2030-10-20T10:30:15' })).json
				.result,
		).toBe('success');
		expect(
			(await post('campaign/schedule', { ...CAMPAIGN, schedule_at: undefined })).json.result,
		).toBe('success');
	});

	it('checks the template, the group titles, group members and labels', async () => {
		expect((await post('campaign/schedule', { ...CAMPAIGN, template_name: 'nope' })).json).toEqual({
			result: 'failed',
			message: 'Template does not exist.',
			data: [],
		});
		expect(
			(await post('campaign/schedule', { ...CAMPAIGN, contact_group: 'Nobody,Nothing' })).json
				.message,
		).toBe('Invalid Group');
		// Unknown titles are ignored when one matches.
		expect(
			(await post('campaign/schedule', { ...CAMPAIGN, contact_group: 'Nobody,VIP' })).json.result,
		).toBe('success');
		await post('contact/create', { phone_number: '919700000801', groups: 'Empty group' });
		expect(
			(await post('campaign/schedule', { ...CAMPAIGN, contact_group: 'Empty group' })).json.message,
		).toBe('Group Contact does not found');
		expect(
			(await post('campaign/schedule', { ...CAMPAIGN, contact_labels: 'Cold' })).json.message,
		).toBe('Contacts does not found');
		const labelled = await post('campaign/schedule', {
			...CAMPAIGN,
			contact_group: 'all_contacts',
			contact_labels: 'Cold,Replied',
		});
		expect(
			sim.state.campaigns.find((item) => item._uid === labelled.json.data.campaignUid)?.__data
				.total_contacts,
		).toBe(2);
	});

	it('validates template parameters with the test send (422), and fails when the test message fails', async () => {
		expect(
			(await post('campaign/schedule', { ...CAMPAIGN, field_2: undefined })).json.errors,
		).toEqual({ field_2: ['The field 2 field is required.'] });
		expect(
			(await post('campaign/schedule', { ...CAMPAIGN, from_phone_number_id: '42' })).json.message,
		).toBe('Failed to send test message');
		sim.setWhatsappReady(false);
		expect((await post('campaign/schedule', CAMPAIGN)).json.message).toBe(
			'Failed to send test message',
		);
	});

	it('needs a Test Contact', async () => {
		const seed = defaultSeed();
		seed.testContact = null;
		sim.reset(seed);
		expect((await post('campaign/schedule', CAMPAIGN)).json.message).toBe(
			'Test Contact missing, You need to set the Test Contact first, do it under the WhatsApp Settings',
		);
	});
});

describe('Campaign List (§17) and Campaign Status (§18)', () => {
	it('lists campaigns by updated_at desc with total_contacts as a string', async () => {
		const created = (await post('campaign/schedule', CAMPAIGN)).json.data.campaignUid;
		const response = await get('campaign');
		expect(response.json.message).toBe('Campaign List.');
		const rows = response.json.data.campaignList.data;
		expect(rows.map((row: Loose) => row._uid)).toEqual([
			created,
			'0c6f2d1e-8a9b-4c0d-9e1f-2a3b4c5d6e01',
		]);
		expect(rows[0]).toMatchObject({
			title: 'Diwali offer',
			status: 1,
			total_contacts: '1',
			timezone: 'Asia/Kolkata',
		});
		expect(rows[0]).not.toHaveProperty('__data');
		expect((await get('campaign', { search_term: 'Asia/Kol' })).json.data.campaignList.total).toBe(
			2,
		);
	});

	it('answers HTTP 404 with an empty message for an unknown campaign', async () => {
		const response = await get('campaign-status/no-such-campaign');
		expect(response.status).toBe(404);
		expect(response.json).toEqual({ result: 'failed', message: '', data: [] });
	});

	it('reports the seeded executed campaign with counts and percentage strings', async () => {
		const { json } = await get(`campaign-status/${seeded.campaigns.newYear.uid}`);
		expect(json.result).toBe('success');
		expect(json.message).toBeNull();
		expect(json.data).toMatchObject({
			campaignStatus: 'executed',
			statusText: 'Executed',
			totalDelivered: 2,
			totalDeliveredInPercent: '66.67%',
			totalRead: 1,
			totalFailed: 1,
			inQueueCount: 0,
			inQueuedCount: 0,
			executedCount: 3,
			campaign: { _uid: seeded.campaigns.newYear.uid, title: 'New year greetings' },
		});
		expect(json.data.campaign).not.toHaveProperty('__data');
	});

	it('stays "upcoming" once the time has passed until the queue runs ("Awaiting Execution"), then "executed"', async () => {
		const future = (await post('campaign/schedule', CAMPAIGN)).json.data.campaignUid;
		expect((await get(`campaign-status/${future}`)).json.data).toMatchObject({
			campaignStatus: 'upcoming',
			statusText: 'Upcoming',
			inQueueCount: 1,
		});
		const now = (await post('campaign/schedule', { ...CAMPAIGN, schedule_at: undefined })).json.data
			.campaignUid;
		expect((await get(`campaign-status/${now}`)).json.data).toMatchObject({
			campaignStatus: 'upcoming',
			statusText: 'Awaiting Execution',
		});
		expect(sim.executeCampaign(now, 'delivered')).toBe(1);
		expect((await get(`campaign-status/${now}`)).json.data).toMatchObject({
			campaignStatus: 'executed',
			totalDelivered: 1,
			totalDeliveredInPercent: '100%',
			inQueueCount: 0,
		});
	});
});

describe('faults', () => {
	const send = () =>
		post('contact/send-message', { phone_number: JOHAN.phone, message_body: 'Hi' });

	it('answers a fault without processing: no state change, journal marks it unprocessed with the fault id', async () => {
		const id = sim.addFault({
			endpoint: 'contact/send-message',
			method: 'POST',
			status: 500,
			json: { message: 'Server Error' },
		});
		const response = await send();
		expect(response.status).toBe(500);
		expect(textsTo(JOHAN.phone)).toHaveLength(0);
		expect(sim.journal[0]).toMatchObject({
			fault: id,
			processed: false,
			status: 500,
			response: { message: 'Server Error' },
		});
		// times defaults to 1.
		expect((await send()).status).toBe(200);
	});

	it('with process: true the message IS logged and only the answer is replaced', async () => {
		sim.addFault({
			endpoint: 'contact/send-message',
			status: 502,
			body: '<html>bad gateway</html>',
			contentType: 'text/html',
			process: true,
		});
		const response = await send();
		expect(response.status).toBe(502);
		expect(response.headers.get('content-type')).toContain('text/html');
		expect(textsTo(JOHAN.phone)).toHaveLength(1);
		expect(sim.journal[0].processed).toBe(true);
	});

	it('offers presets for HTML pages, malformed JSON and empty bodies', async () => {
		sim.addFault({ ...faults.html502, endpoint: 'contact/groups' });
		sim.addFault({ ...faults.malformedJson, endpoint: 'contacts' });
		sim.addFault({ ...faults.emptyBody, endpoint: 'campaign' });
		const html = await get('contact/groups');
		expect({ status: html.status, html: html.text.includes('502 Bad Gateway') }).toEqual({
			status: 502,
			html: true,
		});
		const malformed = await get('contacts');
		expect({ status: malformed.status, text: malformed.text, json: malformed.json }).toEqual({
			status: 200,
			text: '{"result":"success","data":{',
			json: undefined,
		});
		const empty = await get('campaign');
		expect({ status: empty.status, text: empty.text }).toEqual({ status: 200, text: '' });
	});

	it('matches by endpoint prefix and method, and repeats `times` times (Infinity allowed)', async () => {
		sim.addFault({
			endpoint: 'contact/*',
			method: 'GET',
			status: 503,
			json: { message: 'Service Unavailable' },
			times: 2,
		});
		expect((await get('contact/groups')).status).toBe(503);
		expect((await send()).status).toBe(200);
		expect((await get('contact/labels-tags')).status).toBe(503);
		expect((await get('contact/groups')).status).toBe(200);
		sim.addFault({ endpoint: 'contacts', status: 500, json: {}, times: Infinity });
		for (let index = 0; index < 3; index++) expect((await get('contacts')).status).toBe(500);
		sim.clearFaults();
		expect((await get('contacts')).status).toBe(200);
	});

	it('drops the connection (after processing, when asked): the client sees a network error', async () => {
		sim.addFault({ ...faults.answerLost, endpoint: 'contact/send-message' });
		await expect(send()).rejects.toThrow();
		expect(textsTo(JOHAN.phone)).toHaveLength(1);
		expect(sim.journal[0]).toMatchObject({ status: 0, processed: true, response: null });
	});

	it('delays the answer, which still comes', async () => {
		sim.addFault({ ...faults.slowAnswer(300), endpoint: 'contact/groups', times: 2 });
		const started = Date.now();
		const response = await get('contact/groups');
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);
		expect(response.json.result).toBe('success');
		const timedOut = await fetch(`${sim.url}/${sim.vendorUid}/contact/groups`, {
			headers: { Authorization: `Bearer ${sim.token}` },
			signal: AbortSignal.timeout(100),
		}).then(
			() => 'answered in time',
			(error: Error) => error.name,
		);
		expect(timedOut).toBe('TimeoutError');
		// The server still answers, late; the journal shows it.
		await sleep(300);
		expect(sim.journal.map((entry) => entry.status)).toEqual([200, 200]);
	});

	it('injects a 429 with Retry-After even when the limiter is off', async () => {
		sim.addFault({ ...faults.tooManyRequests, endpoint: 'contact/groups' });
		const response = await get('contact/groups');
		expect({
			status: response.status,
			retryAfter: response.headers.get('retry-after'),
			processed: sim.journal[0].processed,
		}).toEqual({ status: 429, retryAfter: '1', processed: false });
	});
});

describe('journal', () => {
	it('records method, decoded endpoint, raw path, query, body, lower-case headers, status, response and time', async () => {
		await post('contact/update/919876543210', { first_name: 'Johan' }, { query: { a: '1' } });
		const [entry] = sim.requestsTo('contact/update/919876543210', 'POST');
		expect(entry).toMatchObject({
			seq: expect.any(Number),
			method: 'POST',
			endpoint: 'contact/update/919876543210',
			rawPath: `/api/${sim.vendorUid}/contact/update/919876543210?a=1`,
			query: { a: '1' },
			body: { first_name: 'Johan' },
			status: 200,
			response: {
				result: 'success',
				message: 'Contact details updated.',
				data: { contact_uid: JOHAN.uid },
			},
			processed: true,
			at: expect.any(Number),
		});
		expect(entry.headers['content-type']).toBe('application/json');
		expect(sim.requestsTo('contact/update/919876543210', 'GET')).toHaveLength(0);
		sim.clearJournal();
		expect(sim.journal).toHaveLength(0);
	});

	it('does not journal the admin API', async () => {
		await admin('GET', 'state');
		expect(sim.journal).toHaveLength(0);
	});
});

describe('admin API (/__sim)', () => {
	it('reads and clears the journal, optionally by endpoint', async () => {
		await get('contact/groups');
		await get('contacts');
		expect((await admin('GET', 'journal')).json).toHaveLength(2);
		expect(
			(await admin('GET', 'journal?endpoint=contacts')).json.map((entry: Loose) => entry.endpoint),
		).toEqual(['contacts']);
		await admin('DELETE', 'journal');
		expect(sim.journal).toHaveLength(0);
	});

	it('adds faults (times null = always) and clears them', async () => {
		const { json } = await admin('POST', 'faults', {
			endpoint: 'contacts',
			status: 500,
			json: { message: 'Server Error' },
			times: null,
		});
		expect(json.id).toEqual(expect.any(String));
		expect((await get('contacts')).status).toBe(500);
		expect((await get('contacts')).status).toBe(500);
		await admin('DELETE', 'faults');
		expect((await get('contacts')).status).toBe(200);
	});

	it('sets and removes the rate limit', async () => {
		await admin('POST', 'rate-limit', { limit: 1, windowMs: 60000 });
		await get('contacts');
		expect((await get('contacts')).status).toBe(429);
		await admin('POST', 'rate-limit', { enabled: false });
		expect((await get('contacts')).status).toBe(200);
		expect((await admin('POST', 'rate-limit', { limit: 0 })).status).toBe(400);
	});

	it('resets to the seed, serves the state, adds contacts and sets message statuses', async () => {
		await post('contact/create', { phone_number: '919700000901' });
		expect((await admin('POST', 'reset')).json).toEqual({ ok: true });
		const state = (await admin('GET', 'state')).json;
		expect(state.contacts).toHaveLength(5);
		expect((await admin('POST', 'contacts', { count: 10 })).json).toEqual({ added: 10 });
		expect(sim.state.contacts).toHaveLength(15);
		const sent = (
			await post('contact/send-message', { phone_number: JOHAN.phone, message_body: 'Hi' })
		).json.data;
		expect(
			(await admin('POST', 'message-status', { id: sent.wamid, status: 'delivered' })).json.ok,
		).toBe(true);
		expect((await get('contact/message-status', { log_uid: sent.log_uid })).json.data.status).toBe(
			'delivered',
		);
		expect((await admin('POST', 'message-status', { id: 'nope', status: 'read' })).status).toBe(
			404,
		);
	});

	it('resets to a seed given in the body', async () => {
		await admin('POST', 'reset', { contacts: [{ wa_id: '447700900001', first_name: 'Solo' }] });
		expect(sim.state.contacts.map((contact) => contact.first_name)).toEqual(['Solo']);
		// That seed was for once: the next reset goes back to the startup seed.
		await admin('POST', 'reset');
		expect(sim.state.contacts).toHaveLength(5);
	});

	it('switches the plan gate and WhatsApp readiness', async () => {
		await admin('POST', 'settings', { apiAccess: false });
		expect(
			(await post('contact/send-message', { phone_number: JOHAN.phone, message_body: 'Hi' }))
				.status,
		).toBe(401);
		await admin('POST', 'settings', { apiAccess: true, whatsappReady: false });
		expect(
			(await post('contact/send-message', { phone_number: JOHAN.phone, message_body: 'Hi' })).json
				.message,
		).toBe('Please complete your WhatsApp Cloud API Setup first');
	});

	it("posts a SmartWats webhook to a URL and returns the receiver's answer", async () => {
		// The recorder stands in for n8n's webhook endpoint.
		const target = await startRecorder({ json: { message: 'Workflow was started' } });
		try {
			const { status, json } = await admin('POST', 'webhook', {
				url: `${target.url}/webhook/abc`,
				kind: 'incoming_text',
				overrides: { phoneNumber: '919800000123', text: 'Is my order ready?' },
			});
			expect(status).toBe(200);
			expect(json).toMatchObject({ status: 200, body: { message: 'Workflow was started' } });
			expect(target.requests.map((request) => [request.method, request.path])).toEqual([
				['POST', '/webhook/abc'],
			]);
			expect(target.requests[0].json).toMatchObject({
				contact: { phone_number: '919800000123' },
				message: { body: 'Is my order ready?', is_new_message: true },
			});
			expect((await admin('POST', 'webhook', { kind: 'nope' })).status).toBe(400);
		} finally {
			await target.close();
		}
	});

	it('answers unknown admin endpoints with 404', async () => {
		expect((await admin('GET', 'nothing')).status).toBe(404);
	});
});

describe('lifecycle and CLI', () => {
	it('closes even with keep-alive connections open, dropping them', async () => {
		const other = await startSimulator({ rateLimit: false });
		const connection = await openKeepAliveConnection(`${other.url}/`);
		try {
			await other.close();
			// close() resolving at all proves it did not wait for the idle client; the connection is gone too.
			await connection.closed;
		} finally {
			connection.destroy();
		}
	});

	it('cli.js prints one JSON line, serves the API with the given options and stops on SIGTERM', async () => {
		// The CLI is a separate program, so it is tested as one.
		const cli = runScript('test/fake-smartwats/cli.js', [
			'--port',
			'0',
			'--no-rate-limit',
			'--contacts',
			'3',
			'--vendor-uid',
			'cli-vendor',
		]);
		try {
			const info = JSON.parse(await cli.firstLine);
			expect(Object.keys(info)).toEqual(['url', 'vendorUid', 'token', 'adminUrl']);
			expect(info).toMatchObject({
				vendorUid: 'cli-vendor',
				token: DEFAULT_TOKEN,
				url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api$/),
			});
			const response = await fetch(`${info.url}/cli-vendor/contacts`, {
				headers: { Authorization: `Bearer ${info.token}` },
			});
			expect(((await response.json()) as Loose).data.contactList.total).toBe(8);
			expect(response.headers.get('x-ratelimit-limit')).toBeNull();
			cli.kill('SIGTERM');
			expect(await cli.exited).toBe(0);
		} finally {
			cli.kill('SIGKILL');
		}
	});
});
