/**
 * Runs an execution that waits, the way n8n does: n8n-core's WorkflowExecute runs the workflow until the node calls
 * `putExecutionToWait`; the execution is then "saved" (a copy of its data) and a local HTTP server stands in for
 * n8n's /webhook-waiting endpoint. Like n8n's WaitingWebhooks it checks the link's signature with n8n-core's own
 * helper, answers links of finished executions with "No action required", runs the node's `webhook()` in
 * n8n-core's WebhookContext with the saved execution, and resumes the execution with the `workflowData` it returns.
 * `timeOut()` resumes it the way n8n's wait tracker does when the wait limit passes. The database and the editor
 * push are left out.
 */
import type {
	IDataObject,
	INodeExecutionData,
	IRunExecutionData,
	IWebhookData,
	IWebhookResponseData,
} from 'n8n-workflow';
import { createRunExecutionData, jsonParse } from 'n8n-workflow';
import {
	validateUrlSignature,
	WAITING_TOKEN_QUERY_PARAM,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';

import type { PreparedRun, RunOptions, RunResult } from './engine';
import { nodeResult, prepareRun } from './engine';
import { hmacSignatureSecret } from './n8n-instance';
import { listen, parseQuery, readBody } from './node-io';
import { openLink } from './open-link';
import type { IncomingMessage, ServerResponse } from './node-io';

const MODE = 'manual';

/** What n8n shows for a send-and-wait link whose execution no longer waits there (its own template's heading). */
export const NO_ACTION_REQUIRED = 'No action required';

type Status = 'waiting' | 'running' | 'success' | 'error';

export interface PageAnswer {
	status: number;
	headers: Headers;
	html: string;
}

export interface WaitingExecution {
	/** The first run, up to the wait (or to its end, when the node failed before waiting). */
	first: RunResult;
	/** When the wait ends on its own, as the node asked n8n. */
	waitTill: Date | undefined;
	status(): Status;
	/** Requests a link like a browser: GET, or POST with form fields (`application/x-www-form-urlencoded`). */
	open(
		url: string,
		form?: Record<string, string>,
		headers?: Record<string, string>,
	): Promise<PageAnswer>;
	/** The resumed execution, once an answer resumed it. */
	resumed(): Promise<RunResult>;
	/** Resumes the execution as n8n does when the wait limit has passed. */
	timeOut(): Promise<RunResult>;
	/** Errors the node's `webhook()` threw (n8n would end the execution with them). */
	webhookErrors: Error[];
	close(): Promise<void>;
}

let executionCounter = 100;

export async function startWaitingExecution(options: RunOptions): Promise<WaitingExecution> {
	const executionId = String(++executionCounter);
	let status: Status = 'running';
	let saved: IRunExecutionData | undefined;
	let resumed: Promise<RunResult> | undefined;
	const webhookErrors: Error[] = [];

	const run = async (data: IRunExecutionData): Promise<RunResult> => {
		const { hooks, finished } = prepared.hooks(executionId, MODE);
		status = 'running';
		const execute = new WorkflowExecute(prepared.additionalData(hooks, executionId), MODE, data);
		void execute.processRunExecutionData(prepared.workflow);
		const result = await finished;
		status =
			result.status === 'waiting' ? 'waiting' : result.data.resultData.error ? 'error' : 'success';
		// n8n saves the execution and loads it again for the resume: keep a copy, not the live object.
		saved = JSON.parse(JSON.stringify(result.data)) as IRunExecutionData;
		return nodeResult(result);
	};

	const handle = async (req: IncomingMessage, res: ServerResponse, baseUrl: string) => {
		const url = new URL(req.url ?? '/', baseUrl);
		const [, root, id, suffix] = url.pathname.split('/');
		if (root !== 'webhook-waiting' || id !== executionId) {
			return sendJson(res, 404, { message: `The execution "${id}" does not exist.` });
		}
		const signature = url.searchParams.get(WAITING_TOKEN_QUERY_PARAM) ?? '';
		if (!signature || !validateUrlSignature(signature, url, hmacSignatureSecret())) {
			return sendJson(res, 401, { error: 'Invalid token' });
		}
		if (status === 'running') {
			return sendJson(res, 409, { message: `The execution "${id}" is running already.` });
		}
		if (status === 'error') {
			return sendJson(res, 409, { message: `The execution "${id}" has finished with error.` });
		}
		const { workflow, nodeTypes } = prepared;
		const node = workflow.getNode(saved!.resultData.lastNodeExecuted ?? '');
		const nodeType = node && nodeTypes.getByNameAndVersion(node.type);
		const description = nodeType?.description.webhooks?.find(
			(webhook) =>
				webhook.httpMethod === req.method &&
				webhook.restartWebhook === true &&
				workflow.expression.getSimpleParameterValue(node!, webhook.path, MODE, {}) ===
					decodeURIComponent(suffix ?? ''),
		);
		if (status !== 'waiting' || !node || !nodeType?.webhook || !description) {
			return sendHtml(res, 200, `<h1>${NO_ACTION_REQUIRED}</h1>`);
		}

		// What n8n's body parser does for the content types a page can post.
		const request = req as IncomingMessage & IDataObject;
		const rawBody = (await readBody(req)).toString('utf-8');
		const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		request.query = parseQuery(url.search.slice(1));
		request.params = {};
		request.body =
			rawBody === ''
				? {}
				: contentType === 'application/x-www-form-urlencoded'
					? parseQuery(rawBody)
					: contentType === 'application/json'
						? jsonParse(rawBody)
						: rawBody;

		// n8n loads the execution and prepares it for the resume before it calls the node.
		const execution = JSON.parse(JSON.stringify(saved)) as IRunExecutionData;
		execution.waitTill = undefined;
		const stackEntry = execution.executionData!.nodeExecutionStack[0];
		stackEntry.node.disabled = true;
		execution.resultData.runData[node.name].pop();

		const { hooks } = prepared.hooks(executionId, MODE);
		const additionalData = prepared.additionalData(hooks, executionId, {
			httpRequest: req as never,
			httpResponse: res as never,
		});
		const webhookData: IWebhookData = {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: node.name,
			path: node.id,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
		};
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			MODE,
			webhookData,
			[],
			execution,
		);
		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook.call(context);
		} catch (error) {
			webhookErrors.push(error as Error);
			status = 'error';
			return sendJson(res, 500, {
				message: 'Workflow Webhook Error: Workflow could not be started!',
			});
		}
		if (result.workflowData !== undefined) {
			stackEntry.data.main = result.workflowData as INodeExecutionData[][];
			stackEntry.metadata = { ...stackEntry.metadata, forwardAllOutputs: true };
			resumed = run(execution);
		}
		if (result.noWebhookResponse === true) return;
		const answer = result.webhookResponse ?? { message: 'Workflow was started' };
		if (typeof answer === 'string') sendHtml(res, 200, answer);
		else sendJson(res, 200, answer);
	};

	const server = await listen((req, res) => {
		handle(req, res, server.baseUrl).catch((error: Error) => {
			if (!res.headersSent) sendJson(res, 500, { message: error.message });
			else res.end();
		});
	});
	const prepared: PreparedRun = prepareRun(options, {
		instanceBaseUrl: server.baseUrl,
		webhookWaitingBaseUrl: `${server.baseUrl}/webhook-waiting`,
	});

	const startData = createRunExecutionData({
		executionData: { nodeExecutionStack: prepared.startStack },
	});
	const first = await run(startData);

	return {
		first,
		waitTill: first.run.waitTill ?? undefined,
		status: () => status,
		open: openLink,
		async resumed() {
			if (!resumed) throw new Error('no answer resumed the execution');
			return await resumed;
		},
		async timeOut() {
			if (status !== 'waiting') throw new Error(`the execution is ${status}, not waiting`);
			// n8n's wait tracker runs the saved execution again; WorkflowExecute sees waitTill and moves on.
			resumed = run(JSON.parse(JSON.stringify(saved)) as IRunExecutionData);
			return await resumed;
		},
		webhookErrors,
		close: server.close,
	};
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}

function sendHtml(res: ServerResponse, status: number, html: string) {
	res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
	res.end(html);
}
