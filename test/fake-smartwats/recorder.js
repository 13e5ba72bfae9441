// @ts-check
'use strict';
/**
 * "Another origin" for tests: a tiny HTTP server on 127.0.0.1 that records every request it receives and answers
 * with a fixed reply. A redirect fault can point at it to prove that the token and the body never reach another
 * origin; it also stands in for a vendor webhook receiver (n8n's webhook URL). Node built-ins only.
 *
 *   const other = await startRecorder();                    // answers 200 with a SmartWats-looking success
 *   sim.addFault(faults.redirect(307, `${other.url}/api/steal`));
 *   … other.requests → [{ seq, method, path, headers, body, json, at }]
 *   await other.close();
 */
const http = require('node:http');

const { replyFrom } = require('./http-util');

/** @typedef {import('./http-util').ReplyDescription} RecorderReply */

/**
 * A request the recorder received.
 * @typedef {object} RecordedRequest
 * @property {number} seq
 * @property {string} method
 * @property {string} path path and query as received
 * @property {import('node:http').IncomingHttpHeaders} headers lower-case names
 * @property {string} body the body as text
 * @property {unknown} json the body parsed as JSON, when it is JSON
 * @property {number} at epoch ms
 */

/** A success envelope, so a client that wrongly follows a redirect here would believe the call worked. */
const DEFAULT_REPLY = Object.freeze({
	status: 200,
	json: { result: 'success', message: 'Recorded by the other origin.', data: [] },
});

/**
 * @param {RecorderReply & { host?: string, port?: number }} [options] the reply (default: 200 with a success
 *   envelope)
 */
async function startRecorder(options = {}) {
	const { host = '127.0.0.1', port = 0, ...reply } = options;
	/** @type {RecordedRequest[]} */
	const requests = [];
	/**
	 * @type {Array<{ count: number, resolve: (requests: RecordedRequest[]) => void,
	 *   timer: ReturnType<typeof setTimeout> | undefined }>}
	 */
	const waiters = [];
	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();
	let current = replyFrom(Object.keys(reply).length ? reply : DEFAULT_REPLY);
	let sequence = 0;

	const settleWaiters = () => {
		for (const waiter of [...waiters])
			if (requests.length >= waiter.count) {
				waiters.splice(waiters.indexOf(waiter), 1);
				clearTimeout(waiter.timer);
				waiter.resolve(requests.slice());
			}
	};

	const server = http.createServer(async (req, res) => {
		/** @type {Buffer[]} */
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const body = Buffer.concat(chunks).toString('utf8');
		let parsed;
		try {
			parsed = body === '' ? undefined : JSON.parse(body);
		} catch {
			parsed = undefined;
		}
		requests.push({
			seq: ++sequence,
			method: String(req.method),
			path: String(req.url),
			headers: { ...req.headers },
			body,
			json: parsed,
			at: Date.now(),
		});
		res.writeHead(current.status, {
			...current.headers,
			'Content-Length': Buffer.byteLength(current.body),
		});
		res.end(current.body);
		settleWaiters();
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve(undefined));
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	const origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

	return {
		/** The origin, e.g. http://127.0.0.1:41234 (no trailing slash); any path under it is recorded. */
		url: origin,
		origin,
		port: address.port,
		/** Every request received, in order (live array). */
		requests,
		/**
		 * Replaces the reply for the requests that follow.
		 * @param {RecorderReply} next
		 */
		setReply(next) {
			current = replyFrom(next);
		},
		clear() {
			requests.length = 0;
		},
		/**
		 * Resolves with the requests once at least `count` arrived; rejects after `timeoutMs` (default 10 s).
		 * @returns {Promise<RecordedRequest[]>}
		 */
		waitFor(count = 1, timeoutMs = 10000) {
			return new Promise((resolve, reject) => {
				/** @type {(typeof waiters)[number]} */
				const waiter = { count, resolve, timer: undefined };
				waiter.timer = setTimeout(() => {
					waiters.splice(waiters.indexOf(waiter), 1);
					reject(new Error(`the recorder got ${requests.length} of ${count} requests`));
				}, timeoutMs);
				waiters.push(waiter);
				settleWaiters();
			});
		},
		/** @returns {Promise<void>} */
		close() {
			for (const waiter of waiters.splice(0)) clearTimeout(waiter.timer);
			/** @type {Promise<void>} */
			const closing = new Promise((resolve) => server.close(() => resolve()));
			for (const socket of sockets) socket.destroy();
			return closing;
		},
	};
}

/** "Another origin" (see startRecorder). @typedef {Awaited<ReturnType<typeof startRecorder>>} Recorder */

module.exports = { startRecorder, DEFAULT_RECORDER_REPLY: DEFAULT_REPLY };
