// @ts-check
'use strict';
/**
 * The SmartWats simulator: a stateful fake of the SmartWats Cloud API (a WhatsJet white-label) over real HTTP,
 * faithful to ../../../shared/api/smartwats-api.md, quirks included. See README.md in this folder.
 *
 *   const sim = await startSimulator({ rateLimit: false });
 *   sim.url   // http://127.0.0.1:PORT/api  — the "API Base URL"
 *   …
 *   await sim.close();
 *
 * Node built-ins only. The token is never written to any log.
 */
const http = require('node:http');

const { Store, ts } = require('./state');
const {
	defaultSeed,
	seeded,
	generatedContact,
	DEFAULT_VENDOR_UID,
	DEFAULT_TOKEN,
} = require('./seed');
const { FixedWindowLimiter } = require('./rate-limiter');
const { FaultStore, faults } = require('./faults');
const { handleApi } = require('./api');
const { handleAdmin } = require('./admin');
const { json, writeChunk } = require('./http-util');

/** @typedef {import('./http-util').Reply} Reply */
const { campaignReport } = require('./endpoints/campaigns');
const { takeCanonicalWaId } = require('./endpoints/common');
const {
	handleMedia,
	mediaFile,
	MEDIA_FILES,
	DEFAULT_FILE_FOR_KIND,
	DEFAULT_LARGE_MEDIA_BYTES,
	DEFAULT_SLOW_MEDIA_MS,
} = require('./media');
const { buildWebhookPayload, postWebhook } = require('./webhooks');
const { startRecorder } = require('./recorder');

// The simulator's types, for `import type { … } from './fake-smartwats'`.
/** @typedef {import('./faults').Fault} Fault */
/** @typedef {import('./faults').ListedFault} ListedFault */
/** @typedef {import('./seed').SeedData} SeedData */
/** @typedef {import('./seed').SeedContact} SeedContact */
/** @typedef {import('./recorder').Recorder} Recorder */
/** @typedef {import('./recorder').RecorderReply} RecorderReply */
/** @typedef {import('./recorder').RecordedRequest} RecordedRequest */
/** @typedef {import('./media').MediaKind} MediaKind */
/** @typedef {import('./media').MediaDescription} MediaDescription */
/** @typedef {import('./media').MediaRequest} MediaRequest */
/** @typedef {import('./state').SimulatorState} SimulatorState */
/** @typedef {import('./state').ContactRecord} ContactRecord */
/** @typedef {import('./state').ContactRow} ContactRow */
/** @typedef {import('./state').GroupRecord} GroupRecord */
/** @typedef {import('./state').LabelRecord} LabelRecord */
/** @typedef {import('./state').TemplateRecord} TemplateRecord */
/** @typedef {import('./state').CampaignRecord} CampaignRecord */
/** @typedef {import('./state').CampaignQueueRecord} CampaignQueueRecord */
/** @typedef {import('./state').MessageLogRecord} MessageLogRecord */
/** @typedef {import('./webhooks').WebhookPayload} WebhookPayload */
/** @typedef {import('./webhooks').WebhookOverrides} WebhookOverrides */
/** @typedef {import('./webhooks').AnyWebhookKind} AnyWebhookKind */
/** @typedef {ReturnType<typeof campaignReport>} CampaignStatusData */

/** @typedef {{ limit: number, windowMs: number }} RateLimit */

/**
 * How a simulator starts (all optional); `reset()` returns to these.
 * @typedef {object} SimulatorOptions
 * @property {number} [port] 0 (default) = a free port
 * @property {string} [host] default 127.0.0.1
 * @property {string} [vendorUid] default DEFAULT_VENDOR_UID
 * @property {string} [token] default DEFAULT_TOKEN
 * @property {false | null | RateLimit} [rateLimit] default { limit: 60, windowMs: 60000 } (SmartWats' own); false =
 *   no limiter (and no X-RateLimit headers)
 * @property {SeedData} [seed] default defaultSeed()
 * @property {{ apiAccess: boolean }} [plan] default { apiAccess: true }; false → HTTP 401 plan gate on the send
 *   endpoints and Get Message Status (§2)
 * @property {boolean} [whatsappReady] default true; false → "Please complete your WhatsApp Cloud API Setup first"
 *   on the send endpoints and Get Message Status
 * @property {string | null} [webhookUrl] the vendor webhook (Settings → API Access & Webhook): Create Contact and
 *   Update Contact POST a contact event here before answering (§15, §19, §31). Default none
 * @property {number} [largeMediaBytes] size of large.mp4 and large-unsized.mp4; default 30 MiB
 * @property {number} [slowMediaMs] how long slow.jpg takes to arrive; default 5000 ms
 * @property {AccountState} [account] default { vendorActive: true, vendorAdmin: 'active' }: the vendor's and its
 *   admin user's state, checked after the token on every endpoint (§2)
 * @property {MetaBehaviour} [meta] default { withoutMessageId: false, canonicalWaIds: {} }: how the fake Meta
 *   answers a send (§3.4, §6)
 */

/**
 * The vendor account as SmartWats' token middleware sees it (§2). Anything but active answers HTTP 200 failed.
 * @typedef {object} AccountState
 * @property {boolean} [vendorActive] false → "Vendor account is not in active state"
 * @property {'active' | 'inactive' | 'missing'} [vendorAdmin] 'missing' → "Invalid Vendor admin", 'inactive' →
 *   "Vendor admin account is not in active state"
 */

/**
 * How the fake Meta Cloud API answers a send that passed SmartWats' own checks (§3.4, §6).
 * @typedef {object} MetaBehaviour
 * @property {boolean} [withoutMessageId] true → Meta answers without a message id: the send endpoints answer
 *   "Failed to send message" (HTTP 200, the five keys mostly null) and Create Campaign "Failed to send test message"
 * @property {Record<string, string>} [canonicalWaIds] Meta's own `wa_id` for a number (e.g. a Brazilian mobile
 *   without its 9): after a successful send to a contact stored under a key, the contact's number is rewritten
 *   to the value, and a later send to the key creates a second contact
 */

/**
 * The switches as now set (`sim.settings`, `POST /__sim/settings`).
 * @typedef {object} SimulatorSettings
 * @property {boolean} apiAccess
 * @property {boolean} whatsappReady
 * @property {string | null} webhookUrl
 * @property {number} largeMediaBytes
 * @property {number} slowMediaMs
 * @property {boolean} vendorActive
 * @property {'active' | 'inactive' | 'missing'} vendorAdmin
 * @property {boolean} metaWithoutMessageId
 * @property {Record<string, string>} canonicalWaIds
 */

/**
 * A request under /api, as it arrived and as it was answered. `body` and `response` are whatever JSON went over
 * the wire (any shape), so tests read them as they please.
 * @typedef {object} JournalEntry
 * @property {number} seq arrival order, counted from the simulator's start (clearJournal() does not restart it)
 * @property {string} method
 * @property {string} endpoint the path after /api/{vendorUid}/, URL-decoded, no trailing slash:
 *   'contact/send-message', 'contact/update/919876543210'
 * @property {string} rawPath path and query exactly as received
 * @property {Record<string, string | string[]>} query repeated names become arrays; names as sent
 *   ('contacts_uid[]')
 * @property {any} body the body as sent: parsed JSON, a parsed form (PHP bracket notation nested), the raw text
 *   otherwise; null when empty
 * @property {import('node:http').IncomingHttpHeaders} headers lower-case names, Authorization included as received
 * @property {number} status the HTTP status sent; 0 while pending and for a dropped connection
 * @property {any} response the body sent back: parsed JSON, or the raw text; null for a dropped connection
 * @property {boolean} processed false when refused before any controller ran: 404/405, 429, bad token or vendor, a
 *   fault without `process`
 * @property {number} at epoch ms of arrival
 * @property {string} [fault] id of the fault that hit this request
 * @property {string} [error] stack of an unexpected simulator error (the client saw a 500)
 */

/**
 * A vendor webhook call the simulator made.
 * @typedef {object} WebhookDelivery
 * @property {number} seq
 * @property {string} url
 * @property {WebhookPayload} payload the body sent
 * @property {number} status the receiver's HTTP status; 0 when the call failed
 * @property {unknown} response the receiver's body (parsed JSON when JSON)
 * @property {string} [error] why the call failed (ignored, as SmartWats ignores it)
 * @property {number} at epoch ms
 */

const DEFAULT_RATE_LIMIT = Object.freeze({ limit: 60, windowMs: 60000 });

/**
 * @param {false | null | RateLimit | undefined} rateLimit
 * @returns {false | RateLimit}
 */
function normalizeRateLimit(rateLimit) {
	if (rateLimit === false || rateLimit === null) return false;
	if (rateLimit === undefined) return { ...DEFAULT_RATE_LIMIT };
	const limit = Number(rateLimit.limit);
	const windowMs = Number(rateLimit.windowMs);
	if (!(limit > 0) || !(windowMs > 0))
		throw new TypeError('rateLimit needs a positive limit and windowMs, or false');
	return { limit, windowMs };
}

/**
 * A vendor webhook URL (http or https), or null for none.
 * @param {unknown} url
 * @returns {string | null}
 */
function normalizeWebhookUrl(url) {
	if (url === undefined || url === null || url === '') return null;
	let parsed;
	try {
		parsed = new URL(String(url));
	} catch {
		throw new TypeError(`webhookUrl is not a URL: ${url}`);
	}
	if (!['http:', 'https:'].includes(parsed.protocol))
		throw new TypeError('webhookUrl must be an http or https URL');
	return parsed.href;
}

/**
 * @param {string} name
 * @param {unknown} value
 * @param {number} fallback
 */
function nonNegativeWhole(name, value, fallback) {
	if (value === undefined || value === null) return fallback;
	const number = Number(value);
	if (!Number.isInteger(number) || number < 0)
		throw new TypeError(`${name} must be a whole number of at least 0`);
	return number;
}

/**
 * @param {unknown} state
 * @returns {'active' | 'inactive' | 'missing'}
 */
function vendorAdminState(state) {
	if (state === 'active' || state === 'inactive' || state === 'missing') return state;
	throw new TypeError(`vendorAdmin must be 'active', 'inactive' or 'missing', not ${state}`);
}

/**
 * @param {unknown} map
 * @returns {Record<string, string>}
 */
function canonicalWaIds(map) {
	if (map === null || typeof map !== 'object' || Array.isArray(map))
		throw new TypeError('canonicalWaIds must be an object of phone number → wa_id');
	/** @type {Record<string, string>} */
	const copy = {};
	for (const [number, waId] of Object.entries(map)) {
		if (!/^\d+$/.test(number) || !/^\d+$/.test(String(waId)))
			throw new TypeError(`canonicalWaIds: ${number} → ${waId} is not digits → digits`);
		copy[number] = String(waId);
	}
	return copy;
}

class Simulator {
	/** @param {SimulatorOptions} [options] */
	constructor(options = {}) {
		this.options = options;
		this.host = options.host ?? '127.0.0.1';
		this.requestedPort = options.port ?? 0;
		this.vendorUid = options.vendorUid ?? DEFAULT_VENDOR_UID;
		this.token = options.token ?? DEFAULT_TOKEN;
		this.seed = options.seed ?? defaultSeed();
		/** Every request under /api, in arrival order (live array). @type {JournalEntry[]} */
		this.journal = [];
		/** Every request for a media file (live array). @type {MediaRequest[]} */
		this.mediaRequests = [];
		this.mediaSequence = 0;
		/** Every vendor webhook call the simulator made, in order (live array). @type {WebhookDelivery[]} */
		this.webhookDeliveries = [];
		this.deliverySequence = 0;
		/** @type {Set<AbortController>} */
		this.deliveries = new Set();
		/** @type {Map<string, Recorder>} */
		this.recorders = new Map();
		this.faults = new FaultStore();
		this.sequence = 0;
		/** @type {Set<import('node:net').Socket>} */
		this.sockets = new Set();
		/** Pending waits, each with the resolve that close() calls. @type {Map<ReturnType<typeof setTimeout>, () => void>} */
		this.timers = new Map();
		this.closed = false;
		/** @type {import('node:http').Server | null} */
		this.server = null;
		// Known once listen() resolved (startSimulator waits for it).
		this.port = 0;
		this.origin = '';
		/** 'http://127.0.0.1:PORT/api': what a user types as "API Base URL". */
		this.url = '';
		/** 'http://127.0.0.1:PORT/__sim' */
		this.adminUrl = '';
		/** 'http://127.0.0.1:PORT/media': where the media files are served (no token needed). */
		this.mediaBaseUrl = '';
		/** @type {FixedWindowLimiter | null} */
		this.limiter = null;
		/** @type {SimulatorSettings} */
		this.settings = this.startupSettings();
		this.setRateLimit(normalizeRateLimit(this.options.rateLimit));
		this.store = new Store(structuredClone(this.seed), this.vendorUid);
	}

	/**
	 * Rate limit, plan, WhatsApp readiness, vendor webhook URL and media sizes as the options gave them (reset()
	 * returns to these).
	 */
	applyStartupSettings() {
		this.setRateLimit(normalizeRateLimit(this.options.rateLimit));
		this.settings = this.startupSettings();
	}

	/** @returns {SimulatorSettings} */
	startupSettings() {
		return {
			apiAccess: this.options.plan?.apiAccess ?? true,
			whatsappReady: this.options.whatsappReady ?? true,
			webhookUrl: normalizeWebhookUrl(this.options.webhookUrl),
			largeMediaBytes: nonNegativeWhole(
				'largeMediaBytes',
				this.options.largeMediaBytes,
				DEFAULT_LARGE_MEDIA_BYTES,
			),
			slowMediaMs: nonNegativeWhole('slowMediaMs', this.options.slowMediaMs, DEFAULT_SLOW_MEDIA_MS),
			vendorActive: this.options.account?.vendorActive ?? true,
			vendorAdmin: vendorAdminState(this.options.account?.vendorAdmin ?? 'active'),
			metaWithoutMessageId: this.options.meta?.withoutMessageId ?? false,
			canonicalWaIds: canonicalWaIds(this.options.meta?.canonicalWaIds ?? {}),
		};
	}

	/** @returns {Promise<this>} */
	async listen() {
		const server = http.createServer((req, res) => {
			this.dispatch(req, res).catch((error) => {
				if (!res.headersSent && !res.destroyed)
					this.sendJson(res, 500, { error: String(error?.message ?? error) });
			});
		});
		this.server = server;
		// Longer than a client keeps an idle connection (undici: 4 s, or the server's hint less a second), so the
		// client always closes first. With Node's 5 s, a test process that blocked its event loop that long (media
		// generation on a loaded machine) reused a socket the server was closing: ECONNRESET. Nginx keeps 75 s.
		server.keepAliveTimeout = 65_000;
		server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		/** @type {Promise<void>} */
		const listening = new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.requestedPort, this.host, () => {
				server.off('error', reject);
				resolve();
			});
		});
		await listening;
		this.port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
		const shownHost = ['0.0.0.0', '::', ''].includes(this.host)
			? '127.0.0.1'
			: this.host.includes(':')
				? `[${this.host}]`
				: this.host;
		this.origin = `http://${shownHost}:${this.port}`;
		this.url = `${this.origin}/api`;
		this.adminUrl = `${this.origin}/__sim`;
		this.mediaBaseUrl = `${this.origin}/media`;
		return this;
	}

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @returns {Promise<void>}
	 */
	async dispatch(req, res) {
		/** @type {Buffer[]} */
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const buffer = Buffer.concat(chunks);
		const url = new URL(String(req.url), 'http://simulator.invalid');
		if (url.pathname === '/__sim' || url.pathname.startsWith('/__sim/'))
			return handleAdmin(this, req, res, url, buffer);
		if (url.pathname === '/api' || url.pathname.startsWith('/api/'))
			return handleApi(this, req, res, url, buffer);
		if (url.pathname.startsWith('/media/')) return handleMedia(this, req, res, url);
		const path = url.pathname.replace(/^\/+|\/+$/g, '');
		const accept = String(req.headers.accept ?? '');
		if (accept.includes('json'))
			return this.send(res, json(404, { message: `The route ${path} could not be found.` }));
		return this.send(res, {
			status: 404,
			headers: { 'Content-Type': 'text/html; charset=UTF-8' },
			body: '<!DOCTYPE html><title>Not Found</title><p>404 | Not Found</p>',
			logged: '',
		});
	}

	// ── plumbing for api.js and admin.js ──────────────────────────────────────

	/**
	 * @param {import('node:http').ServerResponse} res
	 * @param {Reply} response
	 */
	send(res, response) {
		if (res.destroyed || res.writableEnded) return;
		const body = response.body ?? '';
		res.writeHead(response.status, {
			...response.headers,
			'Content-Length': Buffer.byteLength(body),
		});
		res.end(body);
	}

	/**
	 * The status line, the headers (with the full Content-Length) and `bytes` of the body; then the socket closes.
	 * @param {import('node:http').ServerResponse} res
	 * @param {Reply} response
	 * @param {number} bytes
	 */
	sendCutOff(res, response, bytes) {
		if (res.destroyed || res.writableEnded) return;
		const body = Buffer.from(response.body ?? '');
		res.writeHead(response.status, { ...response.headers, 'Content-Length': body.length });
		res.write(body.subarray(0, Math.min(bytes, Math.max(body.length - 1, 0))), () =>
			res.socket?.destroy(),
		);
	}

	/**
	 * The status line and headers at once, then the body trickled over `ms` (see trickle()).
	 * @param {import('node:http').ServerResponse} res
	 * @param {Reply} response
	 * @param {number} ms
	 */
	async sendTrickled(res, response, ms) {
		if (res.destroyed || res.writableEnded) return;
		const body = Buffer.from(response.body ?? '');
		res.writeHead(response.status, { ...response.headers, 'Content-Length': body.length });
		res.flushHeaders();
		await this.trickle(res, body, ms);
	}

	/**
	 * Writes `body` a byte at a time (more per step for bodies longer than `ms / 10`) so that it ends after `ms`,
	 * then ends the response. Resolves false when the client went away or the simulator closed first.
	 * @param {import('node:http').ServerResponse} res
	 * @param {Buffer} body
	 * @param {number} ms
	 * @param {(bytes: number) => void} [onChunk]
	 */
	async trickle(res, body, ms, onChunk = () => {}) {
		const steps = Math.max(1, Math.min(body.length, Math.floor(ms / 10)));
		const size = Math.ceil(body.length / steps);
		for (let offset = 0; offset < body.length; offset += size) {
			await this.wait(ms / steps);
			if (res.destroyed || this.closed) return false;
			const chunk = body.subarray(offset, offset + size);
			if (!(await writeChunk(res, chunk))) return false;
			onChunk(chunk.length);
		}
		res.end();
		return true;
	}

	/**
	 * Sends the vendor webhook for each event, one after the other, as SmartWats does inside the API request
	 * (Laravel's Http::post): only with a webhook URL set and the plan's API access (§31.1); the receiver's
	 * answer and any failure are recorded and otherwise ignored, never retried.
	 * @param {import('./endpoints').Context['outbox']} events
	 */
	async dispatchVendorWebhooks(events) {
		const url = this.settings.webhookUrl;
		if (!events.length || !url || !this.settings.apiAccess) return;
		for (const event of events)
			await this.deliverWebhook(url, buildWebhookPayload(event.kind, event.overrides));
	}

	/**
	 * @param {string} url
	 * @param {WebhookPayload} payload
	 */
	async deliverWebhook(url, payload) {
		/** @type {WebhookDelivery} */
		const delivery = {
			seq: ++this.deliverySequence,
			url,
			payload,
			status: 0,
			response: null,
			at: Date.now(),
		};
		this.webhookDeliveries.push(delivery);
		const controller = new AbortController();
		this.deliveries.add(controller);
		try {
			const answer = await postWebhook(url, payload, { signal: controller.signal });
			delivery.status = answer.status;
			delivery.response = answer.body;
		} catch (error) {
			delivery.error = String(error?.message ?? error);
		} finally {
			this.deliveries.delete(controller);
		}
		return delivery;
	}

	/**
	 * @param {import('node:http').ServerResponse} res
	 * @param {number} status
	 * @param {unknown} body
	 */
	sendJson(res, status, body) {
		this.send(res, {
			status,
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
			logged: body,
		});
	}

	/**
	 * A delay that close() cuts short, so jest never waits on a pending fault.
	 * @param {number} ms
	 * @returns {Promise<void>}
	 */
	wait(ms) {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.set(timer, resolve);
		});
	}

	/**
	 * A journal entry for a request that just arrived: not answered, not processed.
	 * @param {Pick<JournalEntry, 'method' | 'endpoint' | 'rawPath' | 'query' | 'body' | 'headers'>} fields
	 * @returns {JournalEntry}
	 */
	recordRequest(fields) {
		/** @type {JournalEntry} */
		const entry = {
			seq: ++this.sequence,
			...fields,
			status: 0,
			response: null,
			processed: false,
			at: Date.now(),
		};
		this.journal.push(entry);
		return entry;
	}

	// ── public API ────────────────────────────────────────────────────────────

	/** Live state: replaced by reset(), so read it through `sim.state` each time. */
	get state() {
		return this.store.data;
	}

	/** @returns {false | RateLimit} the current limiter configuration, or false */
	get rateLimit() {
		return this.limiter ? { limit: this.limiter.limit, windowMs: this.limiter.windowMs } : false;
	}

	/** Clears the journal, the media requests and the webhook deliveries. */
	clearJournal() {
		this.journal.length = 0;
		this.mediaRequests.length = 0;
		this.webhookDeliveries.length = 0;
	}

	/**
	 * Back to the startup seed (or to `seed`, this once) and to the startup options; journal, faults and rate-limit
	 * counters cleared. A later reset() returns to the startup seed, so one test's seed never leaks into the next.
	 */
	/** @param {SeedData} [seed] */
	reset(seed) {
		this.store = new Store(structuredClone(seed ?? this.seed), this.vendorUid);
		this.clearJournal();
		this.clearFaults();
		this.applyStartupSettings();
	}

	/**
	 * The journal entries of one endpoint (exact, as journaled), optionally of one method.
	 * @param {string} endpoint
	 * @param {string} [method]
	 */
	requestsTo(endpoint, method) {
		return this.journal.filter(
			(entry) => entry.endpoint === endpoint && (!method || entry.method === method.toUpperCase()),
		);
	}

	/**
	 * @param {Fault} fault
	 * @returns {string} the fault's id (journal entries it hits carry it as `fault`)
	 */
	addFault(fault) {
		return this.faults.add(fault);
	}

	clearFaults() {
		this.faults.clear();
	}

	/**
	 * A fresh limiter (counters start over) with this configuration, or none.
	 * @param {false | null | RateLimit} rateLimit
	 */
	setRateLimit(rateLimit) {
		const config = normalizeRateLimit(rateLimit);
		this.limiter = config ? new FixedWindowLimiter(config) : null;
	}

	/** @param {{ apiAccess: boolean }} plan */
	setPlan(plan) {
		this.settings.apiAccess = Boolean(plan.apiAccess);
	}

	/** @param {boolean} ready */
	setWhatsappReady(ready) {
		this.settings.whatsappReady = Boolean(ready);
	}

	/**
	 * The vendor's and its admin user's state (§2); what is left out stays as it is. Throws for an unknown admin
	 * state.
	 * @param {AccountState} account
	 */
	setAccount(account) {
		if (account.vendorActive !== undefined)
			this.settings.vendorActive = Boolean(account.vendorActive);
		if (account.vendorAdmin !== undefined)
			this.settings.vendorAdmin = vendorAdminState(account.vendorAdmin);
	}

	/**
	 * How the fake Meta answers a send (§3.4, §6); what is left out stays as it is. Throws for a map that is not
	 * number → number.
	 * @param {MetaBehaviour} meta
	 */
	setMeta(meta) {
		if (meta.withoutMessageId !== undefined)
			this.settings.metaWithoutMessageId = Boolean(meta.withoutMessageId);
		if (meta.canonicalWaIds !== undefined)
			this.settings.canonicalWaIds = canonicalWaIds(meta.canonicalWaIds);
	}

	/**
	 * The vendor webhook URL Create/Update Contact call (§15, §19, §31); null turns the webhook off. Throws for
	 * anything but an http(s) URL.
	 * @param {string | null} url
	 */
	setWebhookUrl(url) {
		this.settings.webhookUrl = normalizeWebhookUrl(url);
	}

	/**
	 * Size of large.mp4 and large-unsized.mp4, and how long slow.jpg takes.
	 * @param {{ largeMediaBytes?: unknown, slowMediaMs?: unknown }} [options]
	 */
	setMediaOptions({ largeMediaBytes, slowMediaMs } = {}) {
		this.settings.largeMediaBytes = nonNegativeWhole(
			'largeMediaBytes',
			largeMediaBytes,
			this.settings.largeMediaBytes,
		);
		this.settings.slowMediaMs = nonNegativeWhole(
			'slowMediaMs',
			slowMediaMs,
			this.settings.slowMediaMs,
		);
	}

	get largeMediaBytes() {
		return this.settings.largeMediaBytes;
	}

	get slowMediaMs() {
		return this.settings.slowMediaMs;
	}

	/**
	 * The URL of a media file, e.g. mediaUrl('invoice.pdf') or mediaUrl('large.mp4', { bytes: 1000 }).
	 * @param {string} name
	 * @param {{ bytes?: number, trickleMs?: number, delayMs?: number }} [query]
	 */
	mediaUrl(name, query = {}) {
		const search = new URLSearchParams(
			Object.entries(query).map(
				([key, value]) => /** @type {[string, string]} */ ([key, String(value)]),
			),
		).toString();
		return `${this.mediaBaseUrl}/${encodeURIComponent(name)}${search ? `?${search}` : ''}`;
	}

	/**
	 * A media file's bytes and description (null for the missing and large ones), generated on first use.
	 * @param {string} name
	 */
	mediaFile(name) {
		return mediaFile(name);
	}

	/**
	 * Posts an incoming-event webhook (`webhooks.js` kinds) to `url`, or to the vendor webhook URL; media kinds
	 * link to this simulator's files unless the overrides say otherwise. Resolves the receiver's { status, body }
	 * and the payload.
	 * @param {AnyWebhookKind} kind
	 * @param {WebhookOverrides} [overrides]
	 * @param {string | null} [url]
	 * @returns {Promise<{ status: number, body: unknown, payload: WebhookPayload }>}
	 */
	async postWebhook(kind, overrides = {}, url = this.settings.webhookUrl) {
		if (!url) throw new Error('no URL given and no vendor webhook URL set');
		const payload = buildWebhookPayload(kind, { mediaBaseUrl: this.mediaBaseUrl, ...overrides });
		const answer = await postWebhook(url, payload);
		return { ...answer, payload };
	}

	/**
	 * Starts a recorder (another origin) that close() stops; see recorder.js.
	 * @param {RecorderReply} [reply]
	 */
	async startRecorder(reply) {
		const recorder = await startRecorder(reply);
		this.recorders.set(String(recorder.port), recorder);
		return recorder;
	}

	/**
	 * Adds `count` generated contacts with stable numbers (917000000001, 917000000002, …).
	 * @param {number} count
	 */
	seedContacts(count) {
		return this.store.generateContacts(count);
	}

	/**
	 * Sets a message log's status (by log UID or wamid), as a Meta status webhook would; throws when unknown.
	 * A `read` message stays `read` whatever comes later (§26: Meta's webhooks can arrive out of order).
	 * @param {string} logUidOrWamid
	 * @param {string} status
	 */
	setMessageStatus(logUidOrWamid, status) {
		const log = this.store.data.messages.find(
			(item) => item._uid === logUidOrWamid || item.wamid === logUidOrWamid,
		);
		if (!log) throw new Error(`no message with log UID or wamid ${logUidOrWamid}`);
		if (log.status === 'read') return log;
		log.status = status;
		log.updated_at = ts();
		return log;
	}

	/**
	 * The Get Contacts row of a contact, by phone number (wa_id) or UID; null when there is none.
	 * @param {string} phoneNumberOrUid
	 */
	getContact(phoneNumberOrUid) {
		const contact =
			this.store.contactByWaId(phoneNumberOrUid) ?? this.store.contactByUid(phoneNumberOrUid);
		return contact ? this.store.contactRow(contact) : null;
	}

	/**
	 * Runs a campaign's queue now (there is no cron), or as at `at` (epoch ms, or a date string `Date.parse` reads):
	 * each queued message becomes a message log with `status`, unless the campaign's `expire_at` has passed by
	 * then, when it expires instead (Campaign Status `expiredCount`, §16, §18). Returns how many were delivered.
	 * @param {string} campaignUid
	 * @param {string} [status]
	 * @param {number | string} [at]
	 */
	executeCampaign(campaignUid, status = 'sent', at = Date.now()) {
		const campaign = this.store.data.campaigns.find((item) => item._uid === campaignUid);
		if (!campaign) throw new Error(`no campaign ${campaignUid}`);
		const runAt = typeof at === 'number' ? at : Date.parse(at);
		if (Number.isNaN(runAt)) throw new TypeError(`at is not a date: ${at}`);
		const expiry = campaign.__data.expiry_at;
		const expired = expiry !== null && expiry !== undefined && Date.parse(expiry) <= runAt;
		let delivered = 0;
		for (const item of this.store.data.campaignQueue.filter(
			(queued) => queued.campaigns__id === campaign._id && queued.status === 1,
		)) {
			if (expired) {
				// Kept in the queue as expired: Campaign Status counts it there.
				item.status = 5;
				item.updated_at = ts(runAt);
				continue;
			}
			const contact = this.store.data.contacts.find((row) => row._id === item.contacts__id);
			if (contact) {
				const log = this.store.addMessageLog({
					contact,
					type: 'template',
					status,
					campaignId: campaign._id,
					fromPhoneNumberId:
						campaign.__data.from_phone_number_id ?? this.store.defaultPhoneNumber()?.id ?? null,
					template: {
						name: campaign.template_name,
						language: campaign.template_language,
						...item.parameters,
					},
				});
				takeCanonicalWaId(this.settings, contact, log);
				delivered++;
			}
			this.store.data.campaignQueue.splice(this.store.data.campaignQueue.indexOf(item), 1);
		}
		campaign.updated_at = ts();
		return delivered;
	}

	/**
	 * What Campaign Status would answer for this campaign (its `data`), or null for an unknown one.
	 * @param {string} campaignUid
	 */
	campaignStatus(campaignUid) {
		const campaign = this.store.data.campaigns.find((item) => item._uid === campaignUid);
		return campaign ? campaignReport(this.store, campaign) : null;
	}

	/** Stops listening, cuts keep-alive connections, pending fault delays and webhook calls, stops recorders. */
	async close() {
		if (this.closed) return;
		this.closed = true;
		for (const controller of this.deliveries) controller.abort();
		await Promise.all([...this.recorders.values()].map((recorder) => recorder.close()));
		for (const [timer, resolve] of this.timers) {
			clearTimeout(timer);
			resolve();
		}
		this.timers.clear();
		const server = this.server;
		if (!server) return;
		/** @type {Promise<void>} */
		const closing = new Promise((resolve) => server.close(() => resolve()));
		// Keep-alive sockets would hold close() (and jest) open.
		server.closeAllConnections();
		for (const socket of this.sockets) socket.destroy();
		await closing;
	}
}

/**
 * Starts a simulator and resolves once it listens.
 * @param {SimulatorOptions} [options]
 */
async function startSimulator(options = {}) {
	const sim = new Simulator(options);
	await sim.listen();
	return sim;
}

module.exports = {
	startSimulator,
	startRecorder,
	MEDIA_FILES,
	DEFAULT_FILE_FOR_KIND,
	defaultSeed,
	seeded,
	generatedContact,
	DEFAULT_VENDOR_UID,
	DEFAULT_TOKEN,
	faults,
	Simulator,
};
