import type {
	ICredentialsDecrypted,
	IDataObject,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

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
}
