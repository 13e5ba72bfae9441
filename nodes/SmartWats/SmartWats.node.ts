import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { requestOptionsField } from './actions/common.descriptions';
import { resourceDescriptions, resourceOptions } from './actions/resources';
import { router } from './actions/router';
import { listSearch, loadOptions } from './methods';
import { sendAndWaitWebhook } from './sendAndWait/webhook';

export class SmartWats implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SmartWats',
		name: 'smartWats',
		icon: { light: 'file:../../icons/smartwats.svg', dark: 'file:../../icons/smartwats.dark.svg' },
		group: ['output'],
		// 1.1: Simplify on by default and pickers for single campaigns; version 1 nodes keep their output and fields.
		version: [1, 1.1],
		defaultVersion: 1.1,
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
		// Message → Send and Wait for Response: n8n serves these under /webhook-waiting/<execution>/<node id> while an
		// execution waits on this node (restart webhooks); they are never registered when a workflow is published.
		webhooks: [
			{
				name: 'default',
				httpMethod: 'GET',
				responseMode: 'onReceived',
				responseData: '',
				path: '={{ $nodeId }}',
				restartWebhook: true,
				isFullPath: true,
			},
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: '={{ $nodeId }}',
				restartWebhook: true,
				isFullPath: true,
			},
		],
		waitingNodeTooltip:
			'={{ $parameter.operation === "sendAndWait" ? "Execution will continue after the contact answers" : "" }}',
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

	// n8n calls these only for webhooks it registers when a workflow is published. This node has restart webhooks
	// only, which n8n serves itself for a waiting execution, and SmartWats has nothing to register: no-ops.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await sendAndWaitWebhook.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
