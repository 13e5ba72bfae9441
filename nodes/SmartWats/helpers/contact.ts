import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest } from '../transport';
import { isObject, toList, withoutEmpty } from './utils';
import { invalidInput } from './validation';

/** Turns the node's contact detail fields into the snake_case keys SmartWats reads. */
export function contactDetailsPayload(
	context: IExecuteFunctions,
	itemIndex: number,
	details: IDataObject,
): IDataObject {
	const groups = toList(details.groups);
	const customFields: IDataObject = {};
	const fieldEntries = ((details.customFields as IDataObject | undefined)?.field ?? []) as Array<{
		name?: string;
		value?: string;
	}>;
	for (const { name, value } of fieldEntries) {
		const key = String(name ?? '').trim();
		if (key === '') {
			throw invalidInput(
				context,
				itemIndex,
				'A custom field has no name',
				'Give each custom field the input name it has in SmartWats, e.g. BDay.',
			);
		}
		customFields[key] = value ?? '';
	}
	const email = String(details.email ?? '').trim();
	if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
		throw invalidInput(
			context,
			itemIndex,
			`'Email' is not an email address: "${email}"`,
			'Give an address like name@example.com, or leave it empty.',
		);
	}
	return withoutEmpty({
		first_name: details.firstName,
		last_name: details.lastName,
		email,
		country: details.country,
		language_code: details.languageCode,
		groups: groups.length ? groups.join(',') : undefined,
		custom_fields: Object.keys(customFields).length ? customFields : undefined,
	});
}

/** Looks a contact up by phone number or email; SmartWats answers "success" with `contact: null` when none matches. */
export async function findContact(
	context: IExecuteFunctions,
	itemIndex: number,
	phoneNumberOrEmail: string,
): Promise<IDataObject | null> {
	const data = await apiRequest.call(context, 'GET', ['contact'], {
		qs: { phone_number_or_email: phoneNumberOrEmail },
		itemIndex,
	});
	return isObject(data.contact) ? data.contact : null;
}
