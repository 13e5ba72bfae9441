/**
 * Serves a trigger node's webhook the way n8n's webhook server does, over real HTTP on 127.0.0.1:
 * the request body is read and parsed like n8n's body parser (JSON by content type), `query` is parsed from the
 * URL, n8n-core's WebhookContext runs the node's `webhook()` with the real IncomingMessage/ServerResponse, and the
 * response follows n8n's rules (the node's own response, n8n's default 200, or "Workflow was started" for
 * `onReceived`). When the node returns `workflowData`, an execution is started in n8n-core's WorkflowExecute
 * with the trigger as start node, as n8n does. Database-backed parts of n8n are left out.
 */
import { randomUUID } from 'node:crypto';

import type {
	IDataObject,
	INode,
	INodeExecutionData,
	IRun,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, jsonParse, NodeHelpers, Workflow } from 'n8n-workflow';
import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';

import { SmartWatsTrigger } from '../../nodes/SmartWatsTrigger/SmartWatsTrigger.node';
import { NodeTypes } from './engine';
import { listen, parseQuery, readBody } from './node-io';
import type { IncomingMessage, ServerResponse } from './node-io';

export const SMARTWATS_TRIGGER_NODE = 'n8n-nodes-smartwats.smartWatsTrigger';
const NODE_NAME = 'SmartWats Trigger';
const WORKFLOW_ID = 'trigger-test';

/** One request the server handled. */
export interface WebhookRun {
	query: IDataObject;
	body: unknown;
	/** What the node's `webhook()` returned; undefined when it threw or the request never reached it. */
	result?: IWebhookResponseData;
	/** What `webhook()` threw (n8n then answers 500). */
	error?: Error;
	/** The execution n8n starts when `webhook()` returns `workflowData`. */
	execution?: Promise<IRun>;
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
	/** Runs one of the node's `webhookMethods.default` hooks in n8n-core's HookContext. */
	runWebhookMethod(method: 'checkExists' | 'create' | 'delete'): Promise<boolean>;
	close(): Promise<void>;
}

function json(res: ServerResponse, status: number, data: unknown) {
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(data));
}

/** Starts a server for one SmartWats Trigger node with the given parameters. */
export async function startTriggerServer(parameters: IDataObject = {}): Promise<TriggerServer> {
	const nodeType = new SmartWatsTrigger();
	const nodeTypes = new NodeTypes({ [SMARTWATS_TRIGGER_NODE]: nodeType });
	const webhookDescription = nodeType.description.webhooks![0];
	const node: INode = {
		id: randomUUID(),
		name: NODE_NAME,
		type: SMARTWATS_TRIGGER_NODE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: {},
	};
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

	/** Starts the execution n8n starts for a webhook that returned workflowData (prepareExecutionData + run). */
	const startExecution = (
		workflow: Workflow,
		workflowData: INodeExecutionData[][],
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

		// n8n's body parser: the raw body, then JSON by content type (UTF-8 unless a charset says otherwise).
		const [contentType, ...contentTypeParameters] = (req.headers['content-type'] ?? '')
			.split(';')
			.map((part) => part.trim());
		const charset = contentTypeParameters
			.find((part) => part.toLowerCase().startsWith('charset='))
			?.slice(8);
		const rawBody = await readBody(req);
		const request = req as IncomingMessage & IDataObject;
		request.rawBody = rawBody;
		request.contentType = contentType.toLowerCase();
		request.query = parseQuery(url.search.slice(1)) as IDataObject;
		request.params = {};
		if (rawBody.length > 0 && request.contentType === 'application/json') {
			try {
				request.body = jsonParse(rawBody.toString((charset ?? 'utf-8') as BufferEncoding));
			} catch (error) {
				json(res, 422, {
					code: 422,
					message: 'Failed to parse request body',
					hint: (error as Error).message,
				});
				return;
			}
		}
		request.body ??= {};

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
			return;
		}

		const { result } = run;
		// The node answered the request itself.
		if (result.noWebhookResponse === true) return;
		if (result.workflowData === undefined) {
			json(
				res,
				200,
				result.webhookResponse !== undefined
					? result.webhookResponse
					: { message: 'Webhook call received' },
			);
			return;
		}
		// responseMode onReceived: answer right away, then run the workflow.
		run.execution = startExecution(workflow, result.workflowData);
		json(
			res,
			200,
			result.webhookResponse !== undefined
				? result.webhookResponse
				: { message: 'Workflow was started' },
		);
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
		async runWebhookMethod(method) {
			const hook = nodeType.webhookMethods.default[method];
			return await hook.call(hookContext());
		},
		close: server.close,
	};
}

/** The trigger node's output items in a finished execution. */
export function triggerItems(run: IRun): INodeExecutionData[] {
	return run.data.resultData.runData[NODE_NAME]?.[0]?.data?.main?.[0] ?? [];
}
