// @ts-check
'use strict';
/**
 * Get Contact Groups (§24), Get Contact Labels and Tags (§25) and the four assign/unassign endpoints (§27–§30),
 * which take arrays of UIDs (never titles or phone numbers) and are additive.
 */
const { ok, failed } = require('../http-util');
const { validate } = require('../validation');
const { phpValues, phpString } = require('../input');
const { paginateRequest, likeMatcher } = require('../paginate');
const { VENDOR_ID } = require('../state');

/** @typedef {import('./index').Context} Context */

/**
 * Newest first (created_at desc), as the repositories order them.
 * @param {{ _id: number, created_at: string }} a
 * @param {{ _id: number, created_at: string }} b
 */
const newestFirst = (a, b) =>
	a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b._id - a._id;

/** @param {Context} ctx */
function groups(ctx) {
	const { input, store } = ctx;
	const matches = likeMatcher(input.search_term);
	const rows = store.data.groups
		.filter((group) => group.vendors__id === VENDOR_ID && matches(group.title, group.description))
		.sort(newestFirst)
		.map(({ _id, _uid, status, title, description, vendors__id, created_at, updated_at }) => ({
			_id,
			_uid,
			status,
			title,
			description,
			vendors__id,
			created_at,
			updated_at,
		}));
	// Named contactList, and the message says contacts: both sic (§8).
	return ok('Contacts List.', {
		contactList: paginateRequest(ctx, rows),
	});
}

/** @param {Context} ctx */
function labels(ctx) {
	const { input, store } = ctx;
	const matches = likeMatcher(input.search_term);
	const rows = store.data.labels
		.filter((label) => label.vendors__id === VENDOR_ID && matches(label.title))
		.sort(newestFirst)
		.map(
			({
				_id,
				_uid,
				status,
				title,
				text_color,
				bg_color,
				vendors__id,
				created_at,
				updated_at,
			}) => ({
				_id,
				_uid,
				status,
				title,
				text_color,
				bg_color,
				vendors__id,
				created_at,
				updated_at,
			}),
		);
	return ok('Contacts List.', {
		contactList: paginateRequest(ctx, rows),
	});
}

/**
 * Validates the two UID arrays and resolves them to the vendor's records (unknown UIDs dropped).
 * @template {{ _uid: string, vendors__id: number }} Target
 * @param {Context} ctx
 * @param {string} targetKey
 * @param {Target[]} table
 */
function resolve(ctx, targetKey, table) {
	validate(ctx.input, [
		['contacts_uid', 'required|array|min:1'],
		[targetKey, 'required|array|min:1'],
	]);
	const contactUids = phpValues(ctx.input.contacts_uid).map(phpString);
	const targetUids = phpValues(ctx.input[targetKey]).map(phpString);
	return {
		contacts: ctx.store.data.contacts.filter(
			(contact) => contact.vendors__id === VENDOR_ID && contactUids.includes(contact._uid),
		),
		targets: table.filter(
			(item) => item.vendors__id === VENDOR_ID && targetUids.includes(item._uid),
		),
	};
}

/** @param {Context} ctx */
function assignGroups(ctx) {
	const { contacts, targets } = resolve(ctx, 'groups_uid', ctx.store.data.groups);
	if (!targets.length) return failed('Invalid groups uid.');
	let added = 0;
	for (const contact of contacts)
		for (const group of targets) if (ctx.store.addToGroup(contact, group)) added++;
	// Unknown contacts are skipped silently, so "none found" also ends here.
	if (!added) return failed('No changes');
	return ok('Groups assigned successfully.');
}

/** @param {Context} ctx */
function unassignGroups(ctx) {
	const { contacts, targets } = resolve(ctx, 'groups_uid', ctx.store.data.groups);
	if (!targets.length) return failed('Invalid groups uid.');
	if (!contacts.length) return failed('Invalid contacts uid.');
	let removed = 0;
	for (const contact of contacts)
		for (const group of targets) if (ctx.store.removeFromGroup(contact, group)) removed++;
	if (!removed) return failed('No changes');
	return ok('Groups unassigned successfully.');
}

/** @param {Context} ctx */
function assignLabels(ctx) {
	const { contacts, targets } = resolve(ctx, 'labels_uid', ctx.store.data.labels);
	if (!targets.length) return failed('Invalid labels uid.');
	if (!contacts.length) return failed('Invalid contacts uid.');
	let added = 0;
	for (const contact of contacts)
		for (const label of targets) if (ctx.store.addLabel(contact, label)) added++;
	if (!added) return failed('No changes');
	return ok('Labels assigned successfully.');
}

/** @param {Context} ctx */
function unassignLabels(ctx) {
	const { contacts, targets } = resolve(ctx, 'labels_uid', ctx.store.data.labels);
	if (!targets.length) return failed('Invalid labels uid.');
	if (!contacts.length) return failed('Invalid contacts uid.');
	let removed = 0;
	for (const contact of contacts)
		for (const label of targets) if (ctx.store.removeLabel(contact, label)) removed++;
	if (!removed) return failed('No changes');
	return ok('Labels unassigned successfully.');
}

module.exports = { groups, labels, assignGroups, unassignGroups, assignLabels, unassignLabels };
