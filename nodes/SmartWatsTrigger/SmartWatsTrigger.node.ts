import type {
	ICredentialsDecrypted,
	IDataObject,
	ICredentialTestFunctions,
	IExecuteFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	downloadMedia,
	downloadSettings,
	MAX_DOWNLOAD_TIMEOUT_SECONDS,
	MAX_FILE_SIZE_MB,
} from './media';
import type { DownloadOptions } from './media';
import { classifyPayload, MESSAGE_STATUSES, normalizePayload } from './normalize';
import type { SmartWatsEvent } from './normalize';
import { configuredSecret, secretMatches, testSecretCredential } from './secret';

/** Values of the "Trigger On" parameter. */
type TriggerOn = 'incomingMessage' | 'messageStatus' | 'contact';

const TRIGGER_ON_OPTIONS: Array<{ name: string; value: TriggerOn; description: string }> = [
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
];

const TRIGGER_ON_OF_EVENT: Record<SmartWatsEvent, TriggerOn> = {
	'message.received': 'incomingMessage',
	'message.status': 'messageStatus',
	'contact.created': 'contact',
	'contact.updated': 'contact',
};

const TRIGGER_ON_NAMES = Object.fromEntries(
	TRIGGER_ON_OPTIONS.map(({ value, name }) => [value, name]),
) as Record<TriggerOn, string>;

/** The selected events as the user reads them ("Incoming Message, Message Status Update"), in the editor's canvas. */
const subtitle = `={{ (Array.isArray($parameter["events"]) ? $parameter["events"] : []).map((event) => (${JSON.stringify(
	TRIGGER_ON_NAMES,
)})[event] || event).join(", ") }}`;

/**
 * The answer to a call that starts nothing. A started call is answered by n8n with its `webhookResponse` once the
 * execution is under way (see `responseData`); a refused one by the node itself, as n8n offers no per-call status.
 */
function startsNothing(reason: string): IWebhookResponseData {
	return { webhookResponse: { started: false, reason } };
}

export class SmartWatsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SmartWats Trigger',
		name: 'smartWatsTrigger',
		icon: { light: 'file:../../icons/smartwats.svg', dark: 'file:../../icons/smartwats.dark.svg' },
		group: ['trigger'],
		// 1.1 keeps the secret in a credential; 1 in a parameter, which existing workflows still use.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle,
		// n8n's node panel lists this node and SmartWats as one entry and shows this text for it (see
		// DEVELOPERS.md, The node panel), so it speaks for both.
		description:
			'Send WhatsApp messages, manage contacts and campaigns, and start workflows when customers write',
		documentationUrl: 'https://github.com/smartwats/n8n-nodes-smartwats#smartwats-trigger',
		defaults: { name: 'SmartWats Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'smartWatsTriggerApi',
				required: true,
				testedBy: 'smartWatsTriggerApiTest',
				displayOptions: { show: { authentication: ['urlSecret'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
				// Falsy, so that n8n answers a started call with the webhook's own `webhookResponse`. Left out, n8n
				// falls back to 'firstEntryJson' and answers with that literal text.
				responseData: '',
			},
		],
		eventTriggerDescription: 'Waiting for SmartWats to call the Test URL',
		activationMessage:
			'Your workflow will now start for SmartWats events sent to the Production URL. Paste that URL into SmartWats under Settings → API Access & Webhook if it is not there yet.',
		properties: [
			{
				displayName:
					"SmartWats does not register webhooks through its API. In SmartWats, open <b>Settings → API Access & Webhook</b>, turn on <b>Enable Webhook Endpoint</b>, paste this node's <b>Production URL</b> (under <b>Webhook URLs</b> above) as the <b>Webhook Endpoint</b>, save, and <b>Publish</b> this workflow. To try it first, paste the <b>Test URL</b> instead and click <b>Execute step</b>; put the Production URL back before you publish. If the node checks a secret, add <code>?secret=&lt;your secret&gt;</code> to the end of the URL. SmartWats calls one URL per account.",
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
				options: TRIGGER_ON_OPTIONS,
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
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				noDataExpression: true,
				default: 'none',
				options: [
					{
						name: 'None',
						value: 'none',
						description: 'Every call to the URL is taken',
					},
					{
						name: 'Secret in URL',
						value: 'urlSecret',
						description:
							'Only calls whose URL ends in ?secret= and the secret of a SmartWats Trigger API credential',
					},
				],
				description:
					'SmartWats cannot sign its calls or send headers, so a secret in the URL is the only check a call can carry. The credential keeps the secret encrypted and out of exported workflows.',
				displayOptions: { hide: { '@version': [1] } },
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Optional. When set, SmartWats must call the URL with <code>?secret=</code> and this value appended; other calls are answered with 401 and start nothing. Use letters and digits only, or URL-encode it. Stored in the workflow: newer versions of this node keep it in a credential instead.',
				displayOptions: { show: { '@version': [1] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Allow Private Network Addresses',
						name: 'allowPrivateNetwork',
						type: 'boolean',
						default: false,
						displayOptions: { show: { downloadMedia: [true] } },
						description:
							"Whether to download media links that lead to localhost, a private network (10.x, 172.16–31.x, 192.168.x) or a cloud metadata address. Off, they are not followed: the link comes from whoever calls this trigger's URL, and n8n would fetch it from inside your network. Turn on only if your SmartWats stores media on a private network, and set a secret.",
					},
					{
						displayName: 'Download Media',
						name: 'downloadMedia',
						type: 'boolean',
						default: false,
						displayOptions: { show: { '/events': ['incomingMessage'] } },
						description:
							'Whether to download the file of an incoming image, video, audio, voice note, document or sticker and attach it as binary data. The workflow starts whether or not the download works; <code>mediaDownload</code> in the item says which.',
					},
					{
						displayName: 'Download Timeout (Seconds)',
						name: 'downloadTimeoutSeconds',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_DOWNLOAD_TIMEOUT_SECONDS },
						default: 60,
						displayOptions: { show: { downloadMedia: [true] } },
						description:
							'How long a download may take. The download runs after SmartWats has had its answer, so a slow file never holds SmartWats.',
					},
					{
						displayName: 'Include Raw Payload',
						name: 'includeRawPayload',
						type: 'boolean',
						default: false,
						description:
							'Whether to add the request body exactly as SmartWats sent it, under <code>raw</code>',
					},
					{
						displayName: 'Max File Size (MB)',
						name: 'maxFileSizeMb',
						type: 'number',
						typeOptions: { minValue: 0.01, maxValue: MAX_FILE_SIZE_MB, numberPrecision: 2 },
						default: 25,
						displayOptions: { show: { downloadMedia: [true] } },
						description:
							'Larger files are not downloaded (reading stops at the limit) and the workflow starts without them. 1 MB = 1,048,576 bytes. At most 100, the largest document WhatsApp delivers.',
					},
					{
						displayName: 'Put File in Field',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						displayOptions: { show: { downloadMedia: [true] } },
						description: 'The name of the binary field the downloaded file is put in',
					},
				],
			},
		],
	};

	methods = {
		credentialTest: {
			async smartWatsTriggerApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				return testSecretCredential(credential.data);
			},
		},
	};

	// SmartWats offers no API to register, look up or remove a webhook: the user pastes the URL into SmartWats
	// (see the notice), so nothing exists, is created or is deleted on SmartWats' side. `checkExists` answers false so
	// that n8n calls `create` on every publish and every "Execute step", where an unusable secret stops it with a clear
	// message before any call is lost. Unpublishing leaves the URL in SmartWats; its calls then get n8n's 404.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await configuredSecret.call(this);
				// Unusable Download Media options stop publishing here, rather than every execution later.
				downloadSettings(this, this.getNodeParameter('options', {}) as DownloadOptions);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// The user turns the webhook off in SmartWats if they no longer want its calls.
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		// Throws for an unusable secret: n8n then answers 500 and records a failed execution naming the cause.
		const secret = await configuredSecret.call(this);
		if (
			secret !== undefined &&
			!secretMatches(secret, (this.getQueryData() as IDataObject).secret)
		) {
			const res = this.getResponseObject();
			res.writeHead(401, { 'Content-Type': 'application/json; charset=utf-8' });
			res.end(
				JSON.stringify({
					started: false,
					reason: 'The secret in the URL does not match the secret of the SmartWats Trigger',
				}),
			);
			return { noWebhookResponse: true };
		}

		// SmartWats sends every event to the one URL and does not retry: whatever is not a selected event is
		// acknowledged with 200 and starts nothing.
		const body = this.getBodyData();
		const classification = classifyPayload(body);
		if ('ignored' in classification) return startsNothing(classification.ignored);
		const { event } = classification;
		const triggerOn = this.getNodeParameter('events', []) as string[];
		const eventOption = TRIGGER_ON_OF_EVENT[event];
		if (!triggerOn.includes(eventOption))
			return startsNothing(`${TRIGGER_ON_NAMES[eventOption]} is not selected in Trigger On`);

		const options = this.getNodeParameter('options', {}) as { includeRawPayload?: boolean };
		const item = normalizePayload(event, body, { includeRaw: options.includeRawPayload === true });
		if (event === 'message.status') {
			const statuses = this.getNodeParameter('statuses', []) as string[];
			if (!statuses.includes(item.status as string))
				return startsNothing(`The status ${item.status} is not selected in Statuses`);
		}

		return {
			workflowData: [this.helpers.returnJsonArray([item])],
			webhookResponse: { started: true, event },
		};
	}

	/**
	 * Runs as the first step of the execution `webhook()` started, after n8n has answered SmartWats: the place for
	 * work that must not hold SmartWats' call, i.e. Download Media. Without it, the items pass through unchanged.
	 */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const settings = downloadSettings(
			this,
			this.getNodeParameter('options', 0, {}) as DownloadOptions,
		);
		if (!settings) return [items];

		const output: INodeExecutionData[] = [];
		for (let index = 0; index < items.length; index++) {
			const item = items[index];
			const { json } = item;
			if (json.event !== 'message.received') {
				output.push({ ...item, pairedItem: { item: index } });
				continue;
			}
			if (json.media === null || typeof json.media !== 'object') {
				output.push({
					...item,
					json: { ...json, mediaDownload: null },
					pairedItem: { item: index },
				});
				continue;
			}
			const { binary, mediaDownload } = await downloadMedia.call(this, json, settings);
			if (mediaDownload.message !== null)
				this.addExecutionHints({
					message: `The media file was not attached: ${mediaDownload.message}`,
					type: 'warning',
					location: 'outputPane',
				});
			output.push({
				...item,
				json: { ...json, mediaDownload },
				...(binary ? { binary: { ...item.binary, [settings.binaryProperty]: binary } } : {}),
				pairedItem: { item: index },
			});
		}
		return [output];
	}
}
