import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactDetailsPayload } from '../../helpers/contact';
import { toList } from '../../helpers/utils';
import { invalidInput, readPhoneNumber } from '../../helpers/validation';
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
import {
	byDisplayName,
	contactPhoneNumberField,
	groupTitlesOf,
	noChangeNote,
	requireContact,
} from './common';

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
		hint: 'With an expression give group titles (a list or comma-separated text). An unknown title is created as an empty group and the contact is not added to it.',
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

	const body: IDataObject = contactDetailsPayload(this, itemIndex, {
		...fields,
		groups: undefined,
	});
	if (fields.aiBot !== undefined) body.enable_ai_bot = Boolean(fields.aiBot);
	if (fields.optedOut !== undefined) body.whatsapp_opt_out = Boolean(fields.optedOut);

	if (groupsMode === 'keep' && Object.keys(body).length === 0) {
		throw invalidInput(
			this,
			itemIndex,
			'Nothing to update',
			"Add at least one field with a value under 'Update Fields', or change 'Groups'.",
		);
	}

	let groupTitles: string[] = [];
	if (groupsMode === 'keep') {
		// Without `groups` SmartWats would take the contact out of all its groups.
		groupTitles = groupTitlesOf(await requireContact(this, itemIndex, phoneNumber));
	} else if (groupsMode === 'replace') {
		groupTitles = toList(this.getNodeParameter('groupTitles', itemIndex, []));
		if (groupTitles.length === 0) {
			throw invalidInput(
				this,
				itemIndex,
				"No group chosen in 'Group Names or IDs'",
				"Choose the groups the contact should be in, or set 'Groups' to Remove From All or Keep Current.",
			);
		}
	}
	// Remove From All: no `groups` at all, which SmartWats reads as "in no group".
	if (groupTitles.length) body.groups = groupTitles.join(',');

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
