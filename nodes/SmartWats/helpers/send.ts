import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	newContactOption,
	phoneNumberField,
	senderPhoneNumberIdOption,
} from '../actions/common.descriptions';
import { apiRequest } from '../transport';
import { contactDetailsPayload } from './contact';
import { withoutEmpty } from './utils';
import { normalizePhoneNumber } from './validation';

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
export function readSendBase(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const contact = contactDetailsPayload(
		context,
		itemIndex,
		context.getNodeParameter('newContact', itemIndex, {}) as IDataObject,
	);
	return withoutEmpty({
		phone_number: normalizePhoneNumber(
			context,
			itemIndex,
			context.getNodeParameter('phoneNumber', itemIndex),
		),
		from_phone_number_id: String(options.senderPhoneNumberId ?? '').trim(),
		contact: Object.keys(contact).length ? contact : undefined,
	});
}

export async function send(
	context: IExecuteFunctions,
	itemIndex: number,
	endpoint: string,
	body: IDataObject,
): Promise<IDataObject> {
	return await apiRequest.call(context, 'POST', ['contact', endpoint], { body, itemIndex });
}
