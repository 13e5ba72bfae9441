import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidInput, readPhoneNumber, requireText } from '../../helpers/validation';
import { requestAllowingNoChange } from '../../transport';
import { contactPhoneNumberField, isBotEnabled, noChangeNote, requireContact } from './common';

const botSwitch = (displayName: string, name: string, what: string): INodeProperties => ({
	displayName,
	name,
	type: 'options',
	default: 'keep',
	options: [
		{
			name: 'Keep Current',
			value: 'keep',
			description: `${what} stay as they are (the node reads them first)`,
		},
		{ name: 'Enable', value: 'enable' },
		{ name: 'Disable', value: 'disable' },
	],
});

const properties: INodeProperties[] = [
	contactPhoneNumberField,
	{
		displayName: 'Team Member',
		name: 'teamMember',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. agent@example.com',
		description:
			'Email of the SmartWats team member, or their mobile number (user names are not accepted)',
	},
	{
		...botSwitch('AI Bot', 'aiBot', 'AI bot replies'),
		hint: 'SmartWats sets both bot switches on every assignment, so Keep Current reads the contact first and sends its current setting',
	},
	botSwitch('Reply Bot', 'replyBot', 'Keyword reply bots'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['assignTeamMember'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const phoneNumber = readPhoneNumber(this, itemIndex);
	const teamMember = readTeamMember(this, itemIndex);
	const aiBot = this.getNodeParameter('aiBot', itemIndex, 'keep') as string;
	const replyBot = this.getNodeParameter('replyBot', itemIndex, 'keep') as string;

	// SmartWats writes both switches every time (left out = disabled), so "keep" must send the current value.
	const current =
		aiBot === 'keep' || replyBot === 'keep'
			? await requireContact(this, itemIndex, phoneNumber)
			: {};
	const body: IDataObject = {
		phone_number: phoneNumber,
		username_or_email: teamMember,
		enable_ai_bot: aiBot === 'keep' ? isBotEnabled(current, 'disable_ai_bot') : aiBot === 'enable',
		enable_reply_bot:
			replyBot === 'keep' ? isBotEnabled(current, 'disable_reply_bot') : replyBot === 'enable',
	};

	const outcome = await requestAllowingNoChange.call(
		this,
		'POST',
		['contact', 'assign-team-member'],
		{ body, itemIndex, subject: { contactPhoneNumber: phoneNumber } },
	);

	return {
		contact_uid: outcome.data.contact_uid ?? current._uid ?? null,
		phone_number: phoneNumber,
		team_member: teamMember,
		enable_ai_bot: body.enable_ai_bot,
		enable_reply_bot: body.enable_reply_bot,
		changed: !outcome.unchanged,
		...(outcome.unchanged
			? {
					note: noChangeNote(
						outcome.unchanged,
						'this team member and these bot settings were already set',
					),
				}
			: {}),
	};
}

/** SmartWats reads a numeric value as a mobile number and anything else as an email. */
function readTeamMember(context: IExecuteFunctions, itemIndex: number): string {
	const raw = requireText(
		context,
		itemIndex,
		context.getNodeParameter('teamMember', itemIndex, ''),
		'Team Member',
	);
	if (raw.includes('@')) return raw;
	// Mobile numbers are matched as stored (digits, country code first), like contacts' numbers.
	const mobile = raw.replace(/[\s\-().]/g, '').replace(/^\+/, '');
	if (/^\d{6,15}$/.test(mobile)) return mobile;
	throw invalidInput(
		context,
		itemIndex,
		`'Team Member' is neither an email address nor a mobile number: "${raw}"`,
		'Give the email address of the team member (e.g. agent@example.com) or their mobile number. SmartWats does not accept user names here.',
	);
}
