import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_PAGE_SIZE,
	DEFAULT_TIMEOUT_SECONDS,
	REQUEST_OPTION_RANGES,
} from '../transport/settings';

export const phoneNumberField: INodeProperties = {
	displayName: 'Phone Number',
	name: 'phoneNumber',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. +91 98765 43210',
	description:
		'Recipient number with country code. Spaces, dashes, a leading + or 00 are removed before sending, because SmartWats matches contacts by digits only.',
};

export const senderPhoneNumberIdOption: INodeProperties = {
	displayName: 'Sender Phone Number ID',
	name: 'senderPhoneNumberId',
	type: 'string',
	default: '',
	placeholder: 'e.g. 123456789012345',
	description:
		"Meta's phone number ID (not the display number) of the SmartWats number to send from. Empty: the number used last with this contact, else the default number.",
};

export const firstNameField: INodeProperties = {
	displayName: 'First Name',
	name: 'firstName',
	type: 'string',
	default: '',
};

export const lastNameField: INodeProperties = {
	displayName: 'Last Name',
	name: 'lastName',
	type: 'string',
	default: '',
};

export const emailField: INodeProperties = {
	displayName: 'Email',
	name: 'email',
	type: 'string',
	placeholder: 'name@email.com',
	default: '',
};

export const countryField: INodeProperties = {
	displayName: 'Country',
	name: 'country',
	type: 'string',
	default: '',
	placeholder: 'e.g. India',
	description:
		'Country name in English, exactly as SmartWats lists it (ISO codes are not recognised)',
};

export const languageCodeField: INodeProperties = {
	displayName: 'Language Code',
	name: 'languageCode',
	type: 'string',
	default: '',
	placeholder: 'e.g. en',
};

export const contactGroupsField: INodeProperties = {
	displayName: 'Group Names or IDs',
	name: 'groups',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getGroupTitles' },
	default: [],
	description:
		'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	hint: 'Only groups that exist in SmartWats, and none whose title holds a comma (SmartWats receives them as comma-separated titles). The node checks before sending.',
};

export const customFieldsField: INodeProperties = {
	displayName: 'Custom Fields',
	name: 'customFields',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Custom Field',
	default: {},
	description:
		'Values of custom contact fields, by their input name in SmartWats (e.g. BDay). Unknown names are ignored by SmartWats.',
	options: [
		{
			displayName: 'Field',
			name: 'field',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'e.g. BDay',
				},
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

/** Fields of a contact as SmartWats stores them; used for new contacts on sends and by Create Contact. */
export const contactDetailFields: INodeProperties[] = [
	firstNameField,
	lastNameField,
	emailField,
	countryField,
	languageCodeField,
	contactGroupsField,
	customFieldsField,
];

/** Create and Update set it; Update has no Reply Bot because SmartWats ignores that switch in updates. */
export const aiBotField: INodeProperties = {
	displayName: 'AI Bot',
	name: 'aiBot',
	type: 'boolean',
	default: true,
	description: 'Whether the AI bot answers this contact',
};

export const optedOutField: INodeProperties = {
	displayName: 'Opted Out',
	name: 'optedOut',
	type: 'boolean',
	default: false,
	description:
		'Whether the contact opted out of marketing messages (marketing campaigns skip them)',
};

export const newContactOption: INodeProperties = {
	displayName: 'Details for a New Contact',
	name: 'newContact',
	type: 'collection',
	placeholder: 'Add Detail',
	default: {},
	description:
		'Used only when SmartWats has no contact with this number yet and creates one; an existing contact is never changed by a send',
	options: contactDetailFields,
};

export const requestOptionsField: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description:
		'How this node talks to SmartWats during a run; read once per run, from the first item',
	options: [
		{
			displayName: 'Parallel Requests',
			name: 'parallelRequests',
			type: 'number',
			typeOptions: {
				minValue: REQUEST_OPTION_RANGES.parallelRequests.min,
				maxValue: REQUEST_OPTION_RANGES.parallelRequests.max,
			},
			default: 1,
			description:
				'How many items to process at the same time (1 to 20). 1 keeps strict input order on the wire; more is faster when SmartWats allows it (its limit is per minute, so combine with Requests Per Minute for large batches). Once an item fails, no further item starts.',
		},
		{
			displayName: 'Requests Per Minute',
			name: 'requestsPerMinute',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: REQUEST_OPTION_RANGES.requestsPerMinute.max },
			default: 0,
			description:
				'Spread requests out evenly to stay under the API limit (SmartWats allows 60 a minute per IP address by default). Counts every request this n8n process makes to the same SmartWats address, across runs and executions. 0 sends as fast as SmartWats allows; throttled requests are retried after the wait SmartWats asks for.',
		},
		{
			displayName: 'Rows Per Page',
			name: 'pageSize',
			type: 'number',
			typeOptions: {
				minValue: REQUEST_OPTION_RANGES.pageSize.min,
				maxValue: REQUEST_OPTION_RANGES.pageSize.max,
			},
			default: DEFAULT_PAGE_SIZE,
			description:
				'With Return All, how many rows each request asks for. Fewer rows per page means more requests (each counts against the API limit); lower it only if SmartWats is too slow to answer a large page within the Timeout.',
			displayOptions: { show: { '/operation': ['getAll'], '/returnAll': [true] } },
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: {
				minValue: REQUEST_OPTION_RANGES.timeout.min,
				maxValue: REQUEST_OPTION_RANGES.timeout.max,
			},
			default: DEFAULT_TIMEOUT_SECONDS,
			description:
				'The longest one request to SmartWats may take, its whole answer included. A send that times out is not retried (it may have been sent).',
		},
	],
};

const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
};

/**
 * Simplify, on by default from version 1.1. Version 1 nodes were built on the raw output and n8n fills a missing
 * parameter with its default, so there it stays off unless the user turns it on.
 */
export const simplifyFields: INodeProperties[] = [
	{ ...simplifyField, default: false, displayOptions: { show: { '@version': [1] } } },
	{ ...simplifyField, displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } } },
];

/**
 * Return All, Limit and Search for a Get Many. `search.matches` names the columns SmartWats searches for `what`, and
 * `search.example` is a typical search of this resource (the placeholder).
 */
export function listFields(
	what: string,
	search: { matches: string; example: string },
): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
		{
			displayName: 'Search',
			name: 'search',
			type: 'string',
			default: '',
			placeholder: `e.g. ${search.example}`,
			description: `Only return ${what} whose ${search.matches} contains this text (SmartWats treats % and _ as wildcards)`,
		},
	];
}
