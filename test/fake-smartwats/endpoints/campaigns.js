// @ts-check
'use strict';
/**
 * Create Campaign (§16), Campaign List (§17) and Campaign Status (§18). Campaign messages are queued and stay
 * queued (there is no cron here) until `sim.executeCampaign()` delivers them, so a new campaign's status is
 * "upcoming" — also once its time has passed, as on a real server whose queue has not run yet.
 */
const crypto = require('node:crypto');

const { ok, failed, envelope } = require('../http-util');
const { validate } = require('../validation');
const { phpTruthy, phpText } = require('../input');
const { paginateRequest, likeMatcher } = require('../paginate');
const { parseCampaignDateTime, formatDuration, laravelTimestamp } = require('../datetime');
const { VENDOR_ID } = require('../state');
const {
	senderNumber,
	recipientRefusal,
	metaWithoutMessageId,
	takeCanonicalWaId,
} = require('./common');
const { prepareTemplateSend, templateMetaError, logTemplate } = require('./templates');

/** @typedef {import('./index').Context} Context */
/** @typedef {import('../state').CampaignRecord} CampaignRecord */

const DATETIME_FAILED = 'Failed to recognize the datetime, please reload and try again.';
const TEST_CONTACT_MISSING =
	'Test Contact missing, You need to set the Test Contact first, do it under the WhatsApp Settings';

/** @param {unknown} csv */
const splitTitles = (csv) =>
	String(csv ?? '')
		.split(',')
		.map((title) => title.trim());

/** @param {Context} ctx */
function schedule(ctx) {
	const { input, store, settings } = ctx;
	validate(input, [
		['title', 'required'],
		['contact_group', 'required|string'],
		['contact_labels', 'nullable|string'],
		['timezone', 'required'],
		['schedule_at', 'nullable|date'],
		['expire_at', 'nullable|date|after:schedule_at'],
	]);
	// Both required, so never null.
	const title = phpText(input.title) ?? '';
	const timezone = phpText(input.timezone) ?? '';
	// Not validated: a missing name or language is simply a template that does not exist.
	const template = store.templateByNameAndLanguage(input.template_name, input.template_language);
	if (!template) return failed('Template does not exist.');

	const titles = splitTitles(input.contact_group);
	const allContacts = titles.includes('all_contacts');
	/** @type {import('../state').GroupRecord[]} */
	let selectedGroups = [];
	if (!allContacts) {
		selectedGroups = store.groupsByTitles(titles);
		if (!selectedGroups.length) return failed('Invalid Group');
	}
	// Label titles that match nothing stay as raw text in WhatsJet and then match no contact.
	let labelIds = null;
	if (phpTruthy(input.contact_labels))
		labelIds = store.labelsByTitles(splitTitles(input.contact_labels)).map((label) => label._id);

	const scheduledAt = input.schedule_at
		? parseCampaignDateTime(input.schedule_at, input.timezone)
		: new Date();
	if (!scheduledAt) return failed(DATETIME_FAILED);
	let expireAt = null;
	if (input.expire_at) {
		expireAt = parseCampaignDateTime(input.expire_at, input.timezone);
		if (!expireAt) return failed(DATETIME_FAILED);
	}

	let recipients = store.data.contacts.filter((contact) => contact.vendors__id === VENDOR_ID);
	if (!allContacts) {
		const groupIds = selectedGroups.map((group) => group._id);
		const memberIds = store.data.groupContacts
			.filter((link) => groupIds.includes(link.contact_groups__id))
			.map((link) => link.contacts__id);
		if (!memberIds.length) return failed('Group Contact does not found');
		recipients = recipients.filter((contact) => memberIds.includes(contact._id));
	}
	const marketing = template.category === 'MARKETING';
	if (marketing) recipients = recipients.filter((contact) => !contact.whatsapp_opt_out);
	const languageOnly = input.restrict_by_templated_contact_language === 'on';
	if (languageOnly)
		recipients = recipients.filter((contact) => contact.language_code === template.language);
	if (labelIds) {
		recipients = recipients.filter((contact) =>
			store.data.contactLabels.some(
				(link) => link.contacts__id === contact._id && labelIds.includes(link.labels__id),
			),
		);
	}
	if (!recipients.length) return failed('Contacts does not found');

	if (!store.data.testContact) return failed(TEST_CONTACT_MISSING);
	const testContact = store.contactByUid(store.data.testContact);
	if (!testContact) return failed('Test contact does not found');

	// The real test message to the Test Contact, with the same parameters; missing ones are a 422 here too.
	const prepared = prepareTemplateSend(input, template);
	const sender = senderNumber(ctx, testContact, { lastMessageFallback: false });
	const testFailed =
		!settings.whatsappReady ||
		sender.response ||
		recipientRefusal(ctx, testContact) ||
		prepared.mediaRefusal ||
		templateMetaError(template, prepared) ||
		metaWithoutMessageId(ctx, testContact);
	if (testFailed) return failed('Failed to send test message');
	const testMessage = logTemplate(store, {
		contact: testContact,
		template,
		prepared,
		fromPhoneNumberId: sender.id,
		status: 'accepted',
		isTestMessage: true,
		input,
	});
	takeCanonicalWaId(settings, testContact, testMessage);

	const now = laravelTimestamp();
	const campaign = {
		_id: store.nextId('campaigns'),
		_uid: crypto.randomUUID(),
		status: 1,
		title,
		template_name: template.template_name,
		template_language: template.language,
		whatsapp_templates__id: template._id,
		scheduled_at: laravelTimestamp(scheduledAt),
		timezone,
		users__id: store.adminUser()?._id ?? null,
		vendors__id: VENDOR_ID,
		created_at: now,
		updated_at: now,
		__data: {
			expiry_at: expireAt ? laravelTimestamp(expireAt) : null,
			total_contacts: recipients.length,
			is_for_template_language_only: languageOnly,
			is_for_opted_only_contacts: marketing,
			is_all_contacts: allContacts,
			selected_groups: selectedGroups.map((group) => ({
				_id: group._id,
				_uid: group._uid,
				title: group.title,
				description: group.description,
			})),
			from_phone_number_id: sender.id,
			send_message_via_marketing_message_api: input.send_message_via_marketing_message_api === 'on',
		},
	};
	store.data.campaigns.push(campaign);
	// Placeholders are resolved per recipient (§7.3).
	for (const contact of recipients)
		store.queueCampaignMessage(campaign, contact, prepared.render(store, contact));
	return ok('Test Message success and Campaign created', { campaignUid: campaign._uid });
}

/**
 * A campaign row without its internal JSON column.
 * @param {CampaignRecord} campaign
 */
const publicColumns = (campaign) => ({
	_id: campaign._id,
	_uid: campaign._uid,
	status: campaign.status,
	title: campaign.title,
	template_name: campaign.template_name,
	template_language: campaign.template_language,
	whatsapp_templates__id: campaign.whatsapp_templates__id,
	scheduled_at: campaign.scheduled_at,
	timezone: campaign.timezone,
	users__id: campaign.users__id,
	vendors__id: campaign.vendors__id,
	created_at: campaign.created_at,
	updated_at: campaign.updated_at,
});

/** @param {Context} ctx */
function list(ctx) {
	const { input, store } = ctx;
	const matches = likeMatcher(input.search_term);
	const rows = store.data.campaigns
		.filter(
			(campaign) =>
				campaign.vendors__id === VENDOR_ID &&
				matches(
					campaign.title,
					campaign.template_name,
					campaign.template_language,
					campaign.timezone,
				),
		)
		.sort((a, b) =>
			a.updated_at < b.updated_at ? 1 : a.updated_at > b.updated_at ? -1 : b._id - a._id,
		)
		.map((campaign) => ({
			...publicColumns(campaign),
			// Extracted from the JSON column, so a string.
			total_contacts:
				campaign.__data.total_contacts === null || campaign.__data.total_contacts === undefined
					? null
					: String(campaign.__data.total_contacts),
		}));
	return ok('Campaign List.', {
		campaignList: paginateRequest(ctx, rows),
	});
}

/**
 * @param {number} count
 * @param {number} total
 */
function percent(count, total) {
	if (!total) return '0%';
	return `${Math.round((count / total) * 100 * 100) / 100}%`;
}

/**
 * The counts and state Campaign Status reports, from the queue and the message logs.
 * @param {import('../state').Store} store
 * @param {CampaignRecord} campaign
 * @param {number} [now]
 */
function campaignReport(store, campaign, now = Date.now()) {
	const queue = store.data.campaignQueue.filter((item) => item.campaigns__id === campaign._id);
	const logs = store.data.messages.filter((log) => log.campaigns__id === campaign._id);
	/** @param {string} status */
	const count = (status) => logs.filter((log) => log.status === status).length;
	const inQueue = queue.filter((item) => item.status === 1 || item.status === 3).length;
	const queueFailed = queue.filter((item) => item.status === 2).length;
	const expired = queue.filter((item) => item.status === 5).length;
	const total = Number(campaign.__data.total_contacts) || 0;
	const delivered = count('delivered') + count('read');
	const failedCount = queueFailed + count('failed');
	const due = Date.parse(campaign.scheduled_at) <= now;
	let campaignStatus;
	let statusText;
	if (campaign.status === 6) [campaignStatus, statusText] = ['aborted', 'Aborted'];
	else if (inQueue && !logs.length && !queueFailed && !expired)
		[campaignStatus, statusText] = ['upcoming', due ? 'Awaiting Execution' : 'Upcoming'];
	else if (inQueue) [campaignStatus, statusText] = ['processing', 'Processing'];
	else if (logs.length || queueFailed || expired)
		[campaignStatus, statusText] = ['executed', 'Executed'];
	else [campaignStatus, statusText] = ['na', 'NA'];
	const lastActivity = logs.reduce(
		(latest, log) => Math.max(latest, Date.parse(log.updated_at)),
		0,
	);
	return {
		campaignStatus,
		statusText,
		totalDelivered: delivered,
		totalDeliveredInPercent: percent(delivered, total),
		totalRead: count('read'),
		totalReadInPercent: percent(count('read'), total),
		totalSent: count('sent'),
		totalSentInPercent: percent(count('sent'), total),
		acceptedCount: count('accepted'),
		totalAcceptedInPercent: percent(count('accepted'), total),
		totalFailed: failedCount,
		totalFailedInPercent: percent(failedCount, total),
		queueFailedCount: queueFailed,
		expiredCount: expired,
		totalExpiredInPercent: percent(expired, total),
		inQueueCount: inQueue,
		inQueuedCount: inQueue,
		totalInQueueInPercent: percent(inQueue, total),
		executedCount: logs.length,
		timeTookFromScheduledAtFormatted: formatDuration(
			lastActivity ? lastActivity - Date.parse(campaign.scheduled_at) : 0,
		),
		campaign: publicColumns(campaign),
	};
}

/** @param {Context} ctx */
function status(ctx) {
	const campaign = ctx.store.data.campaigns.find(
		(item) => item._uid === ctx.params.campaignUid && item.vendors__id === VENDOR_ID,
	);
	if (!campaign) return envelope('failed', '', [], 404);
	return envelope('success', null, campaignReport(ctx.store, campaign));
}

module.exports = { schedule, list, status, campaignReport };
