import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { findContact } from '../../helpers/contact';
import { apiRequest } from '../../transport';
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

export function contactNotFound(
	context: IExecuteFunctions,
	itemIndex: number,
	what: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `No SmartWats contact has the ${what}`, {
		itemIndex,
		description:
			'SmartWats matches the exact number it stored (country code first, digits only) or the exact email. Check the value, or find the contact with Contact → Get Many and its Search option.',
	});
}

/** Reads a contact that must exist: SmartWats answers "success" with no contact when none matches. */
export async function requireContact(
	context: IExecuteFunctions,
	itemIndex: number,
	phoneNumber: string,
): Promise<IDataObject> {
	const contact = await findContact(context, itemIndex, phoneNumber);
	if (!contact) throw contactNotFound(context, itemIndex, `phone number ${phoneNumber}`);
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

/** Titles of the groups a contact row (Get Contact / Get Contacts) is in. */
export function groupTitlesOf(contact: IDataObject): string[] {
	const groups = Array.isArray(contact.groups) ? (contact.groups as IDataObject[]) : [];
	return groups.map((group) => String(group?.title ?? '').trim()).filter((title) => title !== '');
}

export interface Outcome {
	data: IDataObject;
	/** The API's own words when it reported that nothing changed. */
	unchanged?: string;
}

/**
 * Sends a request for which some HTTP-200 "failed" answers only mean that everything was already as asked
 * (e.g. "No changes"): those come back as `unchanged` instead of being thrown. Other failures are thrown,
 * with `hints` replacing the generic description for the messages they match.
 */
export async function requestAllowingNoChange(
	context: IExecuteFunctions,
	itemIndex: number,
	method: IHttpRequestMethods,
	endpoint: string[],
	body: IDataObject,
	noChange: RegExp,
	hints: Array<[RegExp, string]> = [],
): Promise<Outcome> {
	return await apiRequest
		.call(context, method, endpoint, { body, itemIndex })
		.then((data): Outcome => ({ data }))
		.catch((error: unknown): Outcome => {
			const envelope = apiFailure(error);
			if (!envelope) throw error;
			const message = typeof envelope.message === 'string' ? envelope.message.trim() : '';
			if (noChange.test(message)) {
				const data = envelope.data;
				return {
					data:
						typeof data === 'object' && data !== null && !Array.isArray(data)
							? (data as IDataObject)
							: {},
					unchanged: message,
				};
			}
			const hint = hints.find(([pattern]) => pattern.test(message))?.[1];
			if (!hint) throw error;
			throw new NodeApiError(context.getNode(), envelope as JsonObject, {
				message: (error as NodeApiError).message,
				description: hint,
				httpCode: '200',
				itemIndex,
			});
		});
}

/** The envelope of an HTTP-200 `result: "failed"` answer, when `error` is the transport's error for one. */
export function apiFailure(error: unknown): IDataObject | undefined {
	if (!(error instanceof NodeApiError) || error.httpCode !== '200') return undefined;
	const envelope = error.errorResponse as IDataObject | undefined;
	return envelope?.result === 'failed' ? envelope : undefined;
}

/** A note for the output when SmartWats answered that nothing changed. */
export function noChangeNote(apiMessage: string, reason: string): string {
	return `SmartWats reported no changes ("${apiMessage}"): ${reason}`;
}
