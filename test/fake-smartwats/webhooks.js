// @ts-check
'use strict';
/**
 * Webhook calls as SmartWats (WhatsJet) makes them, per the API reference §31: one POST with a JSON body
 * `{contact, message, whatsapp_webhook_payload}`, no event-type field, no signature. Node built-ins only.
 *
 *   buildWebhookPayload(kind, overrides) → the body for one event kind (see KINDS)
 *   postWebhook(url, payload)            → POSTs it like SmartWats does; resolves { status, body }
 *
 * Overrides: the camelCase keys below change a value everywhere it appears (SmartWats' fields and the raw Meta
 * body alike); any other key is deep-merged into the finished body as-is (objects merge, arrays and scalars
 * replace), e.g. `{ message: { body: 'x' } }` or `{ whatsapp_webhook_payload: [] }`.
 *   phoneNumber, profileName, contact (merged into `contact`), text, whatsappMessageId, repliedToMessageId,
 *   businessPhoneNumberId, timestamp (Unix seconds), replyId, replyTitle, caption, link, location, errors,
 *   mediaFile (a name from media.js's catalogue, e.g. 'missing.jpg'), mediaBaseUrl (where the catalogue is served,
 *   e.g. sim.mediaBaseUrl; the link is `${mediaBaseUrl}/${mediaFile}`)
 */
const crypto = require('node:crypto');
const http = require('node:http');
const https = require('node:https');

const { describeMedia, DEFAULT_FILE_FOR_KIND } = require('./media');

/** Incoming media messages whose `link` points at a file of the simulator's catalogue (media.js). */
const MEDIA_KINDS = /** @type {const} */ ([
	'image',
	'video',
	'audio',
	'voice',
	'document',
	'sticker',
]);

/** The original event kinds (WEBHOOK_KINDS); buildWebhookPayload also takes the MEDIA_KINDS. */
const EVENT_KINDS = /** @type {const} */ ([
	'incoming_text',
	'button_reply',
	'list_reply',
	'template_button_reply',
	'media',
	'location',
	'status_sent',
	'status_delivered',
	'status_read',
	'status_failed',
	'contact_created',
	'contact_updated',
]);

/** @typedef {(typeof EVENT_KINDS)[number]} WebhookKind */
/** @typedef {(typeof MEDIA_KINDS)[number]} MediaWebhookKind */
/** @typedef {WebhookKind | MediaWebhookKind} AnyWebhookKind */

/** @type {readonly string[]} */
const KINDS = [...EVENT_KINDS, ...MEDIA_KINDS];

/**
 * @typedef {object} MetaError
 * @property {number} code
 * @property {string} title
 * @property {string} message
 * @property {{ details: string }} [error_data]
 * @property {string} [href]
 */

/**
 * The `contact` of every payload.
 * @typedef {object} WebhookContact
 * @property {string} status 'new', 'updated' or 'existing'
 * @property {string} phone_number
 * @property {string} uid
 * @property {string | null} first_name
 * @property {string | null} last_name
 * @property {string | null} email
 * @property {string | null} language_code
 * @property {string | null} country
 */

/**
 * SmartWats' copy of an incoming file (§31).
 * @typedef {object} WebhookMedia
 * @property {string} type
 * @property {string} link
 * @property {string | null} caption
 * @property {string} mime_type
 * @property {string} file_name
 * @property {string | null} original_filename
 */

/**
 * The `message` of an incoming message or a status event.
 * @typedef {object} WebhookMessage
 * @property {string} whatsapp_business_phone_number_id
 * @property {string} whatsapp_message_id
 * @property {string | null} replied_to_whatsapp_message_id
 * @property {boolean} is_new_message
 * @property {string | null} body
 * @property {string | null} status
 * @property {WebhookMedia | [] | null} media `[]` for other incoming messages, null for status events
 */

/**
 * What SmartWats POSTs (§31.2). Contact events have `message: []` and `whatsapp_webhook_payload: []`.
 * @typedef {object} WebhookPayload
 * @property {WebhookContact} contact
 * @property {MetaWebhookBody | []} whatsapp_webhook_payload the raw Meta webhook body
 * @property {WebhookMessage | []} message
 */

/**
 * The camelCase keys change a value everywhere it appears (SmartWats' fields and the raw Meta body alike); any
 * other key is deep-merged into the finished body (objects merge, arrays and scalars replace).
 * @typedef {object} WebhookOverrides
 * @property {string} [phoneNumber]
 * @property {string} [profileName] WhatsApp profile name; SmartWats derives the contact's names from it
 *   (leading-space last name)
 * @property {{ [K in keyof WebhookContact]?: WebhookContact[K] | null }} [contact] merged into `contact`
 * @property {string} [text]
 * @property {string} [whatsappMessageId]
 * @property {string | null} [repliedToMessageId]
 * @property {string} [businessPhoneNumberId]
 * @property {string | number} [timestamp] Unix seconds
 * @property {string} [replyId] `button_reply.id`, `list_reply.id` (the row_id) or a template button's payload
 * @property {string} [replyTitle]
 * @property {string} [caption]
 * @property {string} [link] the media link as a whole (wins over mediaFile and mediaBaseUrl)
 * @property {string} [mediaFile] media kinds: a file of the catalogue (media.js), e.g. 'photo.png', 'missing.jpg';
 *   sets link, file_name, mime_type, the document's name and Meta's sha256
 * @property {string} [mediaBaseUrl] media kinds: where the catalogue is served, e.g. `sim.mediaBaseUrl`
 * @property {Partial<{ latitude: number, longitude: number, name: string, address: string }>} [location]
 * @property {MetaError[]} [errors] Meta errors of a failed status
 */

/** @typedef {WebhookOverrides & Record<string, unknown>} AnyOverrides */

/**
 * The overrides with the defaults filled in.
 * @typedef {WebhookOverrides & { phoneNumber: string, profileName: string, businessPhoneNumberId: string,
 *   whatsappMessageId: string, repliedToMessageId: string | null, timestamp: string }} Resolved
 */

/** @type {readonly string[]} */
const SEMANTIC_KEYS = [
	'phoneNumber',
	'profileName',
	'contact',
	'text',
	'whatsappMessageId',
	'repliedToMessageId',
	'businessPhoneNumberId',
	'timestamp',
	'replyId',
	'replyTitle',
	'caption',
	'link',
	'mediaFile',
	'mediaBaseUrl',
	'location',
	'errors',
];

const DEFAULTS = {
	phoneNumber: '919876543210',
	profileName: 'Johan Doe',
	businessPhoneNumberId: '123456789012345',
	displayPhoneNumber: '15550001234',
	wabaId: '102290129340398',
	contactUid: '5f3a9c1e-7b2d-4e8a-9c4f-1a2b3c4d5e6f',
	vendorUid: '0b7c1f1e-5a4e-4c2b-9a61-3f0e2d8c7a10',
	appUrl: 'https://app.smartwats.com',
};

const DEFAULT_MEDIA_BASE_URL = `${DEFAULTS.appUrl}/media-storage/vendors/${DEFAULTS.vendorUid}/whatsapp_media/received`;

/** @type {Record<string, string>} */
const DEFAULT_CAPTIONS = {
	image: 'Scratch on the front door',
	video: 'Parcel left at the door',
	document: 'Invoice for order 1001',
};

const FAILED_ERROR = {
	code: 131047,
	title: 'Re-engagement message',
	message: 'Re-engagement message',
	error_data: {
		details:
			'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
	},
	href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
};

function wamid() {
	return `wamid.HBgM${crypto
		.randomBytes(24)
		.toString('base64')
		.replace(/[^A-Za-z0-9]/g, 'A')}`;
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isPlainObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @param {unknown} target
 * @param {unknown} patch
 * @returns {unknown}
 */
function deepMerge(target, patch) {
	if (!isPlainObject(target) || !isPlainObject(patch)) return patch;
	/** @type {Record<string, unknown>} */
	const result = { ...target };
	for (const [key, value] of Object.entries(patch)) result[key] = deepMerge(result[key], value);
	return result;
}

/**
 * SmartWats names a contact created from an incoming message after the WhatsApp profile: the first word becomes
 * the first name, and the last name is the profile name with that word replaced by a space (PHP str_replace,
 * every occurrence), hence "Johan Doe" → "Johan" + "  Doe", and "Johan" → "Johan" + " ".
 * @param {string} profileName
 */
function namesFromProfile(profileName) {
	const firstName = profileName.split(' ')[0];
	return {
		first_name: firstName,
		last_name: firstName === '' ? profileName : profileName.split(firstName).join(' '),
	};
}

/**
 * @param {AnyWebhookKind} kind
 * @param {Resolved} o
 * @returns {WebhookContact}
 */
function contactFor(kind, o) {
	/** @type {WebhookContact} */
	const base = {
		status: 'existing',
		phone_number: o.phoneNumber,
		uid: DEFAULTS.contactUid,
		...namesFromProfile(o.profileName),
		email: null,
		language_code: 'en',
		country: 'India',
	};
	if (kind === 'contact_created' || kind === 'contact_updated') {
		// Created or updated through the API: the names are what the API caller sent, without the profile quirk.
		Object.assign(base, {
			status: kind === 'contact_created' ? 'new' : 'updated',
			first_name: 'Johan',
			last_name: 'Doe',
			email: 'johndoe@example.com',
		});
	}
	return /** @type {WebhookContact} */ ({ ...base, ...(o.contact ?? {}) });
}

/**
 * Meta's webhook body, as SmartWats passes it on raw in `whatsapp_webhook_payload`: one entry, one change,
 * incoming `messages` (with the sender in `contacts`) or `statuses`. A message or status holds what its type has.
 * @typedef {object} MetaWebhookBody
 * @property {string} object
 * @property {Array<{ id: string, changes: Array<{ value: MetaChange, field: string }> }>} entry
 */
/**
 * @typedef {{ messaging_product: string, metadata: { display_phone_number: string, phone_number_id: string },
 *   contacts?: Array<{ profile: { name: string }, wa_id: string }>, messages?: Array<Record<string, unknown>>,
 *   statuses?: Array<Record<string, unknown>> }} MetaChange
 */

/**
 * @param {{ phoneNumberId: string, rest: Pick<MetaChange, 'contacts' | 'messages' | 'statuses'> }} value
 * @returns {MetaWebhookBody}
 */
function metaBody(value) {
	return {
		object: 'whatsapp_business_account',
		entry: [
			{
				id: DEFAULTS.wabaId,
				changes: [
					{
						value: {
							messaging_product: 'whatsapp',
							metadata: {
								display_phone_number: DEFAULTS.displayPhoneNumber,
								phone_number_id: value.phoneNumberId,
							},
							...value.rest,
						},
						field: 'messages',
					},
				],
			},
		],
	};
}

/** @typedef {{ raw: Record<string, unknown>, body: string | null, media: WebhookMedia | [] }} Incoming */

/**
 * The raw Meta message and SmartWats' `body`/`media` for each incoming kind.
 * @param {AnyWebhookKind} kind
 * @param {Resolved} o
 * @returns {Incoming | undefined}
 */
function incoming(kind, o) {
	const context = o.repliedToMessageId
		? { context: { from: DEFAULTS.displayPhoneNumber, id: o.repliedToMessageId } }
		: {};
	const common = {
		...context,
		from: o.phoneNumber,
		id: o.whatsappMessageId,
		timestamp: o.timestamp,
	};
	switch (kind) {
		case 'incoming_text': {
			const body = o.text ?? 'Hi, where is my order?';
			return { raw: { ...common, type: 'text', text: { body } }, body, media: [] };
		}
		case 'button_reply': {
			const id = o.replyId ?? 'button-id1';
			const title = o.replyTitle ?? 'Track order';
			return {
				raw: {
					...common,
					type: 'interactive',
					interactive: { type: 'button_reply', button_reply: { id, title } },
				},
				body: title,
				media: [],
			};
		}
		case 'list_reply': {
			const id = o.replyId ?? 'oil-1';
			const title = o.replyTitle ?? 'Oak oil';
			return {
				raw: {
					...common,
					type: 'interactive',
					interactive: { type: 'list_reply', list_reply: { id, title, description: 'Premium' } },
				},
				body: title,
				media: [],
			};
		}
		case 'template_button_reply': {
			const payload = o.replyId ?? 'Yes, confirm';
			const text = o.replyTitle ?? 'Yes, confirm';
			return {
				raw: { ...common, type: 'button', button: { payload, text } },
				body: text,
				media: [],
			};
		}
		case 'media': {
			const caption = o.caption ?? 'Scratch on the front door';
			const mediaId = String(crypto.randomInt(1e14, 2e14) * 10 + crypto.randomInt(10));
			const fileName = `${crypto.randomUUID()}.jpeg`;
			return {
				raw: {
					...common,
					type: 'image',
					image: {
						caption,
						mime_type: 'image/jpeg',
						sha256: crypto.randomBytes(32).toString('base64'),
						id: mediaId,
					},
				},
				body: null,
				media: {
					type: 'image',
					link:
						o.link ??
						`${DEFAULTS.appUrl}/media-storage/vendors/${DEFAULTS.vendorUid}/whatsapp_media/received/${fileName}`,
					caption,
					mime_type: 'image/jpeg',
					file_name: fileName,
					original_filename: null,
				},
			};
		}
		case 'image':
		case 'video':
		case 'audio':
		case 'voice':
		case 'document':
		case 'sticker':
			return mediaMessage(kind, o, common);
		case 'location': {
			const location = {
				latitude: 19.0759837,
				longitude: 72.8776559,
				name: 'Gateway of India',
				address: 'Apollo Bandar, Colaba, Mumbai, Maharashtra 400001',
				...(o.location ?? {}),
			};
			return { raw: { ...common, type: 'location', location }, body: null, media: [] };
		}
		default:
			return undefined;
	}
}

/**
 * An incoming media message as Meta sends it (`image`, `video`, `audio` with `voice: true` for a voice note,
 * `document` with the customer's file name, `sticker`) and as SmartWats passes it on: `media.link` to its stored
 * copy, here a file of the simulator's catalogue; `sha256` is that file's real hash.
 * @param {MediaWebhookKind} kind
 * @param {Resolved} o
 * @param {Record<string, unknown>} common
 * @returns {Incoming}
 */
function mediaMessage(kind, o, common) {
	const name = o.mediaFile ?? DEFAULT_FILE_FOR_KIND[kind];
	const usual = /** @type {import('./media').MediaDescription} */ (
		describeMedia(DEFAULT_FILE_FOR_KIND[kind])
	);
	// An unknown name is a broken link to a file of the kind's usual type.
	const file = describeMedia(name) ?? { ...usual, sha256: null, originalFilename: null };
	const type = kind === 'voice' ? 'audio' : kind;
	const caption = DEFAULT_CAPTIONS[kind] ? (o.caption ?? DEFAULT_CAPTIONS[kind]) : null;
	const originalFilename = kind === 'document' ? (file.originalFilename ?? name) : null;
	const meta = {
		...(caption === null ? {} : { caption }),
		...(kind === 'document' ? { filename: originalFilename } : {}),
		mime_type: file.mimeType,
		sha256: file.sha256 ?? crypto.randomBytes(32).toString('base64'),
		id: String(crypto.randomInt(1e14, 2e14) * 10 + crypto.randomInt(10)),
		...(type === 'audio' ? { voice: kind === 'voice' } : {}),
		...(kind === 'sticker' ? { animated: false } : {}),
	};
	return {
		raw: { ...common, type, [type]: meta },
		body: null,
		media: {
			type,
			link: o.link ?? `${o.mediaBaseUrl ?? DEFAULT_MEDIA_BASE_URL}/${encodeURIComponent(name)}`,
			caption,
			mime_type: file.mimeType,
			file_name: name,
			original_filename: originalFilename,
		},
	};
}

/**
 * @param {AnyWebhookKind} kind
 * @param {Resolved} o
 */
function status(kind, o) {
	const value = kind.slice('status_'.length);
	/** @type {Record<string, unknown>} */
	const raw = {
		id: o.whatsappMessageId,
		status: value,
		timestamp: o.timestamp,
		recipient_id: o.phoneNumber,
	};
	if (value === 'failed') {
		raw.errors = o.errors ?? [FAILED_ERROR];
	} else {
		raw.conversation = {
			id: crypto.randomBytes(16).toString('hex'),
			...(value === 'sent' ? { expiration_timestamp: String(Number(o.timestamp) + 86400) } : {}),
			origin: { type: 'utility' },
		};
		raw.pricing = { billable: true, pricing_model: 'PMP', category: 'utility', type: 'regular' };
	}
	return { raw, value };
}

/**
 * The body SmartWats POSTs for one event of the given kind. Throws for an unknown kind.
 * @param {AnyWebhookKind} kind
 * @param {AnyOverrides} [overrides]
 * @returns {WebhookPayload}
 */
function buildWebhookPayload(kind, overrides = {}) {
	if (!KINDS.includes(kind))
		throw new Error(`Unknown webhook kind "${kind}". Known kinds: ${KINDS.join(', ')}`);
	/** @type {Record<string, unknown>} */
	const semantic = {};
	/** @type {Record<string, unknown>} */
	const patch = {};
	for (const [key, value] of Object.entries(overrides ?? {})) {
		(SEMANTIC_KEYS.includes(key) ? semantic : patch)[key] = value;
	}
	/** @type {Resolved} */
	const o = {
		phoneNumber: DEFAULTS.phoneNumber,
		profileName: DEFAULTS.profileName,
		businessPhoneNumberId: DEFAULTS.businessPhoneNumberId,
		whatsappMessageId: wamid(),
		repliedToMessageId: ['button_reply', 'list_reply', 'template_button_reply'].includes(kind)
			? wamid()
			: null,
		timestamp: String(Math.floor(Date.now() / 1000)),
		...semantic,
	};
	if (o.timestamp !== undefined) o.timestamp = String(o.timestamp);

	// dispatchVendorWebhook() merges the payload over {contact, whatsapp_webhook_payload}: that key order, then message.
	/** @type {WebhookPayload} */
	let payload;
	if (kind === 'contact_created' || kind === 'contact_updated') {
		payload = { contact: contactFor(kind, o), whatsapp_webhook_payload: [], message: [] };
	} else if (kind.startsWith('status_')) {
		const { raw, value } = status(kind, o);
		payload = {
			contact: contactFor(kind, o),
			whatsapp_webhook_payload: metaBody({
				phoneNumberId: o.businessPhoneNumberId,
				rest: { statuses: [raw] },
			}),
			message: {
				whatsapp_business_phone_number_id: o.businessPhoneNumberId,
				whatsapp_message_id: o.whatsappMessageId,
				replied_to_whatsapp_message_id: null,
				is_new_message: false,
				body: null,
				status: value,
				media: null,
			},
		};
	} else {
		const { raw, body, media } = /** @type {Incoming} */ (incoming(kind, o));
		payload = {
			contact: contactFor(kind, o),
			whatsapp_webhook_payload: metaBody({
				phoneNumberId: o.businessPhoneNumberId,
				rest: {
					contacts: [{ profile: { name: o.profileName }, wa_id: o.phoneNumber }],
					messages: [raw],
				},
			}),
			message: {
				whatsapp_business_phone_number_id: o.businessPhoneNumberId,
				whatsapp_message_id: o.whatsappMessageId,
				replied_to_whatsapp_message_id: o.repliedToMessageId,
				is_new_message: true,
				body,
				status: null,
				media,
			},
		};
	}
	return /** @type {WebhookPayload} */ (deepMerge(payload, patch));
}

/**
 * POSTs a payload the way SmartWats does (Laravel's HTTP client: JSON body, ~30 s timeout, no auth, no retry).
 * Resolves { status, body } with the body parsed as JSON when it is JSON; rejects only on network failures (and
 * when `signal` aborts).
 * @param {string} url
 * @param {unknown} payload
 * @param {{ signal?: AbortSignal }} [options]
 * @returns {Promise<{ status: number, body: unknown }>}
 */
function postWebhook(url, payload, { signal } = {}) {
	const target = new URL(url);
	const client = target.protocol === 'https:' ? https : http;
	const data = Buffer.from(JSON.stringify(payload), 'utf8');
	return new Promise((resolve, reject) => {
		const request = client.request(
			target,
			{
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					'Content-Length': data.length,
					'User-Agent': 'GuzzleHttp/7',
				},
				timeout: 30000,
				signal,
			},
			(response) => {
				/** @type {Buffer[]} */
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					/** @type {unknown} */
					let body = text;
					try {
						body = text === '' ? '' : JSON.parse(text);
					} catch {
						// Not JSON: keep the text.
					}
					resolve({ status: Number(response.statusCode), body });
				});
				response.on('error', reject);
			},
		);
		request.on('timeout', () =>
			request.destroy(new Error(`Webhook call to ${url} timed out after 30 s`)),
		);
		request.on('error', reject);
		request.end(data);
	});
}

module.exports = {
	buildWebhookPayload,
	postWebhook,
	WEBHOOK_KINDS: EVENT_KINDS,
	MEDIA_WEBHOOK_KINDS: MEDIA_KINDS,
};
