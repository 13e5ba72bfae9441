import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readSendBase, send, sendFields } from '../../helpers/send';
import { readTemplate, readTemplateParameters } from '../../helpers/template';
import { templateParameterFields, templatePicker } from '../template.descriptions';

const properties: INodeProperties[] = sendFields([templatePicker, ...templateParameterFields]);

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendTemplate'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const template = readTemplate(this, itemIndex);
	const body = {
		...readSendBase(this, itemIndex),
		template_name: template.name,
		template_language: template.language,
		...readTemplateParameters(this, itemIndex),
	};
	return await send(this, itemIndex, 'send-template-message', body);
}
