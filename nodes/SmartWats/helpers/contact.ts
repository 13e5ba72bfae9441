import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest } from '../transport';
import { commaSeparatedTitles, findGroups, groupTitle } from './groups';
import { isObject, withoutEmpty } from './utils';
import { invalidInput, LIMITS, readList, readText } from './validation';

/**
 * Turns the node's contact detail fields into the snake_case keys SmartWats reads. Groups are given to SmartWats
 * as comma-separated titles, so each must exist (an unknown title would become an empty group the contact is not
 * in) and none may hold a comma.
 */
export async function contactDetailsPayload(
	context: IExecuteFunctions,
	itemIndex: number,
	details: IDataObject,
): Promise<IDataObject> {
	const groupsField = 'Group Names or IDs';
	const given = readList(context, itemIndex, details.groups, groupsField);
	// Refused before the groups are read: no lookup can make a title with a comma expressible.
	commaSeparatedTitles(context, itemIndex, given, groupsField, GROUPS_INSTEAD);
	const customFields: IDataObject = {};
	const fieldEntries = ((details.customFields as IDataObject | undefined)?.field ?? []) as Array<{
		name?: unknown;
		value?: unknown;
	}>;
	for (const { name, value } of fieldEntries) {
		const key = readText(context, itemIndex, name, 'Custom Field Name');
		if (key === '') {
			throw invalidInput(
				context,
				itemIndex,
				'A custom field has no name',
				'Give each custom field the input name it has in SmartWats, e.g. BDay.',
			);
		}
		customFields[key] = readText(context, itemIndex, value, `Custom Field ${key}`);
	}
	const email = readText(context, itemIndex, details.email, 'Email');
	if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
		throw invalidInput(
			context,
			itemIndex,
			`'Email' is not an email address: "${email}"`,
			'Give an address like name@example.com, or leave it empty.',
		);
	}
	const name = (raw: unknown, field: string) =>
		readText(context, itemIndex, raw, field, { maxLength: LIMITS.contactName });
	const payload = withoutEmpty({
		first_name: name(details.firstName, 'First Name'),
		last_name: name(details.lastName, 'Last Name'),
		email,
		country: readText(context, itemIndex, details.country, 'Country'),
		language_code: readText(context, itemIndex, details.languageCode, 'Language Code'),
		custom_fields: Object.keys(customFields).length ? customFields : undefined,
	});
	if (given.length) {
		const groups = await findGroups(context, itemIndex, given, groupsField);
		payload.groups = commaSeparatedTitles(
			context,
			itemIndex,
			groups.map(groupTitle),
			groupsField,
			GROUPS_INSTEAD,
		);
	}
	return payload;
}

const GROUPS_INSTEAD =
	'Add the contact to that group with Contact → Add to Groups after creating it, or rename the group in SmartWats.';

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
