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

/** A success envelope, so a client that wrongly follows a redirect here would believe the call worked. */
const DEFAULT_REPLY = Object.freeze({
	status: 200,
	json: { result: 'success', message: 'Recorded by the other origin.', data: [] },
});

/**
 * @param {{ host?: string, port?: number, status?: number, json?: unknown, body?: string, contentType?: string,
 *   headers?: Record<string, string> }} [options] the reply (default: 200 with a success envelope)
 */
async function startRecorder(options = {}) {
	const { host = '127.0.0.1', port = 0, ...reply } = options;
	const requests = [];
	const waiters = [];
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
			method: req.method,
			path: req.url,
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
	const address = server.address();
	const origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

	return {
		/** The origin, e.g. http://127.0.0.1:41234 (no trailing slash); any path under it is recorded. */
		url: origin,
		origin,
		port: address.port,
		/** Every request received, in order (live array). */
		requests,
		/** Replaces the reply for the requests that follow. */
		setReply(next) {
			current = replyFrom(next);
		},
		clear() {
			requests.length = 0;
		},
		/** Resolves with the requests once at least `count` arrived; rejects after `timeoutMs` (default 10 s). */
		waitFor(count = 1, timeoutMs = 10000) {
			return new Promise((resolve, reject) => {
				const waiter = { count, resolve, timer: null };
				waiter.timer = setTimeout(() => {
					waiters.splice(waiters.indexOf(waiter), 1);
					reject(new Error(`the recorder got ${requests.length} of ${count} requests`));
				}, timeoutMs);
				waiters.push(waiter);
				settleWaiters();
			});
		},
		close() {
			for (const waiter of waiters.splice(0)) clearTimeout(waiter.timer);
			const closing = new Promise((resolve) => server.close(() => resolve(undefined)));
			for (const socket of sockets) socket.destroy();
			return closing;
		},
	};
}

module.exports = { startRecorder, DEFAULT_RECORDER_REPLY: DEFAULT_REPLY };
