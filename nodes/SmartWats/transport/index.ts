import type {
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { isObject } from '../helpers/utils';
import {
	describeFailure,
	NO_CHANGE,
	notFound,
	type HttpAnswer,
	type NetworkError,
	type Subject,
} from './errors';
import { redact } from './redact';
import { logUidOf, notSentBecauseStopped, recordChange, runRecord } from './run';
import {
	CREDENTIAL_TYPE,
	settingsFor,
	waitUnless,
	type RequestSettings,
	type SmartWatsContext,
} from './settings';

export type { Subject } from './errors';

export interface ApiRequestOptions {
	body?: IDataObject;
	qs?: IDataObject;
	itemIndex?: number;
	/** What the call is about, so that SmartWats' "not found" or "already exists" answer names it. */
	subject?: Subject;
}

export interface Outcome {
	data: IDataObject;
	/** SmartWats' own words when it answered that nothing needed to change. */
	unchanged?: string;
}

// A throttled request is rejected before the server processes it, so retrying it cannot send anything twice.
const MAX_RATE_LIMIT_RETRIES = 8;
const RATE_LIMIT_FALLBACK_WAIT_MS = 2000;
const MAX_RATE_LIMIT_WAIT_MS = 120_000;
// Reads are safe to repeat; a few quick retries hide a flaky network without hiding a real outage.
const READ_RETRIES = 2;
const READ_RETRY_WAIT_MS = 500;
// A read may follow a redirect within SmartWats' own origin; a few hops are plenty, more is a loop.
const MAX_READ_REDIRECTS = 5;
/** Return All stops with an error rather than page on for ever through a paginator that never ends. */
export const MAX_PAGES = 1000;

/**
 * `{baseUrl}/{vendorUid}/{endpoint}`: every part encoded so no value can climb into another path. The operations
 * and the settings check the values they put there; `.`, `..` or an empty part is refused here too, because the
 * URL is normalised before it is sent and would then name another endpoint.
 */
function buildUrl(
	context: SmartWatsContext,
	settings: RequestSettings,
	endpoint: string[],
	itemIndex: number | undefined,
): string {
	const parts = [settings.vendorUid, ...endpoint];
	const unsafe = parts.find((part) => part === '' || part === '.' || part === '..');
	if (unsafe !== undefined) {
		throw new NodeOperationError(
			context.getNode(),
			`A value placed in the request path is ${unsafe === '' ? 'empty' : `"${unsafe}"`}`,
			{ itemIndex, description: `Nothing was sent. Check the values given to the node.` },
		);
	}
	return `${settings.baseUrl}/${parts.map((part) => encodeURIComponent(part)).join('/')}`;
}

/**
 * Sends one request to SmartWats and returns the envelope's `data`.
 * `endpoint` is given as path parts (e.g. `['contact', 'update', phone]`) so that each is encoded.
 * GET requests are retried on transient failures; nothing else is, except a 429, which the server never processed.
 */
export async function apiRequest(
	this: SmartWatsContext,
	method: IHttpRequestMethods,
	endpoint: string[],
	options: ApiRequestOptions = {},
): Promise<IDataObject> {
	return (await callApi(this, method, endpoint, options, false)).data;
}

/**
 * `apiRequest` for a change that SmartWats reports as failed when everything already was as asked ("No changes",
 * "Nothing to update"): such an answer is an outcome with `unchanged`, not a failure.
 */
export async function requestAllowingNoChange(
	this: SmartWatsContext,
	method: IHttpRequestMethods,
	endpoint: string[],
	options: ApiRequestOptions = {},
): Promise<Outcome> {
	return await callApi(this, method, endpoint, options, true);
}

/** For a lookup that SmartWats answers with success and nothing in it (Get Contact's `contact: null`). */
export function notFoundError(
	context: SmartWatsContext,
	subject: Subject,
	itemIndex: number,
): NodeOperationError {
	const { message, description } = notFound(subject);
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

async function callApi(
	context: SmartWatsContext,
	method: IHttpRequestMethods,
	endpoint: string[],
	{ body, qs, itemIndex, subject }: ApiRequestOptions,
	allowNoChange: boolean,
): Promise<Outcome> {
	const settings = await settingsFor(context);
	const run = runRecord(context);
	const isRead = method === 'GET';
	// Once an item has failed without Continue On Fail, no further change goes out (reads do no harm).
	const stopped = () => !isRead && run.stoppedBy !== undefined;
	const stop = () => notSentBecauseStopped(context, itemIndex ?? 0, run.stoppedBy ?? 0);
	let url = buildUrl(context, settings, endpoint, itemIndex);
	let query = qs;
	let rateLimitRetries = 0;
	let readRetries = 0;
	let redirects = 0;

	for (;;) {
		const turn = settings.pacer.reserve(settings.intervalMs);
		if (!(await waitUnless(turn, stopped))) throw stop();

		const { answer, timedOut, cancelled } = await send(context, settings, {
			method,
			url,
			headers: { Accept: 'application/json' },
			qs: query,
			body: isRead ? undefined : (body ?? {}),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// Redirects are handled below: n8n's default would re-send a change, token and body, wherever it points.
			disableFollowRedirect: true,
			timeout: settings.timeoutMs,
		});
		const status = answer.statusCode ?? 0;

		if (isRead && status >= 300 && status < 400 && redirects < MAX_READ_REDIRECTS) {
			const target = sameOriginTarget(url, answer.headers?.location);
			if (target) {
				redirects++;
				url = target;
				query = undefined;
				continue;
			}
		}
		if (status === 429 && rateLimitRetries < MAX_RATE_LIMIT_RETRIES) {
			rateLimitRetries++;
			const wait = retryAfterMs(answer.headers?.['retry-after'], rateLimitRetries);
			if (!(await waitUnless(wait, stopped))) throw stop();
			continue;
		}
		if (isRead && isTransient(answer) && readRetries < READ_RETRIES) {
			readRetries++;
			await sleep(READ_RETRY_WAIT_MS * readRetries);
			continue;
		}

		const envelope = answer.body;
		if (status >= 200 && status < 300 && isObject(envelope)) {
			const data = redact(isObject(envelope.data) ? envelope.data : {}, settings.secrets);
			if (envelope.result === 'success') {
				if (!isRead && itemIndex !== undefined) {
					recordChange(context, itemIndex, {
						method,
						endpoint: endpoint.join('/'),
						logUid: logUidOf(data),
					});
				}
				return { data };
			}
			const message = typeof envelope.message === 'string' ? envelope.message.trim() : '';
			if (allowNoChange && envelope.result === 'failed' && NO_CHANGE.test(message)) {
				return { data, unchanged: message };
			}
		}

		const failure = redact(
			describeFailure(answer, {
				method,
				endpoint,
				timeoutMs: settings.timeoutMs,
				subject,
				timedOut,
				cancelled,
			}),
			settings.secrets,
		);
		if (failure.mayHaveBeenCarriedOut && itemIndex !== undefined) {
			recordChange(context, itemIndex, { method, endpoint: endpoint.join('/'), unknown: true });
		}
		throw new NodeApiError(context.getNode(), failure.response as JsonObject, {
			message: failure.message,
			description: failure.description,
			httpCode: failure.httpCode,
			itemIndex,
		});
	}
}

/**
 * One HTTP exchange, bounded by the Timeout as a deadline for the whole of it: axios' own `timeout` only waits for
 * the first byte, so a server that trickles its answer would otherwise hold the item for ever.
 */
async function send(
	context: SmartWatsContext,
	settings: RequestSettings,
	request: IHttpRequestOptions,
): Promise<{ answer: HttpAnswer; timedOut: boolean; cancelled: boolean }> {
	const deadline = AbortSignal.timeout(settings.timeoutMs);
	const cancel =
		'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
	const controller = new AbortController();
	const abort = () => controller.abort();
	deadline.addEventListener('abort', abort, { once: true });
	cancel?.addEventListener('abort', abort, { once: true });
	if (cancel?.aborted) controller.abort();
	// n8n's request helper replaces the request's `abortSignal` with the execution's cancel signal, which it reads
	// from `this`; a context whose cancel signal is this request's own lets the deadline reach the socket.
	const requester = Object.create(context, {
		getExecutionCancelSignal: { value: () => controller.signal },
	}) as SmartWatsContext;
	try {
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			requester,
			CREDENTIAL_TYPE,
			{ ...request, abortSignal: controller.signal },
			// Without this n8n reads and decrypts the credential again for every request.
			{ credentialsDecrypted: settings.decryptedCredentials },
		)) as { statusCode: number; headers: IDataObject; body: unknown };
		return {
			answer: {
				statusCode: response.statusCode,
				headers: response.headers ?? {},
				body: response.body,
			},
			timedOut: false,
			cancelled: false,
		};
	} catch (error) {
		return {
			answer: { networkError: error as NetworkError },
			timedOut: deadline.aborted,
			cancelled: cancel?.aborted === true,
		};
	} finally {
		deadline.removeEventListener('abort', abort);
		cancel?.removeEventListener('abort', abort);
	}
}

/** Where a redirect points, if that is the same origin (scheme, host, port) as the request; else undefined. */
function sameOriginTarget(from: string, location: unknown): string | undefined {
	const value = Array.isArray(location) ? location[0] : location;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	try {
		const target = new URL(value.trim(), from);
		return target.origin === new URL(from).origin ? target.href : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Pages through a paginated list (`data.<key>` holds a Laravel paginator) until `limit` rows or the last page, in
 * pages of `Rows Per Page` (Request Options) for Return All and of just enough rows for a Limit. A paginator that
 * is missing, repeats a page or never ends stops the item with an error; a row the server sends twice (rows added
 * while paging shift the pages) is output once, so nothing downstream is done twice.
 */
export async function apiRequestAllItems(
	this: SmartWatsContext,
	endpoint: string[],
	paginatorKey: string,
	{ qs = {}, limit, itemIndex }: { qs?: IDataObject; limit?: number; itemIndex?: number } = {},
): Promise<IDataObject[]> {
	const settings = await settingsFor(this);
	const pageSize = limit === undefined ? settings.pageSize : Math.min(limit, settings.pageSize);
	const where = `GET ${endpoint.join('/')}`;
	const fail = (message: string, description: string) =>
		new NodeOperationError(this.getNode(), message, { itemIndex, description });
	const rows: IDataObject[] = [];
	const seen = new Set<string>();
	for (let page = 1; ; page++) {
		if (page > MAX_PAGES) {
			throw fail(
				`SmartWats kept announcing more pages after ${MAX_PAGES} pages of ${where}`,
				`The node stops there so that it cannot page for ever. Use Search or a Limit to ask for fewer rows, or raise 'Rows Per Page' in the node's Request Options.`,
			);
		}
		const data = await apiRequest.call(this, 'GET', endpoint, {
			qs: { ...qs, page, page_size: pageSize },
			itemIndex,
		});
		const paginator = data[paginatorKey];
		if (
			!isObject(paginator) ||
			!Array.isArray(paginator.data) ||
			!Number.isFinite(Number(paginator.current_page)) ||
			!Number.isFinite(Number(paginator.last_page))
		) {
			throw fail(
				`SmartWats answered ${where} without the list of results`,
				`The answer has no paginator under data.${paginatorKey} (contract §8). Check the API Base URL in the SmartWats API credential; if it is right, SmartWats may have changed.`,
			);
		}
		if (Number(paginator.current_page) !== page) {
			throw fail(
				`SmartWats sent page ${paginator.current_page} when page ${page} of ${where} was asked for`,
				'The node stops so that no row is output twice. Try again; if it keeps happening, SmartWats or a proxy in front of it is caching pages.',
			);
		}
		const pageRows = (paginator.data as unknown[]).filter(isObject);
		let fresh = 0;
		for (const row of pageRows) {
			const key = rowKey(row);
			if (seen.has(key)) continue;
			seen.add(key);
			rows.push(row);
			fresh++;
		}
		if (pageRows.length > 0 && fresh === 0) {
			throw fail(
				`SmartWats sent page ${page} of ${where} with only rows it had already sent`,
				'The node stops so that it cannot page round and round. Try again; if it keeps happening, SmartWats answers with a paginator that never ends.',
			);
		}
		if (
			pageRows.length === 0 ||
			page >= Number(paginator.last_page) ||
			(limit !== undefined && rows.length >= limit)
		) {
			break;
		}
	}
	return limit === undefined ? rows : rows.slice(0, limit);
}

/** What makes a list row itself: every list of the API has `_uid` (contract §13, §17, §20, §24, §25). */
function rowKey(row: IDataObject): string {
	if (typeof row._uid === 'string' && row._uid !== '') return `uid:${row._uid}`;
	if (row._id !== undefined && row._id !== null) return `id:${String(row._id)}`;
	return `row:${JSON.stringify(row)}`;
}

function retryAfterMs(header: unknown, attempt: number): number {
	const seconds = Number(Array.isArray(header) ? header[0] : header);
	if (Number.isFinite(seconds) && seconds >= 0) {
		return Math.min(Math.max(seconds * 1000, 250), MAX_RATE_LIMIT_WAIT_MS);
	}
	return Math.min(RATE_LIMIT_FALLBACK_WAIT_MS * 2 ** (attempt - 1), MAX_RATE_LIMIT_WAIT_MS);
}

function isTransient(answer: HttpAnswer): boolean {
	return answer.networkError !== undefined || (answer.statusCode ?? 0) >= 500;
}
