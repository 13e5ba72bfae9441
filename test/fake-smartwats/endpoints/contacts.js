// @ts-check
'use strict';
/**
 * Create Contact (§15), Update Contact (§19), Get Contacts (§20), Get Single Contact (§21) and Assign Team Member
 * with its bot toggles (§23).
 */
const { ok, failed, ServerError } = require('../http-util');
const { validate } = require('../validation');
const { phpTruthy, isNumeric, isPhpArray, phpValues, phpString, phpText } = require('../input');
const { paginateRequest, likeMatcher } = require('../paginate');
const { countryIdByName, countryIdLoose } = require('../countries');
const { VENDOR_ID } = require('../state');

/** @typedef {import('./index').Context} Context */
/** @typedef {import('../state').ContactRecord} ContactRecord */

const PHONE_RULES = 'required|numeric|min_digits:9|min:1|doesnt_start_with:+,0';

/**
 * @param {object} input
 * @param {string} key
 */
const has = (input, key) => Object.prototype.hasOwnProperty.call(input, key);

/**
 * A scalar's type as PHP names it in a TypeError.
 * @param {unknown} value
 */
const phpType = (value) =>
	typeof value === 'number'
		? Number.isInteger(value)
			? 'int'
			: 'float'
		: typeof value === 'boolean'
			? 'bool'
			: 'string';

/** @param {Context} ctx */
function create(ctx) {
	const { input, store } = ctx;
	validate(input, [
		[
			'phone_number',
			[
				...PHONE_RULES.split('|'),
				{
					name: 'custom',
					test: (value) => !store.contactByWaId(phpString(value)),
					message: 'The :attribute has already been taken.',
				},
			],
		],
		['email', 'nullable|email'],
		['language_code', 'nullable|alpha_dash'],
	]);
	const enableAi = input.enable_ai_bot;
	const contact = store.createContact({
		first_name: phpText(input.first_name),
		last_name: phpText(input.last_name),
		wa_id: phpString(input.phone_number),
		email: phpText(input.email),
		language_code: phpText(input.language_code),
		countries__id: countryIdByName(input.country),
		disable_ai_bot:
			enableAi === null || enableAi === undefined
				? store.data.vendor.settings.enable_ai_bot_for_new_contacts
					? 0
					: 1
				: phpTruthy(enableAi)
					? 0
					: 1,
		// Not set unless asked: the reply bot stays enabled.
		disable_reply_bot:
			input.enable_reply_bot === null || input.enable_reply_bot === undefined
				? null
				: phpTruthy(input.enable_reply_bot)
					? 0
					: 1,
		whatsapp_opt_out: phpTruthy(input.whatsapp_opt_out) ? 1 : null,
	});
	const { groups, error } = store.resolveGroupTitles(
		typeof input.groups === 'string' ? input.groups : null,
	);
	if (error) return failed(error);
	for (const group of groups) store.addToGroup(contact, group);
	store.setCustomFieldValues(contact, input.custom_fields);
	// The vendor webhook hears of it (§15, §31), before the API answers.
	ctx.outbox.push({ kind: 'contact_created', overrides: store.contactEvent(contact) });
	return ok('Contact created', {
		contact_uid: contact._uid,
		first_name: contact.first_name,
		last_name: contact.last_name,
		phone_number: contact.wa_id,
		language_code: contact.language_code,
		country: input.country ?? null,
	});
}

/** @param {Context} ctx */
function update(ctx) {
	const { input, store } = ctx;
	validate(input, [['email', 'nullable|email']]);
	const contact = store.contactByWaId(ctx.params.phoneNumber);
	if (!contact) return failed('Contact not found.', { contact_uid: null });

	// The desired group set comes first, as in WhatsJet, so an abort or a PHP TypeError leaves the contact as it
	// was. It is computed every time: without `groups` or `contact_groups` it is empty, so the contact leaves all
	// its groups (§19). `contact_groups` (group _ids) is the complete set when `groups` is absent or empty.
	/** @type {import('../state').GroupRecord[]} */
	let desired = [];
	if (phpTruthy(input.groups)) {
		if (isPhpArray(input.groups))
			throw new ServerError('explode(): Argument #2 ($string) must be of type string, array given');
		const resolved = store.resolveGroupTitles(phpString(input.groups));
		// An abort without a status: HTTP 200, data [] (§3.2).
		if (resolved.error) return failed(resolved.error);
		desired = resolved.groups;
	} else if (input.contact_groups !== undefined && input.contact_groups !== null) {
		if (!isPhpArray(input.contact_groups))
			throw new ServerError(
				`array_diff(): Argument #1 ($array) must be of type array, ${phpType(input.contact_groups)} given`,
			);
		const ids = phpValues(input.contact_groups).map(Number);
		desired = store.data.groups.filter(
			(group) => group.vendors__id === VENDOR_ID && ids.includes(group._id),
		);
	}

	let changed = false;
	/**
	 * @template {keyof ContactRecord} F
	 * @param {F} field
	 * @param {ContactRecord[F]} value
	 */
	const set = (field, value) => {
		if (contact[field] !== value) {
			contact[field] = value;
			changed = true;
		}
	};
	// Converted before any is written: one that is not text aborts the whole update (HTTP 500).
	const texts = /** @type {const} */ (['first_name', 'last_name', 'email', 'language_code'])
		.filter((field) => has(input, field))
		.map((field) => /** @type {const} */ ([field, phpText(input[field])]));
	for (const [field, value] of texts) set(field, value);
	if (has(input, 'country')) set('countries__id', countryIdLoose(input.country));
	if (has(input, 'enable_ai_bot')) set('disable_ai_bot', phpTruthy(input.enable_ai_bot) ? 0 : 1);
	if (has(input, 'whatsapp_opt_out'))
		set('whatsapp_opt_out', phpTruthy(input.whatsapp_opt_out) ? 1 : null);
	// enable_reply_bot is ignored here (only the UI handles it).

	const current = store.groupsOf(contact);
	for (const group of current)
		if (!desired.includes(group) && store.removeFromGroup(contact, group)) changed = true;
	for (const group of desired) if (store.addToGroup(contact, group)) changed = true;
	if (store.setCustomFieldValues(contact, input.custom_fields)) changed = true;

	if (!changed)
		return failed('Nothing to update contact information.', { contact_uid: contact._uid });
	store.touch(contact);
	// Only a real change reaches the vendor webhook (§19, §31).
	ctx.outbox.push({ kind: 'contact_updated', overrides: store.contactEvent(contact) });
	return ok('Contact details updated.', { contact_uid: contact._uid });
}

/** @param {Context} ctx */
function list(ctx) {
	const { input, store } = ctx;
	const matches = likeMatcher(input.search_term);
	const contacts = store.data.contacts.filter(
		(contact) =>
			contact.vendors__id === VENDOR_ID &&
			matches(contact.first_name, contact.last_name, contact.wa_id, contact.email),
	);
	return ok('Contacts List.', {
		contactList: paginateRequest(ctx, contacts, (page) => store.contactRows(page)),
	});
}

/** @param {Context} ctx */
function single(ctx) {
	const { input, store } = ctx;
	const wanted = input.phone_number_or_email;
	if (!phpTruthy(wanted)) return failed('Please enter phone number or email.');
	const text = phpString(wanted);
	const contact = store.data.contacts.find(
		(item) =>
			item.vendors__id === VENDOR_ID &&
			(item.wa_id === text ||
				(item.email !== null && item.email.toLowerCase() === text.toLowerCase())),
	);
	// Nothing found is still a success (§21).
	return ok(`Contact details for ${text}.`, {
		contact: contact ? store.contactRow(contact) : null,
	});
}

/** @param {Context} ctx */
function assignTeamMember(ctx) {
	const { input, store } = ctx;
	validate(input, [
		['phone_number', PHONE_RULES],
		['username_or_email', 'required'],
	]);
	const contact = store.contactByWaId(phpString(input.phone_number));
	if (!contact) return failed('Contact user does not exists.');
	const key = phpString(input.username_or_email);
	// A numeric value is a mobile number; anything else is looked up as an email (usernames never match).
	const member = isNumeric(key) ? store.memberByMobile(key) : store.memberByEmail(key);
	if (!member) return failed('Team member does not exists.');
	if (member.vendors__id !== VENDOR_ID) return failed('Invalid user');
	// Both flags are always written: omitted means disabled.
	const disableAi = phpTruthy(input.enable_ai_bot) ? 0 : 1;
	const disableReply = phpTruthy(input.enable_reply_bot) ? 0 : 1;
	if (
		contact.assigned_users__id === member._id &&
		contact.disable_ai_bot === disableAi &&
		contact.disable_reply_bot === disableReply
	) {
		return failed('No changes');
	}
	contact.assigned_users__id = member._id;
	contact.disable_ai_bot = disableAi;
	contact.disable_reply_bot = disableReply;
	store.touch(contact);
	return ok('Request Successful.', { contact_uid: contact._uid });
}

module.exports = { create, update, list, single, assignTeamMember };
