// @ts-check
'use strict';
/**
 * A media host that misbehaves the ways a file server can, for the Download Media specs (the simulator's /media/
 * files behave well): it redirects, cuts the connection part-way through a file, and holds its answer until the
 * test releases it. It can listen on another loopback address (127.0.0.2) to stand in for a host that n8n's egress
 * filter lets through. Kept in JavaScript because it needs Node's http server.
 *
 *   GET /redirect?to=<url>        302 to <url>
 *   GET /loop                     302 to itself
 *   GET /cut?length=N&after=M     Content-Length N, M bytes, then the connection is destroyed
 *   GET /held/<id>                answers what hold() was given, once its release() is called
 */
const http = require('node:http');

/**
 * @typedef {{ method: string, path: string, headers: import('node:http').IncomingHttpHeaders }} OriginRequest
 * @typedef {{ url: string, requested: Promise<void>, release: () => void }} Held
 */

/**
 * @param {{ host?: string }} [options]
 */
async function startMediaOrigin({ host = '127.0.0.1' } = {}) {
	/** @type {OriginRequest[]} */
	const requests = [];
	/** @type {Map<string, { body: Buffer, contentType: string, requested: () => void, released: Promise<void> }>} */
	const held = new Map();
	/** @type {Set<import('node:net').Socket>} */
	const sockets = new Set();

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://origin');
		requests.push({ method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers } });
		if (url.pathname === '/redirect') {
			res.writeHead(302, { Location: url.searchParams.get('to') ?? '/', 'Content-Length': 0 });
			res.end();
			return;
		}
		if (url.pathname === '/loop') {
			res.writeHead(302, { Location: '/loop', 'Content-Length': 0 });
			res.end();
			return;
		}
		if (url.pathname === '/cut') {
			const length = Number(url.searchParams.get('length') ?? 1000);
			const after = Number(url.searchParams.get('after') ?? 100);
			res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': length });
			res.write(Buffer.alloc(after, 0xff), () => res.destroy());
			return;
		}
		const entry = url.pathname.startsWith('/held/') ? held.get(url.pathname.slice(6)) : undefined;
		if (entry) {
			entry.requested();
			await entry.released;
			res.writeHead(200, {
				'Content-Type': entry.contentType,
				'Content-Length': entry.body.length,
			});
			res.end(entry.body);
			return;
		}
		res.writeHead(404, { 'Content-Type': 'text/plain', 'Content-Length': 9 });
		res.end('Not Found');
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, host, () => resolve(undefined));
	});
	const address = server.address();
	const origin = `http://${host}:${typeof address === 'object' && address ? address.port : 0}`;
	let heldCount = 0;

	return {
		origin,
		requests,
		/** @param {string} target */
		redirectTo: (target) => `${origin}/redirect?to=${encodeURIComponent(target)}`,
		loopUrl: `${origin}/loop`,
		/** @param {number} length @param {number} after */
		cutUrl: (length, after) => `${origin}/cut?length=${length}&after=${after}`,
		/**
		 * A file whose answer waits for `release()`; `requested` settles when the download has asked for it.
		 * @param {Buffer} body @param {string} contentType
		 * @returns {Held}
		 */
		hold(body, contentType) {
			const id = String(++heldCount);
			/** @type {() => void} */
			let requested = () => {};
			/** @type {() => void} */
			let release = () => {};
			const requestedPromise = new Promise((resolve) => (requested = () => resolve(undefined)));
			const released = new Promise((resolve) => (release = () => resolve(undefined)));
			held.set(id, {
				body,
				contentType,
				requested,
				released: /** @type {Promise<void>} */ (released),
			});
			return {
				url: `${origin}/held/${id}`,
				requested: /** @type {Promise<void>} */ (requestedPromise),
				release,
			};
		},
		close: () =>
			new Promise((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve(undefined));
			}),
	};
}

/** @typedef {Awaited<ReturnType<typeof startMediaOrigin>>} MediaOrigin */

module.exports = { startMediaOrigin };
