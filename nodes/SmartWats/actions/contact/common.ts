import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { findContact } from '../../helpers/contact';
import { notFoundError } from '../../transport';
import { phoneNumberField } from '../common.descriptions';

/** The Phone Number field when it names an existing contact rather than a recipient. */
export const contactPhoneNumberField: INodeProperties = {
	...phoneNumberField,
	description:
		"The contact's number with country code. Spaces, dashes, a leading + or 00 are removed, because SmartWats matches contacts by digits only.",
};

/** Collection options in alphabetical order, as n8n lists them. */
export function byDisplayName(options: INodeProperties[]): INodeProperties[] {
	return [...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Reads a contact that must exist: SmartWats answers "success" with no contact when none matches. */
export async function requireContact(
	context: IExecuteFunctions,
	itemIndex: number,
	phoneNumber: string,
): Promise<IDataObject> {
	const contact = await findContact(context, itemIndex, phoneNumber);
	if (!contact) throw notFoundError(context, { contactPhoneNumber: phoneNumber }, itemIndex);
	return contact;
}

/** SmartWats stores bot switches as "disabled" flags: 1 is off, 0 or null (never set) is on. */
export function isBotEnabled(
	contact: IDataObject,
	disabledFlag: 'disable_ai_bot' | 'disable_reply_bot',
): boolean {
	const value = contact[disabledFlag];
	return !(value === true || value === 1 || value === '1');
}

/** A note for the output when SmartWats answered that nothing changed. */
export function noChangeNote(apiMessage: string, reason: string): string {
	return `SmartWats reported no changes ("${apiMessage}"): ${reason}`;
}
