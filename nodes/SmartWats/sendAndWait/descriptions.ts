import type { INodeProperties } from 'n8n-workflow';

import { LIMITS } from '../helpers/validation';
import {
	DEFAULT_APPROVE_LABEL,
	DEFAULT_CONFIRMATION_TEXT,
	DEFAULT_CONFIRMATION_TITLE,
	DEFAULT_DECLINE_LABEL,
} from './config';

// Parameter names and values follow n8n's built-in Send and Wait nodes, so workflows read the same and n8n's
// generated human-review tool (which sets `message`, `responseType` and `approvalOptions`) fits this node.

const forms = { show: { '/responseType': ['freeText', 'customForm'] } };

const limitWaitTime: INodeProperties = {
	displayName: 'Limit Wait Time',
	name: 'limitWaitTime',
	type: 'fixedCollection',
	description:
		"How long the link works. When the limit passes without an answer, the workflow continues with this node's input item unchanged. Without a limit the execution waits for ever, e.g. when WhatsApp never delivers the message.",
	default: { values: { limitType: 'afterTimeInterval', resumeAmount: 45, resumeUnit: 'minutes' } },
	options: [
		{
			displayName: 'Values',
			name: 'values',
			values: [
				{
					displayName: 'Limit Type',
					name: 'limitType',
					type: 'options',
					default: 'afterTimeInterval',
					options: [
						{
							name: 'After Time Interval',
							value: 'afterTimeInterval',
							description: 'Waits for a certain amount of time',
						},
						{
							name: 'At Specified Time',
							value: 'atSpecifiedTime',
							description: 'Waits until a date and time',
						},
					],
				},
				{
					displayName: 'Amount',
					name: 'resumeAmount',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 45,
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Unit',
					name: 'resumeUnit',
					type: 'options',
					default: 'minutes',
					options: [
						{ name: 'Minutes', value: 'minutes' },
						{ name: 'Hours', value: 'hours' },
						{ name: 'Days', value: 'days' },
					],
					displayOptions: { show: { limitType: ['afterTimeInterval'] } },
				},
				{
					displayName: 'Max Date and Time',
					name: 'maxDateAndTime',
					type: 'dateTime',
					default: '',
					description: 'Read in the workflow timezone',
					displayOptions: { show: { limitType: ['atSpecifiedTime'] } },
				},
			],
		},
	],
};

export const sendAndWaitProperties: INodeProperties[] = [
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. Refund of $120 for order #1001. Approve?',
		description: `The question, shown in WhatsApp above the button (up to ${LIMITS.interactiveBody} characters) and again on the response page. SmartWats removes anything that looks like an HTML tag, e.g. "<3".`,
	},
	{
		displayName: 'Response Type',
		name: 'responseType',
		type: 'options',
		default: 'approval',
		options: [
			{
				name: 'Approval',
				value: 'approval',
				description: 'The contact approves (or declines) on a page with big buttons',
			},
			{
				name: 'Custom Form',
				value: 'customForm',
				description: 'The contact fills in a short form',
			},
			{
				name: 'Free Text',
				value: 'freeText',
				description: 'The contact writes an answer in a text box',
			},
		],
	},
	{
		displayName: 'Form Fields',
		name: 'formFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Form Field',
		default: {},
		description: 'The answer has one key per field, named by its label',
		displayOptions: { show: { responseType: ['customForm'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Field Label',
						name: 'fieldLabel',
						type: 'string',
						default: '',
						placeholder: 'e.g. Amount',
						required: true,
					},
					{
						displayName: 'Field Options',
						name: 'fieldOptions',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true, sortable: true },
						placeholder: 'Add Field Option',
						default: { values: [{ option: '' }] },
						displayOptions: { show: { fieldType: ['dropdown'] } },
						options: [
							{
								displayName: 'Values',
								name: 'values',
								values: [{ displayName: 'Option', name: 'option', type: 'string', default: '' }],
							},
						],
					},
					{
						displayName: 'Field Type',
						name: 'fieldType',
						type: 'options',
						default: 'text',
						options: [
							{ name: 'Date', value: 'date' },
							{ name: 'Dropdown List', value: 'dropdown' },
							{ name: 'Email', value: 'email' },
							{ name: 'Number', value: 'number' },
							{ name: 'Text', value: 'text' },
							{ name: 'Textarea', value: 'textarea' },
						],
					},
					{
						displayName: 'Placeholder',
						name: 'placeholder',
						type: 'string',
						default: '',
						displayOptions: { hide: { fieldType: ['date'] } },
					},
					{
						displayName: 'Required Field',
						name: 'requiredField',
						type: 'boolean',
						default: false,
						description: 'Whether the contact must fill in this field',
					},
				],
			},
		],
	},
	{
		displayName: 'Approval Options',
		name: 'approvalOptions',
		type: 'fixedCollection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { responseType: ['approval'] } },
		options: [
			{
				displayName: 'Values',
				name: 'values',
				values: [
					{
						displayName: 'Type of Approval',
						name: 'approvalType',
						type: 'options',
						default: 'single',
						options: [
							{ name: 'Approve Only', value: 'single' },
							{ name: 'Approve and Decline', value: 'double' },
						],
					},
					{
						displayName: 'Approve Button Label',
						name: 'approveLabel',
						type: 'string',
						default: DEFAULT_APPROVE_LABEL,
					},
					{
						displayName: 'Decline Button Label',
						name: 'disapproveLabel',
						type: 'string',
						default: DEFAULT_DECLINE_LABEL,
						displayOptions: { show: { approvalType: ['double'] } },
					},
				],
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Confirmation Text',
				name: 'confirmationText',
				type: 'string',
				default: DEFAULT_CONFIRMATION_TEXT,
				description: 'Shown on the page once the answer is recorded',
			},
			{
				displayName: 'Confirmation Title',
				name: 'confirmationTitle',
				type: 'string',
				default: DEFAULT_CONFIRMATION_TITLE,
				description: 'Heading of the page shown once the answer is recorded',
			},
			limitWaitTime,
			{
				displayName: 'Message Button Label',
				name: 'messageButtonLabel',
				type: 'string',
				default: '',
				placeholder: 'e.g. Open',
				description: `Text of the WhatsApp button that opens the response page (up to ${LIMITS.buttonText} characters). Empty: the approve label, "Approve / Decline" with both buttons, or "Respond" for a form.`,
			},
			{
				displayName: 'Response Form Button Label',
				name: 'responseFormButtonLabel',
				type: 'string',
				default: 'Submit',
				displayOptions: forms,
			},
			{
				displayName: 'Response Form Description',
				name: 'responseFormDescription',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				description: 'Text above the form; empty shows the message',
				displayOptions: forms,
			},
			{
				displayName: 'Response Form Title',
				name: 'responseFormTitle',
				type: 'string',
				default: '',
				description: 'Heading of the response page',
				displayOptions: forms,
			},
		],
	},
];
