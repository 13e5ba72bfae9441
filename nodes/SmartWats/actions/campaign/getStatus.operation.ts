import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { invalidInput, requireText } from '../../helpers/validation';
import { apiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Campaign UID',
		name: 'campaignUid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.campaignUid }}',
		description: 'The campaignUid returned by Create, or the _uid of a campaign from Get Many',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['getStatus'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const campaignUid = requireText(
		this,
		itemIndex,
		this.getNodeParameter('campaignUid', itemIndex, ''),
		'Campaign UID',
	);
	if (campaignUid.includes('/')) {
		// SmartWats routes on the decoded path, so no campaign can be reached by a UID holding a slash.
		throw invalidInput(
			this,
			itemIndex,
			`'Campaign UID' is not a campaign UID: "${campaignUid}"`,
			'A campaign UID looks like 0c6f2d1e-8a9b-4c0d-9e1f-2a3b4c5d6e01: use the campaignUid output by Campaign → Create, or the _uid from Campaign → Get Many.',
		);
	}
	let data: IDataObject;
	try {
		data = await apiRequest.call(this, 'GET', ['campaign-status', campaignUid], { itemIndex });
	} catch (error) {
		throw namingTheCampaign(this, error as Error, campaignUid, itemIndex);
	}
	return { campaignUid, ...data };
}

/**
 * SmartWats answers an unknown UID with HTTP 404 and an empty message: say which campaign is missing.
 * Every other error is already a node error (from the transport or the credential) and passes unchanged.
 */
function namingTheCampaign(
	context: IExecuteFunctions,
	error: Error,
	campaignUid: string,
	itemIndex: number,
): Error {
	if (!(error instanceof NodeApiError) || error.httpCode !== '404') return error;
	const response = error.errorResponse as IDataObject | undefined;
	if (response?.result !== 'failed') return error;
	return new NodeApiError(context.getNode(), response as JsonObject, {
		message: `Campaign "${campaignUid}" not found in SmartWats`,
		description:
			'Check the Campaign UID: use the campaignUid output by Campaign → Create, or the _uid from Campaign → Get Many.',
		httpCode: '404',
		itemIndex,
	});
}
