import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireText } from '../../helpers/validation';
import { apiRequest } from '../../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		default: 'logUid',
		options: [
			{ name: 'Log UID', value: 'logUid', description: 'The log_uid returned by a send' },
			{
				name: 'WhatsApp Message ID',
				value: 'wamid',
				description: 'The wamid returned by a send or a webhook',
			},
		],
	},
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. {{ $json.log_uid }}',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getStatus'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const lookupBy = this.getNodeParameter('lookupBy', itemIndex) as string;
	const id = requireText(
		this,
		itemIndex,
		this.getNodeParameter('messageId', itemIndex),
		'Message ID',
	);
	const data = await apiRequest.call(this, 'GET', ['contact', 'message-status'], {
		qs: { [lookupBy === 'wamid' ? 'wamid' : 'log_uid']: id },
		itemIndex,
	});
	return { [lookupBy === 'wamid' ? 'wamid' : 'log_uid']: id, ...data };
}
