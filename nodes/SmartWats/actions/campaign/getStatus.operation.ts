import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidInput, requirePathSegment, requireText } from '../../helpers/validation';
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
	const hint =
		'A campaign UID looks like 0c6f2d1e-8a9b-4c0d-9e1f-2a3b4c5d6e01: use the campaignUid output by Campaign → Create, or the _uid from Campaign → Get Many.';
	const campaignUid = requirePathSegment(
		this,
		itemIndex,
		requireText(
			this,
			itemIndex,
			this.getNodeParameter('campaignUid', itemIndex, ''),
			'Campaign UID',
			{
				hint,
			},
		),
		'Campaign UID',
		hint,
	);
	if (campaignUid.includes('/')) {
		// SmartWats routes on the decoded path, so no campaign can be reached by a UID holding a slash.
		throw invalidInput(
			this,
			itemIndex,
			`'Campaign UID' is not a campaign UID: "${campaignUid}"`,
			hint,
		);
	}
	const data = await apiRequest.call(this, 'GET', ['campaign-status', campaignUid], {
		itemIndex,
		subject: { campaignUid },
	});
	return { campaignUid, ...data };
}
