import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactDetailsPayload } from '../../helpers/contact';
import { readBoolean, readPhoneNumber } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import { aiBotField, contactDetailFields, optedOutField } from '../common.descriptions';
import { byDisplayName, contactPhoneNumberField } from './common';

const properties: INodeProperties[] = [
	{
		...contactPhoneNumberField,
		description:
			'Number of the new contact with country code. Spaces, dashes, a leading + or 00 are removed, because SmartWats matches contacts by digits only.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: byDisplayName([
			...contactDetailFields,
			{
				...aiBotField,
				description:
					"Whether the AI bot answers this contact. Not set: SmartWats' setting for new contacts applies.",
			},
			optedOutField,
			{
				displayName: 'Reply Bot',
				name: 'replyBot',
				type: 'boolean',
				default: true,
				description: 'Whether keyword reply bots answer this contact. Not set: they do.',
			},
		]),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const phoneNumber = readPhoneNumber(this, itemIndex);
	const fields = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	// Sent only when chosen, as JSON booleans: SmartWats reads the text "false" as true.
	const switches: IDataObject = {};
	if (fields.aiBot !== undefined) {
		switches.enable_ai_bot = readBoolean(this, itemIndex, fields.aiBot, 'AI Bot');
	}
	if (fields.replyBot !== undefined) {
		switches.enable_reply_bot = readBoolean(this, itemIndex, fields.replyBot, 'Reply Bot');
	}
	if (fields.optedOut !== undefined) {
		switches.whatsapp_opt_out = readBoolean(this, itemIndex, fields.optedOut, 'Opted Out');
	}
	const body: IDataObject = {
		phone_number: phoneNumber,
		...(await contactDetailsPayload(this, itemIndex, fields)),
		...switches,
	};
	return await apiRequest.call(this, 'POST', ['contact', 'create'], {
		body,
		itemIndex,
		subject: { contactPhoneNumber: phoneNumber },
	});
}
