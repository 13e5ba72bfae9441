import type { INodeProperties } from 'n8n-workflow';

export const templatePicker: INodeProperties = {
	displayName: 'Template',
	name: 'template',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'An approved WhatsApp template of your SmartWats account',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchTemplates', searchable: true },
		},
		{
			displayName: 'By Name and Language',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. order_update|en',
			hint: 'Template name and language code exactly as in SmartWats, separated by |',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^[^|]+\\|[^|]+$',
						errorMessage: 'Use the form template_name|language, e.g. order_update|en',
					},
				},
			],
		},
	],
};

export const bodyParametersField: INodeProperties = {
	displayName: 'Body Parameters',
	name: 'bodyParameters',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Body Parameter',
	default: {},
	description:
		"Values for the template body's {{1}}, {{2}}, … in that order. SmartWats replaces {first_name}, {last_name}, {full_name}, {phone_number}, {email}, {country}, {language_code} and {custom field name} with the recipient's data.",
	options: [
		{
			displayName: 'Parameter',
			name: 'parameter',
			values: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
		},
	],
};

/** Parameters of a single template message; Send Template and Create Campaign share them. */
export const templateParameterFields: INodeProperties[] = [
	bodyParametersField,
	{
		displayName: 'Header',
		name: 'headerType',
		type: 'options',
		default: 'none',
		description:
			'The kind of header the template has; only headers with a variable or media need a value',
		options: [
			{ name: 'Document', value: 'document' },
			{ name: 'Image', value: 'image' },
			{ name: 'Location', value: 'location' },
			{ name: 'None or Fixed Text', value: 'none' },
			{ name: 'Text With a Variable', value: 'text' },
			{ name: 'Video', value: 'video' },
		],
	},
	{
		displayName: 'Header Text Value',
		name: 'headerText',
		type: 'string',
		default: '',
		description: "Value for the header's {{1}}; placeholders such as {first_name} work here too",
		displayOptions: { show: { headerType: ['text'] } },
	},
	{
		displayName: 'Header Media URL',
		name: 'headerMediaUrl',
		type: 'string',
		default: '',
		placeholder: 'e.g. https://example.com/banner.jpg',
		description: 'Public URL of the header image, video or document',
		displayOptions: { show: { headerType: ['image', 'video', 'document'] } },
	},
	{
		displayName: 'Document File Name',
		name: 'headerDocumentName',
		type: 'string',
		default: '',
		placeholder: 'e.g. invoice-1001.pdf',
		description: 'File name shown to the recipient',
		displayOptions: { show: { headerType: ['document'] } },
	},
	{
		displayName: 'Latitude',
		name: 'locationLatitude',
		type: 'number',
		typeOptions: { numberPrecision: 6, minValue: -90, maxValue: 90 },
		default: 0,
		displayOptions: { show: { headerType: ['location'] } },
	},
	{
		displayName: 'Longitude',
		name: 'locationLongitude',
		type: 'number',
		typeOptions: { numberPrecision: 6, minValue: -180, maxValue: 180 },
		default: 0,
		displayOptions: { show: { headerType: ['location'] } },
	},
	{
		displayName: 'Location Name',
		name: 'locationName',
		type: 'string',
		default: '',
		displayOptions: { show: { headerType: ['location'] } },
	},
	{
		displayName: 'Location Address',
		name: 'locationAddress',
		type: 'string',
		default: '',
		displayOptions: { show: { headerType: ['location'] } },
	},
	{
		displayName: 'URL Button Values',
		name: 'buttonParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add URL Button Value',
		default: {},
		description:
			'Values for URL buttons whose link ends in {{1}}. Quick-reply and phone buttons need nothing.',
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'Button Position',
						name: 'index',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 0,
						description:
							"Position of the button among all the template's buttons, counting from 0 (a URL button after one quick-reply button is 1)",
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. orders/1001',
						description:
							"Text that replaces {{1}} in the button's link; placeholders such as {first_name} work here too",
					},
				],
			},
		],
	},
	{
		displayName: 'Coupon Code',
		name: 'copyCode',
		type: 'string',
		default: '',
		placeholder: 'e.g. SAVE10',
		description: 'For templates with a copy-code button: letters, digits, - and _ only',
	},
];
