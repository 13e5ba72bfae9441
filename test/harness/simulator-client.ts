/**
 * The simulator's own tests talk to it over plain HTTP through this client. Answers are typed from the simulator's
 * code: an endpoint's `data` is what its controller answers on success (test/fake-smartwats/endpoints), an admin
 * route's body is what admin.js answers, so a test and the simulator cannot drift apart.
 */
import type {
	RecordedRequest,
	Simulator,
	SimulatorOptions,
	WebhookPayload,
} from '../fake-smartwats';
import type { AdminRoutes } from '../fake-smartwats/admin';
import type { Handlers } from '../fake-smartwats/endpoints';
import type { Reply } from '../fake-smartwats/http-util';
import { useSimulator } from './simulator';

/** The route key of a concrete endpoint: 'contact/update/919876543210' is 'POST contact/update/{phoneNumber}'. */
type RouteOf<M extends string, E extends string> = E extends `contact/update/${string}`
	? `${M} contact/update/{phoneNumber}`
	: E extends `campaign-status/${string}`
		? `${M} campaign-status/{campaignUid}`
		: `${M} ${E}`;

/** Every body a route's controller answers with. */
type BodyOf<R> = R extends keyof Handlers
	? ReturnType<Handlers[R]> extends infer Answered
		? Answered extends Reply<infer Logged>
			? Logged
			: never
		: never
	: unknown;

/** What a route answers in `data` when it succeeds. */
export type SuccessData<R> = R extends keyof Handlers
	? Extract<BodyOf<R>, { result: 'success' }> extends { data: infer D }
		? D
		: never
	: unknown;

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One HTTP answer of the API. `R` is the route it came from, which types `data`. */
export class Answer<R = unknown> {
	/** The body parsed as JSON; undefined when it is not JSON. For `toEqual` and `toMatchObject`. */
	readonly json: unknown;

	constructor(
		readonly status: number,
		readonly headers: Headers,
		readonly text: string,
	) {
		try {
			this.json = JSON.parse(text);
		} catch {
			this.json = undefined;
		}
	}

	private describe(): string {
		return `HTTP ${this.status} ${this.text.slice(0, 500)}`;
	}

	/** `result` of the envelope; undefined when the body is not one. */
	get result(): unknown {
		return isObject(this.json) ? this.json.result : undefined;
	}

	/** `message` of a JSON body: the envelope's, or a framework error's (404, 405, 422, 429, 500). */
	get message(): unknown {
		return isObject(this.json) ? this.json.message : undefined;
	}

	/** `data` of a success envelope, typed from the route's controller; the test fails when it is not a success. */
	get data(): SuccessData<R> {
		const body = this.json;
		if (!isObject(body) || body.result !== 'success' || !('data' in body))
			throw new Error(`expected a success envelope, got ${this.describe()}`);
		return body.data as SuccessData<R>;
	}

	/** `errors` of Laravel's 422 body; the test fails when there are none. */
	get errors(): Record<string, string[]> {
		const body = this.json;
		if (!isObject(body) || !isObject(body.errors))
			throw new Error(`expected a validation failure, got ${this.describe()}`);
		return body.errors as Record<string, string[]>;
	}
}

export interface CallOptions {
	body?: unknown;
	/** A raw body with its content type (forms), or without one (`contentType: null`). */
	raw?: { body: string | FormData | Uint8Array; contentType: string | null };
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

type AdminKey = keyof AdminRoutes;
/** What an admin route answers when it works (HTTP 200). */
type AdminBody<K extends AdminKey> = Extract<
	Awaited<ReturnType<AdminRoutes[K]['run']>>,
	{ status: 200 }
>['body'];
/** What `METHOD path` answers: typed for the routes of admin.js, unknown for anything else. */
type AdminJson<K extends string> = K extends AdminKey ? AdminBody<K> : unknown;

/** An answer of the admin API: its status and its JSON, typed from admin.js. */
export interface AdminReply<B> {
	status: number;
	json: B;
}

/**
 * Plain HTTP calls to a simulator's API and admin API. `current` returns the simulator at call time (test files
 * start theirs in beforeAll).
 */
export function simulatorClient(current: () => Simulator) {
	async function call<M extends string, E extends string>(
		method: M,
		endpoint: E,
		options: CallOptions = {},
	): Promise<Answer<RouteOf<M, E>>> {
		const sim = current();
		const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
		const headers: Record<string, string> = {};
		if (options.accept !== null) headers.Accept = options.accept ?? 'application/json';
		const token = options.token === undefined ? sim.token : options.token;
		if (token !== null) headers.Authorization = `Bearer ${token}`;
		let body: string | FormData | Uint8Array | undefined;
		if (options.raw) {
			body = options.raw.body;
			if (options.raw.contentType !== null) headers['Content-Type'] = options.raw.contentType;
		} else if (options.body !== undefined) {
			body = JSON.stringify(options.body);
			headers['Content-Type'] = 'application/json';
		}
		const response = await fetch(
			`${sim.url}/${options.vendorUid ?? sim.vendorUid}/${endpoint}${query}`,
			{ method, headers: { ...headers, ...options.headers }, body, redirect: options.redirect },
		);
		return new Answer(response.status, response.headers, await response.text());
	}

	const post = <E extends string>(endpoint: E, body?: unknown, options: CallOptions = {}) =>
		call('POST', endpoint, { ...options, body });
	const get = <E extends string>(
		endpoint: E,
		query?: Record<string, string>,
		options: CallOptions = {},
	) => call('GET', endpoint, { ...options, query });

	/**
	 * The admin API (`/__sim/…`), e.g. admin('POST', 'settings', { apiAccess: false }). A path with a query
	 * string, a recorder's or an unknown one answers `unknown` JSON.
	 */
	async function admin<M extends string, P extends string>(
		method: M,
		path: P,
		body?: unknown,
	): Promise<AdminReply<AdminJson<`${M} ${P}`>>> {
		const response = await fetch(`${current().adminUrl}/${path}`, {
			method,
			headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		// The simulator's own admin.js wrote it; its type is the route's (see AdminJson).
		const json: AdminJson<`${M} ${P}`> = text ? JSON.parse(text) : null;
		return { status: response.status, json };
	}

	return { call, post, get, admin };
}

/** What a recorder received, as SmartWats' webhook body (§31.2); the test fails when it is not JSON. */
export function webhookPayload(request: RecordedRequest): WebhookPayload {
	if (!isObject(request.json) || !('contact' in request.json))
		throw new Error(`expected a SmartWats webhook body, got ${request.body.slice(0, 500)}`);
	return request.json as unknown as WebhookPayload;
}

/** The `message` of an incoming message or status event; the test fails for a contact event (`[]`). */
export function webhookMessage(payload: WebhookPayload) {
	if (Array.isArray(payload.message)) throw new Error('expected a message, got a contact event');
	return payload.message;
}

/** The stored file of an incoming media message (`message.media`); the test fails when there is none. */
export function webhookMedia(payload: WebhookPayload) {
	const { media } = webhookMessage(payload);
	if (!media || Array.isArray(media)) throw new Error('expected a media message');
	return media;
}

/** The raw Meta message of an incoming message (`whatsapp_webhook_payload`); the test fails when there is none. */
export function rawMetaMessage(payload: WebhookPayload): Record<string, unknown> {
	const body = payload.whatsapp_webhook_payload;
	const message = Array.isArray(body) ? undefined : body.entry[0]?.changes[0]?.value.messages?.[0];
	if (!message) throw new Error('expected a raw Meta message');
	return message;
}

/**
 * A simulator for one test file, reset to its seed before each test, and a client for it, with the lookups the
 * simulator's specs share. `api.sim` is the simulator (started in beforeAll).
 */
export function useSimulatorApi(
	options: SimulatorOptions | (() => SimulatorOptions) = { rateLimit: false },
) {
	const handle = useSimulator(options);
	const client = simulatorClient(() => handle.sim);
	return {
		...client,
		get sim(): Simulator {
			return handle.sim;
		},
		/** The stored contact with this number (wa_id), as the tables hold it. */
		contact: (phone: string) => handle.sim.state.contacts.find((row) => row.wa_id === phone),
		/** Titles of the contact's groups, sorted. */
		groupTitles: (phone: string) =>
			(handle.sim.getContact(phone)?.groups ?? []).map((group) => group.title).sort(),
		/** Titles of the contact's labels, sorted. */
		labelTitles: (phone: string) =>
			(handle.sim.getContact(phone)?.labels ?? []).map((label) => label.title).sort(),
		/** The message log a send answered with (its `log_uid`). */
		messageLog: (logUid: unknown) => handle.sim.state.messages.find((log) => log._uid === logUid),
		/** Text messages logged for a number (the seeded campaign's template logs left out). */
		textsTo: (phone: string) =>
			handle.sim.state.messages.filter(
				(log) => log.contact_wa_id === phone && log.message_type === 'text',
			),
	};
}
