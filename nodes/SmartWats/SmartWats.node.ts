import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsField } from './actions/common.descriptions';
import { resourceDescriptions, resourceOptions } from './actions/resources';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';

export class SmartWats implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SmartWats',
		name: 'smartWats',
		icon: { light: 'file:../../icons/smartwats.svg', dark: 'file:../../icons/smartwats.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description: 'Send WhatsApp messages and manage contacts and campaigns with SmartWats',
		// The editor's Docs link: a full URL here is used as given, while the codex URL gets "?utm_…" appended,
		// which after a "#" breaks the anchor.
		documentationUrl: 'https://github.com/smartwats/n8n-nodes-smartwats#operations',
		defaults: { name: 'SmartWats' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smartWatsApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'message',
				options: resourceOptions,
			},
			...resourceDescriptions,
			requestOptionsField,
		],
	};

	methods = { loadOptions, listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
