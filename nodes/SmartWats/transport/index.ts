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
import {
	CREDENTIAL_TYPE,
	settingsFor,
	type SmartWatsContext,
	type SmartWatsCredentials,
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

/** Rows per page when the user asks for everything: the API's own default, so one request per page as in the UI. */
export const API_PAGE_SIZE = 100;

// A throttled request is rejected before the server processes it, so retrying it cannot send anything twice.
const MAX_RATE_LIMIT_RETRIES = 8;
const RATE_LIMIT_FALLBACK_WAIT_MS = 2000;
const MAX_RATE_LIMIT_WAIT_MS = 120_000;
// Reads are safe to repeat; a few quick retries hide a flaky network without hiding a real outage.
const READ_RETRIES = 2;
const READ_RETRY_WAIT_MS = 500;

/** `{baseUrl}/{vendorUid}/{endpoint}`: every part encoded so no value can climb into another path. */
export function buildUrl(credentials: SmartWatsCredentials, endpoint: string[]): string {
	const base = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	const parts = [String(credentials.vendorUid ?? '').trim(), ...endpoint].map((part) =>
		encodeURIComponent(part),
	);
	return `${base}/${parts.join('/')}`;
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
	const request: IHttpRequestOptions = {
		method,
		url: buildUrl(settings.credentials, endpoint),
		headers: { Accept: 'application/json' },
		qs,
		body: method === 'GET' ? undefined : (body ?? {}),
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: settings.timeoutMs,
	};
	const isRead = method === 'GET';
	let rateLimitRetries = 0;
	let readRetries = 0;

	for (;;) {
		await settings.pacer.waitForTurn();
		let answer: HttpAnswer;
		try {
			const response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				CREDENTIAL_TYPE,
				request,
				// Without this n8n reads and decrypts the credential again for every request.
				{ credentialsDecrypted: settings.decryptedCredentials },
			)) as { statusCode: number; headers: IDataObject; body: unknown };
			answer = {
				statusCode: response.statusCode,
				headers: response.headers ?? {},
				body: response.body,
			};
		} catch (error) {
			answer = { networkError: error as NetworkError };
		}

		if (answer.statusCode === 429 && rateLimitRetries < MAX_RATE_LIMIT_RETRIES) {
			rateLimitRetries++;
			await sleep(retryAfterMs(answer.headers?.['retry-after'], rateLimitRetries));
			continue;
		}
		if (isRead && isTransient(answer) && readRetries < READ_RETRIES) {
			readRetries++;
			await sleep(READ_RETRY_WAIT_MS * readRetries);
			continue;
		}

		const envelope = answer.body;
		const status = answer.statusCode ?? 0;
		if (status >= 200 && status < 300 && isObject(envelope)) {
			const data = isObject(envelope.data) ? envelope.data : {};
			if (envelope.result === 'success') return { data };
			const message = typeof envelope.message === 'string' ? envelope.message.trim() : '';
			if (allowNoChange && envelope.result === 'failed' && NO_CHANGE.test(message)) {
				return { data, unchanged: message };
			}
		}

		const failure = describeFailure(answer, {
			method,
			endpoint,
			timeoutMs: settings.timeoutMs,
			subject,
		});
		throw new NodeApiError(context.getNode(), failure.response as JsonObject, {
			message: failure.message,
			description: failure.description,
			httpCode: failure.httpCode,
			itemIndex,
		});
	}
}

/** Pages through a paginated list (`data.<key>` holds a Laravel paginator) until `limit` rows or the last page. */
export async function apiRequestAllItems(
	this: SmartWatsContext,
	endpoint: string[],
	paginatorKey: string,
	{ qs = {}, limit, itemIndex }: { qs?: IDataObject; limit?: number; itemIndex?: number } = {},
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	const pageSize = limit === undefined ? API_PAGE_SIZE : Math.min(limit, API_PAGE_SIZE);
	for (let page = 1; ; page++) {
		const data = await apiRequest.call(this, 'GET', endpoint, {
			qs: { ...qs, page, page_size: pageSize },
			itemIndex,
		});
		const paginator = (data[paginatorKey] ?? {}) as IDataObject;
		const pageRows = Array.isArray(paginator.data) ? (paginator.data as IDataObject[]) : [];
		rows.push(...pageRows);
		const lastPage = Number(paginator.last_page ?? page);
		if (
			pageRows.length === 0 ||
			page >= lastPage ||
			(limit !== undefined && rows.length >= limit)
		) {
			break;
		}
	}
	return limit === undefined ? rows : rows.slice(0, limit);
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
