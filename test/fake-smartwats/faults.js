// @ts-check
'use strict';
/**
 * Injected faults: the one mechanism (match by method + endpoint, `times`, optional processing, a replacement
 * answer, a delay, a trickled or cut-off answer, a dropped connection, a misbehaving paginator) and presets to
 * spread into it, e.g. `sim.addFault({ ...faults.html502, endpoint: 'contact/groups' })`.
 */
const { PAGING_FAULTS } = require('./paginate');

/**
 * One injected fault (see README "Faults").
 * @typedef {object} Fault
 * @property {string} [method] only requests with this HTTP method (any when absent)
 * @property {string} [endpoint] the endpoint as journaled ('contact/send-message'), or a prefix ending in '*'; any
 *   when absent
 * @property {number | null} [times] how many matching requests it hits; default 1; Infinity (null over the admin
 *   API) = every one
 * @property {boolean} [process] default false: answer without touching state (the request never reached
 *   SmartWats). true: handle the request for real (the message IS logged), then replace or drop the answer. A fault
 *   without a replacement answer (no status, json, body, echoHeaders or drop) always processes the request
 * @property {number} [status] replacement answer status (default 200)
 * @property {unknown} [json] replacement JSON body
 * @property {string} [body] replacement raw body, e.g. an HTML page or malformed JSON
 * @property {string} [contentType] of the replacement (default application/json for json, text/plain for body)
 * @property {Record<string, string>} [headers] added to the answer (replacement or real)
 * @property {number} [delayMs] wait this long before answering (the answer still comes, late)
 * @property {boolean} [drop] close the connection without a byte of answer (after delayMs)
 * @property {number} [trickleMs] status line and headers (full Content-Length) at once, then the body a byte at a
 *   time (more per step for long bodies) so that it ends after this many ms
 * @property {number} [cutAfterBytes] status line, headers (full Content-Length) and only this many body bytes,
 *   then the connection closes
 * @property {boolean} [echoHeaders] an HTML page (status `status`, default 200) that lists the request line and
 *   every request header as received, the bearer token included
 * @property {import('./paginate').PagingFault} [paging] list endpoints answer with a misbehaving paginator (the
 *   request is processed for real): 'repeat', 'endless', 'missing' or 'duplicates'
 */

/** A fault as stored: its id and how many hits it has left. @typedef {Fault & { id: string, remaining: number }} ActiveFault */
/** A fault as listed (`GET /__sim/faults`): `times` left, null for "every time". @typedef {Fault & { id: string }} ListedFault */

const HTML_502 =
	'<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n';

/** @satisfies {Record<string, Readonly<Fault>>} */
const presets = Object.freeze({
	/** A proxy in front of SmartWats answers with its own HTML page. */
	html502: Object.freeze({ status: 502, body: HTML_502, contentType: 'text/html' }),
	html503: Object.freeze({
		status: 503,
		body: HTML_502.replace(/502 Bad Gateway/g, '503 Service Temporarily Unavailable'),
		contentType: 'text/html',
	}),
	/** A truncated JSON answer. */
	malformedJson: Object.freeze({
		status: 200,
		body: '{"result":"success","data":{',
		contentType: 'application/json',
	}),
	/** HTTP 200 with nothing in it. */
	emptyBody: Object.freeze({ status: 200, body: '', contentType: 'application/json' }),
	/** Laravel's production 500. */
	serverError: Object.freeze({ status: 500, json: { message: 'Server Error' } }),
	/** A 429 from something other than the simulator's own limiter. */
	tooManyRequests: Object.freeze({
		status: 429,
		json: { message: 'Too Many Attempts.' },
		headers: { 'Retry-After': '1' },
	}),
	/** The plan gate of the send endpoints. */
	planGate: Object.freeze({
		status: 401,
		json: {
			result: 'failed',
			message: 'API access is not available in your plan, please upgrade your subscription plan.',
			data: [],
		},
	}),
	/** The connection closes before any answer; nothing was done. */
	dropBeforeProcessing: Object.freeze({ drop: true }),
	/**
	 * The request was read in full and handled (the message IS logged), then the connection closed without a byte
	 * of answer: the classic "did it send?" case.
	 */
	answerLost: Object.freeze({ drop: true, process: true }),
	/** Handled, then the answer's status line, headers and first 16 bytes of body arrive and the connection closes. */
	answerCutOff: Object.freeze({ process: true, cutAfterBytes: 16 }),
	/** HTTP 200 whose body is not JSON. */
	nonJson: Object.freeze({ status: 200, body: 'OK', contentType: 'text/plain; charset=UTF-8' }),
	/** HTTP 200 with JSON that is not the `{result, message, data}` envelope. */
	notEnvelope: Object.freeze({
		status: 200,
		json: { status: 'queued', id: 42 },
	}),
	/**
	 * A proxy's (or a debug-mode server's) HTML error page that shows the request's headers, the Authorization
	 * header and its token included.
	 */
	echoHeadersPage: Object.freeze({ status: 502, echoHeaders: true }),
	/** List endpoints: every page request gets page 1 back (current_page never advances). Every time. */
	pagingRepeats: Object.freeze({ paging: 'repeat', times: Infinity }),
	/** List endpoints: last_page is always current_page + 1 and every page has rows. Every time. */
	pagingEndless: Object.freeze({ paging: 'endless', times: Infinity }),
	/** List endpoints: a success envelope without the paginator (`data` is `{}`). Every time. */
	pagingMissing: Object.freeze({ paging: 'missing', times: Infinity }),
	/** List endpoints: from page 2 on, each page starts with the previous page's last row again. Every time. */
	pagingDuplicates: Object.freeze({ paging: 'duplicates', times: Infinity }),
});

/**
 * The server does the work but answers `ms` late (a client timeout shorter than that sees nothing).
 * @param {number} ms
 * @returns {Fault}
 */
function slowAnswer(ms) {
	return { delayMs: ms, process: true };
}

/**
 * The server does the work and sends the status line and headers at once, then the body a byte at a time so that
 * its last byte arrives after `ms` (a timeout that only watches for the first byte never fires).
 * @param {number} ms
 * @returns {Fault}
 */
function trickle(ms) {
	return { trickleMs: ms, process: true };
}

/** @typedef {301 | 302 | 303 | 307 | 308} RedirectStatus */
/** @type {readonly number[]} */
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

/**
 * A redirect to `location`: a path on the simulator's own origin (e.g. `/api/<vendor>/contact/groups`) or an
 * absolute URL, e.g. a recorder's (`startRecorder()`), to prove that nothing follows it to another origin. The body
 * is Laravel's "Redirecting to …" page. Nothing is processed unless `process: true` is added.
 * @param {RedirectStatus} status
 * @param {string} location
 * @returns {Fault}
 */
function redirect(status, location) {
	if (!REDIRECT_STATUSES.includes(status))
		throw new TypeError(`a redirect status is one of ${REDIRECT_STATUSES.join(', ')}`);
	return {
		status,
		headers: { Location: String(location) },
		body: redirectPage(String(location)),
		contentType: 'text/html; charset=UTF-8',
	};
}

/** @type {Record<string, string>} */
const HTML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#039;' };

/** @param {unknown} text */
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]);

/**
 * Symfony's RedirectResponse body.
 * @param {string} location
 */
function redirectPage(location) {
	const url = escapeHtml(location);
	return (
		'<!DOCTYPE html>\n<html>\n    <head>\n        <meta charset="UTF-8" />\n' +
		`        <meta http-equiv="refresh" content="0;url='${url}'" />\n\n` +
		`        <title>Redirecting to ${url}</title>\n    </head>\n    <body>\n` +
		`        Redirecting to <a href="${url}">${url}</a>.\n    </body>\n</html>`
	);
}

/** @type {Record<number, string>} */
const GATEWAY_REASONS = {
	400: 'Bad Request',
	500: 'Internal Server Error',
	502: 'Bad Gateway',
	503: 'Service Temporarily Unavailable',
	504: 'Gateway Time-out',
};

/**
 * The page of the `echoHeaders` fault: the request line and every header as received.
 * @param {number} status
 * @param {import('node:http').IncomingMessage} req
 */
function echoHeadersPage(status, req) {
	const rows = [];
	for (let index = 0; index < req.rawHeaders.length; index += 2)
		rows.push(
			`<tr><th>${escapeHtml(req.rawHeaders[index])}</th><td>${escapeHtml(req.rawHeaders[index + 1])}</td></tr>`,
		);
	const title = `${status} ${GATEWAY_REASONS[status] ?? 'Error'}`;
	return (
		`<!DOCTYPE html>\n<html>\n<head><title>${title}</title></head>\n<body>\n` +
		`<h1>${title}</h1>\n<p>The upstream server did not answer. Request details:</p>\n` +
		`<pre>${escapeHtml(`${req.method} ${req.url} HTTP/${req.httpVersion}`)}</pre>\n` +
		`<table>\n${rows.join('\n')}\n</table>\n<hr><center>nginx</center>\n</body>\n</html>\n`
	);
}

/**
 * @param {string | undefined | null} pattern
 * @param {string} endpoint
 */
function endpointMatches(pattern, endpoint) {
	if (pattern === undefined || pattern === null || pattern === '*') return true;
	if (pattern.endsWith('*')) return endpoint.startsWith(pattern.slice(0, -1));
	return pattern === endpoint;
}

class FaultStore {
	constructor() {
		/** @type {ActiveFault[]} */
		this.faults = [];
		this.counter = 0;
	}

	/**
	 * @param {Fault} fault
	 * @returns {string} its id
	 */
	add(fault) {
		if (typeof fault !== 'object' || fault === null)
			throw new TypeError('a fault must be an object');
		if (fault.paging !== undefined && !PAGING_FAULTS.includes(fault.paging))
			throw new TypeError(`paging is one of ${PAGING_FAULTS.join(', ')}`);
		for (const key of /** @type {const} */ (['delayMs', 'trickleMs', 'cutAfterBytes']))
			if (fault[key] !== undefined && !(Number(fault[key]) >= 0))
				throw new TypeError(`${key} must be a number of at least 0`);
		const id = `fault-${++this.counter}`;
		const times =
			fault.times === null ? Infinity : fault.times === undefined ? 1 : Number(fault.times);
		this.faults.push({ ...fault, id, remaining: times });
		return id;
	}

	/**
	 * The first live fault for this request; consumes one of its `times`.
	 * @param {string} method
	 * @param {string} endpoint
	 * @returns {ActiveFault | null}
	 */
	take(method, endpoint) {
		const index = this.faults.findIndex(
			(fault) =>
				(!fault.method || fault.method.toUpperCase() === method.toUpperCase()) &&
				endpointMatches(fault.endpoint, endpoint),
		);
		if (index === -1) return null;
		const fault = this.faults[index];
		fault.remaining -= 1;
		if (fault.remaining <= 0) this.faults.splice(index, 1);
		return fault;
	}

	/** @returns {ListedFault[]} */
	list() {
		return this.faults.map(({ remaining, ...fault }) => ({
			...fault,
			times: remaining === Infinity ? null : remaining,
		}));
	}

	clear() {
		this.faults = [];
	}
}

/**
 * Whether the fault brings its own answer (otherwise it only changes how or when the real one is sent).
 * @param {Fault} fault
 */
function hasReplacement(fault) {
	return (
		fault.status !== undefined ||
		fault.json !== undefined ||
		fault.body !== undefined ||
		Boolean(fault.echoHeaders)
	);
}

/** Every preset, the functions included: what `index.js` exports as `faults`. */
const faults = Object.freeze({ ...presets, slowAnswer, trickle, redirect });

module.exports = {
	FaultStore,
	faults,
	presets,
	slowAnswer,
	trickle,
	redirect,
	hasReplacement,
	endpointMatches,
	echoHeadersPage,
};
