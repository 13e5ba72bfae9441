import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { simplifyCampaignStatus, simplified } from '../../helpers/simplify';
import { invalidInput, requirePathSegment, requireText } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import { simplifyFields } from '../common.descriptions';

const UID_HINT =
	'the campaignUid output by Campaign → Create, or the uid of a campaign from Campaign → Get Many';

const properties: INodeProperties[] = [
	{
		displayName: 'Campaign UID',
		name: 'campaignUid',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.campaignUid }}',
		description: 'The campaignUid returned by Create, or the _uid of a campaign from Get Many',
		displayOptions: { show: { '@version': [1] } },
	},
	{
		displayName: 'Campaign',
		name: 'campaign',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The campaign whose progress and delivery counts to get',
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCampaigns', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 0c6f2d1e-8a9b-4c0d-9e1f-2a3b4c5d6e01',
				hint: `The campaign's UID: ${UID_HINT}`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}',
							errorMessage: 'A campaign UID looks like 0c6f2d1e-8a9b-4c0d-9e1f-2a3b4c5d6e01',
						},
					},
				],
			},
		],
	},
	...simplifyFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['campaign'], operation: ['getStatus'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const picker = this.getNode().typeVersion >= 1.1;
	const field = picker ? 'Campaign' : 'Campaign UID';
	const hint = picker
		? `Choose the campaign from the list, or give its UID (like 0c6f2d1e-8a9b-4c0d-9e1f-2a3b4c5d6e01): ${UID_HINT}.`
		: 'A campaign UID looks like 0c6f2d1e-8a9b-4c0d-9e1f-2a3b4c5d6e01: use the campaignUid output by Campaign → Create, or the _uid from Campaign → Get Many.';
	const campaignUid = requirePathSegment(
		this,
		itemIndex,
		requireText(
			this,
			itemIndex,
			picker
				? this.getNodeParameter('campaign', itemIndex, '', { extractValue: true })
				: this.getNodeParameter('campaignUid', itemIndex, ''),
			field,
			{ hint },
		),
		field,
		hint,
	);
	if (campaignUid.includes('/')) {
		// SmartWats routes on the decoded path, so no campaign can be reached by a UID holding a slash.
		throw invalidInput(this, itemIndex, `'${field}' is not a campaign UID: "${campaignUid}"`, hint);
	}
	const simplify = simplified(this, itemIndex);
	const data = await apiRequest.call(this, 'GET', ['campaign-status', campaignUid], {
		itemIndex,
		subject: { campaignUid },
	});
	return simplify ? simplifyCampaignStatus(campaignUid, data) : { campaignUid, ...data };
}
