import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import * as campaign from './campaign/Campaign.resource';
import * as contact from './contact/Contact.resource';
import * as group from './group/Group.resource';
import * as label from './label/Label.resource';
import * as message from './message/Message.resource';
import * as template from './template/Template.resource';
import type { Operations, Resource } from './types';

const resources = [
	{ name: 'Campaign', value: 'campaign', module: campaign },
	{ name: 'Contact', value: 'contact', module: contact },
	{ name: 'Group', value: 'group', module: group },
	{ name: 'Label', value: 'label', module: label },
	{ name: 'Message', value: 'message', module: message },
	{ name: 'Template', value: 'template', module: template },
] satisfies Array<INodePropertyOptions & { module: Resource }>;

export const resourceOptions: INodePropertyOptions[] = resources.map(({ name, value }) => ({
	name,
	value,
}));

export const resourceDescriptions: INodeProperties[] = resources.flatMap(
	({ module }) => module.description,
);

export const operationsByResource: Record<string, Operations> = Object.fromEntries(
	resources.map(({ value, module }) => [value, module.operations]),
);
