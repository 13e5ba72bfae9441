import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { LIMITS, requireText } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import { readSendBase, sendFields } from './common';

const properties: INodeProperties[] = sendFields([
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		description:
			'Message text (up to 4096 characters). WhatsApp delivers free text only within 24 hours of the contact\'s last message; use a template otherwise. SmartWats removes anything that looks like an HTML tag, e.g. "<3".',
	},
]);

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendText'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const text = requireText(this, itemIndex, this.getNodeParameter('text', itemIndex), 'Text', {
		maxLength: LIMITS.messageText,
	});
	const body = { ...(await readSendBase(this, itemIndex)), message_body: text };
	return await apiRequest.call(this, 'POST', ['contact', 'send-message'], { body, itemIndex });
}
