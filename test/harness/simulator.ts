import { startSimulator } from '../fake-smartwats';
import type { Simulator, SimulatorOptions } from '../fake-smartwats';
import { runNode } from './engine';
import type { RunOptions, RunResult } from './engine';

export type Credentials = RunOptions['credentials'];

export interface RunOnItems {
	/** The SmartWats node's input (default: one empty item). */
	items?: RunOptions['items'];
	continueOnFail?: boolean;
	onError?: RunOptions['onError'];
	/** Changes to the credential that points at the simulator, e.g. a wrong access token. */
	credentials?: Partial<Credentials>;
}

/**
 * One simulator per test file, reset to its seed before each test so tests do not see each other's data, and
 * `run`, which runs the SmartWats node with `parameters` in n8n's engine against it.
 */
export function useSimulator(options: SimulatorOptions = { rateLimit: false }) {
	const handle = {
		sim: undefined as unknown as Simulator,
		credentials: undefined as unknown as Credentials,
		run: async (
			parameters: RunOptions['parameters'],
			{ items, continueOnFail = false, onError, credentials }: RunOnItems = {},
		): Promise<RunResult> =>
			await runNode({
				parameters,
				items,
				continueOnFail,
				onError,
				credentials: { ...handle.credentials, ...credentials },
			}),
	};
	beforeAll(async () => {
		handle.sim = await startSimulator(options);
		handle.credentials = {
			baseUrl: handle.sim.url,
			vendorUid: handle.sim.vendorUid,
			accessToken: handle.sim.token,
		};
	});
	beforeEach(() => handle.sim.reset());
	afterAll(async () => {
		await handle.sim?.close();
	});
	return handle;
}

// Response bodies are whatever the simulator sent; tests read them freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export interface Answer {
	status: number;
	headers: Headers;
	text: string;
	/** The body parsed as JSON; undefined when it is not JSON. */
	json: Loose;
}

export interface CallOptions {
	body?: unknown;
	/** Raw body with its content type (forms). */
	raw?: { body: string; contentType: string };
	query?: Record<string, string>;
	headers?: Record<string, string>;
	/** null = no Authorization header. */
	token?: string | null;
	vendorUid?: string;
	/** Default application/json; null = no Accept header. */
	accept?: string | null;
	/** fetch's redirect mode; default 'follow'. */
	redirect?: 'follow' | 'manual' | 'error';
}

/**
 * Plain HTTP calls to a simulator's API and admin API, for the simulator's own tests. `current` returns the
 * simulator at call time (test files start theirs in beforeAll).
 */
export function simulatorClient(current: () => Simulator) {
	async function call(
		method: string,
		endpoint: string,
		options: CallOptions = {},
	): Promise<Answer> {
		const sim = current();
		const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
		const headers: Record<string, string> = {};
		if (options.accept !== null) headers.Accept = options.accept ?? 'application/json';
		const token = options.token === undefined ? sim.token : options.token;
		if (token !== null) headers.Authorization = `Bearer ${token}`;
		let body: string | undefined;
		if (options.raw) {
			body = options.raw.body;
			headers['Content-Type'] = options.raw.contentType;
		} else if (options.body !== undefined) {
			body = JSON.stringify(options.body);
			headers['Content-Type'] = 'application/json';
		}
		const response = await fetch(
			`${sim.url}/${options.vendorUid ?? sim.vendorUid}/${endpoint}${query}`,
			{
				method,
				headers: { ...headers, ...options.headers },
				body,
				redirect: options.redirect,
			},
		);
		const text = await response.text();
		let json: Loose = undefined;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, headers: response.headers, text, json };
	}

	const post = (endpoint: string, body: unknown, options: CallOptions = {}) =>
		call('POST', endpoint, { ...options, body });
	const get = (endpoint: string, query?: Record<string, string>, options: CallOptions = {}) =>
		call('GET', endpoint, { ...options, query });

	async function admin(
		method: string,
		endpoint: string,
		body?: unknown,
	): Promise<{ status: number; json: Loose }> {
		const response = await fetch(`${current().adminUrl}/${endpoint}`, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, json: text ? JSON.parse(text) : null };
	}

	return { call, post, get, admin };
}
