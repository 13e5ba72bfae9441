// @ts-check
'use strict';
/**
 * The tests' access to Node's own servers, processes and timers. n8n's lint (strict mode, Cloud rules) forbids
 * Node built-ins and timer globals in every `.ts` file of a community package, tests included, because n8n Cloud
 * runs node code in a sandbox without them. Test code legitimately needs them, so it reaches them through this
 * JavaScript module (type-checked by `tsc -p tsconfig.test.json`), and the specs stay free of them.
 */
const { spawn } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');
const readline = require('node:readline');
const querystring = require('node:querystring');

/** @typedef {import('node:http').IncomingMessage} IncomingMessage */
/** @typedef {import('node:http').ServerResponse} ServerResponse */
/** @typedef {{ baseUrl: string, port: number, close: () => Promise<void> }} LocalServer */

/**
 * Starts an HTTP server on 127.0.0.1 on a free port.
 * @param {(req: IncomingMessage, res: ServerResponse) => void} handler
 * @returns {Promise<LocalServer>}
 */
async function listen(handler) {
	const server = http.createServer(handler);
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		port,
		close: () =>
			new Promise((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			}),
	};
}

/**
 * @param {IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
async function readBody(req) {
	/** @type {Buffer[]} */
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks);
}

/**
 * A query string parsed the way n8n's webhook server (Express) parses it: repeated keys become arrays.
 * @param {string} search the part after `?`
 * @returns {Record<string, string | string[]>}
 */
function parseQuery(search) {
	return /** @type {Record<string, string | string[]>} */ ({ ...querystring.parse(search) });
}

/**
 * Opens a keep-alive connection to `url`, reads one answer, and leaves the connection open.
 * @param {string} url
 * @returns {Promise<{ closed: Promise<void>, destroy: () => void }>} `closed` settles when the server drops it
 */
async function openKeepAliveConnection(url) {
	const agent = new http.Agent({ keepAlive: true });
	/** @type {import('node:net').Socket | undefined} */
	let socket;
	await new Promise((resolve, reject) => {
		http
			.get(url, { agent }, (res) => {
				socket = res.socket;
				res.resume();
				res.on('end', () => resolve(undefined));
			})
			.on('error', reject);
	});
	const closed = new Promise((resolve) => {
		if (!socket || socket.destroyed) resolve(undefined);
		else socket.once('close', () => resolve(undefined));
	});
	return { closed: /** @type {Promise<void>} */ (closed), destroy: () => agent.destroy() };
}

/**
 * Runs one of the repository's Node scripts as its own process.
 * @param {string} script path relative to the repository root
 * @param {string[]} args
 */
function runScript(script, args) {
	const child = spawn(process.execPath, [path.join(__dirname, '..', '..', script), ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	/** @type {Promise<number | null>} */
	const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
	/** @type {Promise<string>} */
	const firstLine = new Promise((resolve, reject) => {
		if (!child.stdout) return reject(new Error('no stdout'));
		readline.createInterface({ input: child.stdout }).once('line', resolve);
		child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
	});
	return {
		firstLine,
		exited,
		/** @param {NodeJS.Signals} signal */
		kill: (signal) => {
			if (child.exitCode === null) child.kill(signal);
		},
	};
}

/**
 * A value from the test process's environment.
 * @param {string} name
 * @returns {string | undefined}
 */
function env(name) {
	return process.env[name];
}

module.exports = { env, listen, openKeepAliveConnection, parseQuery, readBody, runScript };
