'use strict';
/**
 * Responses the way Laravel renders them: the API envelope, framework errors as JSON or as an HTML page depending
 * on what the request "expects" (Accept / X-Requested-With, evaluated like Illuminate\Http\Request), and the
 * special errors handlers throw (HTTP 500).
 */

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
	constructor(reason) {
		super(reason);
		this.name = 'ServerError';
	}
}

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

function text(status, body, contentType = 'text/html; charset=UTF-8', headers = {}) {
	return {
		status,
		headers: { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private', ...headers },
		body,
		logged: body,
	};
}

/**
 * A response from a plain description (faults, the recorder): `body` as text (default text/plain), else `json`
 * (default application/json), else empty. `logged` is what the journal keeps.
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

/** Writes `chunk` and waits until the socket takes more (backpressure); false when the client went away. */
function writeChunk(res, chunk) {
	return new Promise((resolve) => {
		if (res.destroyed) return resolve(false);
		if (res.write(chunk)) return resolve(true);
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

/** The `{result, message, data}` envelope; `data` is `[]` when there is nothing to return. */
function envelope(result, message, data = [], status = 200) {
	return json(status, { result, message, data });
}

const ok = (message, data) => envelope('success', message, data);
const failed = (message, data) => envelope('failed', message, data);

/** Laravel's minimal error page (resources/views/errors/minimal.blade.php). */
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

/** Accept media types, best first (Symfony's AcceptHeader: by q, then by position). */
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
 */
function expectsJson(headers, forcedAjax = false) {
	const types = acceptableTypes(headers);
	const wantsJson = types.length > 0 && (types[0].includes('/json') || types[0].includes('+json'));
	const acceptsAny = types.length === 0 || types[0] === '*/*' || types[0] === '*';
	const ajax = forcedAjax || String(headers['x-requested-with'] ?? '') === 'XMLHttpRequest';
	const pjax = Boolean(headers['x-pjax']);
	return (ajax && !pjax && acceptsAny) || wantsJson;
}

/** A framework-level error (404, 405, 429, 500) as JSON `{message}` or as an HTML page. */
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
