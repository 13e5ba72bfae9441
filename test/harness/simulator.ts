import { startSimulator } from '../fake-smartwats';
import type { Simulator, SimulatorOptions } from '../fake-smartwats';

/** One simulator per test file; reset to its seed before each test so tests do not see each other's data. */
export function useSimulator(options: SimulatorOptions = { rateLimit: false }) {
	const handle: {
		sim: Simulator;
		credentials: { baseUrl: string; vendorUid: string; accessToken: string };
	} = {} as never;
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
