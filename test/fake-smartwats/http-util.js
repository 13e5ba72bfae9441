// @ts-check
'use strict';
/**
 * Responses the way Laravel renders them: the API envelope, framework errors as JSON or as an HTML page depending
 * on what the request "expects" (Accept / X-Requested-With, evaluated like Illuminate\Http\Request), and the
 * special errors handlers throw (HTTP 500).
 */

/** @typedef {import('node:http').IncomingHttpHeaders} RequestHeaders */

/**
 * An answer ready to go out: status, headers and body text, and `logged`, what the journal keeps of it (the JSON
 * value sent, or the text).
 * @template [L=unknown]
 * @typedef {{ status: number, headers: Record<string, string>, body: string, logged: L }} Reply
 */

/**
 * SmartWats' envelope (§3.1): `result`, `message` (may be null) and `data` (`[]` when there is nothing).
 * @template {'success' | 'failed'} [R='success' | 'failed']
 * @template [D=unknown]
 * @typedef {{ result: R, message: string | null, data: D }} Envelope
 */

/** @type {Record<number, string>} */
const STATUS_TEXT = {
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	405: 'Method Not Allowed',
	419: 'Page Expired',
	422: 'Unprocessable Content',
	429: 'Too Many Requests',
	500: 'Server Error',
	503: 'Service Unavailable',
};

/** An uncaught PHP error inside WhatsJet: Laravel's production 500. */
class ServerError extends Error {
	/** @param {string} reason what PHP would have complained about (never shown to the client) */
	constructor(reason) {
		super(reason);
		this.name = 'ServerError';
	}
}

/**
 * @template B
 * @param {number} status
 * @param {B} body
 * @param {Record<string, string>} [headers]
 * @returns {Reply<B>}
 */
function json(status, body, headers = {}) {
	return {
		status,
		headers: {
			'Content-Type': 'application/json',
			'Cache-Control': 'no-cache, private',
			...headers,
		},
		body: JSON.stringify(body),
		logged: body,
	};
}

/**
 * @param {number} status
 * @param {string} body
 * @param {string} [contentType]
 * @param {Record<string, string>} [headers]
 * @returns {Reply<string>}
 */
function text(status, body, contentType = 'text/html; charset=UTF-8', headers = {}) {
	return {
		status,
		headers: { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private', ...headers },
		body,
		logged: body,
	};
}

/**
 * What a fault or the recorder answers: `body` as text (default text/plain), else `json` (default
 * application/json), else nothing.
 * @typedef {object} ReplyDescription
 * @property {number} [status] default 200
 * @property {unknown} [json]
 * @property {string} [body]
 * @property {string} [contentType]
 * @property {Record<string, string>} [headers]
 */

/**
 * A response from a plain description (faults, the recorder). `logged` is what the journal keeps.
 * @param {ReplyDescription} description
 * @returns {Reply}
 */
function replyFrom({ status = 200, json: value, body, contentType, headers = {} }) {
	if (body !== undefined)
		return {
			status,
			headers: { 'Content-Type': contentType ?? 'text/plain; charset=UTF-8', ...headers },
			body: String(body),
			logged: String(body),
		};
	return {
		status,
		headers: { 'Content-Type': contentType ?? 'application/json', ...headers },
		body: value === undefined ? '' : JSON.stringify(value),
		logged: value === undefined ? '' : value,
	};
}

/**
 * Writes `chunk` and waits until the socket takes more (backpressure); false when the client went away.
 * @param {import('node:http').ServerResponse} res
 * @param {Buffer} chunk
 * @returns {Promise<boolean>}
 */
function writeChunk(res, chunk) {
	return new Promise((resolve) => {
		if (res.destroyed) return resolve(false);
		if (res.write(chunk)) return resolve(true);
		/** @param {boolean} ok */
		const done = (ok) => {
			res.off('drain', onDrain);
			res.off('close', onClose);
			resolve(ok);
		};
		const onDrain = () => done(true);
		const onClose = () => done(false);
		res.on('drain', onDrain);
		res.on('close', onClose);
	});
}

/**
 * The `{result, message, data}` envelope.
 * @template {'success' | 'failed'} R
 * @template D
 * @param {R} result
 * @param {string | null} message
 * @param {D} data `[]` when there is nothing to return
 * @param {number} [status]
 * @returns {Reply<Envelope<R, D>>}
 */
function envelope(result, message, data, status = 200) {
	return json(status, { result, message, data });
}

/**
 * A success; `data` is `[]` when none is given.
 * @template [D=[]]
 * @param {string | null} message
 * @param {D} [data]
 * @returns {Reply<Envelope<'success', D>>}
 */
function ok(message, data) {
	return envelope('success', message, /** @type {D} */ (data ?? []));
}

/**
 * An engine failure, HTTP 200 (§3.1); `data` is `[]` when none is given.
 * @template [D=[]]
 * @param {string} message
 * @param {D} [data]
 * @returns {Reply<Envelope<'failed', D>>}
 */
function failed(message, data) {
	return envelope('failed', message, /** @type {D} */ (data ?? []));
}

/**
 * Laravel's minimal error page (resources/views/errors/minimal.blade.php).
 * @param {number} status
 */
function errorPage(status) {
	const title = STATUS_TEXT[status] ?? 'Error';
	return (
		'<!DOCTYPE html>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n' +
		'        <meta name="viewport" content="width=device-width, initial-scale=1">\n\n' +
		`        <title>${title}</title>\n    </head>\n` +
		'    <body class="antialiased">\n        <div class="relative flex items-top justify-center min-h-screen sm:items-center sm:pt-0">\n' +
		`            <div class="px-4 text-lg text-gray-500 border-r border-gray-400 tracking-wider">${status}</div>\n` +
		`            <div class="ml-4 text-lg text-gray-500 uppercase tracking-wider">${title}</div>\n` +
		'        </div>\n    </body>\n</html>\n'
	);
}

/**
 * Accept media types, best first (Symfony's AcceptHeader: by q, then by position).
 * @param {RequestHeaders} headers
 */
function acceptableTypes(headers) {
	const header = headers.accept;
	if (!header) return [];
	return String(header)
		.split(',')
		.map((part, index) => {
			const [type, ...params] = part.trim().split(';');
			const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='));
			return { type: type.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
		})
		.filter((item) => item.type && item.q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index)
		.map((item) => item.type);
}

/**
 * Illuminate\Http\Request::expectsJson(). `forcedAjax`: WhatsJet's token middleware marks every authenticated
 * API request as AJAX, which makes later errors (422, 500) JSON unless Accept asks for something else.
 * @param {RequestHeaders} headers
 * @param {boolean} [forcedAjax]
 */
function expectsJson(headers, forcedAjax = false) {
	const types = acceptableTypes(headers);
	const wantsJson = types.length > 0 && (types[0].includes('/json') || types[0].includes('+json'));
	const acceptsAny = types.length === 0 || types[0] === '*/*' || types[0] === '*';
	const ajax = forcedAjax || String(headers['x-requested-with'] ?? '') === 'XMLHttpRequest';
	const pjax = Boolean(headers['x-pjax']);
	return (ajax && !pjax && acceptsAny) || wantsJson;
}

/**
 * A framework-level error (404, 405, 429, 500) as JSON `{message}` or as an HTML page.
 * @param {number} status
 * @param {string} message
 * @param {RequestHeaders} headers
 * @param {{ forcedAjax?: boolean, extraHeaders?: Record<string, string> }} [options]
 * @returns {Reply<{ message: string }> | Reply<string>}
 */
function frameworkError(status, message, headers, { forcedAjax = false, extraHeaders = {} } = {}) {
	if (expectsJson(headers, forcedAjax)) return json(status, { message }, extraHeaders);
	return text(status, errorPage(status), 'text/html; charset=UTF-8', extraHeaders);
}

module.exports = {
	ServerError,
	json,
	text,
	replyFrom,
	writeChunk,
	envelope,
	ok,
	failed,
	frameworkError,
	expectsJson,
	errorPage,
};
