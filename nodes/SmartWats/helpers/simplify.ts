import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isObject } from './utils';
import { readBoolean } from './validation';

/**
 * The "Simplify" shapes: the fields a workflow builder uses, in n8n's camelCase, with flags as booleans, groups and
 * labels as titles, and `null` for what SmartWats left empty. Raw rows carry database columns (`_id`, `vendors__id`,
 * `laravel_through_key`, …) that mean nothing outside SmartWats.
 */

/** Whether the item's output is to be simplified: the Simplify switch, or an expression giving true or false. */
export function simplified(context: IExecuteFunctions, itemIndex: number): boolean {
	return readBoolean(
		context,
		itemIndex,
		context.getNodeParameter('simplify', itemIndex, false),
		'Simplify',
	);
}

function text(value: unknown): string | null {
	if (typeof value === 'number') return String(value);
	if (typeof value !== 'string') return null;
	// SmartWats keeps names from the WhatsApp profile as they came, often with leading spaces.
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}

function count(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
		return Number(value);
	}
	return null;
}

/** SmartWats stores flags as 1/0/null (and a customised server may send "1" or true). */
function flag(value: unknown): boolean {
	return value === true || value === 1 || value === '1';
}

/** Titles of a row's `groups` or `labels` (objects with a `title`), in SmartWats' order. */
export function titlesOf(list: unknown): string[] {
	if (!Array.isArray(list)) return [];
	return list
		.map((entry) => (isObject(entry) ? text(entry.title) : null))
		.filter((title): title is string => title !== null);
}

/** A Get Contact / Get Contacts row. SmartWats gives the country only as its internal ID. */
export function simplifyContact(row: IDataObject): IDataObject {
	return {
		uid: text(row._uid),
		phoneNumber: text(row.wa_id),
		firstName: text(row.first_name),
		lastName: text(row.last_name),
		email: text(row.email),
		languageCode: text(row.language_code),
		countryId: count(row.countries__id),
		groups: titlesOf(row.groups),
		labels: titlesOf(row.labels),
		optedOut: flag(row.whatsapp_opt_out),
		// SmartWats stores "disabled" flags; the node's fields (and this output) say whether the bot is on.
		aiBot: !flag(row.disable_ai_bot),
		replyBot: !flag(row.disable_reply_bot),
		createdAt: text(row.created_at),
		updatedAt: text(row.updated_at),
	};
}

const CAMPAIGN_STATUSES: Record<string, string> = {
	'1': 'active',
	'5': 'archived',
	'6': 'aborted',
};

/** A campaign row's `status` code in words; an unknown code as it came. */
export function campaignStatus(value: unknown): string | null {
	const status = text(value);
	return status === null ? null : (CAMPAIGN_STATUSES[status] ?? status);
}

/** A Campaign List row. */
export function simplifyCampaign(row: IDataObject): IDataObject {
	return {
		uid: text(row._uid),
		title: text(row.title),
		status: campaignStatus(row.status),
		templateName: text(row.template_name),
		templateLanguage: text(row.template_language),
		scheduledAt: text(row.scheduled_at),
		timezone: text(row.timezone),
		totalContacts: count(row.total_contacts),
		createdAt: text(row.created_at),
		updatedAt: text(row.updated_at),
	};
}

/** Campaign Status `data`: the state and one count per message status, as SmartWats' campaign page shows them. */
export function simplifyCampaignStatus(campaignUid: string, data: IDataObject): IDataObject {
	const campaign = isObject(data.campaign) ? data.campaign : {};
	return {
		campaignUid,
		title: text(campaign.title),
		status: text(data.campaignStatus),
		statusText: text(data.statusText),
		scheduledAt: text(campaign.scheduled_at),
		inQueue: count(data.inQueueCount ?? data.inQueuedCount),
		accepted: count(data.acceptedCount),
		sent: count(data.totalSent),
		delivered: count(data.totalDelivered),
		read: count(data.totalRead),
		failed: count(data.totalFailed),
		expired: count(data.expiredCount),
	};
}
