/**
 * Serves a trigger node's webhook the way n8n 2.40's webhook server does (packages/cli `executeWebhook`), over real
 * HTTP on 127.0.0.1: the body is parsed like n8n's body parser (webhook-body.js), `query` from the URL, n8n-core's
 * WebhookContext runs the node's `webhook()` with the real IncomingMessage/ServerResponse, and the answer follows
 * n8n's rules: the node's own response (`noWebhookResponse`), `webhookResponse` or "Webhook call received" when
 * nothing starts, and for `onReceived` the webhook description's `responseData` (n8n's default 'firstEntryJson'
 * when it is left out), else `webhookResponse`, else "Workflow was started". When the node returns `workflowData`
 * an execution starts in n8n-core's WorkflowExecute with the trigger as start node; when `webhook()` throws, n8n
 * answers 500 and still starts an execution that fails on the trigger with the error, so the cause is recorded.
 * The execution runs the trigger itself first (its `execute()`, where Download Media fetches files), as n8n does.
 * The node's credential, if any, comes from memory. Database-backed parts of n8n are left out; binary data stays in
 * the items (base64), as n8n keeps it without a binary data store. `useTrigger` gives a spec a trigger per describe.
 */
import { randomUUID } from 'node:crypto';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';

import { SmartWatsTrigger } from '../../nodes/SmartWatsTrigger/SmartWatsTrigger.node';
import { buildWebhookPayload, postWebhook } from '../fake-smartwats/webhooks';
import type { MEDIA_WEBHOOK_KINDS, WebhookKind, AnyOverrides } from '../fake-smartwats/webhooks';
import { NodeTypes } from './engine';
import { listen, parseQuery, readBody } from './node-io';
import type { IncomingMessage, ServerResponse } from './node-io';
import { parseWebhookBody } from './webhook-body';

export const SMARTWATS_TRIGGER_NODE = 'n8n-nodes-smartwats.smartWatsTrigger';
const NODE_NAME = 'SmartWats Trigger';
const WORKFLOW_ID = 'trigger-test';

/** One request the server handled. */
export interface WebhookRun {
	query: IDataObject;
	/** `req.body` as n8n's body parser left it: undefined for an empty body or an unparsed content type. */
	body: unknown;
	/** What the node's `webhook()` returned; undefined when it threw or the request never reached it. */
	result?: IWebhookResponseData;
	/** What `webhook()` threw (n8n then answers 500). */
	error?: Error;
	/** The execution n8n starts when `webhook()` returns `workflowData`, or throws. */
	execution?: Promise<IRun>;
}

export interface TriggerServerOptions {
	/** The node's typeVersion (default: the node's defaultVersion, as a newly added node gets). */
	typeVersion?: number;
	/** Decrypted data of the node's credentials by credential type; the node refers to each of them. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
}

export interface TriggerServer {
	/** Base URL of the server, e.g. http://127.0.0.1:12345 */
	baseUrl: string;
	/** The node's Production URL as n8n shows it (`getNodeWebhookUrl('default')`). */
	productionUrl: string;
	/** Every request handled, in order. */
	runs: WebhookRun[];
	/** Replaces the node's parameters (defaults are filled in as n8n stores them). */
	setParameters(parameters: IDataObject): void;
	/** Replaces the decrypted data of the node's credentials. */
	setCredentials(credentials: Record<string, ICredentialDataDecryptedObject>): void;
	/** Runs one of the node's `webhookMethods.default` hooks in n8n-core's HookContext. */
	runWebhookMethod(method: 'checkExists' | 'create' | 'delete'): Promise<boolean>;
	/** The subtitle n8n's editor shows under the node for its current parameters (as its getNodeSubtitle does). */
	subtitle(): unknown;
	close(): Promise<void>;
}

function json(res: ServerResponse, status: number, data: unknown) {
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(data));
}

/** n8n's credentials helper, reduced to what a trigger needs: the decrypted data of the node's credentials. */
class TriggerCredentials extends ICredentialsHelper {
	constructor(public data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
		const found = this.data[type];
		if (!found) throw new Error(`No credentials of type ${type} in this test`);
		return { ...found };
	}

	isCredentialUsableByNode() {
		return true;
	}

	getParentTypes(): string[] {
		return [];
	}

	getCredentialsProperties() {
		return [];
	}

	async authenticate(): Promise<never> {
		throw new Error('not used by the trigger');
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by the trigger');
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}
}

/** Starts a server for one SmartWats Trigger node with the given parameters. */
export async function startTriggerServer(
	parameters: IDataObject = {},
	options: TriggerServerOptions = {},
): Promise<TriggerServer> {
	const nodeType = new SmartWatsTrigger();
	const nodeTypes = new NodeTypes({ [SMARTWATS_TRIGGER_NODE]: nodeType });
	const webhookDescription = nodeType.description.webhooks![0];
	const credentialsHelper = new TriggerCredentials(options.credentials ?? {});
	const node: INode = {
		id: randomUUID(),
		name: NODE_NAME,
		type: SMARTWATS_TRIGGER_NODE,
		typeVersion: options.typeVersion ?? nodeType.description.defaultVersion ?? 1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: {},
	};
	const setCredentials = (data: Record<string, ICredentialDataDecryptedObject>) => {
		credentialsHelper.data = data;
		node.credentials = Object.fromEntries(
			Object.keys(data).map((type) => [type, { id: `${type}-1`, name: type }]),
		);
	};
	setCredentials(options.credentials ?? {});
	const setParameters = (values: IDataObject) => {
		// n8n stores parameters with their defaults filled in; do the same so the node sees what it would in n8n.
		node.parameters =
			NodeHelpers.getNodeParameters(
				nodeType.description.properties,
				values as INode['parameters'],
				true,
				false,
				node,
				nodeType.description,
			) ?? {};
	};
	setParameters(parameters);

	const runs: WebhookRun[] = [];
	let executionCounter = 0;
	let baseUrl = '';

	const workflowFor = () =>
		new Workflow({
			id: WORKFLOW_ID,
			nodes: [node],
			connections: {},
			nodeTypes,
			active: true,
			settings: {},
		});

	const additionalDataFor = (extra: Partial<IWorkflowExecuteAdditionalData> = {}) =>
		({
			executionId: String(++executionCounter),
			credentialsHelper,
			restApiUrl: `${baseUrl}/rest`,
			instanceBaseUrl: `${baseUrl}/`,
			webhookBaseUrl: `${baseUrl}/webhook`,
			webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
			webhookTestBaseUrl: `${baseUrl}/webhook-test`,
			formWaitingBaseUrl: `${baseUrl}/form-waiting`,
			variables: {},
			userId: 'user',
			setExecutionStatus: () => {},
			sendDataToUI: () => {},
			logAiEvent: () => {},
			getRunExecutionData: async () => undefined,
			executeWorkflow: async () => {
				throw new Error('not used');
			},
			startRunnerTask: async () => {
				throw new Error('not used');
			},
			...extra,
		}) as unknown as IWorkflowExecuteAdditionalData;

	const webhookDataFor = (
		workflow: Workflow,
		additionalData: IWorkflowExecuteAdditionalData,
	): IWebhookData => ({
		httpMethod: 'POST',
		node: node.name,
		path: NodeHelpers.getNodeWebhookPath(workflow.id, node, webhookDescription.path),
		webhookDescription,
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		webhookId: node.webhookId,
	});

	/**
	 * Starts the execution n8n starts for a webhook that returned workflowData (prepareExecutionData + run), or that
	 * threw (`error`: n8n then runs an empty item through the trigger with the error as the last node's error).
	 */
	const startExecution = (
		workflow: Workflow,
		workflowData: INodeExecutionData[][],
		error?: Error,
	): Promise<IRun> => {
		const hooks = new ExecutionLifecycleHooks('webhook', String(executionCounter), {
			id: workflow.id,
			name: 'SmartWats Trigger test',
			nodes: [node],
			connections: {},
			active: true,
			settings: {},
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
			isArchived: false,
		} as never);
		const finished = new Promise<IRun>((resolve) =>
			hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)),
		);
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node, data: { main: workflowData }, source: null }] },
		});
		if (error)
			runExecutionData.resultData = {
				runData: {},
				lastNodeExecuted: node.name,
				error: { ...error, message: error.message, stack: error.stack } as never,
			};
		const execute = new WorkflowExecute(additionalDataFor({ hooks }), 'webhook', runExecutionData);
		void execute.processRunExecutionData(workflow);
		return finished;
	};

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const url = new URL(req.url ?? '/', baseUrl);
		const workflow = workflowFor();
		const expectedPath = `/webhook/${NodeHelpers.getNodeWebhookPath(workflow.id, node, webhookDescription.path)}`;
		if (req.method !== 'POST' || url.pathname !== expectedPath) {
			json(res, 404, { code: 404, message: 'The requested webhook is not registered.' });
			return;
		}

		const parsed = await parseWebhookBody(await readBody(req), req.headers['content-type']);
		if ('unprocessable' in parsed) {
			json(res, 422, {
				code: 422,
				message: 'Failed to parse request body',
				hint: parsed.unprocessable,
			});
			return;
		}
		const request = req as IncomingMessage & IDataObject;
		request.contentType = parsed.contentType;
		request.query = parseQuery(url.search.slice(1)) as IDataObject;
		request.params = {};
		request.body = parsed.body as IDataObject;

		const run: WebhookRun = { query: request.query as IDataObject, body: request.body };
		runs.push(run);

		const additionalData = additionalDataFor({ httpRequest: req, httpResponse: res } as never);
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			webhookDataFor(workflow, additionalData),
			[],
			null,
		);
		try {
			run.result = await nodeType.webhook.call(context);
		} catch (error) {
			run.error = error as Error;
			json(res, 500, {
				code: 0,
				message: 'Workflow Webhook Error: Workflow could not be started!',
			});
			run.execution = startExecution(workflow, [[{ json: {} }]], run.error);
			return;
		}

		const { result } = run;
		const answered = result.noWebhookResponse === true;
		if (result.workflowData === undefined) {
			if (!answered) json(res, 200, result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}
		run.execution = startExecution(workflow, result.workflowData);
		if (answered) return;
		// responseMode onReceived: n8n answers once the execution is started.
		const responseData = workflow.expression.getComplexParameterValue(
			node,
			webhookDescription.responseData,
			'webhook',
			{},
			undefined,
			'firstEntryJson',
		);
		const body =
			responseData === 'noData'
				? undefined
				: responseData || (result.webhookResponse ?? { message: 'Workflow was started' });
		if (typeof body === 'string') {
			res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
			res.end(body);
		} else json(res, 200, body);
	};

	const server = await listen((req, res) => {
		handle(req, res).catch((error: Error) => {
			if (!res.headersSent) json(res, 500, { message: error.message });
			else res.end();
		});
	});
	baseUrl = server.baseUrl;

	const hookContext = () => {
		const workflow = workflowFor();
		const additionalData = additionalDataFor();
		return new HookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			'activate',
			webhookDataFor(workflow, additionalData),
		);
	};

	return {
		baseUrl,
		productionUrl: hookContext().getNodeWebhookUrl('default')!,
		runs,
		setParameters,
		setCredentials,
		async runWebhookMethod(method) {
			const hook = nodeType.webhookMethods.default[method];
			return await hook.call(hookContext());
		},
		subtitle: () =>
			workflowFor().expression.getSimpleParameterValue(
				node,
				nodeType.description.subtitle,
				'internal',
				{},
			),
		close: server.close,
	};
}

/** The trigger node's output items in a finished execution. */
export function triggerItems(run: IRun): INodeExecutionData[] {
	return run.data.resultData.runData[NODE_NAME]?.[0]?.data?.main?.[0] ?? [];
}

// ---- specs' access: a trigger per describe, and ways to call it ---------------------------------------------------

/** Every event of the Trigger On parameter. */
export const ALL_EVENTS = { events: ['incomingMessage', 'messageStatus', 'contact'] };
/** The time (Unix seconds) `sendKind` puts in the payload: 2025-01-31T10:15:00Z. */
export const TIMESTAMP = 1738318500;

/** A webhook kind of the simulator, media kinds included. */
export type AnyWebhookKind = WebhookKind | (typeof MEDIA_WEBHOOK_KINDS)[number];

export interface Sent {
	status: number;
	/** The answer's Content-Type. */
	contentType: string | null;
	/** The answer: parsed JSON when it is JSON, else the text. */
	body: unknown;
	run: WebhookRun;
	/** The trigger's output items (json) in the execution it started; empty when none started. */
	items: IDataObject[];
	/** The same items whole: json, binary, pairedItem. */
	output: INodeExecutionData[];
	/** The finished execution, if one started. */
	execution?: IRun;
}

/** A SmartWats Trigger served over HTTP as n8n serves it, and ways to call it. */
export interface Trigger {
	server: TriggerServer;
	/** POSTs a body to the Production URL (JSON unless `contentType` says otherwise), with the given parameters. */
	send(
		payload: unknown,
		options?: { parameters?: IDataObject; query?: string; contentType?: string },
	): Promise<Sent>;
	/** POSTs the payload of one kind the way SmartWats does (simulator's webhook client), at `TIMESTAMP`. */
	sendKind(kind: AnyWebhookKind, overrides?: AnyOverrides, parameters?: IDataObject): Promise<Sent>;
}

/** Starts a trigger before the tests of the enclosing describe and stops it after them. */
export function useTrigger(
	defaults: IDataObject = ALL_EVENTS,
	options: TriggerServerOptions = {},
): Trigger {
	const trigger = {} as Trigger;
	beforeAll(async () => {
		trigger.server = await startTriggerServer(defaults, options);
	});
	afterAll(async () => {
		await trigger.server?.close();
	});

	const collect = async (
		index: number,
		status: number,
		contentType: string | null,
		body: unknown,
	): Promise<Sent> => {
		const run = trigger.server.runs[index];
		expect(run).toBeDefined();
		const execution = run.execution ? await run.execution : undefined;
		const output = execution ? triggerItems(execution) : [];
		return {
			status,
			contentType,
			body,
			run,
			items: output.map((item) => item.json),
			output,
			execution,
		};
	};

	trigger.send = async (payload, { parameters = defaults, query = '', contentType } = {}) => {
		const { server } = trigger;
		server.setParameters(parameters);
		const index = server.runs.length;
		const response = await fetch(`${server.productionUrl}${query}`, {
			method: 'POST',
			headers: { 'Content-Type': contentType ?? 'application/json' },
			body: contentType === undefined ? JSON.stringify(payload) : (payload as string | Uint8Array),
		});
		const text = await response.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// Not JSON: keep the text.
		}
		return await collect(index, response.status, response.headers.get('content-type'), body);
	};

	trigger.sendKind = async (kind, overrides = {}, parameters = defaults) => {
		const { server } = trigger;
		server.setParameters(parameters);
		const index = server.runs.length;
		const payload = buildWebhookPayload(kind, { timestamp: TIMESTAMP, ...overrides });
		const response = await postWebhook(server.productionUrl, payload);
		return await collect(index, response.status, null, response.body);
	};
	return trigger;
}
