import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { findContact } from '../../helpers/contact';
import { type GroupOrLabel, findGroupsOrLabels } from '../../helpers/groups';
import { unique } from '../../helpers/utils';
import {
	invalidInput,
	normalizePhoneNumber,
	readList,
	requireList,
} from '../../helpers/validation';
import { requestAllowingNoChange } from '../../transport';
import { noChangeNote } from './common';

// IDs and phone numbers hold none of these, so a pasted column or a semicolon list works too.
const ID_SEPARATORS = /[,;\n]/;

/**
 * Add To Groups, Remove From Groups, Add Labels and Remove Labels: SmartWats takes arrays of contact UIDs and
 * group/label UIDs. The node accepts phone numbers too and looks their UIDs up before changing anything.
 */
interface Membership {
	operation: string;
	endpoint: string;
	kind: GroupOrLabel;
	adding: boolean;
}

const CONTACT_UID_HINT = "the contact's _uid, from Contact → Get or Get Many";

function properties({ kind, adding }: Membership): INodeProperties[] {
	const plural = `${kind}s`;
	return [
		{
			displayName: 'Contacts By',
			name: 'contactsBy',
			type: 'options',
			default: 'phoneNumber',
			options: [
				{
					name: 'Phone Number',
					value: 'phoneNumber',
					description:
						'The node looks each number up and stops before changing anything if one is unknown',
				},
				{
					name: 'Contact UID',
					value: 'contactUid',
					description: 'Sent as given; SmartWats silently skips UIDs it does not know',
				},
			],
		},
		{
			displayName: 'Phone Numbers',
			name: 'phoneNumbers',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 919876543210, +91 98123 45678',
			description:
				'Numbers of the contacts with country code, separated by commas, or an expression giving a list. Spaces, dashes, a leading + or 00 are removed.',
			displayOptions: { show: { contactsBy: ['phoneNumber'] } },
		},
		{
			displayName: 'Contact UIDs',
			name: 'contactUids',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. {{ $json._uid }}',
			description: `UIDs of the contacts (${CONTACT_UID_HINT}), separated by commas, or an expression giving a list`,
			displayOptions: { show: { contactsBy: ['contactUid'] } },
		},
		{
			displayName: kind === 'group' ? 'Group Names or IDs' : 'Label Names or IDs',
			name: kind === 'group' ? 'groupIds' : 'labelIds',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: kind === 'group' ? 'getGroups' : 'getLabels' },
			required: true,
			default: [],
			description:
				'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: `With an expression give ${kind} titles or UIDs (a list or comma-separated text). ${
				adding
					? `${kind === 'group' ? 'Groups' : 'Labels'} the contacts already have are kept.`
					: `Other ${plural} are kept.`
			}`,
		},
	];
}

export function membershipOperation(membership: Membership) {
	const { operation, endpoint, kind, adding } = membership;
	const plural = `${kind}s`;
	const Title = kind === 'group' ? 'Group' : 'Label';

	const description = updateDisplayOptions(
		{ show: { resource: ['contact'], operation: [operation] } },
		properties(membership),
	);

	async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
		const contactsBy = this.getNodeParameter('contactsBy', itemIndex, 'phoneNumber') as string;
		const byPhone = contactsBy !== 'contactUid';
		const contactsField = byPhone ? 'Phone Numbers' : 'Contact UIDs';
		const contacts = requireList(
			this,
			itemIndex,
			readList(
				this,
				itemIndex,
				this.getNodeParameter(byPhone ? 'phoneNumbers' : 'contactUids', itemIndex, ''),
				contactsField,
				ID_SEPARATORS,
			),
			contactsField,
			byPhone
				? 'Give at least one phone number with country code, e.g. 919876543210.'
				: `Give at least one contact UID (${CONTACT_UID_HINT}).`,
		);
		const itemsField = `${Title} Names or IDs`;
		const rows = await findGroupsOrLabels(
			this,
			itemIndex,
			kind,
			requireList(
				this,
				itemIndex,
				readList(
					this,
					itemIndex,
					this.getNodeParameter(kind === 'group' ? 'groupIds' : 'labelIds', itemIndex, []),
					itemsField,
					ID_SEPARATORS,
				),
				itemsField,
				`Choose at least one ${kind} from the list, or give ${kind} titles or UIDs with an expression.`,
			),
			itemsField,
		);
		const uids = rows.map((row) => String(row._uid));

		let phoneNumbers: string[] | undefined;
		let contactUids: string[];
		if (byPhone) {
			phoneNumbers = unique(
				contacts.map((raw) => normalizePhoneNumber(this, itemIndex, raw, contactsField)),
			);
			contactUids = await resolveContactUids(this, itemIndex, phoneNumbers);
		} else {
			contactUids = unique(contacts);
		}

		const body: IDataObject = { contacts_uid: contactUids, [`${plural}_uid`]: uids };
		const outcome = await requestAllowingNoChange.call(this, 'POST', ['contact', endpoint], {
			body,
			itemIndex,
		});

		const reason = adding
			? `the contacts already had these ${plural}${byPhone ? '' : ', or none of the contact UIDs exists'}`
			: `none of the contacts had these ${plural}`;
		return {
			...(phoneNumbers ? { phone_numbers: phoneNumbers } : {}),
			contacts_uid: contactUids,
			[`${plural}_uid`]: uids,
			changed: !outcome.unchanged,
			...(outcome.unchanged ? { note: noChangeNote(outcome.unchanged, reason) } : {}),
		};
	}

	return { description, execute };
}

/** Looks every number up; names all unknown ones before anything is changed. */
async function resolveContactUids(
	context: IExecuteFunctions,
	itemIndex: number,
	phoneNumbers: string[],
): Promise<string[]> {
	const uids: string[] = [];
	const unknown: string[] = [];
	for (const phoneNumber of phoneNumbers) {
		const contact = await findContact(context, itemIndex, phoneNumber);
		const uid = contact ? String(contact._uid ?? '').trim() : '';
		if (uid === '') unknown.push(phoneNumber);
		else uids.push(uid);
	}
	if (unknown.length) {
		throw invalidInput(
			context,
			itemIndex,
			unknown.length === 1
				? `No SmartWats contact has the phone number ${unknown[0]}`
				: `No SmartWats contacts have the phone numbers ${unknown.join(', ')}`,
			'Nothing was changed. Correct the number (country code first, as stored in SmartWats), or create the contact first with Contact → Create.',
		);
	}
	return unique(uids);
}
