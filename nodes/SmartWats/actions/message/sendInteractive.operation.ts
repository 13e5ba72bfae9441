import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { contactDetailsPayload, findContact } from '../../helpers/contact';
import { withoutEmpty } from '../../helpers/utils';
import {
	invalidInput,
	LIMITS,
	readBoolean,
	readPhoneNumber,
	readText,
	requireHttpUrl,
	requireText,
} from '../../helpers/validation';
import { apiRequest } from '../../transport';
import { newContactOption, phoneNumberField } from '../common.descriptions';

// WhatsApp's limit on the rows of a list (all sections together); the lengths are in LIMITS.
const LIST_ROWS_MAX = 10;

interface ListRowInput {
	section?: unknown;
	rowId?: unknown;
	title?: unknown;
	description?: unknown;
}

const show = (interactiveType: string[]) => ({ show: { interactiveType } });

const properties: INodeProperties[] = [
	phoneNumberField,
	{
		displayName: 'Type',
		name: 'interactiveType',
		type: 'options',
		default: 'button',
		options: [
			{
				name: 'Reply Buttons',
				value: 'button',
				description: 'Up to three buttons the customer taps to answer',
			},
			{ name: 'List', value: 'list', description: 'A menu of rows grouped in sections' },
			{ name: 'Call to Action URL', value: 'cta_url', description: 'One button that opens a link' },
		],
	},
	{
		displayName: 'Body Text',
		name: 'bodyText',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
	},
	{
		displayName: 'Buttons',
		name: 'replyButtons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Button',
		default: {},
		description:
			'1 to 3 buttons with different labels. A tap comes back through the SmartWats Trigger with reply ID button-id1, button-id2 or button-id3.',
		displayOptions: show(['button']),
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Label',
						name: 'label',
						type: 'string',
						default: '',
						description: 'Up to 20 characters',
					},
				],
			},
		],
	},
	{
		displayName: 'List Button Text',
		name: 'listButtonText',
		type: 'string',
		default: '',
		placeholder: 'e.g. View options',
		description: 'Text of the button that opens the list (up to 20 characters)',
		displayOptions: show(['list']),
	},
	{
		displayName: 'Rows',
		name: 'listRows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Row',
		default: {},
		description:
			'Up to 10 rows. Rows with the same section title are shown together under that title.',
		displayOptions: show(['list']),
		options: [
			{
				displayName: 'Row',
				name: 'row',
				values: [
					{
						displayName: 'Section Title',
						name: 'section',
						type: 'string',
						default: '',
						placeholder: 'e.g. Finishes',
					},
					{
						displayName: 'Row ID',
						name: 'rowId',
						type: 'string',
						default: '',
						placeholder: 'e.g. oil-1',
						description: 'Returned as the reply ID when the customer picks this row',
					},
					{
						displayName: 'Title',
						name: 'title',
						type: 'string',
						default: '',
						description: 'Up to 24 characters',
					},
					{
						displayName: 'Description',
						name: 'description',
						type: 'string',
						default: '',
						description: 'Up to 72 characters; SmartWats requires one for every row',
					},
				],
			},
		],
	},
	{
		displayName: 'Button Text',
		name: 'ctaDisplayText',
		type: 'string',
		default: '',
		placeholder: 'e.g. Open catalogue',
		description: 'Up to 20 characters',
		displayOptions: show(['cta_url']),
	},
	{
		displayName: 'URL',
		name: 'ctaUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/catalogue',
		displayOptions: show(['cta_url']),
	},
	{
		displayName: 'Header',
		name: 'interactiveHeader',
		type: 'options',
		default: 'none',
		options: [
			{ name: 'Document', value: 'document' },
			{ name: 'Image', value: 'image' },
			{ name: 'None', value: 'none' },
			{ name: 'Text', value: 'text' },
			{ name: 'Video', value: 'video' },
		],
	},
	{
		displayName: 'Header Text',
		name: 'headerText',
		type: 'string',
		default: '',
		displayOptions: { show: { interactiveHeader: ['text'] } },
	},
	{
		displayName: 'Header Media URL',
		name: 'headerMediaUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/banner.jpg',
		displayOptions: { show: { interactiveHeader: ['image', 'video', 'document'] } },
	},
	{
		displayName: 'Create Contact If Missing',
		name: 'createContactIfMissing',
		type: 'boolean',
		default: true,
		description:
			'Whether to create the contact first when SmartWats does not know the number. SmartWats cannot send an interactive message to an unknown number (it answers HTTP 500), unlike the other sends.',
	},
	{ ...newContactOption, displayOptions: { show: { createContactIfMissing: [true] } } },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [{ displayName: 'Footer Text', name: 'footerText', type: 'string', default: '' }],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendInteractive'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const phoneNumber = readPhoneNumber(this, itemIndex);
	const interactiveType = this.getNodeParameter('interactiveType', itemIndex) as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		phone_number: phoneNumber,
		interactive_type: interactiveType,
		body_text: requireText(
			this,
			itemIndex,
			this.getNodeParameter('bodyText', itemIndex),
			'Body Text',
			{ maxLength: LIMITS.interactiveBody },
		),
		...readHeader(this, itemIndex),
		...withoutEmpty({
			footer_text: readText(this, itemIndex, options.footerText, 'Footer Text', {
				maxLength: LIMITS.footerText,
			}),
		}),
	};
	if (interactiveType === 'button') body.buttons = readReplyButtons(this, itemIndex);
	else if (interactiveType === 'list') body.list_data = readListMessage(this, itemIndex);
	else body.cta_url = readCallToAction(this, itemIndex);

	const createContactIfMissing = readBoolean(
		this,
		itemIndex,
		this.getNodeParameter('createContactIfMissing', itemIndex, true),
		'Create Contact If Missing',
	);
	if (createContactIfMissing) {
		const details = await contactDetailsPayload(
			this,
			itemIndex,
			this.getNodeParameter('newContact', itemIndex, {}) as IDataObject,
		);
		if (!(await findContact(this, itemIndex, phoneNumber))) {
			await apiRequest.call(this, 'POST', ['contact', 'create'], {
				body: { phone_number: phoneNumber, ...details },
				itemIndex,
			});
		}
	}
	return await apiRequest.call(this, 'POST', ['contact', 'send-interactive-message'], {
		body,
		itemIndex,
	});
}

function readHeader(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const headerType = context.getNodeParameter('interactiveHeader', itemIndex, 'none') as string;
	if (headerType === 'none') return {};
	if (headerType === 'text') {
		return {
			header_type: 'text',
			header_text: requireText(
				context,
				itemIndex,
				context.getNodeParameter('headerText', itemIndex, ''),
				'Header Text',
				{ maxLength: LIMITS.headerText },
			),
		};
	}
	return {
		header_type: headerType,
		media_link: requireHttpUrl(
			context,
			itemIndex,
			context.getNodeParameter('headerMediaUrl', itemIndex, ''),
			'Header Media URL',
		),
	};
}

/** SmartWats wants an object keyed "1".."3": a JSON array shifts the keys and fails its validation. */
function readReplyButtons(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const entries =
		(
			context.getNodeParameter('replyButtons', itemIndex, {}) as {
				button?: Array<{ label?: unknown }>;
			}
		).button ?? [];
	const labels = entries.map((entry, position) =>
		readText(context, itemIndex, entry.label, `Button ${position + 1} Label`),
	);
	const fix = 'Give 1 to 3 buttons, each with a different label of 1 to 20 characters.';
	if (labels.length < 1 || labels.length > 3) {
		throw invalidInput(
			context,
			itemIndex,
			`Reply buttons need 1 to 3 buttons, got ${labels.length}`,
			fix,
		);
	}
	labels.forEach((label, position) => {
		const length = [...label].length;
		if (length < 1 || length > LIMITS.buttonText) {
			throw invalidInput(
				context,
				itemIndex,
				`Button ${position + 1} label must have 1 to ${LIMITS.buttonText} characters, has ${length}`,
				fix,
			);
		}
		if (labels.indexOf(label) !== position) {
			throw invalidInput(context, itemIndex, `Button label "${label}" is used twice`, fix);
		}
	});
	return Object.fromEntries(labels.map((label, position) => [String(position + 1), label]));
}

function readListMessage(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const buttonText = requireText(
		context,
		itemIndex,
		context.getNodeParameter('listButtonText', itemIndex, ''),
		'List Button Text',
		{ maxLength: LIMITS.buttonText },
	);
	const rows =
		(context.getNodeParameter('listRows', itemIndex, {}) as { row?: ListRowInput[] }).row ?? [];
	if (rows.length < 1 || rows.length > LIST_ROWS_MAX) {
		throw invalidInput(
			context,
			itemIndex,
			`A list needs 1 to ${LIST_ROWS_MAX} rows, got ${rows.length}`,
			"Add rows under 'Rows'.",
		);
	}
	const sections: Array<{ id: string; title: string; rows: IDataObject[] }> = [];
	rows.forEach((row, position) => {
		const label = `Row ${position + 1}`;
		const rowId = requireText(context, itemIndex, row.rowId, `${label} Row ID`, {
			hint: 'Every row needs an ID: it is what comes back when the customer picks the row.',
			maxLength: LIMITS.listRowId,
		});
		const title = requireText(context, itemIndex, row.title, `${label} Title`, {
			maxLength: LIMITS.listTitle,
		});
		const description = requireText(context, itemIndex, row.description, `${label} Description`, {
			hint: 'SmartWats requires a description for every row.',
			maxLength: LIMITS.listRowDescription,
		});
		const sectionTitle =
			readText(context, itemIndex, row.section, `${label} Section Title`, {
				maxLength: LIMITS.listTitle,
			}) || 'Options';
		let section = sections.find((candidate) => candidate.title === sectionTitle);
		if (!section) {
			section = { id: `section_${sections.length + 1}`, title: sectionTitle, rows: [] };
			sections.push(section);
		}
		// `id` is validated by SmartWats but never sent to WhatsApp; `row_id` is what WhatsApp returns.
		section.rows.push({ id: `row_${position + 1}`, row_id: rowId, title, description });
	});
	return { button_text: buttonText, sections };
}

function readCallToAction(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const displayText = requireText(
		context,
		itemIndex,
		context.getNodeParameter('ctaDisplayText', itemIndex, ''),
		'Button Text',
		{ maxLength: LIMITS.buttonText },
	);
	return {
		display_text: displayText,
		url: requireHttpUrl(
			context,
			itemIndex,
			context.getNodeParameter('ctaUrl', itemIndex, ''),
			'URL',
		),
	};
}
