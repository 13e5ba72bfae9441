// @ts-check
'use strict';
/**
 * The simulator's database: tables shaped like WhatsJet's (contacts, contact_groups, group_contacts, labels,
 * contact_labels, custom fields and values, whatsapp_templates, campaigns, the campaign queue, message logs, users,
 * the vendor's phone numbers) built from a seed, and the record-level operations the endpoints share, including
 * the group-title bug of contact creation (§7.2).
 */
const crypto = require('node:crypto');

const { laravelTimestamp } = require('./datetime');
const { countryIdByName, countryName } = require('./countries');
const { generatedContact } = require('./seed');

/** @typedef {import('./seed').SeedData} SeedData */

// ── the tables (timestamps are Laravel's `2025-01-31T10:15:00.000000Z` strings) ──

/**
 * @typedef {object} VendorRecord
 * @property {number} _id
 * @property {string} _uid
 * @property {string} title
 * @property {number} status
 * @property {{ enable_ai_bot_for_new_contacts: boolean }} settings
 */

/**
 * @typedef {object} PhoneNumberRecord
 * @property {string} id Meta's phone-number id (what `from_phone_number_id` takes)
 * @property {string} display_phone_number digits only
 * @property {string | null} verified_name
 * @property {boolean} is_default
 */

/**
 * @typedef {object} TeamMemberRecord
 * @property {number} _id
 * @property {string} _uid
 * @property {string} first_name
 * @property {string} last_name
 * @property {string | null} email
 * @property {string | null} username
 * @property {string | null} mobile_number
 * @property {number} status 1 active
 * @property {number} vendors__id 1 = this vendor; 2 = another vendor on the same server
 */

/**
 * @typedef {object} CustomFieldRecord
 * @property {number} _id
 * @property {string} _uid
 * @property {string} input_name
 * @property {string} input_type
 * @property {number} vendors__id
 */

/**
 * @typedef {object} CustomFieldValueRecord
 * @property {number} contacts__id
 * @property {number} contact_custom_fields__id
 * @property {string | null} field_value
 */

/**
 * @typedef {object} GroupRecord
 * @property {number} _id what Update Contact's `contact_groups` takes (§19)
 * @property {string} _uid
 * @property {number | null} status 1 active, 5 archived
 * @property {string} title
 * @property {string | null} description
 * @property {number} vendors__id
 * @property {string} created_at
 * @property {string} updated_at
 */

/**
 * @typedef {object} LabelRecord
 * @property {number} _id
 * @property {string} _uid
 * @property {number | null} status
 * @property {string} title
 * @property {string | null} text_color
 * @property {string | null} bg_color
 * @property {number} vendors__id
 * @property {string} created_at
 * @property {string} updated_at
 */

/**
 * @typedef {object} ContactRecord
 * @property {number} _id
 * @property {string} _uid
 * @property {number} status
 * @property {string | null} first_name
 * @property {string | null} last_name
 * @property {number | null} countries__id
 * @property {1 | null} whatsapp_opt_out 1 = opted out
 * @property {string} wa_id the phone number
 * @property {string | null} email
 * @property {string | null} language_code
 * @property {0 | 1 | null} disable_ai_bot
 * @property {0 | 1 | null} disable_reply_bot
 * @property {number | null} assigned_users__id
 * @property {string | null} wa_blocked_at
 * @property {string | null} bsuid
 * @property {string | null} username
 * @property {number} vendors__id
 * @property {string} created_at
 * @property {string} updated_at
 */

/**
 * A contact's group as Get Contacts shows it (§20).
 * @typedef {object} ContactRowGroup
 * @property {number} _id
 * @property {string} _uid
 * @property {number | null} status
 * @property {string} title
 * @property {string | null} description
 * @property {string} created_at
 * @property {number} laravel_through_key
 */

/**
 * A contact's label as Get Contacts shows it (§20).
 * @typedef {object} ContactRowLabel
 * @property {number} _id
 * @property {string} _uid
 * @property {number | null} status
 * @property {string} title
 * @property {string} created_at
 * @property {number} laravel_through_key
 */

/**
 * A Get Contacts / Get Single Contact row (§20, §21): the contact's columns, its names, groups and labels.
 * @typedef {ContactRecord & { full_name: string, name_initials: string, groups: ContactRowGroup[],
 *   labels: ContactRowLabel[] }} ContactRow
 */

/** @typedef {{ contacts__id: number, contact_groups__id: number, created_at: string }} GroupContactRecord */
/** @typedef {{ contacts__id: number, labels__id: number, created_at: string }} ContactLabelRecord */

/**
 * A Meta template component (HEADER, BODY, FOOTER, BUTTONS, CAROUSEL).
 * @typedef {object} TemplateComponent
 * @property {string} type 'HEADER', 'BODY', 'FOOTER', 'BUTTONS' or 'CAROUSEL'
 * @property {string} [format] headers: 'TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT' or 'LOCATION'
 * @property {string} [text]
 * @property {Record<string, unknown>} [example]
 * @property {Array<{ type: string, text?: string, url?: string, phone_number?: string, example?: unknown }>}
 *   [buttons] type 'QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE' or 'FLOW'
 * @property {Array<{ components: TemplateComponent[] }>} [cards]
 */

/**
 * @typedef {object} TemplateRecord
 * @property {number} _id
 * @property {string} _uid
 * @property {string} status 'APPROVED', 'PENDING', 'REJECTED', 'PAUSED', …
 * @property {string} template_name
 * @property {string} template_id Meta's template id
 * @property {string} category 'UTILITY', 'MARKETING' or 'AUTHENTICATION'
 * @property {string} language
 * @property {TemplateComponent[]} components
 * @property {number} vendors__id
 * @property {string} created_at
 * @property {string} updated_at
 */

/**
 * A campaign's internal JSON column: not returned by the API, except `total_contacts` in Campaign List.
 * @typedef {object} CampaignData
 * @property {string | null} expiry_at UTC; queued messages not sent by then expire (§16)
 * @property {number} total_contacts
 * @property {boolean} is_all_contacts
 * @property {Array<{ _id: number, _uid: string, title: string, description: string | null }>} selected_groups
 * @property {boolean} [is_for_template_language_only]
 * @property {boolean} [is_for_opted_only_contacts]
 * @property {string | null} [from_phone_number_id]
 * @property {boolean} [send_message_via_marketing_message_api]
 */

/**
 * @typedef {object} CampaignRecord
 * @property {number} _id
 * @property {string} _uid
 * @property {number} status 1 active, 5 archived, 6 aborted
 * @property {string} title
 * @property {string | null} template_name
 * @property {string | null} template_language
 * @property {number | null} whatsapp_templates__id
 * @property {string} scheduled_at UTC
 * @property {string} timezone
 * @property {number | null} users__id
 * @property {number} vendors__id
 * @property {string} created_at
 * @property {string} updated_at
 * @property {CampaignData} __data
 */

/**
 * @typedef {object} CampaignQueueRecord
 * @property {number} _id
 * @property {string} _uid
 * @property {number} status 1 queued, 2 failed in queue, 3 processing, 5 expired
 * @property {number} campaigns__id
 * @property {number} contacts__id
 * @property {string} phone_with_country_code
 * @property {string} scheduled_at
 * @property {Record<string, unknown>} parameters the template parameters resolved for this recipient
 * @property {string} created_at
 * @property {string} updated_at
 */

/**
 * What a send stored of a media message (caption and file name as the request had them).
 * @typedef {{ type: string, link: string, caption: unknown, file_name: unknown }} LoggedMedia
 */

/**
 * What a template send stored: name, language, category and the parameters as resolved for the recipient (and
 * the cards of a carousel).
 * @typedef {{ name: string | null, language: string | null, [key: string]: unknown }} LoggedTemplate
 */

/**
 * An outgoing message's log row.
 * @typedef {object} MessageLogRecord
 * @property {number} _id
 * @property {string} _uid the `log_uid` sends answer
 * @property {string} status 'accepted', 'held_for_quality_assessment', 'sent', 'delivered', 'read' or 'failed'
 * @property {string} wamid
 * @property {'text' | 'media' | 'template' | 'carousel' | 'interactive'} message_type
 * @property {boolean} is_incoming_message
 * @property {number} contacts__id
 * @property {string} contact_uid
 * @property {string} contact_wa_id
 * @property {number | null} campaigns__id
 * @property {string | null} from_phone_number_id
 * @property {unknown} message text body (after strip_tags), media caption or interactive body text
 * @property {LoggedMedia | null} media
 * @property {LoggedTemplate | null} template
 * @property {Record<string, unknown> | null} interactive the request input minus from_phone_number_id,
 *   phone_number and contact
 * @property {boolean} is_campaign_test_message the test message Create Campaign sends to the Test Contact
 * @property {number} vendors__id
 * @property {string} created_at
 * @property {string} updated_at
 */

/**
 * All tables (`sim.state`).
 * @typedef {object} SimulatorState
 * @property {VendorRecord} vendor
 * @property {PhoneNumberRecord[]} phoneNumbers
 * @property {TeamMemberRecord[]} teamMembers
 * @property {CustomFieldRecord[]} customFields
 * @property {CustomFieldValueRecord[]} customFieldValues
 * @property {GroupRecord[]} groups
 * @property {LabelRecord[]} labels
 * @property {ContactRecord[]} contacts
 * @property {GroupContactRecord[]} groupContacts
 * @property {ContactLabelRecord[]} contactLabels
 * @property {TemplateRecord[]} templates
 * @property {CampaignRecord[]} campaigns
 * @property {CampaignQueueRecord[]} campaignQueue
 * @property {MessageLogRecord[]} messages
 * @property {string | null} testContact UID of the vendor's Test Contact (WhatsApp Settings)
 */

/**
 * Groups and labels of contacts, by contact `_id`.
 * @typedef {{ groups: Map<number, GroupRecord[]>, labels: Map<number, LabelRecord[]> }} Memberships
 */

/** The tables whose rows carry a numeric `_id`. @typedef {'teamMembers' | 'customFields' | 'groups' | 'labels' | 'contacts' | 'templates' | 'campaigns' | 'campaignQueue' | 'messages'} NumberedTable */

const VENDOR_ID = 1;
const OTHER_VENDOR_ID = 2;

/** @param {string | number | Date | null} [value] now when absent */
const ts = (value) =>
	laravelTimestamp(value === undefined || value === null ? new Date() : new Date(value));

/**
 * Meta-looking message id: base64 of the recipient and a random tail, prefixed `wamid.`.
 * @param {string} waId
 */
function newWamid(waId) {
	const number = Buffer.from(String(waId));
	const tail = Buffer.from(crypto.randomBytes(9).toString('hex').toUpperCase());
	return `wamid.${Buffer.concat([Buffer.from([0x1c, 0x18, number.length]), number, Buffer.from([0x15, 0x02, 0x00, 0x11, 0x18, 0x12]), tail, Buffer.from([0x00])]).toString('base64')}`;
}

class Store {
	/**
	 * @param {SeedData} seed
	 * @param {string} vendorUid
	 */
	constructor(seed, vendorUid) {
		this.generated = 0;
		/** @type {SimulatorState} */
		this.data = {
			vendor: {
				_id: VENDOR_ID,
				_uid: vendorUid,
				title: seed.vendor?.title ?? 'SmartWats Vendor',
				status: 1,
				settings: {
					enable_ai_bot_for_new_contacts: Boolean(seed.vendor?.enable_ai_bot_for_new_contacts),
				},
			},
			phoneNumbers: [],
			teamMembers: [],
			customFields: [],
			customFieldValues: [],
			groups: [],
			labels: [],
			contacts: [],
			groupContacts: [],
			contactLabels: [],
			templates: [],
			campaigns: [],
			campaignQueue: [],
			messages: [],
			testContact: null,
		};
		/** @type {Partial<Record<NumberedTable, number>>} */
		this.ids = {};
		this.load(seed);
	}

	/**
	 * @param {NumberedTable} table
	 * @returns {number}
	 */
	nextId(table) {
		/** @type {Array<{ _id: number }>} */
		const rows = this.data[table];
		const next = (this.ids[table] ?? rows.reduce((max, row) => Math.max(max, row._id || 0), 0)) + 1;
		this.ids[table] = next;
		return next;
	}

	/** @param {SeedData} seed */
	load(seed) {
		const d = this.data;
		(seed.phoneNumbers ?? []).forEach((phone, index) => {
			d.phoneNumbers.push({
				id: String(phone.id),
				display_phone_number: String(phone.display_phone_number ?? '').replace(/\D/g, ''),
				verified_name: phone.verified_name ?? null,
				is_default: phone.is_default ?? index === 0,
			});
		});
		for (const member of seed.teamMembers ?? []) {
			d.teamMembers.push({
				_id: this.nextId('teamMembers'),
				_uid: member._uid ?? crypto.randomUUID(),
				first_name: member.first_name ?? '',
				last_name: member.last_name ?? '',
				email: member.email ?? null,
				username: member.username ?? null,
				mobile_number: member.mobile_number ?? null,
				status: member.status ?? 1,
				vendors__id: member.other_vendor ? OTHER_VENDOR_ID : VENDOR_ID,
			});
		}
		for (const field of seed.customFields ?? []) {
			d.customFields.push({
				_id: this.nextId('customFields'),
				_uid: crypto.randomUUID(),
				input_name: field.input_name,
				input_type: field.input_type ?? 'text',
				vendors__id: VENDOR_ID,
			});
		}
		for (const group of seed.groups ?? []) this.createGroup(group.title, group);
		for (const label of seed.labels ?? []) {
			d.labels.push({
				_id: this.nextId('labels'),
				_uid: label._uid ?? crypto.randomUUID(),
				status: label.status ?? 1,
				title: label.title,
				text_color: label.text_color ?? null,
				bg_color: label.bg_color ?? null,
				vendors__id: VENDOR_ID,
				created_at: ts(label.created_at),
				updated_at: ts(label.updated_at ?? label.created_at),
			});
		}
		for (const contact of seed.contacts ?? []) {
			const row = this.createContact(
				{
					_uid: contact._uid,
					first_name: contact.first_name ?? '',
					last_name: contact.last_name ?? '',
					wa_id: String(contact.wa_id),
					email: contact.email ?? null,
					language_code: contact.language_code ?? null,
					countries__id: contact.country
						? countryIdByName(contact.country)
						: (contact.countries__id ?? null),
					whatsapp_opt_out: contact.whatsapp_opt_out ? 1 : null,
					disable_ai_bot: contact.disable_ai_bot ?? 0,
					disable_reply_bot: contact.disable_reply_bot ?? null,
					assigned_users__id: contact.assigned_to
						? (this.memberByEmail(contact.assigned_to)?._id ?? null)
						: null,
				},
				contact.created_at,
			);
			for (const title of contact.groups ?? []) {
				const group = d.groups.find((item) => item.title === title);
				if (group) this.addToGroup(row, group, contact.created_at);
			}
			for (const title of contact.labels ?? []) {
				const label = d.labels.find((item) => item.title === title);
				if (label) this.addLabel(row, label, contact.created_at);
			}
			this.setCustomFieldValues(row, contact.custom_fields);
		}
		for (const template of seed.templates ?? []) {
			d.templates.push({
				_id: this.nextId('templates'),
				_uid: template._uid ?? crypto.randomUUID(),
				status: template.status ?? 'APPROVED',
				template_name: template.template_name,
				template_id: String(template.template_id ?? 1200000000000000 + d.templates.length + 1),
				category: template.category ?? 'UTILITY',
				language: template.language ?? 'en',
				components: template.components ?? [],
				vendors__id: VENDOR_ID,
				created_at: ts(template.created_at ?? '2024-12-20T09:00:00Z'),
				updated_at: ts(template.updated_at ?? template.created_at ?? '2024-12-20T09:00:00Z'),
			});
		}
		d.testContact = seed.testContact ? (this.contactByWaId(seed.testContact)?._uid ?? null) : null;
		for (const campaign of seed.campaigns ?? []) this.loadCampaign(campaign);
	}

	/** @param {NonNullable<SeedData['campaigns']>[number]} seedCampaign */
	loadCampaign(seedCampaign) {
		const d = this.data;
		const template = this.templateByNameAndLanguage(
			seedCampaign.template_name,
			seedCampaign.template_language,
		);
		const messages = seedCampaign.messages ?? [];
		const queued = seedCampaign.queued ?? [];
		/** @type {CampaignRecord} */
		const campaign = {
			_id: this.nextId('campaigns'),
			_uid: seedCampaign._uid ?? crypto.randomUUID(),
			status: seedCampaign.status ?? 1,
			title: seedCampaign.title,
			template_name: seedCampaign.template_name,
			template_language: seedCampaign.template_language,
			whatsapp_templates__id: template?._id ?? null,
			scheduled_at: ts(seedCampaign.scheduled_at),
			timezone: seedCampaign.timezone ?? 'UTC',
			users__id: this.adminUser()?._id ?? null,
			vendors__id: VENDOR_ID,
			created_at: ts(seedCampaign.created_at ?? seedCampaign.scheduled_at),
			updated_at: ts(seedCampaign.updated_at ?? seedCampaign.scheduled_at),
			__data: {
				expiry_at: null,
				total_contacts: messages.length + queued.length,
				is_all_contacts: true,
				selected_groups: [],
			},
		};
		d.campaigns.push(campaign);
		for (const message of messages) {
			const contact = this.contactByWaId(message.wa_id);
			if (!contact) continue;
			this.addMessageLog({
				contact,
				type: 'template',
				status: message.status ?? 'sent',
				campaignId: campaign._id,
				fromPhoneNumberId: this.defaultPhoneNumber()?.id ?? null,
				template: {
					name: campaign.template_name,
					language: campaign.template_language,
					parameters: {},
				},
				at: seedCampaign.scheduled_at,
			});
		}
		for (const waId of queued) {
			const contact = this.contactByWaId(waId);
			if (contact) this.queueCampaignMessage(campaign, contact, {});
		}
		return campaign;
	}

	// ── lookups ──────────────────────────────────────────────────────────────

	/** The vendor's admin: the first of its team members. */
	adminUser() {
		return this.data.teamMembers.find((member) => member.vendors__id === VENDOR_ID) ?? null;
	}

	/** @param {unknown} email */
	memberByEmail(email) {
		const wanted = String(email).toLowerCase();
		return (
			this.data.teamMembers.find((member) => (member.email ?? '').toLowerCase() === wanted) ?? null
		);
	}

	/** @param {unknown} mobile */
	memberByMobile(mobile) {
		return this.data.teamMembers.find((member) => member.mobile_number === String(mobile)) ?? null;
	}

	/**
	 * Exact string match, as the send endpoints do (a '+' or spaces never match).
	 * @param {unknown} waId
	 * @returns {ContactRecord | null}
	 */
	contactByWaId(waId) {
		if (waId === null || waId === undefined) return null;
		return this.data.contacts.find((contact) => contact.wa_id === String(waId)) ?? null;
	}

	/**
	 * @param {unknown} uid
	 * @returns {ContactRecord | null}
	 */
	contactByUid(uid) {
		return this.data.contacts.find((contact) => contact._uid === uid) ?? null;
	}

	/**
	 * @param {unknown} name
	 * @param {unknown} language
	 * @returns {TemplateRecord | null}
	 */
	templateByNameAndLanguage(name, language) {
		return (
			this.data.templates.find(
				(template) => template.template_name === name && template.language === language,
			) ?? null
		);
	}

	defaultPhoneNumber() {
		return (
			this.data.phoneNumbers.find((phone) => phone.is_default) ?? this.data.phoneNumbers[0] ?? null
		);
	}

	/**
	 * Group/label titles compare like MySQL's default collation: case-insensitively.
	 * @param {string[]} titles
	 */
	groupsByTitles(titles) {
		const wanted = titles.map((title) => title.toLowerCase());
		return this.data.groups.filter((group) => wanted.includes(String(group.title).toLowerCase()));
	}

	/** @param {string[]} titles */
	labelsByTitles(titles) {
		const wanted = titles.map((title) => title.toLowerCase());
		return this.data.labels.filter((label) => wanted.includes(String(label.title).toLowerCase()));
	}

	/**
	 * @param {ContactRecord} contact
	 * @returns {GroupRecord[]}
	 */
	groupsOf(contact) {
		return this.membershipsOf([contact]).groups.get(contact._id) ?? [];
	}

	/**
	 * @param {ContactRecord} contact
	 * @returns {LabelRecord[]}
	 */
	labelsOf(contact) {
		return this.membershipsOf([contact]).labels.get(contact._id) ?? [];
	}

	/**
	 * The groups and labels of many contacts in one pass over the link tables (a list page of 2,500 rows must not
	 * scan them once per row). Each contact's groups and labels come in table order. Maps keyed by contact `_id`.
	 * @param {ContactRecord[]} contacts
	 * @returns {Memberships}
	 */
	membershipsOf(contacts) {
		const wanted = new Set(contacts.map((contact) => contact._id));
		/**
		 * @template {{ _id: number }} Target
		 * @template {{ contacts__id: number }} Link
		 * @param {Link[]} links
		 * @param {(link: Link) => number} targetOf
		 * @param {Target[]} table
		 * @returns {Map<number, Target[]>}
		 */
		const collect = (links, targetOf, table) => {
			const position = new Map(table.map((row, index) => [row._id, index]));
			/** @type {Map<number, Set<number>>} */
			const byContact = new Map();
			for (const link of links) {
				const at = position.get(targetOf(link));
				if (!wanted.has(link.contacts__id) || at === undefined) continue;
				const found = byContact.get(link.contacts__id) ?? new Set();
				found.add(at);
				byContact.set(link.contacts__id, found);
			}
			/** @type {Map<number, Target[]>} */
			const rows = new Map();
			for (const [id, positions] of byContact)
				rows.set(
					id,
					[...positions].sort((a, b) => a - b).map((index) => table[index]),
				);
			return rows;
		};
		return {
			groups: collect(this.data.groupContacts, (link) => link.contact_groups__id, this.data.groups),
			labels: collect(this.data.contactLabels, (link) => link.labels__id, this.data.labels),
		};
	}

	/**
	 * @param {ContactRecord} contact
	 * @returns {Record<string, string | null>} by custom field input name
	 */
	customValuesOf(contact) {
		/** @type {Record<string, string | null>} */
		const values = {};
		for (const value of this.data.customFieldValues.filter(
			(item) => item.contacts__id === contact._id,
		)) {
			const field = this.data.customFields.find(
				(item) => item._id === value.contact_custom_fields__id,
			);
			if (field) values[field.input_name] = value.field_value;
		}
		return values;
	}

	// ── writes ───────────────────────────────────────────────────────────────

	/**
	 * @param {string} title
	 * @param {Partial<Omit<GroupRecord, '_id' | 'vendors__id'>>} [extra]
	 * @returns {GroupRecord}
	 */
	createGroup(title, extra = {}) {
		/** @type {GroupRecord} */
		const group = {
			_id: this.nextId('groups'),
			_uid: extra._uid ?? crypto.randomUUID(),
			status: extra.status ?? 1,
			title,
			description: extra.description ?? null,
			vendors__id: VENDOR_ID,
			created_at: ts(extra.created_at),
			updated_at: ts(extra.updated_at ?? extra.created_at),
		};
		this.data.groups.push(group);
		return group;
	}

	/**
	 * @param {Partial<ContactRecord> & { wa_id: string }} fields
	 * @param {string} [createdAt] now when absent
	 * @returns {ContactRecord}
	 */
	createContact(fields, createdAt) {
		/** @type {ContactRecord} */
		const contact = {
			_id: this.nextId('contacts'),
			_uid: fields._uid ?? crypto.randomUUID(),
			status: 1,
			first_name: fields.first_name ?? '',
			last_name: fields.last_name ?? '',
			countries__id: fields.countries__id ?? null,
			whatsapp_opt_out: fields.whatsapp_opt_out ?? null,
			wa_id: fields.wa_id,
			email: fields.email ?? null,
			language_code: fields.language_code ?? null,
			disable_ai_bot: fields.disable_ai_bot ?? 0,
			disable_reply_bot: fields.disable_reply_bot ?? null,
			assigned_users__id: fields.assigned_users__id ?? null,
			wa_blocked_at: null,
			bsuid: null,
			username: null,
			vendors__id: VENDOR_ID,
			created_at: ts(createdAt),
			updated_at: ts(createdAt),
		};
		this.data.contacts.push(contact);
		return contact;
	}

	/**
	 * @param {ContactRecord} contact
	 * @param {GroupRecord} group
	 * @param {string} [at]
	 * @returns {boolean} whether it was not there already
	 */
	addToGroup(contact, group, at) {
		if (
			this.data.groupContacts.some(
				(link) => link.contacts__id === contact._id && link.contact_groups__id === group._id,
			)
		)
			return false;
		this.data.groupContacts.push({
			contacts__id: contact._id,
			contact_groups__id: group._id,
			created_at: ts(at),
		});
		return true;
	}

	/**
	 * @param {ContactRecord} contact
	 * @param {GroupRecord} group
	 * @returns {boolean} whether it was there
	 */
	removeFromGroup(contact, group) {
		const before = this.data.groupContacts.length;
		this.data.groupContacts = this.data.groupContacts.filter(
			(link) => !(link.contacts__id === contact._id && link.contact_groups__id === group._id),
		);
		return this.data.groupContacts.length !== before;
	}

	/**
	 * @param {ContactRecord} contact
	 * @param {LabelRecord} label
	 * @param {string} [at]
	 * @returns {boolean} whether it was not there already
	 */
	addLabel(contact, label, at) {
		if (
			this.data.contactLabels.some(
				(link) => link.contacts__id === contact._id && link.labels__id === label._id,
			)
		)
			return false;
		this.data.contactLabels.push({
			contacts__id: contact._id,
			labels__id: label._id,
			created_at: ts(at),
		});
		return true;
	}

	/**
	 * @param {ContactRecord} contact
	 * @param {LabelRecord} label
	 * @returns {boolean} whether it was there
	 */
	removeLabel(contact, label) {
		const before = this.data.contactLabels.length;
		this.data.contactLabels = this.data.contactLabels.filter(
			(link) => !(link.contacts__id === contact._id && link.labels__id === label._id),
		);
		return this.data.contactLabels.length !== before;
	}

	/**
	 * Comma-separated group titles as contact creation/update treats them: existing groups are returned for
	 * assignment; unknown titles are created as new groups but NOT returned (WhatsJet's bug, §7.2).
	 * Returns { groups } or { error } for a title over 255 characters.
	 * @param {unknown} csv
	 * @returns {{ groups: GroupRecord[], error?: string }}
	 */
	resolveGroupTitles(csv) {
		const titles = [...new Set(String(csv ?? '').split(','))].filter((title) => title !== '');
		if (!titles.length) return { groups: [] };
		const existing = this.groupsByTitles(titles);
		const known = existing.map((group) => group.title.toLowerCase());
		const missing = titles.filter((title) => !known.includes(title.toLowerCase()));
		if (missing.some((title) => title.length > 255))
			return { error: 'Group title should not be greater than 255 characters', groups: existing };
		for (const title of missing) this.createGroup(title);
		return { groups: existing };
	}

	/**
	 * Upserts custom field values by input name; unknown names are ignored. Returns whether anything changed.
	 * @param {ContactRecord} contact
	 * @param {unknown} values
	 */
	setCustomFieldValues(contact, values) {
		if (!values || typeof values !== 'object' || Array.isArray(values)) return false;
		let changed = false;
		for (const [name, value] of Object.entries(values)) {
			const field = this.data.customFields.find((item) => item.input_name === name);
			if (!field) continue;
			const existing = this.data.customFieldValues.find(
				(item) => item.contacts__id === contact._id && item.contact_custom_fields__id === field._id,
			);
			const text = value === null || value === undefined ? null : String(value);
			if (existing) {
				if (existing.field_value !== text) {
					existing.field_value = text;
					changed = true;
				}
			} else {
				this.data.customFieldValues.push({
					contacts__id: contact._id,
					contact_custom_fields__id: field._id,
					field_value: text,
				});
				changed = true;
			}
		}
		return changed;
	}

	/** @param {{ updated_at: string }} record */
	touch(record) {
		record.updated_at = ts();
	}

	/**
	 * Stores an outgoing message-log row.
	 * @param {object} message
	 * @param {ContactRecord} message.contact
	 * @param {MessageLogRecord['message_type']} message.type
	 * @param {string} [message.status]
	 * @param {number | null} [message.campaignId]
	 * @param {string | null} [message.fromPhoneNumberId]
	 * @param {unknown} [message.body]
	 * @param {LoggedMedia | null} [message.media]
	 * @param {LoggedTemplate | null} [message.template]
	 * @param {Record<string, unknown> | null} [message.interactive]
	 * @param {boolean} [message.isTestMessage]
	 * @param {string} [message.at] now when absent
	 * @returns {MessageLogRecord}
	 */
	addMessageLog({
		contact,
		type,
		status = 'accepted',
		campaignId = null,
		fromPhoneNumberId = null,
		body = null,
		media = null,
		template = null,
		interactive = null,
		isTestMessage = false,
		at,
	}) {
		/** @type {MessageLogRecord} */
		const log = {
			_id: this.nextId('messages'),
			_uid: crypto.randomUUID(),
			status,
			wamid: newWamid(contact.wa_id),
			message_type: type,
			is_incoming_message: false,
			contacts__id: contact._id,
			contact_uid: contact._uid,
			contact_wa_id: contact.wa_id,
			campaigns__id: campaignId,
			from_phone_number_id: fromPhoneNumberId,
			message: body,
			media,
			template,
			interactive,
			is_campaign_test_message: isTestMessage,
			vendors__id: VENDOR_ID,
			created_at: ts(at),
			updated_at: ts(at),
		};
		this.data.messages.push(log);
		return log;
	}

	/**
	 * @param {CampaignRecord} campaign
	 * @param {ContactRecord} contact
	 * @param {Record<string, unknown>} parameters
	 * @returns {CampaignQueueRecord}
	 */
	queueCampaignMessage(campaign, contact, parameters) {
		/** @type {CampaignQueueRecord} */
		const item = {
			_id: this.nextId('campaignQueue'),
			_uid: crypto.randomUUID(),
			// 1 queued, 2 failed in queue, 3 processing, 5 expired
			status: 1,
			campaigns__id: campaign._id,
			contacts__id: contact._id,
			phone_with_country_code: contact.wa_id,
			scheduled_at: campaign.scheduled_at,
			parameters,
			created_at: ts(),
			updated_at: ts(),
		};
		this.data.campaignQueue.push(item);
		return item;
	}

	/**
	 * Contacts added by seedContacts(n): stable numbers 917000000001, 917000000002, … (taken ones skipped).
	 * @param {number} count
	 */
	generateContacts(count) {
		/** @type {ContactRecord[]} */
		const added = [];
		// One set of the numbers taken, not a scan of the table per new contact: 10,000 contacts stay fast.
		const taken = new Set(this.data.contacts.map((contact) => contact.wa_id));
		while (added.length < count) {
			this.generated += 1;
			const seedContact = generatedContact(this.generated);
			if (taken.has(seedContact.wa_id)) continue;
			taken.add(seedContact.wa_id);
			added.push(
				this.createContact({
					first_name: seedContact.first_name,
					last_name: seedContact.last_name,
					wa_id: seedContact.wa_id,
					email: seedContact.email,
					language_code: seedContact.language_code,
					countries__id: countryIdByName(seedContact.country),
				}),
			);
		}
		return added;
	}

	// ── API shapes ───────────────────────────────────────────────────────────

	/**
	 * Get Contacts rows for a page of contacts (one pass over the link tables for the whole page).
	 * @param {ContactRecord[]} contacts
	 * @returns {ContactRow[]}
	 */
	contactRows(contacts) {
		const memberships = this.membershipsOf(contacts);
		return contacts.map((contact) => this.contactRow(contact, memberships));
	}

	/**
	 * A Get Contacts / Get Single Contact row (no internal JSON, no custom field values).
	 * @param {ContactRecord} contact
	 * @param {Memberships} [memberships]
	 * @returns {ContactRow}
	 */
	contactRow(contact, memberships = this.membershipsOf([contact])) {
		const full = `${contact.first_name ?? ''} ${contact.last_name ?? ''}`.trim();
		const initials =
			`${(contact.first_name ?? '').charAt(0)}${(contact.last_name ?? '').charAt(0)}`.toUpperCase();
		return {
			...contact,
			full_name: full,
			name_initials: initials,
			groups: (memberships.groups.get(contact._id) ?? []).map((group) => ({
				_id: group._id,
				_uid: group._uid,
				status: group.status,
				title: group.title,
				description: group.description,
				created_at: group.created_at,
				laravel_through_key: contact._id,
			})),
			labels: (memberships.labels.get(contact._id) ?? []).map((label) => ({
				_id: label._id,
				_uid: label._uid,
				status: label.status,
				title: label.title,
				created_at: label.created_at,
				laravel_through_key: contact._id,
			})),
		};
	}

	/**
	 * The overrides of a contact event webhook (webhooks.js) for this contact: its number and `contact` fields.
	 * @param {ContactRecord} contact
	 * @returns {import('./webhooks').WebhookOverrides}
	 */
	contactEvent(contact) {
		return {
			phoneNumber: contact.wa_id,
			contact: {
				uid: contact._uid,
				first_name: contact.first_name,
				last_name: contact.last_name,
				email: contact.email,
				language_code: contact.language_code,
				country: countryName(contact.countries__id),
			},
		};
	}

	/**
	 * Template parameter placeholders (§7.3) for one recipient.
	 * @param {ContactRecord} contact
	 * @returns {Record<string, string | null>}
	 */
	placeholders(contact) {
		return {
			first_name: contact.first_name ?? '',
			last_name: contact.last_name ?? '',
			full_name: `${contact.first_name ?? ''} ${contact.last_name ?? ''}`.trim(),
			phone_number: contact.wa_id ?? '',
			email: contact.email ?? '',
			country: countryName(contact.countries__id) ?? '',
			language_code: contact.language_code ?? '',
			assigned_team_member: '',
			...this.customValuesOf(contact),
		};
	}

	/**
	 * @template T
	 * @param {ContactRecord} contact
	 * @param {T} value
	 * @returns {T | string} strings get their placeholders replaced; anything else stays as it is
	 */
	resolvePlaceholders(contact, value) {
		if (typeof value !== 'string') return value;
		const values = this.placeholders(contact);
		return value.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name) =>
			Object.prototype.hasOwnProperty.call(values, name) ? String(values[name] ?? '') : whole,
		);
	}
}

module.exports = { Store, VENDOR_ID, OTHER_VENDOR_ID, newWamid, ts };
