/**
 * Runs workflows the way n8n does: n8n-core's WorkflowExecute drives the real node classes, parameters and
 * expressions are resolved by n8n-workflow, and requests go over real HTTP through n8n's own request helpers,
 * authenticated with this package's credential definition. Only the database-backed pieces of a full n8n
 * (credential storage, hooks persistence) are replaced by in-memory stand-ins.
 */
import type {
	ICredentialDataDecryptedObject,
	IExecuteData,
	ICredentialType,
	IDataObject,
	ILoadOptionsFunctions,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	Workflow as WorkflowType,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';

import { SmartWatsApi } from '../../credentials/SmartWatsApi.credentials';
import { SmartWats } from '../../nodes/SmartWats/SmartWats.node';

export const PACKAGE = 'n8n-nodes-smartwats';
export const SMARTWATS_NODE = `${PACKAGE}.smartWats`;
const ITEMS_NODE = 'test.items';

/** Emits the items given in its `items` parameter: the input of the node under test. */
class ItemsNode implements INodeType {
	description = {
		displayName: 'Items',
		name: 'items',
		group: ['input'] as Array<'input'>,
		version: 1,
		description: 'Test input',
		defaults: { name: 'Items' },
		usableAsTool: true as const,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json' as const, default: '[]' }],
	};

	async execute(this: import('n8n-workflow').IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [
			items
				.map((json, index) => ({ json, pairedItem: { item: 0 }, index }))
				.map(({ json, pairedItem }) => ({ json, pairedItem })),
		];
	}
}

/** The node types a test workflow may use, by their full type name. */
export class NodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(nodeType);
	}

	getByNameAndVersion(nodeType: string): INodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getKnownTypes() {
		return {};
	}
}

function smartWatsNodeTypes(extra: Record<string, INodeType> = {}): NodeTypes {
	return new NodeTypes({
		[SMARTWATS_NODE]: new SmartWats(),
		[ITEMS_NODE]: new ItemsNode(),
		...extra,
	});
}

const credentialTypes: Record<string, ICredentialType> = { smartWatsApi: new SmartWatsApi() };

/** Resolves `={{$credentials.x}}` expressions with n8n's expression engine, as n8n's credentials helper does. */
export function resolveWithCredentials(
	value: unknown,
	credentials: ICredentialDataDecryptedObject,
	workflow: WorkflowType,
	node: INode,
): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return workflow.expression.getSimpleParameterValue(node, value, 'internal', {
		$credentials: credentials,
	} as never);
}

class CredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: WorkflowType,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = credentialTypes[typeName]?.authenticate;
		if (!authenticate || typeof authenticate === 'function' || authenticate.type !== 'generic') {
			throw new Error(`Unsupported authentication for ${typeName}`);
		}
		const result = { ...requestOptions } as unknown as Record<string, Record<string, unknown>>;
		for (const [target, values] of Object.entries(authenticate.properties)) {
			result[target] = { ...(result[target] ?? {}) };
			for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
				result[target][key] = resolveWithCredentials(value, credentials, workflow, node);
			}
		}
		return result as unknown as IHttpRequestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	isCredentialUsableByNode() {
		return true;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used');
	}

	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
		const found = this.credentials[type];
		if (!found) throw new Error(`No credentials of type ${type} in this test`);
		return { ...found };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return [];
	}
}

export interface RunOptions {
	/** Parameters of the SmartWats node. */
	parameters: Record<string, unknown>;
	/** Input items of the SmartWats node (default: one empty item). */
	items?: Array<Record<string, unknown>>;
	credentials: { baseUrl: string; vendorUid: string; accessToken: string };
	/** Shorthand for `onError: 'continueRegularOutput'`. */
	continueOnFail?: boolean;
	/** The node's "On Error" setting (default Stop Workflow). */
	onError?: OnError;
	/** The SmartWats node's version (default 1, what workflows built before 1.1 hold). */
	typeVersion?: number;
	nodeType?: string;
	/** The SmartWats node's id (n8n's resume links end in it). */
	nodeId?: string;
	extraNodeTypes?: Record<string, INodeType>;
}

export type OnError = 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';

export interface RunResult {
	/** The SmartWats node's output items (json and pairedItem), or undefined when it did not run. */
	items: INodeExecutionData[];
	/** The items n8n routed to the node's error output (On Error: Continue (using error output)). */
	errorItems: INodeExecutionData[];
	/** The execution's error when the run failed. */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string };
	run: IRun;
}

/** Where n8n's URLs point in a run; the waiting harness serves the webhook-waiting ones itself. */
export interface RunUrls {
	instanceBaseUrl: string;
	webhookWaitingBaseUrl: string;
}

const DEFAULT_URLS: RunUrls = {
	instanceBaseUrl: 'http://127.0.0.1',
	webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
};

/** The test workflow (Items → SmartWats) with everything an execution of it needs, as n8n would set it up. */
export interface PreparedRun {
	workflow: Workflow;
	nodeTypes: NodeTypes;
	/** Where executions start: the Items node with one empty item. */
	startStack: IExecuteData[];
	/** Lifecycle hooks of one execution, and the promise of its end. */
	hooks(
		executionId: string,
		mode: WorkflowExecuteMode,
	): { hooks: ExecutionLifecycleHooks; finished: Promise<IRun> };
	additionalData(
		hooks: ExecutionLifecycleHooks,
		executionId: string,
		extra?: Partial<IWorkflowExecuteAdditionalData>,
	): IWorkflowExecuteAdditionalData;
}

export function prepareRun(options: RunOptions, urls: RunUrls = DEFAULT_URLS): PreparedRun {
	const onError = options.onError ?? (options.continueOnFail ? 'continueRegularOutput' : undefined);
	const nodes: INode[] = [
		{
			id: 'items',
			name: 'Items',
			type: ITEMS_NODE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(options.items ?? [{}]) },
		},
		{
			id: options.nodeId ?? 'smartwats',
			name: 'SmartWats',
			type: options.nodeType ?? SMARTWATS_NODE,
			typeVersion: options.typeVersion ?? 1,
			position: [200, 0],
			parameters: options.parameters as INode['parameters'],
			credentials: { smartWatsApi: { id: '1', name: 'SmartWats account' } },
			...(onError ? { onError } : {}),
		},
	];
	const connections = {
		Items: { main: [[{ node: 'SmartWats', type: NodeConnectionTypes.Main, index: 0 }]] },
	};
	const nodeTypes = smartWatsNodeTypes(options.extraNodeTypes);
	// n8n stores parameters with their defaults filled in; do the same so the node sees what it would in n8n.
	for (const node of nodes) {
		const type = nodeTypes.getByNameAndVersion(node.type);
		node.parameters =
			NodeHelpers.getNodeParameters(
				type.description.properties,
				node.parameters,
				true,
				false,
				node,
				type.description,
			) ?? {};
	}
	const workflow = new Workflow({
		id: 'test',
		nodes,
		connections,
		nodeTypes,
		active: false,
		settings: { timezone: 'Asia/Kolkata' },
	});
	const credentialsHelper = new CredentialsHelper({ smartWatsApi: options.credentials });

	return {
		workflow,
		nodeTypes,
		startStack: [{ node: nodes[0], data: { main: [[{ json: {} }]] }, source: null }],
		hooks(executionId, mode) {
			const hooks = new ExecutionLifecycleHooks(mode, executionId, {
				id: 'test',
				name: 'test',
				nodes,
				connections,
				active: false,
				settings: {},
				createdAt: new Date(),
				updatedAt: new Date(),
				activeVersionId: null,
				isArchived: false,
			} as never);
			const finished = new Promise<IRun>((resolve) =>
				hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)),
			);
			return { hooks, finished };
		},
		additionalData: (hooks, executionId, extra = {}) =>
			({
				hooks,
				credentialsHelper,
				executionId,
				restApiUrl: `${urls.instanceBaseUrl}/rest`,
				instanceBaseUrl: `${urls.instanceBaseUrl}/`,
				webhookBaseUrl: `${urls.instanceBaseUrl}/webhook`,
				webhookWaitingBaseUrl: urls.webhookWaitingBaseUrl,
				webhookTestBaseUrl: `${urls.instanceBaseUrl}/webhook-test`,
				formWaitingBaseUrl: `${urls.instanceBaseUrl}/form-waiting`,
				currentNodeParameters: undefined,
				executionTimeoutTimestamp: undefined,
				variables: {},
				userId: 'user',
				setExecutionStatus: () => {},
				sendDataToUI: () => {},
				executeWorkflow: async () => {
					throw new Error('not used');
				},
				getRunExecutionData: async () => undefined,
				logAiEvent: () => {},
				startRunnerTask: async () => {
					throw new Error('not used');
				},
				...extra,
			}) as unknown as IWorkflowExecuteAdditionalData,
	};
}

/** The SmartWats node's output and error in a finished (or waiting) execution. */
export function nodeResult(run: IRun): RunResult {
	const runs = run.data.resultData.runData.SmartWats ?? [];
	const taskData = runs[runs.length - 1];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		errorItems: taskData?.data?.main?.[1] ?? [],
		error: (run.data.resultData.error ?? taskData?.error) as RunResult['error'],
		run,
	};
}

export async function runNode(options: RunOptions): Promise<RunResult> {
	const prepared = prepareRun(options);
	const { hooks, finished } = prepared.hooks('1', 'manual');
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: prepared.startStack },
	});
	const execute = new WorkflowExecute(
		prepared.additionalData(hooks, '1'),
		'manual',
		runExecutionData,
	);
	await execute.processRunExecutionData(prepared.workflow);
	return nodeResult(await finished);
}

export interface MethodOptions {
	credentials: RunOptions['credentials'];
	/** The node's parameters as the user has set them so far. */
	parameters?: Record<string, unknown>;
	typeVersion?: number;
}

/**
 * The `this` of a dropdown's loadOptions or a picker's listSearch method, made as n8n's editor backend makes it
 * (DynamicNodeParametersService): n8n-core's LoadOptionsContext on the node in a workflow; requests go over real HTTP.
 */
function loadOptionsContext(
	{ credentials, parameters = {}, typeVersion = 1 }: MethodOptions,
	path: string,
): LoadOptionsContext {
	const prepared = prepareRun({ parameters, credentials, typeVersion });
	const node = prepared.workflow.getNode('SmartWats') as INode;
	const { hooks } = prepared.hooks('1', 'manual');
	return new LoadOptionsContext(prepared.workflow, node, prepared.additionalData(hooks, '1'), path);
}

/** The options of a dropdown whose `loadOptionsMethod` is `method`. */
export async function loadOptions(
	method: string,
	options: MethodOptions,
): Promise<INodePropertyOptions[]> {
	const methods = new SmartWats().methods.loadOptions as Record<
		string,
		(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
	>;
	return await methods[method].call(loadOptionsContext(options, `parameters.${method}`));
}

/** One page of a resource locator's list whose `searchListMethod` is `method`. */
export async function searchList(
	method: string,
	options: MethodOptions & { filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const methods = new SmartWats().methods.listSearch as Record<
		string,
		(
			this: ILoadOptionsFunctions,
			filter?: string,
			paginationToken?: string,
		) => Promise<INodeListSearchResult>
	>;
	return await methods[method].call(
		loadOptionsContext(options, `parameters.${method}`),
		options.filter,
		options.paginationToken,
	);
}

/**
 * Performs the credential's own `test` request the way n8n's credential tester does: expressions resolved with
 * the credential's values, the credential's `authenticate` applied, then its `rules` checked on the answer.
 */
export async function testCredential(
	credentials: RunOptions['credentials'],
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const type = credentialTypes.smartWatsApi;
	const test = type.test!;
	const node: INode = {
		id: 'c',
		name: 'Credential test',
		type: SMARTWATS_NODE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: smartWatsNodeTypes(),
	});
	const resolve = (value: unknown) => resolveWithCredentials(value, credentials, workflow, node);
	const helper = new CredentialsHelper({ smartWatsApi: credentials });
	const request = await helper.authenticate(
		credentials,
		'smartWatsApi',
		{ url: '', headers: { ...(test.request.headers as IDataObject) } } as IHttpRequestOptions,
		workflow,
		node,
	);
	const url = new URL(
		`${String(resolve(test.request.baseURL))}${String(resolve(test.request.url))}`,
	);
	for (const [key, value] of Object.entries(test.request.qs ?? {}))
		url.searchParams.set(key, String(value));
	let body: IDataObject;
	try {
		const response = await fetch(url, {
			method: test.request.method ?? 'GET',
			headers: request.headers as Record<string, string>,
		});
		if (!response.ok) return { status: 'Error', message: `HTTP ${response.status}` };
		body = (await response.json()) as IDataObject;
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	for (const rule of test.rules ?? []) {
		if (
			rule.type === 'responseSuccessBody' &&
			body[rule.properties.key] === rule.properties.value
		) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection tested successfully' };
}
