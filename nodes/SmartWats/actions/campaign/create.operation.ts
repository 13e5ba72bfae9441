import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';
import { DateTime } from 'luxon';

import { readTemplate, readTemplateParameters } from '../../helpers/template';
import { unique } from '../../helpers/utils';
import {
	invalidInput,
	readBoolean,
	readList,
	readText,
	requireText,
} from '../../helpers/validation';
import { apiRequest } from '../../transport';
import { contactGroupsField, senderPhoneNumberIdOption } from '../common.descriptions';
import { templateParameterFields, templatePicker } from '../template.descriptions';
import { formatCampaignTime, readTimezone, toCampaignTime } from './schedule';

/** What SmartWats takes instead of group titles to target every contact. */
const ALL_CONTACTS = 'all_contacts';

const properties: INodeProperties[] = [
	{
		displayName:
			'SmartWats first sends this template as a real WhatsApp message to the Test Contact set in SmartWats → WhatsApp Settings, and creates the campaign only if that test message goes out',
		name: 'testMessageNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Diwali offer',
	},
	templatePicker,
	...templateParameterFields,
	{
		displayName: 'Send To',
		name: 'audience',
		type: 'options',
		default: 'groups',
		options: [
			{
				name: 'Contacts in Groups',
				value: 'groups',
				description: 'Contacts in any of the chosen groups',
			},
			{ name: 'All Contacts', value: 'allContacts', description: 'Every contact of the account' },
		],
	},
	{
		...contactGroupsField,
		name: 'targetGroups',
		required: true,
		hint: 'SmartWats targets groups by title; with an expression give titles (a list or comma-separated text)',
		displayOptions: { show: { audience: ['groups'] } },
	},
	{
		displayName: 'Label Names or IDs',
		name: 'targetLabels',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getLabelTitles' },
		default: [],
		description:
			'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Optional: only contacts carrying any of these labels. With an expression give titles (a list or comma-separated text).',
	},
	{
		displayName: 'Schedule At',
		name: 'scheduleAt',
		type: 'dateTime',
		default: '',
		description:
			'When to start sending, to the minute. Empty: right away. A time without an offset is read in the campaign timezone (see Options); a time with an offset or Z is converted to it.',
	},
	{
		displayName: 'Expire At',
		name: 'expireAt',
		type: 'dateTime',
		default: '',
		description:
			'Messages still queued at this time are not sent any more. Must be after Schedule At (or after now). Empty: no expiry.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Restrict to Template Language',
				name: 'restrictToTemplateLanguage',
				type: 'boolean',
				default: false,
				description:
					"Whether to send only to contacts whose language code equals the template's language",
			},
			{
				...senderPhoneNumberIdOption,
				description:
					"Meta's phone number ID (not the display number) of the SmartWats number to send from, also used for the test message. Empty: the account's default number.",
			},
			{
				displayName: 'Timezone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Asia/Kolkata',
				description:
					"IANA timezone of the campaign, in which Schedule At and Expire At are sent. Empty: the workflow's timezone.",
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const title = requireText(
		this,
		itemIndex,
		this.getNodeParameter('title', itemIndex, ''),
		'Title',
	);
	const template = readTemplate(this, itemIndex);
	const templateParameters = readTemplateParameters(this, itemIndex);

	const audience = this.getNodeParameter('audience', itemIndex, 'groups') as string;
	const groups =
		audience === 'allContacts'
			? ALL_CONTACTS
			: readTitles(
					this,
					itemIndex,
					this.getNodeParameter('targetGroups', itemIndex, []),
					'Group Names or IDs',
				);
	if (groups === '') {
		throw invalidInput(
			this,
			itemIndex,
			"No group chosen in 'Group Names or IDs'",
			"Choose at least one group, or set 'Send To' to All Contacts.",
		);
	}
	const labels = readTitles(
		this,
		itemIndex,
		this.getNodeParameter('targetLabels', itemIndex, []),
		'Label Names or IDs',
	);

	const timezone = readTimezone(this, itemIndex, options.timezone);
	const scheduleAt = toCampaignTime(
		this,
		itemIndex,
		this.getNodeParameter('scheduleAt', itemIndex, ''),
		timezone,
		'Schedule At',
	);
	const expireAt = toCampaignTime(
		this,
		itemIndex,
		this.getNodeParameter('expireAt', itemIndex, ''),
		timezone,
		'Expire At',
	);
	if (expireAt) {
		const start = scheduleAt ?? DateTime.now().setZone(timezone);
		if (expireAt <= start) {
			throw invalidInput(
				this,
				itemIndex,
				scheduleAt
					? `'Expire At' (${formatCampaignTime(expireAt)}) is not after 'Schedule At' (${formatCampaignTime(scheduleAt)})`
					: `'Expire At' (${formatCampaignTime(expireAt)}) is not in the future`,
				`Both are read in the campaign timezone ${timezone}. Give an expiry after the start, or leave Expire At empty.`,
			);
		}
	}

	const senderPhoneNumberId = readText(
		this,
		itemIndex,
		options.senderPhoneNumberId,
		'Sender Phone Number ID',
	);
	const restrictToTemplateLanguage =
		options.restrictToTemplateLanguage !== undefined &&
		readBoolean(
			this,
			itemIndex,
			options.restrictToTemplateLanguage,
			'Restrict to Template Language',
		);
	const body: IDataObject = {
		title,
		template_name: template.name,
		template_language: template.language,
		contact_group: groups,
		...(labels ? { contact_labels: labels } : {}),
		timezone,
		...(scheduleAt ? { schedule_at: formatCampaignTime(scheduleAt) } : {}),
		...(expireAt ? { expire_at: formatCampaignTime(expireAt) } : {}),
		...templateParameters,
		...(senderPhoneNumberId ? { from_phone_number_id: senderPhoneNumberId } : {}),
		// SmartWats reads this checkbox as on only for the exact string "on".
		...(restrictToTemplateLanguage ? { restrict_by_templated_contact_language: 'on' } : {}),
	};

	const data = await apiRequest.call(this, 'POST', ['campaign', 'schedule'], { body, itemIndex });
	return {
		campaignUid: data.campaignUid,
		...data,
		title,
		template_name: template.name,
		template_language: template.language,
		contact_group: groups,
		contact_labels: labels || null,
		timezone,
		schedule_at: scheduleAt ? formatCampaignTime(scheduleAt) : null,
		expire_at: expireAt ? formatCampaignTime(expireAt) : null,
	};
}

/**
 * Titles as SmartWats wants them: one comma-separated string. Accepts the picker's list or, from an
 * expression, a list or comma-separated text. A title holding a comma cannot be sent (SmartWats splits at commas).
 */
function readTitles(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	field: string,
): string {
	const titles = unique(readList(context, itemIndex, raw, field));
	// Text was split at commas already, so only a title picked from the list can still hold one.
	const withComma = titles.find((title) => title.includes(','));
	if (withComma !== undefined) {
		throw invalidInput(
			context,
			itemIndex,
			`'${field}' holds a title with a comma: "${withComma}"`,
			'SmartWats receives the titles as one comma-separated list, so a title containing a comma cannot be targeted. Rename it in SmartWats.',
		);
	}
	return titles.join(',');
}
