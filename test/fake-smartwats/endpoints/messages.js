// @ts-check
'use strict';
/**
 * Send Message (§10), Send Media Message (§11), Send Interactive Message (§22) and Get Message Status (§26).
 */
const { ok, failed, json, envelope, ServerError } = require('../http-util');
const { validate } = require('../validation');
const { isPhpArray, phpValues, phpTruthy, phpString } = require('../input');
const {
	META_ERRORS,
	metaFailure,
	sendGates,
	sendData,
	findOrCreateContact,
	senderNumber,
	recipientRefusal,
	metaWithoutMessageId,
	takeCanonicalWaId,
} = require('./common');

/** @typedef {import('./index').Context} Context */

/**
 * Text and media sends: the contact (auto-created), the sending number (last one used, else default), Meta's
 * refusals.
 * @param {Context} ctx
 */
function freeFormRecipient(ctx) {
	const found = findOrCreateContact(ctx);
	if (found.response) return found;
	const { contact } = found;
	const sender = senderNumber(ctx, contact, { lastMessageFallback: true });
	if (sender.response) return sender;
	const refused = recipientRefusal(ctx, contact) ?? metaWithoutMessageId(ctx, contact);
	if (refused) return { response: refused };
	return { contact, sender };
}

/** @param {Context} ctx */
function sendMessage(ctx) {
	const gate = sendGates(ctx);
	if (gate) return gate;
	validate(ctx.input, [
		['phone_number', 'required'],
		['message_body', 'required'],
	]);
	const recipient = freeFormRecipient(ctx);
	if (recipient.response) return recipient.response;
	const { contact, sender } = recipient;
	const log = ctx.store.addMessageLog({
		contact,
		type: 'text',
		body: ctx.input.message_body,
		fromPhoneNumberId: sender.id,
	});
	takeCanonicalWaId(ctx.settings, contact, log);
	return ok('Message processed', sendData(log, contact));
}

/** @param {Context} ctx */
function sendMedia(ctx) {
	const gate = sendGates(ctx);
	if (gate) return gate;
	const { input } = ctx;
	validate(input, [
		['phone_number', 'required'],
		['media_type', 'required|in:image,video,document,audio'],
		['media_url', 'required|url'],
	]);
	const recipient = freeFormRecipient(ctx);
	if (recipient.response) return recipient.response;
	const { contact, sender } = recipient;
	// Both validated: one of the four types, and a URL.
	const type = phpString(input.media_type);
	const media = {
		type,
		link: phpString(input.media_url),
		// Captions go with image, video and document; audio has none. The file name only with documents.
		caption: type === 'audio' ? null : (input.caption ?? null),
		file_name: type === 'document' ? (input.file_name ?? null) : null,
	};
	const log = ctx.store.addMessageLog({
		contact,
		type: 'media',
		body: media.caption,
		media,
		fromPhoneNumberId: sender.id,
	});
	takeCanonicalWaId(ctx.settings, contact, log);
	return ok('Message processed', sendData(log, contact));
}

/** §3.3: the UI's envelope leaks out for duplicate reply-button labels. */
const DUPLICATE_BUTTONS = {
	response_token: 0,
	reaction: 3,
	incident: null,
	client_models: [],
	data: { message: 'Buttons labels should be unique.' },
};

/** @param {Context} ctx */
function sendInteractive(ctx) {
	const gate = sendGates(ctx);
	if (gate) return gate;
	const { input, store } = ctx;
	const type = input.interactive_type;
	/** @type {Array<[string, string]>} */
	const rules = [['phone_number', 'required']];
	if (type === 'cta_url') {
		rules.push(['cta_url.display_text', 'required|min:1|max:20'], ['cta_url.url', 'required']);
	} else if (type === 'list') {
		rules.push(
			['list_data', 'required|array'],
			['list_data.button_text', 'required|string'],
			['list_data.sections', 'required|array'],
			['list_data.sections.*.title', 'required|string'],
			['list_data.sections.*.id', 'required|string'],
			['list_data.sections.*.rows', 'required|array'],
			['list_data.sections.*.rows.*.id', 'required|string'],
			['list_data.sections.*.rows.*.row_id', 'required|string'],
			['list_data.sections.*.rows.*.title', 'required|string'],
			['list_data.sections.*.rows.*.description', 'required|string'],
		);
	} else {
		// Any other type is treated as reply buttons. The uniqueness check runs before validation, on whatever
		// `buttons` is: array_filter() of a missing/string value, or array_unique() over nested arrays, is a PHP error.
		rules.push(
			['buttons.1', 'required|min:1|max:20'],
			['buttons.2', 'nullable|min:1|max:20'],
			['buttons.3', 'nullable|min:1|max:20'],
		);
		if (!isPhpArray(input.buttons))
			throw new ServerError('array_filter(): Argument #1 ($array) must be of type array');
		const labels = phpValues(input.buttons).filter(phpTruthy);
		if (labels.some(isPhpArray)) throw new ServerError('Array to string conversion');
		const strings = labels.map(phpString);
		if (new Set(strings).size !== strings.length) return json(200, DUPLICATE_BUTTONS);
	}
	if (input.header_type === 'text') rules.push(['header_text', 'required']);
	validate(input, rules);

	// The auto-create routine is called with an array instead of the request here, and crashes (§22).
	const contact = store.contactByWaId(input.phone_number);
	if (!contact)
		throw new ServerError(
			'createAContactForApiRequest(): Argument #1 ($request) must be a request, array given',
		);
	// from_phone_number_id is removed from the payload: the last-message number or the default is used.
	const sender = senderNumber(
		{ ...ctx, input: { ...input, from_phone_number_id: null } },
		contact,
		{ lastMessageFallback: true },
	);
	const refused = recipientRefusal(ctx, contact);
	if (refused) return refused;
	const effectiveType = type ?? 'button';
	if (typeof effectiveType !== 'string' || !['button', 'list', 'cta_url'].includes(effectiveType))
		return metaFailure(META_ERRORS.invalidInteractiveType(effectiveType));
	const noMessageId = metaWithoutMessageId(ctx, contact);
	if (noMessageId) return noMessageId;
	// Stored like WhatsJet: the request minus these three keys (so a `token` input is copied in too).
	/** @type {Record<string, unknown>} */
	const interactive = {};
	for (const [key, value] of Object.entries(input))
		if (!['from_phone_number_id', 'phone_number', 'contact'].includes(key))
			interactive[key] = value;
	const log = store.addMessageLog({
		contact,
		type: 'interactive',
		body: input.body_text ?? null,
		interactive,
		fromPhoneNumberId: sender.id,
	});
	takeCanonicalWaId(ctx.settings, contact, log);
	return ok('Message processed', sendData(log, contact));
}

/** @param {Context} ctx */
function messageStatus(ctx) {
	const gate = sendGates(ctx);
	if (gate) return gate;
	const { input, store } = ctx;
	const logUid = phpTruthy(input.log_uid) ? phpString(input.log_uid) : null;
	const wamid = phpTruthy(input.wamid) ? phpString(input.wamid) : null;
	if (!logUid && !wamid) return failed('log_uid or wamid is required.');
	const log = logUid
		? store.data.messages.find((item) => item._uid === logUid)
		: store.data.messages.find((item) => item.wamid === wamid);
	if (!log) return failed('Message not found.');
	return envelope('success', null, {
		status: log.status,
		created_at: log.created_at,
		updated_at: log.updated_at,
	});
}

module.exports = { sendMessage, sendMedia, sendInteractive, messageStatus };
