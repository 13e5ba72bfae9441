import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import * as campaign from './campaign/Campaign.resource';
import * as contact from './contact/Contact.resource';
import * as group from './group/Group.resource';
import * as label from './label/Label.resource';
import * as message from './message/Message.resource';
import * as template from './template/Template.resource';

export type OperationExecute = (
	this: IExecuteFunctions,
	itemIndex: number,
) => Promise<IDataObject | IDataObject[]>;

/** Each resource module exports its operations (each with `description` and `execute`) and their UI description. */
const resources = [
	{ name: 'Campaign', value: 'campaign', module: campaign },
	{ name: 'Contact', value: 'contact', module: contact },
	{ name: 'Group', value: 'group', module: group },
	{ name: 'Label', value: 'label', module: label },
	{ name: 'Message', value: 'message', module: message },
	{ name: 'Template', value: 'template', module: template },
];

export const resourceOptions: INodePropertyOptions[] = resources.map(({ name, value }) => ({
	name,
	value,
}));

export const resourceDescriptions: INodeProperties[] = resources.flatMap(
	({ module }) => module.description,
);

export const operationsByResource: Record<
	string,
	Record<string, { execute: OperationExecute }>
> = Object.fromEntries(
	resources.map(({ value, module }) => [
		value,
		module.operations as Record<string, { execute: OperationExecute }>,
	]),
);
