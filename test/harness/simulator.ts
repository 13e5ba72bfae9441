import { startSimulator } from '../fake-smartwats';
import type { Simulator, SimulatorOptions } from '../fake-smartwats';
import { loadOptions, runNode, searchList } from './engine';
import type { MethodOptions, RunOptions, RunResult } from './engine';

export type Credentials = RunOptions['credentials'];

export interface RunOnItems {
	/** The SmartWats node's input (default: one empty item). */
	items?: RunOptions['items'];
	continueOnFail?: boolean;
	onError?: RunOptions['onError'];
	/** Changes to the credential that points at the simulator, e.g. a wrong access token. */
	credentials?: Partial<Credentials>;
	/** The SmartWats node's version (default 1). */
	typeVersion?: number;
}

/**
 * One simulator per test file, reset to its seed before each test so tests do not see each other's data;
 * `run`, which runs the SmartWats node with `parameters` in n8n's engine against it; and `loadOptions` and
 * `searchList`, which call the node's dropdown and picker methods as the editor does. `options` may be a function,
 * called when the simulator starts (after the hooks registered before this call), for options known only then.
 */
export function useSimulator(
	options: SimulatorOptions | (() => SimulatorOptions) = { rateLimit: false },
) {
	const handle = {
		sim: undefined as unknown as Simulator,
		credentials: undefined as unknown as Credentials,
		run: async (
			parameters: RunOptions['parameters'],
			{ items, continueOnFail = false, onError, credentials, typeVersion }: RunOnItems = {},
		): Promise<RunResult> =>
			await runNode({
				parameters,
				items,
				continueOnFail,
				onError,
				typeVersion,
				credentials: { ...handle.credentials, ...credentials },
			}),
		/** A dropdown's options, loaded as the editor loads them. */
		loadOptions: async (method: string, options: Omit<MethodOptions, 'credentials'> = {}) =>
			await loadOptions(method, { ...options, credentials: handle.credentials }),
		/** A page of a picker's list, searched as the editor searches it. */
		searchList: async (
			method: string,
			options: Omit<MethodOptions, 'credentials'> & {
				filter?: string;
				paginationToken?: string;
			} = {},
		) => await searchList(method, { ...options, credentials: handle.credentials }),
	};
	beforeAll(async () => {
		handle.sim = await startSimulator(typeof options === 'function' ? options() : options);
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
