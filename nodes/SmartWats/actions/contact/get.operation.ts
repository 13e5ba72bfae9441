import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyContact, simplified } from '../../helpers/simplify';
import { isObject } from '../../helpers/utils';
import { invalidInput, readPhoneNumber, requireText } from '../../helpers/validation';
import { apiRequest, notFoundError, type Subject } from '../../transport';
import { simplifyFields } from '../common.descriptions';
import { contactPhoneNumberField } from './common';

const properties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		default: 'phoneNumber',
		options: [
			{ name: 'Phone Number', value: 'phoneNumber' },
			{ name: 'Email', value: 'email' },
		],
	},
	{ ...contactPhoneNumberField, displayOptions: { show: { lookupBy: ['phoneNumber'] } } },
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'name@email.com',
		description: 'Email address of the contact, exactly as stored in SmartWats',
		displayOptions: { show: { lookupBy: ['email'] } },
	},
	...simplifyFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const lookupBy = this.getNodeParameter('lookupBy', itemIndex, 'phoneNumber') as string;
	let key: string;
	let subject: Subject;
	if (lookupBy === 'email') {
		key = requireText(this, itemIndex, this.getNodeParameter('email', itemIndex, ''), 'Email');
		if (!key.includes('@')) {
			throw invalidInput(
				this,
				itemIndex,
				`'Email' is not an email address: "${key}"`,
				"Give an address like name@example.com, or set 'Look Up By' to Phone Number.",
			);
		}
		subject = { contactEmail: key };
	} else {
		key = readPhoneNumber(this, itemIndex);
		subject = { contactPhoneNumber: key };
	}
	const simplify = simplified(this, itemIndex);
	const data = await apiRequest.call(this, 'GET', ['contact'], {
		qs: { phone_number_or_email: key },
		itemIndex,
	});
	// SmartWats answers "success" with `contact: null` when nothing matches.
	if (!isObject(data.contact)) throw notFoundError(this, subject, itemIndex);
	return simplify ? simplifyContact(data.contact) : data.contact;
}
