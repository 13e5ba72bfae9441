import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readTemplate, readTemplateParameters } from '../../helpers/template';
import { apiRequest } from '../../transport';
import { templateParameterFields, templatePicker } from '../template.descriptions';
import { readSendBase, sendFields } from './common';

const properties: INodeProperties[] = sendFields([templatePicker, ...templateParameterFields]);

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendTemplate'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const template = readTemplate(this, itemIndex);
	const parameters = readTemplateParameters(this, itemIndex);
	const body = {
		...(await readSendBase(this, itemIndex)),
		template_name: template.name,
		template_language: template.language,
		...parameters,
	};
	return await apiRequest.call(this, 'POST', ['contact', 'send-template-message'], {
		body,
		itemIndex,
	});
}
