import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactDetailsPayload } from '../../helpers/contact';
import { commaSeparatedTitles, findGroups, groupTitle } from '../../helpers/groups';
import { invalidInput, readBoolean, readList, readPhoneNumber } from '../../helpers/validation';
import { requestAllowingNoChange } from '../../transport';
import {
	aiBotField,
	contactGroupsField,
	countryField,
	customFieldsField,
	emailField,
	firstNameField,
	languageCodeField,
	lastNameField,
	optedOutField,
} from '../common.descriptions';
import { byDisplayName, contactPhoneNumberField, noChangeNote, requireContact } from './common';

const properties: INodeProperties[] = [
	contactPhoneNumberField,
	{
		displayName: 'Groups',
		name: 'groupsMode',
		type: 'options',
		default: 'keep',
		options: [
			{
				name: 'Keep Current',
				value: 'keep',
				description:
					'The contact stays in the groups it is in (the node reads them first and sends them along)',
			},
			{
				name: 'Replace With',
				value: 'replace',
				description: 'The contact ends up in exactly the groups chosen below',
			},
			{
				name: 'Remove From All',
				value: 'removeAll',
				description: 'The contact is taken out of every group',
			},
		],
		hint: 'SmartWats takes a contact out of every group not named in an update, so Keep Current sends the current groups along',
	},
	{
		...contactGroupsField,
		name: 'groupTitles',
		required: true,
		hint: 'With an expression give group titles or UIDs (a list, or text separated by commas). A title SmartWats does not have stops the item before anything is changed.',
		displayOptions: { show: { groupsMode: ['replace'] } },
	},
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Fields left empty are not sent, so they keep their current value',
		options: byDisplayName([
			firstNameField,
			lastNameField,
			emailField,
			{
				...countryField,
				placeholder: 'e.g. India or IN',
				description: 'Country name in English, ISO code (e.g. IN) or calling code (e.g. 91)',
			},
			languageCodeField,
			aiBotField,
			optedOutField,
			customFieldsField,
		]),
	},
	{
		displayName:
			'To switch keyword reply bots on or off for a contact, use Contact → Assign Team Member: SmartWats ignores that switch in updates',
		name: 'replyBotNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const phoneNumber = readPhoneNumber(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const groupsMode = this.getNodeParameter('groupsMode', itemIndex, 'keep') as string;

	const body: IDataObject = await contactDetailsPayload(this, itemIndex, {
		...fields,
		groups: undefined,
	});
	if (fields.aiBot !== undefined) {
		body.enable_ai_bot = readBoolean(this, itemIndex, fields.aiBot, 'AI Bot');
	}
	if (fields.optedOut !== undefined) {
		body.whatsapp_opt_out = readBoolean(this, itemIndex, fields.optedOut, 'Opted Out');
	}

	if (groupsMode === 'keep' && Object.keys(body).length === 0) {
		throw invalidInput(
			this,
			itemIndex,
			'Nothing to update',
			"Add at least one field with a value under 'Update Fields', or change 'Groups'.",
		);
	}

	// SmartWats takes the contact out of every group an update does not name. The groups are named by their ids
	// (`contact_groups`, contract §19): as comma-separated titles a title holding a comma would be split.
	if (groupsMode === 'keep') {
		const contact = await requireContact(this, itemIndex, phoneNumber);
		Object.assign(body, currentGroups(this, itemIndex, contact));
	} else if (groupsMode === 'replace') {
		const field = 'Group Names or IDs';
		const given = readList(
			this,
			itemIndex,
			this.getNodeParameter('groupTitles', itemIndex, []),
			field,
		);
		if (given.length === 0) {
			throw invalidInput(
				this,
				itemIndex,
				"No group chosen in 'Group Names or IDs'",
				"Choose the groups the contact should be in, or set 'Groups' to Remove From All or Keep Current.",
			);
		}
		const groups = await findGroups(this, itemIndex, given, field);
		body.contact_groups = groups.map((group) => Number(group._id));
	}
	// Remove From All: no groups at all, which SmartWats reads as "in no group".

	const outcome = await requestAllowingNoChange.call(
		this,
		'POST',
		['contact', 'update', phoneNumber],
		{ body, itemIndex, subject: { contactPhoneNumber: phoneNumber } },
	);

	return {
		contact_uid: outcome.data.contact_uid ?? null,
		phone_number: phoneNumber,
		changed: !outcome.unchanged,
		...(outcome.unchanged
			? { note: noChangeNote(outcome.unchanged, 'the contact already had these values') }
			: {}),
		sent: body,
	};
}

/** The groups a contact is in, as an update must send them to keep them: by id, or by title if SmartWats gave no ids. */
function currentGroups(
	context: IExecuteFunctions,
	itemIndex: number,
	contact: IDataObject,
): IDataObject {
	const groups = Array.isArray(contact.groups) ? (contact.groups as IDataObject[]) : [];
	const ids = groups.map((group) => Number(group?._id));
	if (ids.every((id) => Number.isInteger(id) && id > 0)) return { contact_groups: ids };
	return {
		groups: commaSeparatedTitles(
			context,
			itemIndex,
			groups.map(groupTitle),
			'Groups',
			'SmartWats did not say which group ids the contact has, so its groups cannot be kept exactly. Nothing was changed; set Groups to Replace With and choose them.',
		),
	};
}
