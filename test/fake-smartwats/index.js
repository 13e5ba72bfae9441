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
const { campaignReport } = require('./endpoints/campaigns');
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

const DEFAULT_RATE_LIMIT = Object.freeze({ limit: 60, windowMs: 60000 });

function normalizeRateLimit(rateLimit) {
	if (rateLimit === false || rateLimit === null) return false;
	if (rateLimit === undefined) return { ...DEFAULT_RATE_LIMIT };
	const limit = Number(rateLimit.limit);
	const windowMs = Number(rateLimit.windowMs);
	if (!(limit > 0) || !(windowMs > 0))
		throw new TypeError('rateLimit needs a positive limit and windowMs, or false');
	return { limit, windowMs };
}

/** A vendor webhook URL (http or https), or null for none. */
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

function nonNegativeWhole(name, value, fallback) {
	if (value === undefined || value === null) return fallback;
	const number = Number(value);
	if (!Number.isInteger(number) || number < 0)
		throw new TypeError(`${name} must be a whole number of at least 0`);
	return number;
}

class Simulator {
	constructor(options = {}) {
		this.options = options;
		this.host = options.host ?? '127.0.0.1';
		this.requestedPort = options.port ?? 0;
		this.vendorUid = options.vendorUid ?? DEFAULT_VENDOR_UID;
		this.token = options.token ?? DEFAULT_TOKEN;
		this.seed = options.seed ?? defaultSeed();
		this.journal = [];
		this.mediaRequests = [];
		this.mediaSequence = 0;
		this.webhookDeliveries = [];
		this.deliverySequence = 0;
		this.deliveries = new Set();
		this.recorders = new Map();
		this.faults = new FaultStore();
		this.sequence = 0;
		this.sockets = new Set();
		this.timers = new Set();
		this.closed = false;
		this.applyStartupSettings();
		this.store = new Store(structuredClone(this.seed), this.vendorUid);
	}

	/**
	 * Rate limit, plan, WhatsApp readiness, vendor webhook URL and media sizes as the options gave them (reset()
	 * returns to these).
	 */
	applyStartupSettings() {
		this.setRateLimit(normalizeRateLimit(this.options.rateLimit));
		this.settings = {
			apiAccess: this.options.plan?.apiAccess ?? true,
			whatsappReady: this.options.whatsappReady ?? true,
			webhookUrl: normalizeWebhookUrl(this.options.webhookUrl),
			largeMediaBytes: nonNegativeWhole(
				'largeMediaBytes',
				this.options.largeMediaBytes,
				DEFAULT_LARGE_MEDIA_BYTES,
			),
			slowMediaMs: nonNegativeWhole('slowMediaMs', this.options.slowMediaMs, DEFAULT_SLOW_MEDIA_MS),
		};
	}

	async listen() {
		this.server = http.createServer((req, res) => {
			this.dispatch(req, res).catch((error) => {
				if (!res.headersSent && !res.destroyed)
					this.sendJson(res, 500, { error: String(error?.message ?? error) });
			});
		});
		this.server.keepAliveTimeout = 5000;
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.requestedPort, this.host, () => {
				this.server.off('error', reject);
				resolve();
			});
		});
		this.port = this.server.address().port;
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

	async dispatch(req, res) {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const buffer = Buffer.concat(chunks);
		const url = new URL(req.url, 'http://simulator.invalid');
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
		});
	}

	// ── plumbing for api.js and admin.js ──────────────────────────────────────

	send(res, response) {
		if (res.destroyed || res.writableEnded) return;
		const body = response.body ?? '';
		res.writeHead(response.status, {
			...response.headers,
			'Content-Length': Buffer.byteLength(body),
		});
		res.end(body);
	}

	/** The status line, the headers (with the full Content-Length) and `bytes` of the body; then the socket closes. */
	sendCutOff(res, response, bytes) {
		if (res.destroyed || res.writableEnded) return;
		const body = Buffer.from(response.body ?? '');
		res.writeHead(response.status, { ...response.headers, 'Content-Length': body.length });
		res.write(body.subarray(0, Math.min(bytes, Math.max(body.length - 1, 0))), () =>
			res.socket?.destroy(),
		);
	}

	/** The status line and headers at once, then the body trickled over `ms` (see trickle()). */
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
	 */
	async dispatchVendorWebhooks(events) {
		const url = this.settings.webhookUrl;
		if (!events.length || !url || !this.settings.apiAccess) return;
		for (const event of events)
			await this.deliverWebhook(url, buildWebhookPayload(event.kind, event.overrides));
	}

	async deliverWebhook(url, payload) {
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

	sendJson(res, status, body) {
		this.send(res, {
			status,
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});
	}

	/** A delay that close() cuts short, so jest never waits on a pending fault. */
	wait(ms) {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			timer.resolve = resolve;
			this.timers.add(timer);
		});
	}

	recordRequest(fields) {
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
	reset(seed) {
		this.store = new Store(structuredClone(seed ?? this.seed), this.vendorUid);
		this.clearJournal();
		this.clearFaults();
		this.applyStartupSettings();
	}

	requestsTo(endpoint, method) {
		return this.journal.filter(
			(entry) => entry.endpoint === endpoint && (!method || entry.method === method.toUpperCase()),
		);
	}

	addFault(fault) {
		return this.faults.add(fault);
	}

	clearFaults() {
		this.faults.clear();
	}

	/** A fresh limiter (counters start over) with this configuration, or none. */
	setRateLimit(rateLimit) {
		const config = normalizeRateLimit(rateLimit);
		this.limiter = config ? new FixedWindowLimiter(config) : null;
	}

	setPlan(plan) {
		this.settings.apiAccess = Boolean(plan.apiAccess);
	}

	setWhatsappReady(ready) {
		this.settings.whatsappReady = Boolean(ready);
	}

	/** The vendor webhook URL Create/Update Contact call (§15, §19, §31); null turns the webhook off. */
	setWebhookUrl(url) {
		this.settings.webhookUrl = normalizeWebhookUrl(url);
	}

	/** Size of large.mp4 and large-unsized.mp4, and how long slow.jpg takes. */
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

	/** The URL of a media file, e.g. mediaUrl('invoice.pdf') or mediaUrl('large.mp4', { bytes: 1000 }). */
	mediaUrl(name, query = {}) {
		const search = new URLSearchParams(
			Object.entries(query).map(([key, value]) => [key, String(value)]),
		).toString();
		return `${this.mediaBaseUrl}/${encodeURIComponent(name)}${search ? `?${search}` : ''}`;
	}

	/** A media file's bytes and description (null for the missing and large ones). */
	mediaFile(name) {
		return mediaFile(name);
	}

	/**
	 * Posts an incoming-event webhook (`webhooks.js` kinds) to `url`, or to the vendor webhook URL; media kinds
	 * link to this simulator's files unless the overrides say otherwise. Resolves the receiver's { status, body }
	 * and the payload.
	 */
	async postWebhook(kind, overrides = {}, url = this.settings.webhookUrl) {
		if (!url) throw new Error('no URL given and no vendor webhook URL set');
		const payload = buildWebhookPayload(kind, { mediaBaseUrl: this.mediaBaseUrl, ...overrides });
		const answer = await postWebhook(url, payload);
		return { ...answer, payload };
	}

	/** Starts a recorder (another origin) that close() stops; see recorder.js. */
	async startRecorder(reply) {
		const recorder = await startRecorder(reply);
		this.recorders.set(String(recorder.port), recorder);
		return recorder;
	}

	seedContacts(count) {
		return this.store.generateContacts(count);
	}

	/** Sets a message log's status (by log UID or wamid), as a Meta status webhook would. */
	setMessageStatus(logUidOrWamid, status) {
		const log = this.store.data.messages.find(
			(item) => item._uid === logUidOrWamid || item.wamid === logUidOrWamid,
		);
		if (!log) throw new Error(`no message with log UID or wamid ${logUidOrWamid}`);
		log.status = status;
		log.updated_at = ts();
		return log;
	}

	/** The Get Contacts row of a contact, by phone number (wa_id) or UID; null when there is none. */
	getContact(phoneNumberOrUid) {
		const contact =
			this.store.contactByWaId(phoneNumberOrUid) ?? this.store.contactByUid(phoneNumberOrUid);
		return contact ? this.store.contactRow(contact) : null;
	}

	/** Runs a campaign's queue now (there is no cron): each queued message becomes a message log with `status`. */
	executeCampaign(campaignUid, status = 'sent') {
		const campaign = this.store.data.campaigns.find((item) => item._uid === campaignUid);
		if (!campaign) throw new Error(`no campaign ${campaignUid}`);
		let delivered = 0;
		for (const item of this.store.data.campaignQueue.filter(
			(queued) => queued.campaigns__id === campaign._id && queued.status === 1,
		)) {
			const contact = this.store.data.contacts.find((row) => row._id === item.contacts__id);
			if (contact) {
				this.store.addMessageLog({
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
				delivered++;
			}
			this.store.data.campaignQueue.splice(this.store.data.campaignQueue.indexOf(item), 1);
		}
		campaign.updated_at = ts();
		return delivered;
	}

	/** What Campaign Status would answer for this campaign (its `data`). */
	campaignStatus(campaignUid) {
		const campaign = this.store.data.campaigns.find((item) => item._uid === campaignUid);
		return campaign ? campaignReport(this.store, campaign) : null;
	}

	async close() {
		if (this.closed) return;
		this.closed = true;
		for (const controller of this.deliveries) controller.abort();
		await Promise.all([...this.recorders.values()].map((recorder) => recorder.close()));
		for (const timer of this.timers) {
			clearTimeout(timer);
			timer.resolve();
		}
		this.timers.clear();
		const closing = new Promise((resolve) => this.server.close(() => resolve()));
		// Keep-alive sockets would hold close() (and jest) open.
		this.server.closeAllConnections?.();
		for (const socket of this.sockets) socket.destroy();
		await closing;
	}
}

/** Starts a simulator and resolves once it listens. */
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
