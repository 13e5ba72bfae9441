/**
 * Pure helpers of the SmartWats Trigger: recognise what a SmartWats webhook call is about and turn its body into
 * one flat item. SmartWats (WhatsJet) sends no event-type field, so the event is read from the body's shape
 * (API reference §31.2). Nothing here touches n8n; the node file only wires these into `webhook()`.
 */
import type { IDataObject } from 'n8n-workflow';

/** The `event` field of an output item. */
export type SmartWatsEvent =
	| 'message.received'
	| 'message.status'
	| 'contact.created'
	| 'contact.updated';

/** The message statuses WhatsApp reports and SmartWats forwards. */
export const MESSAGE_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (typeof value === 'number') return String(value);
	return null;
}

function number(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
		return Number(value);
	return null;
}

/** What a call is about: one of the node's events, or why it starts nothing. */
export type Classification = { event: SmartWatsEvent } | { ignored: string };

const CONTACT_STATUSES = ['new', 'updated', 'existing'];
const CONTACT_TEXT_FIELDS = ['first_name', 'last_name', 'email', 'language_code', 'country'];
const MESSAGE_TEXT_FIELDS = [
	'whatsapp_business_phone_number_id',
	'replied_to_whatsapp_message_id',
	'body',
	'status',
];
const MEDIA_TEXT_FIELDS = [
	'type',
	'link',
	'caption',
	'mime_type',
	'file_name',
	'original_filename',
];

const isFilled = (value: unknown) => typeof value === 'string' && value.trim() !== '';
/** Fields the contract types as string/null; PHP always sends them, but a missing one means the same as null. */
const isTextOrNull = (value: unknown) =>
	value === undefined || value === null || typeof value === 'string';
const isEmptyList = (value: unknown) => Array.isArray(value) && value.length === 0;

function notAnEvent(why: string): Classification {
	return { ignored: `Not a SmartWats event: ${why}` };
}

/** The first field of `value` (named `path`) that does not have the contract's type, if any. */
function wrongTextField(value: IDataObject, fields: string[], path: string): string | undefined {
	const field = fields.find((name) => !isTextOrNull(value[name]));
	return field === undefined ? undefined : `${path}.${field} is not text`;
}

function contactDefect(contact: unknown): string | undefined {
	if (!isObject(contact)) return 'contact is not an object';
	if (!isFilled(contact.uid)) return 'contact.uid is missing';
	if (!isFilled(contact.phone_number)) return 'contact.phone_number is missing';
	if (!CONTACT_STATUSES.includes(contact.status as string))
		return 'contact.status is not new, updated or existing';
	return wrongTextField(contact, CONTACT_TEXT_FIELDS, 'contact');
}

function messageDefect(message: IDataObject): string | undefined {
	if (!isFilled(message.whatsapp_message_id)) return 'message.whatsapp_message_id is missing';
	if (typeof message.is_new_message !== 'boolean')
		return 'message.is_new_message is not true or false';
	// An object for incoming media, [] for other incoming messages, null for status updates.
	const media = message.media;
	if (isObject(media)) {
		const mediaIssue = wrongTextField(media, MEDIA_TEXT_FIELDS, 'message.media');
		if (mediaIssue) return mediaIssue;
	} else if (!(media === undefined || media === null || isEmptyList(media))) {
		return 'message.media is not an object, [] or null';
	}
	return wrongTextField(message, MESSAGE_TEXT_FIELDS, 'message');
}

/**
 * Which event a webhook body describes, strictly as the API reference §31.2 recognises them (SmartWats sends no
 * event-type field, no signature and no retries, so the body's shape is all there is):
 *   incoming message  `message.is_new_message` true and `message.status` null;
 *   status update     `is_new_message` false, `status` sent/delivered/read/failed and `body` null;
 *   contact event     `message` and `whatsapp_webhook_payload` both `[]`, `contact.status` new or updated.
 * Every call also needs a contact with `uid` and `phone_number`, a message a `whatsapp_message_id`, and each field
 * the contract's type. Anything else (another sender's body, a form or XML post, a field of the wrong type) is not
 * an event: it would start the workflow with a half-empty item. The echo of a message sent from the WhatsApp
 * Business app (`is_new_message` false, no status) is an event the node does not offer.
 */
export function classifyPayload(body: unknown): Classification {
	if (!isObject(body)) return notAnEvent('the body is not a JSON object');
	const contactIssue = contactDefect(body.contact);
	if (contactIssue) return notAnEvent(contactIssue);
	const contact = body.contact as IDataObject;
	const { message, whatsapp_webhook_payload: raw } = body;

	// Contact events (API create/update): PHP encodes the empty message and raw payload as [] rather than {}.
	if (Array.isArray(message)) {
		if (message.length > 0) return notAnEvent('message is a non-empty list');
		if (!isEmptyList(raw))
			return notAnEvent('a contact event whose whatsapp_webhook_payload is not []');
		if (contact.status === 'new') return { event: 'contact.created' };
		if (contact.status === 'updated') return { event: 'contact.updated' };
		return notAnEvent('a contact event whose contact.status is not new or updated');
	}
	if (!isObject(message)) return notAnEvent('message is neither an object nor []');
	const messageIssue = messageDefect(message);
	if (messageIssue) return notAnEvent(messageIssue);
	if (!isObject(raw)) return notAnEvent('whatsapp_webhook_payload is not an object');

	const status = message.status ?? null;
	if (message.is_new_message) {
		if (status !== null) return notAnEvent('a new message with a status');
		return { event: 'message.received' };
	}
	if (status === null)
		return { ignored: 'The echo of a message sent from the WhatsApp Business app' };
	if (!(MESSAGE_STATUSES as readonly unknown[]).includes(status))
		return notAnEvent('message.status is not sent, delivered, read or failed');
	if ((message.body ?? null) !== null) return notAnEvent('a status update with a message body');
	return { event: 'message.status' };
}

interface RawMatch {
	/** The matching element of `messages[]` or `statuses[]`. */
	item: IDataObject;
	/** The `changes[].value` that holds it (metadata, contacts). */
	value: IDataObject;
}

/**
 * Finds the raw Meta message or status this call is about. Meta may batch several in one webhook body, and
 * SmartWats forwards that whole body with each of them, so match on the wamid and fall back to the first one.
 */
function findRaw(
	raw: unknown,
	list: 'messages' | 'statuses',
	id: string | null,
): RawMatch | undefined {
	if (!isObject(raw) || !Array.isArray(raw.entry)) return undefined;
	let first: RawMatch | undefined;
	for (const entry of raw.entry) {
		if (!isObject(entry) || !Array.isArray(entry.changes)) continue;
		for (const change of entry.changes) {
			if (!isObject(change) || !isObject(change.value)) continue;
			const value = change.value;
			const items = value[list];
			if (!Array.isArray(items)) continue;
			for (const item of items) {
				if (!isObject(item)) continue;
				if (id !== null && item.id === id) return { item, value };
				first ??= { item, value };
			}
		}
	}
	return first;
}

function reply(rawMessage: IDataObject | undefined): {
	replyId: string | null;
	replyTitle: string | null;
} {
	const none = { replyId: null, replyTitle: null };
	if (!rawMessage) return none;
	// Interactive replies: button-idN for reply buttons, the row_id for list rows.
	const interactive = rawMessage.interactive;
	if (isObject(interactive)) {
		const picked = isObject(interactive.button_reply)
			? interactive.button_reply
			: isObject(interactive.list_reply)
				? interactive.list_reply
				: undefined;
		if (picked) return { replyId: text(picked.id), replyTitle: text(picked.title) };
	}
	// Quick-reply buttons of templates arrive as type "button".
	const button = rawMessage.button;
	if (isObject(button)) return { replyId: text(button.payload), replyTitle: text(button.text) };
	return none;
}

function media(message: IDataObject): IDataObject | null {
	// `[]` for messages without media, null for status events.
	const value = message.media;
	if (!isObject(value)) return null;
	return {
		type: text(value.type),
		link: text(value.link),
		caption: text(value.caption),
		mimeType: text(value.mime_type),
		fileName: text(value.original_filename) ?? text(value.file_name),
	};
}

function location(rawMessage: IDataObject | undefined): IDataObject | null {
	const value = rawMessage?.location;
	if (!isObject(value)) return null;
	return {
		latitude: number(value.latitude),
		longitude: number(value.longitude),
		name: text(value.name),
		address: text(value.address),
	};
}

function errors(rawStatus: IDataObject | undefined, status: string | null): IDataObject[] | null {
	const list = rawStatus?.errors;
	if (Array.isArray(list) && list.length > 0) {
		return list.filter(isObject).map((error) => ({
			code: number(error.code),
			title: text(error.title),
			message: text(error.message),
			details: isObject(error.error_data) ? text(error.error_data.details) : null,
			href: text(error.href),
		}));
	}
	return status === 'failed' ? [] : null;
}

/** Meta sends Unix seconds as strings. */
function isoTime(seconds: unknown): string | null {
	const value = number(seconds);
	if (value === null) return null;
	const date = new Date(value * 1000);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function contact(value: IDataObject): IDataObject {
	return {
		uid: text(value.uid),
		firstName: text(value.first_name)?.trim() ?? null,
		// Names taken from the WhatsApp profile keep the space SmartWats puts where the first name was ("  Doe").
		lastName: text(value.last_name)?.trim() ?? null,
		email: text(value.email),
		languageCode: text(value.language_code),
		country: text(value.country),
		status: text(value.status),
	};
}

export interface NormalizeOptions {
	/** Adds the body under `raw`. */
	includeRaw?: boolean;
	/** Used as `timestamp` when the body has none (contact events). */
	receivedAt?: Date;
}

/** Turns a classified SmartWats webhook body into the node's output item. */
export function normalizePayload(
	event: SmartWatsEvent,
	body: IDataObject,
	options: NormalizeOptions = {},
): IDataObject {
	const contactData = isObject(body.contact) ? body.contact : {};
	const message = isObject(body.message) ? body.message : undefined;
	const whatsappMessageId = message ? text(message.whatsapp_message_id) : null;
	const status = event === 'message.status' && message ? text(message.status) : null;

	const rawMatch =
		event === 'message.received'
			? findRaw(body.whatsapp_webhook_payload, 'messages', whatsappMessageId)
			: event === 'message.status'
				? findRaw(body.whatsapp_webhook_payload, 'statuses', whatsappMessageId)
				: undefined;
	const rawMessage = event === 'message.received' ? rawMatch?.item : undefined;
	const rawStatus = event === 'message.status' ? rawMatch?.item : undefined;
	const metadataValue = rawMatch?.value.metadata;
	const metadata = isObject(metadataValue) ? metadataValue : undefined;

	let messageText = message && event === 'message.received' ? text(message.body) : null;
	if (messageText === null && rawMessage && isObject(rawMessage.text))
		messageText = text(rawMessage.text.body);

	const item: IDataObject = {
		event,
		phoneNumber:
			text(contactData.phone_number) ?? text(rawMessage?.from) ?? text(rawStatus?.recipient_id),
		contact: contact(contactData),
		whatsappMessageId,
		repliedToMessageId: message ? text(message.replied_to_whatsapp_message_id) : null,
		businessPhoneNumberId:
			(message ? text(message.whatsapp_business_phone_number_id) : null) ??
			text(metadata?.phone_number_id),
		text: messageText,
		messageType: text(rawMessage?.type),
		...reply(rawMessage),
		media: message && event === 'message.received' ? media(message) : null,
		location: location(rawMessage),
		status,
		errors: event === 'message.status' ? errors(rawStatus, status) : null,
		timestamp:
			isoTime(rawMatch?.item.timestamp) ?? (options.receivedAt ?? new Date()).toISOString(),
	};
	if (options.includeRaw) item.raw = body;
	return item;
}
