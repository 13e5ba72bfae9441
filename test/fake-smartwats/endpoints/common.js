// @ts-check
'use strict';
/**
 * What the send endpoints share (API reference §6, §7, §9): the plan gate and WhatsApp-setup check, contact
 * lookup with auto-creation (and its group bug), the sender number, the five-key `data`, and the fake Meta Cloud
 * API: recipients starting with 999 are refused with Meta's error mirrored as HTTP 400 (§3.2), recipients starting
 * with 888 get a template "held for quality assessment".
 */
const { envelope, failed } = require('../http-util');
const { validate } = require('../validation');
const { phpTruthy, phpText, isPlainObject } = require('../input');
const { countryIdByName } = require('../countries');

/** @typedef {import('./index').Context} Context */
/** @typedef {import('../state').ContactRecord} ContactRecord */
/** @typedef {import('../state').MessageLogRecord} MessageLogRecord */
/** A refusal before anything was sent: `data` is `[]`. @typedef {import('../http-util').Reply<import('../http-util').Envelope<'failed', []>>} Refusal */

const PLAN_GATE_MESSAGE =
	'API access is not available in your plan, please upgrade your subscription plan.';
const SETUP_MESSAGE = 'Please complete your WhatsApp Cloud API Setup first';
/** §3.4: Meta answered without a message id. */
const NO_MESSAGE_ID_MESSAGE = 'Failed to send message';

/** Recipients with this prefix make the fake Meta answer error #131030 (a number outside the test allow-list). */
const META_REJECT_PREFIX = '999';
/** Recipients with this prefix get templates accepted as `held_for_quality_assessment`. */
const META_HOLD_PREFIX = '888';

/**
 * WhatsJet's message: "<error_user_title> <error.message> <error_user_msg> <error_data.details>".
 * @param {{ userTitle?: string, message?: string, userMessage?: string, details?: string }} parts
 */
function metaMessage({ userTitle = '', message = '', userMessage = '', details = '' }) {
	return [userTitle, message, userMessage, details].join(' ').replace(/\s+$/, '');
}

/** @typedef {{ status: number, message: string }} MetaError */

const META_ERRORS = {
	notAllowed: {
		status: 400,
		message: metaMessage({
			message: '(#131030) Recipient phone number not in allowed list',
			details:
				'Recipient phone number not in allowed list: Add recipient phone number to recipient list and try again.',
		}),
	},
	/**
	 * @param {import('../state').TemplateRecord} template
	 * @returns {MetaError}
	 */
	templateNotApproved: (template) => ({
		status: 404,
		message: metaMessage({
			message: '(#132001) Template name does not exist in the translation',
			details: `template name (${template.template_name}) does not exist in ${template.language}`,
		}),
	}),
	/**
	 * @param {string} details
	 * @returns {MetaError}
	 */
	parameterMismatch: (details) => ({
		status: 400,
		message: metaMessage({
			message: '(#132000) Number of parameters does not match the expected number of params',
			details,
		}),
	}),
	/**
	 * @param {unknown} type
	 * @returns {MetaError}
	 */
	invalidInteractiveType: (type) => ({
		status: 400,
		message: metaMessage({
			message: '(#100) Invalid parameter',
			details: `Param interactive['type'] must be one of {BUTTON, LIST, CTA_URL}, got ${type}`,
		}),
	}),
};

/**
 * A Meta refusal mirrored by SmartWats: Meta's HTTP status, envelope with `data: []`.
 * @param {MetaError} error
 * @returns {Refusal}
 */
function metaFailure(error) {
	return envelope('failed', error.message, /** @type {[]} */ ([]), error.status);
}

/**
 * §2 and §9: the plan's api_access (HTTP 401), then the WhatsApp setup (HTTP 200 failed).
 * @param {Context} ctx
 * @returns {Refusal | null}
 */
function sendGates(ctx) {
	if (!ctx.settings.apiAccess)
		return envelope('failed', PLAN_GATE_MESSAGE, /** @type {[]} */ ([]), 401);
	if (!ctx.settings.whatsappReady) return failed(SETUP_MESSAGE);
	return null;
}

/**
 * The five keys every send answers with.
 * @param {MessageLogRecord | null} log
 * @param {ContactRecord | null} [contact]
 */
function sendData(log, contact) {
	return {
		log_uid: log?._uid ?? null,
		contact_uid: contact?._uid ?? log?.contact_uid ?? null,
		phone_number: log?.contact_wa_id ?? null,
		wamid: log?.wamid ?? null,
		status: log?.status ?? null,
	};
}

/**
 * An engine failure of a send: the five keys present, mostly null.
 * @param {string} message
 * @param {ContactRecord | null} [contact]
 */
function failedSend(message, contact) {
	return failed(message, sendData(null, contact));
}

/**
 * createAContactForApiRequest: validates, stores the number with non-digits and leading zeros removed, assigns
 * only groups that already exist (new titles are created, not assigned) and known custom fields.
 * Returns { contact } or { response } (the group-title abort).
 * @param {Context} ctx
 * @returns {{ contact: ContactRecord, response?: undefined } | { response: Refusal }}
 */
function autoCreateContact(ctx) {
	const { input, store } = ctx;
	validate(input, [
		['contact.first_name', 'nullable|max:150'],
		['contact.last_name', 'nullable|max:150'],
		['contact.country', 'nullable'],
		['contact.language_code', 'nullable|alpha_dash'],
		['phone_number', 'required|numeric|min_digits:9|min:1'],
		['contact.email', 'nullable|email'],
	]);
	const details = isPlainObject(input.contact) ? input.contact : {};
	const contact = store.createContact({
		first_name: phpText(details.first_name) ?? '',
		last_name: phpText(details.last_name) ?? '',
		email: phpText(details.email),
		language_code: phpText(details.language_code),
		countries__id: countryIdByName(details.country),
		wa_id: String(input.phone_number).replace(/\D/g, '').replace(/^0+/, ''),
		disable_ai_bot: store.data.vendor.settings.enable_ai_bot_for_new_contacts ? 0 : 1,
	});
	const { groups, error } = store.resolveGroupTitles(details.groups);
	if (error) return { response: failed(error) };
	for (const group of groups) store.addToGroup(contact, group);
	store.setCustomFieldValues(contact, details.custom_fields);
	return { contact };
}

/**
 * The contact a send goes to: exact match on the raw `phone_number`, else auto-created (§6, §7.2).
 * @param {Context} ctx
 */
function findOrCreateContact(ctx) {
	const existing = ctx.store.contactByWaId(ctx.input.phone_number);
	if (existing) return { contact: existing };
	return autoCreateContact(ctx);
}

/**
 * §7.1: a given `from_phone_number_id` must be one of the vendor's numbers; otherwise the number of the contact's
 * last message (text and media only), else the default number. Returns { id } or { response }.
 * @param {Context} ctx
 * @param {ContactRecord} contact
 * @param {{ lastMessageFallback: boolean }} options
 */
function senderNumber(ctx, contact, { lastMessageFallback }) {
	const { input, store } = ctx;
	const requested = input.from_phone_number_id;
	if (requested !== null && requested !== undefined && phpTruthy(requested)) {
		const phone = store.data.phoneNumbers.find((item) => item.id === String(requested));
		if (!phone) return { response: failedSend('from phone number not available.', contact) };
		return { id: phone.id };
	}
	if (lastMessageFallback) {
		const last = [...store.data.messages]
			.reverse()
			.find((log) => log.contacts__id === contact._id && log.from_phone_number_id);
		if (last) return { id: last.from_phone_number_id };
	}
	return { id: store.defaultPhoneNumber()?.id ?? null };
}

/**
 * Local refusals before Meta is called, then Meta's own (the 999 convention). Returns a response or null.
 * @param {Context} ctx
 * @param {ContactRecord} contact
 */
function recipientRefusal(ctx, contact) {
	if (ctx.store.data.phoneNumbers.some((phone) => phone.display_phone_number === contact.wa_id)) {
		return failedSend('You can not send message to your WhatsApp API number.', contact);
	}
	if (contact.wa_id.startsWith(META_REJECT_PREFIX)) return metaFailure(META_ERRORS.notAllowed);
	return null;
}

/**
 * §3.4: with the `metaWithoutMessageId` setting, Meta accepts the call but answers without a message id, so the
 * send fails after every check passed: HTTP 200, the five keys mostly null, nothing logged.
 * @param {Context} ctx
 * @param {ContactRecord} contact
 */
function metaWithoutMessageId(ctx, contact) {
	return ctx.settings.metaWithoutMessageId ? failedSend(NO_MESSAGE_ID_MESSAGE, contact) : null;
}

/**
 * §6: after a successful send, Meta's canonical `wa_id` (the `canonicalWaIds` setting) replaces the contact's
 * stored number, and the log row carries it, so the answer's `phone_number` is Meta's.
 * @param {import('../index').SimulatorSettings} settings
 * @param {ContactRecord} contact
 * @param {MessageLogRecord} log
 */
function takeCanonicalWaId(settings, contact, log) {
	const canonical = settings.canonicalWaIds[contact.wa_id];
	if (!canonical || canonical === contact.wa_id) return;
	contact.wa_id = canonical;
	log.contact_wa_id = canonical;
}

module.exports = {
	NO_MESSAGE_ID_MESSAGE,
	metaWithoutMessageId,
	takeCanonicalWaId,
	PLAN_GATE_MESSAGE,
	SETUP_MESSAGE,
	META_REJECT_PREFIX,
	META_HOLD_PREFIX,
	META_ERRORS,
	metaFailure,
	sendGates,
	sendData,
	failedSend,
	findOrCreateContact,
	senderNumber,
	recipientRefusal,
};
