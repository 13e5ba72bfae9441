import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

export type SmartWatsContext = IExecuteFunctions | ILoadOptionsFunctions;

export const CREDENTIAL_TYPE = 'smartWatsApi';

/** The fields of credentials/SmartWatsApi.credentials.ts. */
export type SmartWatsCredentials = { baseUrl: string; vendorUid: string; accessToken: string };

export const DEFAULT_TIMEOUT_SECONDS = 30;

export interface RequestSettings {
	credentials: SmartWatsCredentials;
	decryptedCredentials: ICredentialsDecrypted<SmartWatsCredentials>;
	timeoutMs: number;
	pacer: Pacer;
}

/** Spaces requests evenly so a batch stays under the API's per-minute limit instead of bouncing off it. */
export class Pacer {
	private nextSlot = 0;

	constructor(private readonly intervalMs: number) {}

	async waitForTurn(): Promise<void> {
		if (this.intervalMs <= 0) return;
		const now = Date.now();
		const slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + this.intervalMs;
		if (slot > now) await sleep(slot - now);
	}
}

// One node run (one `this`) reads its credentials and request options once, not once per item.
const settingsByContext = new WeakMap<object, Promise<RequestSettings>>();

export async function settingsFor(context: SmartWatsContext): Promise<RequestSettings> {
	let settings = settingsByContext.get(context);
	if (!settings) {
		settings = loadSettings(context);
		settingsByContext.set(context, settings);
		settings.catch(() => settingsByContext.delete(context));
	}
	return await settings;
}

async function loadSettings(context: SmartWatsContext): Promise<RequestSettings> {
	const credentials = await context.getCredentials<SmartWatsCredentials>(CREDENTIAL_TYPE);
	const options = readRequestOptions(context);
	const timeoutSeconds = Number(options.timeout ?? DEFAULT_TIMEOUT_SECONDS);
	const requestsPerMinute = Number(options.requestsPerMinute ?? 0);
	return {
		credentials,
		decryptedCredentials: {
			id: '',
			name: 'SmartWats API',
			type: CREDENTIAL_TYPE,
			data: credentials,
		},
		timeoutMs: Math.max(1, timeoutSeconds) * 1000,
		pacer: new Pacer(requestsPerMinute > 0 ? 60_000 / requestsPerMinute : 0),
	};
}

/** The node-wide "Request Options" apply to the whole run, so they are read from the first item. */
export function readRequestOptions(context: SmartWatsContext): IDataObject {
	if (!('getInputData' in context)) return {};
	return (context.getNodeParameter('requestOptions', 0, {}) as IDataObject) ?? {};
}
