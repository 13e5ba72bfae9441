import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { isHttpUrl, readNumber } from '../helpers/validation';

export type SmartWatsContext = IExecuteFunctions | ILoadOptionsFunctions;

export const CREDENTIAL_TYPE = 'smartWatsApi';

/** The fields of credentials/SmartWatsApi.credentials.ts. */
export type SmartWatsCredentials = { baseUrl: string; vendorUid: string; accessToken: string };

export const DEFAULT_TIMEOUT_SECONDS = 30;

/**
 * Rows per request for Return All. The API enforces no maximum (contract §8) and every request counts against its
 * 60 a minute: at 1,000 rows 10,000 contacts take 11 requests instead of 101, and a page of 1,000 contacts is about
 * 0.5 MB that the simulator builds in about 50 ms of CPU (test/fake-smartwats/measure-paging.js).
 */
export const DEFAULT_PAGE_SIZE = 1000;

/** The node-wide Request Options, checked: what each may be (common.descriptions.ts shows the same bounds). */
export const REQUEST_OPTION_RANGES = {
	parallelRequests: { min: 1, max: 20, integer: true },
	requestsPerMinute: { off: 0, min: 1, max: 10_000 },
	timeout: { min: 1, max: 3600 },
	pageSize: { min: 1, max: 5000, integer: true },
};

export interface RequestOptions {
	parallelRequests: number;
	requestsPerMinute: number;
	timeoutSeconds: number;
	pageSize: number;
}

export interface RequestSettings {
	credentials: SmartWatsCredentials;
	decryptedCredentials: ICredentialsDecrypted<SmartWatsCredentials>;
	/** `{baseUrl}` without the trailing slash, checked to be an http(s) URL. */
	baseUrl: string;
	vendorUid: string;
	timeoutMs: number;
	pageSize: number;
	pacer: Pacer;
	/** Time between two requests to this host, 0 for no pacing. */
	intervalMs: number;
	/** What must never appear in anything the node keeps: the access token. */
	secrets: string[];
}

/**
 * Spaces requests to one SmartWats host evenly. There is one per host for the whole n8n process (every run of the
 * node, every execution, a Loop Over Items included), because SmartWats limits requests per client IP, not per run.
 * Requests sent without pacing count too: a paced request keeps its distance from whatever went to the host last.
 */
export class Pacer {
	private last = 0;

	/** Reserves the next slot and returns how long to wait for it. */
	reserve(intervalMs: number): number {
		const now = Date.now();
		if (intervalMs <= 0) {
			this.last = Math.max(this.last, now);
			return 0;
		}
		const slot = Math.max(now, this.last + intervalMs);
		this.last = slot;
		return slot - now;
	}
}

const pacersByHost = new Map<string, Pacer>();

export function pacerFor(origin: string): Pacer {
	let pacer = pacersByHost.get(origin);
	if (!pacer) {
		pacer = new Pacer();
		pacersByHost.set(origin, pacer);
	}
	return pacer;
}

const WAIT_STEP_MS = 250;

/** Waits `ms`, in short steps so that a wait ends early once `cancelled()` says so. Returns false if it did. */
export async function waitUnless(ms: number, cancelled: () => boolean): Promise<boolean> {
	const until = Date.now() + ms;
	for (;;) {
		if (cancelled()) return false;
		const left = until - Date.now();
		if (left <= 0) return true;
		await sleep(Math.min(left, WAIT_STEP_MS));
	}
}

// One node run (one `this`) reads its credentials and request options once, not once per item.
const settingsByContext = new WeakMap<object, Promise<RequestSettings>>();

export async function settingsFor(context: SmartWatsContext): Promise<RequestSettings> {
	let settings = settingsByContext.get(context);
	if (!settings) {
		settings = loadSettings(context);
		settingsByContext.set(context, settings);
	}
	return await settings;
}

async function loadSettings(context: SmartWatsContext): Promise<RequestSettings> {
	const options = readRequestOptions(context);
	const credentials = await context.getCredentials<SmartWatsCredentials>(CREDENTIAL_TYPE);
	const baseUrl = checkedBaseUrl(context, credentials.baseUrl);
	const vendorUid = checkedVendorUid(context, credentials.vendorUid);
	const token = String(credentials.accessToken ?? '');
	return {
		credentials,
		decryptedCredentials: {
			id: '',
			name: 'SmartWats API',
			type: CREDENTIAL_TYPE,
			data: credentials,
		},
		baseUrl,
		vendorUid,
		timeoutMs: options.timeoutSeconds * 1000,
		pageSize: options.pageSize,
		pacer: pacerFor(new URL(baseUrl).origin),
		intervalMs: options.requestsPerMinute > 0 ? 60_000 / options.requestsPerMinute : 0,
		secrets: token.trim() === '' ? [] : [token, encodeURIComponent(token)],
	};
}

/** The API Base URL, checked before anything is sent: a URL that cannot be requested reaches nobody. */
function checkedBaseUrl(context: SmartWatsContext, raw: unknown): string {
	const base = String(raw ?? '')
		.trim()
		.replace(/\/+$/, '');
	if (!isHttpUrl(base)) {
		throw new NodeOperationError(
			context.getNode(),
			base === ''
				? 'The API Base URL in the SmartWats API credential is empty'
				: `The API Base URL in the SmartWats API credential is not an http(s) URL: "${base}"`,
			{
				itemIndex: 0,
				description:
					"Nothing was sent. Copy the 'API Base URL' from SmartWats → Settings → API Access & Webhook, e.g. https://app.smartwats.com/api.",
			},
		);
	}
	return base;
}

/** The vendor UID is a segment of every path: `.`, `..` or nothing would point the request at another endpoint. */
function checkedVendorUid(context: SmartWatsContext, raw: unknown): string {
	const vendorUid = String(raw ?? '').trim();
	if (vendorUid === '' || vendorUid === '.' || vendorUid === '..') {
		throw new NodeOperationError(
			context.getNode(),
			vendorUid === ''
				? 'The Vendor UID in the SmartWats API credential is empty'
				: `The Vendor UID in the SmartWats API credential cannot be "${vendorUid}"`,
			{
				itemIndex: 0,
				description:
					"Nothing was sent. Copy the 'Vendor UID' from SmartWats → Settings → API Access & Webhook into the credential.",
			},
		);
	}
	return vendorUid;
}

/**
 * The node-wide "Request Options", read from the first item (they apply to the whole run) and checked: a value that
 * is not a sensible number stops the run before any request, naming the field.
 */
export function readRequestOptions(context: SmartWatsContext): RequestOptions {
	const options =
		'getInputData' in context
			? ((context.getNodeParameter('requestOptions', 0, {}) as IDataObject) ?? {})
			: {};
	const hint = (what: string) =>
		`Set '${what}' in the node's Request Options to a number in that range, or remove it to use the default.`;
	const read = (key: keyof typeof REQUEST_OPTION_RANGES, field: string, fallback: number) =>
		options[key] === undefined
			? fallback
			: readNumber(context, 0, options[key], field, {
					...REQUEST_OPTION_RANGES[key],
					hint: hint(field),
				});
	return {
		parallelRequests: read('parallelRequests', 'Parallel Requests', 1),
		requestsPerMinute: read('requestsPerMinute', 'Requests Per Minute', 0),
		timeoutSeconds: read('timeout', 'Timeout (Seconds)', DEFAULT_TIMEOUT_SECONDS),
		pageSize: read('pageSize', 'Rows Per Page', DEFAULT_PAGE_SIZE),
	};
}
