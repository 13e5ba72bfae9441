import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	classifyPayload,
	MESSAGE_STATUSES,
	normalizePayload,
	TRIGGER_ON_OF_EVENT,
} from './normalize';
import { secretMatches } from './secret';

export class SmartWatsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SmartWats Trigger',
		name: 'smartWatsTrigger',
		icon: { light: 'file:../../icons/smartwats.svg', dark: 'file:../../icons/smartwats.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow when SmartWats reports a WhatsApp message, a message status or a contact change',
		defaults: { name: 'SmartWats Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// SmartWats has no API to register a webhook, so receiving needs no credential: the URL is pasted by hand.
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		eventTriggerDescription: 'Waiting for SmartWats to call the Test URL',
		activationMessage:
			'Paste the Production URL into SmartWats under Settings → API Access & Webhook if it is not there yet.',
		properties: [
			{
				displayName:
					'SmartWats does not register webhooks through its API. In SmartWats, open <b>Settings → API Access & Webhook</b>, turn on <b>Enable Webhook Endpoint</b> and paste this node\'s Production URL (under Webhook URLs above) as the Webhook Endpoint; paste the Test URL instead while you test with "Listen for test event". If you set a Secret below, add <code>?secret=&lt;your secret&gt;</code> to the end of the URL. SmartWats calls one URL per account.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Trigger On',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['incomingMessage'],
				options: [
					{
						name: 'Contact Created or Updated',
						value: 'contact',
						description: 'A contact was created or updated through the SmartWats API',
					},
					{
						name: 'Incoming Message',
						value: 'incomingMessage',
						description: 'A customer sent a message, a button or list reply, media or a location',
					},
					{
						name: 'Message Status Update',
						value: 'messageStatus',
						description: 'A message you sent was sent, delivered, read or failed',
					},
				],
				description:
					'Which SmartWats events start the workflow. SmartWats calls the URL for all of them; the others are acknowledged and ignored.',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'multiOptions',
				default: [...MESSAGE_STATUSES],
				options: [
					{ name: 'Delivered', value: 'delivered' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'Read', value: 'read' },
					{ name: 'Sent', value: 'sent' },
				],
				displayOptions: { show: { events: ['messageStatus'] } },
				description:
					'Which message statuses start the workflow. Every message you send reports several statuses.',
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Optional. When set, SmartWats must call the URL with <code>?secret=</code> and this value appended; other calls are answered with 401 and start nothing. Use letters and digits only, or URL-encode it.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Include Raw Payload',
						name: 'includeRawPayload',
						type: 'boolean',
						default: false,
						description:
							'Whether to add the request body exactly as SmartWats sent it, under <code>raw</code>',
					},
				],
			},
		],
	};

	// SmartWats offers no API to register, look up or remove a webhook: the user pastes the URL into SmartWats
	// (see the notice). There is therefore nothing to check, create or delete on SmartWats' side, and each method
	// reports success without a request. Deactivating the workflow leaves the URL in SmartWats; its calls then get
	// n8n's 404, which SmartWats ignores.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Report the manually registered URL as existing, so n8n does not try to create it.
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				// Nothing to create remotely; n8n starts listening on the URL on its own.
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// Nothing to remove remotely; the user disables the webhook in SmartWats if they no longer want calls.
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const secret = (this.getNodeParameter('secret', '') as string).trim();
		if (secret !== '' && !secretMatches(secret, (this.getQueryData() as IDataObject).secret)) {
			const res = this.getResponseObject();
			res.writeHead(401, { 'Content-Type': 'application/json; charset=utf-8' });
			res.end(
				JSON.stringify({
					message: "Unauthorized: the secret in the URL does not match the trigger's Secret",
				}),
			);
			return { noWebhookResponse: true };
		}

		// Whatever is not a selected event is acknowledged with n8n's default 200 and starts nothing:
		// SmartWats sends every event to the one URL and does not retry.
		const body = this.getBodyData();
		const event = classifyPayload(body);
		if (event === undefined) return {};
		const triggerOn = this.getNodeParameter('events', []) as string[];
		if (!triggerOn.includes(TRIGGER_ON_OF_EVENT[event])) return {};

		const options = this.getNodeParameter('options', {}) as { includeRawPayload?: boolean };
		const item = normalizePayload(event, body, { includeRaw: options.includeRawPayload === true });
		if (event === 'message.status') {
			const statuses = this.getNodeParameter('statuses', []) as string[];
			if (!statuses.includes(item.status as string)) return {};
		}

		return { workflowData: [this.helpers.returnJsonArray([item])] };
	}
}
