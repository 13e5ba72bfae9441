import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { withoutEmpty } from '../../helpers/utils';
import { LIMITS, readText, requireHttpUrl } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import { readSendBase, sendFields } from './common';

const properties: INodeProperties[] = sendFields(
	[
		{
			displayName: 'Media Type',
			name: 'mediaType',
			type: 'options',
			default: 'image',
			options: [
				{ name: 'Audio', value: 'audio' },
				{ name: 'Document', value: 'document' },
				{ name: 'Image', value: 'image' },
				{ name: 'Video', value: 'video' },
			],
		},
		{
			displayName: 'Media URL',
			name: 'mediaUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. https://example.com/files/invoice-1001.pdf',
			description: 'Public URL of the file; WhatsApp downloads it from there',
		},
	],
	[
		{
			displayName: 'Caption',
			name: 'caption',
			type: 'string',
			default: '',
			description: 'Text shown with an image, video or document (audio has none)',
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			placeholder: 'e.g. invoice-1001.pdf',
			description: 'Name shown for a document',
		},
	],
);

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendMedia'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const mediaType = this.getNodeParameter('mediaType', itemIndex) as string;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const media = {
		media_type: mediaType,
		media_url: requireHttpUrl(
			this,
			itemIndex,
			this.getNodeParameter('mediaUrl', itemIndex),
			'Media URL',
		),
		...withoutEmpty({
			caption:
				mediaType === 'audio'
					? undefined
					: readText(this, itemIndex, options.caption, 'Caption', { maxLength: LIMITS.caption }),
			file_name:
				mediaType === 'document'
					? readText(this, itemIndex, options.fileName, 'File Name')
					: undefined,
		}),
	};
	const body = { ...(await readSendBase(this, itemIndex)), ...media };
	return await apiRequest.call(this, 'POST', ['contact', 'send-media-message'], {
		body,
		itemIndex,
	});
}
