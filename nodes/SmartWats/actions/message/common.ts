import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { contactDetailsPayload } from '../../helpers/contact';
import { withoutEmpty } from '../../helpers/utils';
import { readPhoneNumber, readText } from '../../helpers/validation';
import {
	newContactOption,
	phoneNumberField,
	senderPhoneNumberIdOption,
} from '../common.descriptions';

/** The fields every send operation starts and ends with; `extraOptions` are the operation's own options. */
export function sendFields(
	middle: INodeProperties[],
	extraOptions: INodeProperties[] = [],
): INodeProperties[] {
	return [
		phoneNumberField,
		...middle,
		newContactOption,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [...extraOptions, senderPhoneNumberIdOption],
		},
	];
}

/** Recipient, sender and new-contact details, as SmartWats' send endpoints name them. */
export async function readSendBase(
	context: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject> {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const phoneNumber = readPhoneNumber(context, itemIndex);
	const sender = readText(
		context,
		itemIndex,
		options.senderPhoneNumberId,
		'Sender Phone Number ID',
	);
	const contact = await contactDetailsPayload(
		context,
		itemIndex,
		context.getNodeParameter('newContact', itemIndex, {}) as IDataObject,
	);
	return withoutEmpty({
		phone_number: phoneNumber,
		from_phone_number_id: sender,
		contact: Object.keys(contact).length ? contact : undefined,
	});
}
