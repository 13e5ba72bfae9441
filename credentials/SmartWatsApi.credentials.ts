import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class SmartWatsApi implements ICredentialType {
	name = 'smartWatsApi';

	displayName = 'SmartWats API';

	icon: Icon = { light: 'file:../icons/smartwats.svg', dark: 'file:../icons/smartwats.dark.svg' };

	documentationUrl = 'https://github.com/smartwats/n8n-nodes-smartwats#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://app.smartwats.com/api',
			description:
				'The "API Base URL" shown in SmartWats under Settings → API Access & Webhook. It ends in /api.',
		},
		{
			displayName: 'Vendor UID',
			name: 'vendorUid',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 0b7c1f1e-5a4e-4c2b-9a61-3f0e2d8c7a10',
			description: 'The vendor UID shown on the same SmartWats settings page',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The API access token generated on the same page. Generating a new token there voids the old one.',
		},
	];

	// Only the Authorization header carries the token: a `token` input would be echoed into stored data by the API.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	// The groups list needs neither the plan's API feature nor a finished WhatsApp setup, so it tests only the
	// three values above. The API answers a bad token with HTTP 200 and result "failed", hence the rule.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.baseUrl.replace(/\\/+$/, "")}}/{{encodeURIComponent($credentials.vendorUid.trim())}}',
			url: '/contact/groups',
			method: 'GET',
			qs: { page_size: 1 },
			headers: { Accept: 'application/json' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'result',
					value: 'failed',
					message:
						'SmartWats rejected the access token or vendor UID. Copy both again from Settings → API Access & Webhook.',
				},
			},
		],
	};
}
