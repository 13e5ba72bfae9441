// @ts-check
'use strict';
/**
 * The default data a fresh simulator starts with: something a demo user recognises (Indian contacts, VIP/Leads/
 * Customers groups, Hot/Cold/Replied labels, an agent, two business numbers, a Test Contact) and approved templates
 * whose Meta components cover every parameter kind Send Template validates. UIDs are fixed so tests and docs can
 * name them. SeedData below is the seed format.
 */

/** @typedef {import('./state').TemplateComponent} TemplateComponent */

/**
 * A contact of a seed. Relations are by title (groups, labels) and email (team member).
 * @typedef {object} SeedContact
 * @property {string} [_uid] random when absent
 * @property {string} [first_name]
 * @property {string} [last_name]
 * @property {string} wa_id the phone number
 * @property {string | null} [email]
 * @property {string | null} [language_code]
 * @property {string} [country] country name, e.g. 'India'
 * @property {number | null} [countries__id] the country's id instead of its name
 * @property {string[]} [groups] group titles
 * @property {string[]} [labels] label titles
 * @property {Record<string, string>} [custom_fields] by custom field input name
 * @property {boolean | 0 | 1 | null} [whatsapp_opt_out]
 * @property {0 | 1 | null} [disable_ai_bot]
 * @property {0 | 1 | null} [disable_reply_bot]
 * @property {string} [assigned_to] a team member's email
 * @property {string} [created_at]
 */

/**
 * The data a simulator starts from. `_uid`s are optional (random when absent); dates are anything `new Date()`
 * reads.
 * @typedef {object} SeedData
 * @property {{ title?: string, enable_ai_bot_for_new_contacts?: boolean }} [vendor]
 * @property {Array<{ id: string, display_phone_number: string, verified_name?: string, is_default?: boolean }>}
 *   [phoneNumbers] the first one (or the one with is_default) is the default sender
 * @property {Array<{ _uid?: string, first_name?: string, last_name?: string, email?: string, username?: string,
 *   mobile_number?: string, status?: number, other_vendor?: boolean }>} [teamMembers] the vendor's first member is
 *   its admin (API calls run as it); `other_vendor` puts a member in another vendor
 * @property {Array<{ input_name: string, input_type?: string }>} [customFields]
 * @property {Array<{ _uid?: string, title: string, description?: string | null, status?: number,
 *   created_at?: string, updated_at?: string }>} [groups]
 * @property {Array<{ _uid?: string, title: string, text_color?: string, bg_color?: string, status?: number,
 *   created_at?: string, updated_at?: string }>} [labels]
 * @property {SeedContact[]} [contacts]
 * @property {Array<{ _uid?: string, template_id?: string, template_name: string, language?: string,
 *   category?: string, status?: string, components?: TemplateComponent[], created_at?: string,
 *   updated_at?: string }>} [templates]
 * @property {Array<{ _uid?: string, title: string, template_name: string, template_language: string,
 *   timezone?: string, scheduled_at: string, status?: number, created_at?: string, updated_at?: string,
 *   messages?: Array<{ wa_id: string, status?: string }>, queued?: string[] }>} [campaigns] `messages` were sent
 *   already (with their status), `queued` recipients wait for `executeCampaign`
 * @property {string | null} [testContact] wa_id of the Test Contact (one of `contacts`)
 */

const DEFAULT_VENDOR_UID = '0b7c1f1e-5a4e-4c2b-9a61-3f0e2d8c7a10';
// 64 alphanumeric characters, like the tokens the vendor UI generates.
const DEFAULT_TOKEN = 'sW7kQ2mN9pR4tV8yZ3bC6dF1gH5jK0aLxE4rT6yU8iO1pA3sD5fG7hJ9kL2zXc4v';

const GROUP_UIDS = {
	VIP: '7a1c9e2d-3b4f-4a5c-9d6e-7f8091a2b3c1',
	Leads: '7a1c9e2d-3b4f-4a5c-9d6e-7f8091a2b3c2',
	Customers: '7a1c9e2d-3b4f-4a5c-9d6e-7f8091a2b3c3',
};

const LABEL_UIDS = {
	Hot: 'c41d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e01',
	Cold: 'c41d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e02',
	Replied: 'c41d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e03',
};

const CONTACT_UIDS = {
	johan: '5f3a9c1e-7b2d-4e8a-9c4f-1a2b3c4d5e6f',
	asha: '8e2b4d6f-1a3c-4e5f-8a7b-9c0d1e2f3a41',
	ravi: '8e2b4d6f-1a3c-4e5f-8a7b-9c0d1e2f3a42',
	priya: '8e2b4d6f-1a3c-4e5f-8a7b-9c0d1e2f3a43',
	karan: '8e2b4d6f-1a3c-4e5f-8a7b-9c0d1e2f3a44',
};

/**
 * @param {string} name
 * @returns {TemplateComponent}
 */
const image = (name) => ({
	type: 'HEADER',
	format: 'IMAGE',
	example: { header_handle: [`https://scontent.whatsapp.net/v/${name}.jpg`] },
});

/**
 * @param {string} product
 * @param {string} price
 * @param {string} slug
 * @returns {{ components: TemplateComponent[] }}
 */
function carouselCard(product, price, slug) {
	return {
		components: [
			image(slug),
			{ type: 'BODY', text: '{{1}} for only {{2}}', example: { body_text: [[product, price]] } },
			{
				type: 'BUTTONS',
				buttons: [
					{ type: 'QUICK_REPLY', text: 'Buy now' },
					{
						type: 'URL',
						text: 'View',
						url: 'https://shop.example.com/p/{{1}}',
						example: [`https://shop.example.com/p/${slug}`],
					},
				],
			},
		],
	};
}

const FIRST_NAMES = [
	'Aarav',
	'Diya',
	'Vivaan',
	'Ananya',
	'Aditya',
	'Isha',
	'Kabir',
	'Meera',
	'Rohan',
	'Saanvi',
	'Arjun',
	'Nisha',
];
const LAST_NAMES = [
	'Sharma',
	'Iyer',
	'Patel',
	'Gupta',
	'Reddy',
	'Nair',
	'Singh',
	'Das',
	'Joshi',
	'Menon',
];

/**
 * The k-th generated contact (k ≥ 1), in seed format: always the same number and name for the same k
 * (9170 followed by k in 8 digits).
 * @param {number} k
 * @returns {SeedContact & { first_name: string, last_name: string, email: string, language_code: string,
 *   country: string }}
 */
function generatedContact(k) {
	const first = FIRST_NAMES[(k - 1) % FIRST_NAMES.length];
	const last = LAST_NAMES[Math.floor((k - 1) / FIRST_NAMES.length) % LAST_NAMES.length];
	return {
		first_name: first,
		last_name: last,
		wa_id: `9170${String(k).padStart(8, '0')}`,
		email: `${first.toLowerCase()}.${k}@example.com`,
		language_code: 'en',
		country: 'India',
	};
}

/**
 * A fresh copy of the default seed (safe to modify).
 * @returns {Required<SeedData>}
 */
function defaultSeed() {
	return {
		vendor: { title: 'SmartWats Demo Store', enable_ai_bot_for_new_contacts: false },
		phoneNumbers: [
			{
				id: '123456789012345',
				display_phone_number: '15550001234',
				verified_name: 'SmartWats Demo Store',
				is_default: true,
			},
			{
				id: '123456789012346',
				display_phone_number: '15550005678',
				verified_name: 'SmartWats Demo Support',
			},
		],
		teamMembers: [
			// The first user of the vendor is its admin: API calls run as this user.
			{
				_uid: 'a0d1e2f3-0000-4000-8000-000000000001',
				first_name: 'Sam',
				last_name: 'Owner',
				email: 'owner@example.com',
				username: 'owner',
				mobile_number: '919800000010',
			},
			{
				_uid: 'a0d1e2f3-0000-4000-8000-000000000002',
				first_name: 'Anita',
				last_name: 'Agent',
				email: 'agent@example.com',
				username: 'anita',
				mobile_number: '919800000001',
			},
			{
				_uid: 'a0d1e2f3-0000-4000-8000-000000000003',
				first_name: 'Vikram',
				last_name: 'Support',
				email: 'support@example.com',
				username: 'vikram',
				mobile_number: '919800000002',
			},
			// Belongs to another vendor on the same server: assigning it answers "Invalid user".
			{
				_uid: 'a0d1e2f3-0000-4000-8000-000000000009',
				first_name: 'Olga',
				last_name: 'Elsewhere',
				email: 'olga@another-vendor.example',
				username: 'olga',
				mobile_number: '919800000009',
				other_vendor: true,
			},
		],
		customFields: [
			{ input_name: 'BDay', input_type: 'date' },
			{ input_name: 'City', input_type: 'text' },
		],
		groups: [
			{
				_uid: GROUP_UIDS.VIP,
				title: 'VIP',
				description: 'Top customers',
				created_at: '2025-01-05T09:00:00Z',
			},
			{
				_uid: GROUP_UIDS.Leads,
				title: 'Leads',
				description: null,
				created_at: '2025-01-08T09:00:00Z',
			},
			{
				_uid: GROUP_UIDS.Customers,
				title: 'Customers',
				description: 'Bought at least once',
				created_at: '2025-01-12T09:00:00Z',
			},
		],
		labels: [
			{
				_uid: LABEL_UIDS.Hot,
				title: 'Hot',
				text_color: '#ffffff',
				bg_color: '#dc3545',
				created_at: '2025-01-06T09:00:00Z',
			},
			{
				_uid: LABEL_UIDS.Cold,
				title: 'Cold',
				text_color: '#ffffff',
				bg_color: '#0d6efd',
				created_at: '2025-01-07T09:00:00Z',
			},
			{
				_uid: LABEL_UIDS.Replied,
				title: 'Replied',
				text_color: '#000000',
				bg_color: '#ffc107',
				created_at: '2025-01-09T09:00:00Z',
			},
		],
		contacts: [
			{
				_uid: CONTACT_UIDS.johan,
				first_name: 'Johan',
				last_name: 'Doe',
				wa_id: '919876543210',
				email: 'johndoe@example.com',
				language_code: 'en',
				country: 'India',
				groups: ['VIP', 'Customers'],
				labels: ['Hot'],
				custom_fields: { BDay: '1990-02-01', City: 'Kolkata' },
				disable_ai_bot: 1,
				created_at: '2025-01-10T10:15:00Z',
			},
			{
				_uid: CONTACT_UIDS.asha,
				first_name: 'Asha',
				last_name: 'Rao',
				wa_id: '919845012345',
				email: 'asha.rao@example.com',
				language_code: 'en',
				country: 'India',
				groups: ['Leads'],
				labels: ['Cold'],
				created_at: '2025-01-11T08:30:00Z',
			},
			{
				_uid: CONTACT_UIDS.ravi,
				first_name: 'Ravi',
				last_name: 'Kumar',
				wa_id: '919900112233',
				email: null,
				language_code: 'hi',
				country: 'India',
				groups: ['Customers'],
				labels: ['Replied'],
				assigned_to: 'agent@example.com',
				created_at: '2025-01-12T12:00:00Z',
			},
			{
				_uid: CONTACT_UIDS.priya,
				first_name: 'Priya',
				last_name: 'Shah',
				wa_id: '919823456789',
				email: 'priya@example.com',
				language_code: 'en',
				country: 'India',
				groups: ['VIP'],
				labels: [],
				// Opted out: MARKETING campaigns skip her.
				whatsapp_opt_out: 1,
				created_at: '2025-01-13T16:45:00Z',
			},
			{
				_uid: CONTACT_UIDS.karan,
				first_name: 'Karan',
				last_name: 'Mehta',
				wa_id: '919811122233',
				email: 'karan@smartwats-demo.example',
				language_code: 'en',
				country: 'India',
				groups: [],
				labels: [],
				created_at: '2025-01-02T07:00:00Z',
			},
		],
		// Create Campaign sends its test message here (WhatsApp Settings → Test Contact).
		testContact: '919811122233',
		templates: [
			{
				_uid: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e501',
				template_id: '1298765432100001',
				template_name: 'order_update',
				language: 'en',
				category: 'UTILITY',
				status: 'APPROVED',
				components: [
					image('order-banner'),
					{
						type: 'BODY',
						text: 'Hi {{1}}, your order {{2}} has been updated.',
						example: { body_text: [['Asha', '#1001']] },
					},
					{ type: 'FOOTER', text: 'SmartWats Demo Store' },
					{
						type: 'BUTTONS',
						buttons: [
							{ type: 'QUICK_REPLY', text: 'Stop updates' },
							{
								type: 'URL',
								text: 'Track order',
								url: 'https://shop.example.com/{{1}}',
								example: ['https://shop.example.com/orders/1001'],
							},
							{ type: 'COPY_CODE', text: 'Copy offer code', example: 'SAVE10' },
						],
					},
				],
			},
			{
				_uid: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e502',
				template_id: '1298765432100002',
				template_name: 'welcome',
				language: 'en',
				category: 'MARKETING',
				status: 'APPROVED',
				components: [
					{
						type: 'BODY',
						text: 'Welcome to SmartWats Demo Store, {{1}}! Reply HI to start.',
						example: { body_text: [['Asha']] },
					},
				],
			},
			{
				_uid: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e503',
				template_id: '1298765432100003',
				template_name: 'hello_world',
				language: 'en_US',
				category: 'UTILITY',
				status: 'APPROVED',
				components: [
					{ type: 'HEADER', format: 'TEXT', text: 'Hello World' },
					{
						type: 'BODY',
						text: 'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification.',
					},
					{ type: 'FOOTER', text: 'WhatsApp Business Platform sample message' },
				],
			},
			{
				_uid: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e504',
				template_id: '1298765432100004',
				template_name: 'invoice_ready',
				language: 'en',
				category: 'UTILITY',
				status: 'APPROVED',
				components: [
					{
						type: 'HEADER',
						format: 'DOCUMENT',
						example: { header_handle: ['https://scontent.whatsapp.net/v/invoice.pdf'] },
					},
					{
						type: 'BODY',
						text: 'Hi {{1}}, your invoice is attached.',
						example: { body_text: [['Asha']] },
					},
				],
			},
			{
				_uid: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e505',
				template_id: '1298765432100005',
				template_name: 'store_location',
				language: 'en',
				category: 'UTILITY',
				status: 'APPROVED',
				components: [
					{ type: 'HEADER', format: 'LOCATION' },
					{ type: 'BODY', text: 'Our store is open 10am to 8pm. See you soon!' },
				],
			},
			{
				_uid: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e506',
				template_id: '1298765432100006',
				template_name: 'promo_header_text',
				language: 'en',
				category: 'MARKETING',
				status: 'APPROVED',
				components: [
					{
						type: 'HEADER',
						format: 'TEXT',
						text: 'An offer for {{1}}',
						example: { header_text: ['Asha'] },
					},
					{
						type: 'BODY',
						text: 'Use code {{1}} at checkout this week.',
						example: { body_text: [['SAVE10']] },
					},
				],
			},
			{
				_uid: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e507',
				template_id: '1298765432100007',
				template_name: 'product_carousel',
				language: 'en_US',
				category: 'MARKETING',
				status: 'APPROVED',
				components: [
					{
						type: 'BODY',
						text: 'Hi {{1}}, picked for you this week:',
						example: { body_text: [['Asha']] },
					},
					{
						type: 'CAROUSEL',
						cards: [
							carouselCard('Oak oil', '₹499', 'oak-oil'),
							carouselCard('Teak oil', '₹599', 'teak-oil'),
						],
					},
				],
			},
			{
				_uid: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e508',
				template_id: '1298765432100008',
				template_name: 'festive_offer',
				language: 'en',
				category: 'MARKETING',
				status: 'APPROVED',
				components: [
					{
						type: 'BODY',
						text: 'Hi {{1}}, enjoy {{2}} off everything this festive season!',
						example: { body_text: [['Asha', '20%']] },
					},
				],
			},
			{
				// Not approved yet: Get Template List must not show it.
				_uid: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e509',
				template_id: '1298765432100009',
				template_name: 'summer_sale',
				language: 'en',
				category: 'MARKETING',
				status: 'PENDING',
				components: [
					{ type: 'BODY', text: 'Summer sale: {{1}} off!', example: { body_text: [['30%']] } },
				],
			},
		],
		campaigns: [
			{
				_uid: '0c6f2d1e-8a9b-4c0d-9e1f-2a3b4c5d6e01',
				title: 'New year greetings',
				template_name: 'welcome',
				template_language: 'en',
				timezone: 'Asia/Kolkata',
				scheduled_at: '2025-01-01T04:30:00Z',
				created_at: '2024-12-30T11:00:00Z',
				messages: [
					{ wa_id: '919876543210', status: 'delivered' },
					{ wa_id: '919845012345', status: 'read' },
					{ wa_id: '919900112233', status: 'failed' },
				],
			},
		],
	};
}

/**
 * @template T
 * @param {T} value
 * @returns {Readonly<T>}
 */
function deepFreeze(value) {
	if (value && typeof value === 'object') {
		for (const inner of Object.values(value)) deepFreeze(inner);
		Object.freeze(value);
	}
	return value;
}

/**
 * One record of the default seed, found by `matches`; throws when the seed has none, so a renamed record fails
 * loudly where `seeded` is built.
 * @template T
 * @param {T[]} rows
 * @param {(row: T) => boolean} matches
 * @param {string} what
 * @returns {{ row: T, id: number }} the row and the `_id` a fresh simulator gives it (rows are numbered in seed order)
 */
function findSeeded(rows, matches, what) {
	const index = rows.findIndex(matches);
	if (index === -1) throw new Error(`the default seed has no ${what}`);
	return { row: rows[index], id: index + 1 };
}

/**
 * The default seed's records by name, with the numeric `_id`s a fresh simulator gives them, so tests name
 * `seeded.contacts.johan.uid` instead of copying UIDs and phone numbers. Keys: contacts by first name, groups and
 * labels by title, templates by name, team members by the local part of their email, phone numbers by the last
 * word of their verified name (all lower case; templates and custom fields as named). Frozen.
 */
function buildSeeded() {
	const seed = defaultSeed();
	/** @param {string} title */
	const group = (title) => {
		const { row, id } = findSeeded(seed.groups, (item) => item.title === title, `group ${title}`);
		return { id, uid: String(row._uid), title: row.title, description: row.description ?? null };
	};
	/** @param {string} title */
	const label = (title) => {
		const { row, id } = findSeeded(seed.labels, (item) => item.title === title, `label ${title}`);
		return { id, uid: String(row._uid), title: row.title };
	};
	/** @param {string} firstName */
	const contact = (firstName) => {
		const { row, id } = findSeeded(
			seed.contacts,
			(item) => item.first_name === firstName,
			`contact ${firstName}`,
		);
		return {
			id,
			uid: String(row._uid),
			phone: row.wa_id,
			firstName,
			lastName: String(row.last_name),
			fullName: `${firstName} ${row.last_name}`,
			email: row.email ?? null,
			languageCode: row.language_code ?? null,
			country: row.country ?? null,
			/** Group titles; `seeded.groups[title.toLowerCase()]` is the group. */
			groups: [...(row.groups ?? [])],
			labels: [...(row.labels ?? [])],
			/** By custom field input name. */
			customFields: { ...(row.custom_fields ?? {}) },
			optedOut: Boolean(row.whatsapp_opt_out),
			aiBotEnabled: !row.disable_ai_bot,
			/** Team member email, or null. */
			assignedTo: row.assigned_to ?? null,
		};
	};
	/** @param {string} email */
	const teamMember = (email) => {
		const { row, id } = findSeeded(
			seed.teamMembers,
			(item) => item.email === email,
			`team member ${email}`,
		);
		return {
			id,
			uid: String(row._uid),
			firstName: String(row.first_name),
			lastName: String(row.last_name),
			email,
			username: String(row.username),
			mobile: String(row.mobile_number),
			/** Belongs to another vendor: assigning it answers "Invalid user". */
			otherVendor: Boolean(row.other_vendor),
		};
	};
	/** @param {string} name */
	const template = (name) => {
		const { row, id } = findSeeded(
			seed.templates,
			(item) => item.template_name === name,
			`template ${name}`,
		);
		return {
			id,
			uid: String(row._uid),
			/** Meta's template id. */
			templateId: String(row.template_id),
			name,
			language: String(row.language),
			category: String(row.category),
			status: String(row.status),
		};
	};
	/** @param {string} verifiedName */
	const phoneNumber = (verifiedName) => {
		const { row } = findSeeded(
			seed.phoneNumbers,
			(item) => item.verified_name === verifiedName,
			`phone number ${verifiedName}`,
		);
		return {
			/** Meta's phone-number id: what `from_phone_number_id` takes. */
			id: row.id,
			displayPhoneNumber: row.display_phone_number,
			verifiedName,
			isDefault: Boolean(row.is_default),
		};
	};
	/** @param {string} inputName */
	const customField = (inputName) => {
		const { row, id } = findSeeded(
			seed.customFields,
			(item) => item.input_name === inputName,
			`custom field ${inputName}`,
		);
		return { id, inputName, inputType: String(row.input_type) };
	};
	const { row: newYear, id: newYearId } = findSeeded(
		seed.campaigns,
		(item) => item.title === 'New year greetings',
		'campaign New year greetings',
	);

	const contacts = {
		johan: contact('Johan'),
		asha: contact('Asha'),
		ravi: contact('Ravi'),
		/** Opted out. */
		priya: contact('Priya'),
		/** The Test Contact; no groups, no labels. */
		karan: contact('Karan'),
	};
	return deepFreeze({
		vendor: { uid: DEFAULT_VENDOR_UID, title: String(seed.vendor.title) },
		contacts,
		groups: { vip: group('VIP'), leads: group('Leads'), customers: group('Customers') },
		labels: { hot: label('Hot'), cold: label('Cold'), replied: label('Replied') },
		teamMembers: {
			/** The vendor's admin: API calls run as this user. */
			owner: teamMember('owner@example.com'),
			agent: teamMember('agent@example.com'),
			support: teamMember('support@example.com'),
			/** Another vendor's user. */
			olga: teamMember('olga@another-vendor.example'),
		},
		templates: {
			order_update: template('order_update'),
			welcome: template('welcome'),
			hello_world: template('hello_world'),
			invoice_ready: template('invoice_ready'),
			store_location: template('store_location'),
			promo_header_text: template('promo_header_text'),
			product_carousel: template('product_carousel'),
			festive_offer: template('festive_offer'),
			/** PENDING: not listed by Get Template List. */
			summer_sale: template('summer_sale'),
		},
		phoneNumbers: {
			store: phoneNumber('SmartWats Demo Store'),
			support: phoneNumber('SmartWats Demo Support'),
		},
		campaigns: {
			newYear: {
				id: newYearId,
				uid: String(newYear._uid),
				title: newYear.title,
				templateName: newYear.template_name,
				templateLanguage: newYear.template_language,
			},
		},
		customFields: { BDay: customField('BDay'), City: customField('City') },
		/** The same object as `contacts.karan`. */
		testContact: contacts.karan,
	});
}

const seeded = buildSeeded();

module.exports = {
	defaultSeed,
	seeded,
	generatedContact,
	DEFAULT_VENDOR_UID,
	DEFAULT_TOKEN,
	GROUP_UIDS,
	LABEL_UIDS,
	CONTACT_UIDS,
};
