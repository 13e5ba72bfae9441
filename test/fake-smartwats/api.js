// @ts-check
'use strict';
/**
 * One request under /api, in the order Laravel runs it for WhatsJet: routing (404/405 before any middleware),
 * `throttle:api` (before authentication), the token middleware, then the controller. Every request is journaled
 * as it arrives; injected faults are applied around this pipeline.
 */
const { parseBody, parsePhpQuery, buildInput, plainQuery, isPlainObject } = require('./input');
const { ValidationError } = require('./validation');
const {
	ServerError,
	failed,
	text,
	frameworkError,
	expectsJson,
	json,
	replyFrom,
} = require('./http-util');
const { hasReplacement, echoHeadersPage } = require('./faults');
const { matchRoute } = require('./endpoints');

/** @typedef {import('./http-util').Reply} Reply */
/** @typedef {import('./index').Simulator} Simulator */
/** @typedef {import('node:http').IncomingMessage} IncomingMessage */

/** @param {string} text */
function safeDecode(text) {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/**
 * Laravel's bearerToken(): what follows the last "Bearer " (matched case-insensitively, as PHP's strripos does),
 * cut at a comma.
 * @param {string | undefined} header
 */
function bearerToken(header) {
	if (!header) return null;
	const position = String(header).toLowerCase().lastIndexOf('bearer ');
	if (position === -1) return null;
	const token = String(header).slice(position + 7);
	return token.includes(',') ? token.slice(0, token.indexOf(',')) : token;
}

/**
 * The route → throttle → auth → controller pipeline. Sets entry.processed when the controller runs.
 * `extras.paging` is a paging fault for list endpoints; the controller leaves vendor webhook events in
 * `extras.outbox` (sent before the answer, as SmartWats does).
 * @param {Simulator} sim
 * @param {IncomingMessage} req
 * @param {URL} url
 * @param {string[]} segments
 * @param {Record<string, unknown>} bodyBag
 * @param {import('./index').JournalEntry} entry
 * @param {Pick<import('./endpoints').Context, 'paging' | 'outbox'>} extras
 * @returns {Reply}
 */
function runPipeline(sim, req, url, segments, bodyBag, entry, extras) {
	const method = String(req.method).toUpperCase();
	const headers = req.headers;
	const laravelPath = url.pathname.replace(/^\/+|\/+$/g, '');
	const notFound = () =>
		frameworkError(404, `The route ${laravelPath} could not be found.`, headers);
	/** @param {string[]} allowed */
	const notAllowed = (allowed) => {
		if (method === 'OPTIONS')
			return text(200, '', 'text/html; charset=UTF-8', { Allow: allowed.join(',') });
		return frameworkError(
			405,
			`The ${method} method is not supported for route ${laravelPath}. Supported methods: ${allowed.join(', ')}.`,
			headers,
		);
	};

	/** @type {{ route: import('./endpoints').Route, params: Record<string, string> } | null} */
	let match = null;
	if (segments.length === 1) {
		// {APP_URL}/api/ itself: the "API Base URL" answers with plain text.
		if (!['GET', 'HEAD', 'POST'].includes(method)) return notAllowed(['GET', 'HEAD', 'POST']);
	} else {
		const found = segments.length > 2 ? matchRoute(method, segments.slice(2)) : null;
		if (!found) return notFound();
		if ('allowed' in found) return notAllowed(found.allowed);
		match = found;
	}

	let rateHeaders = {};
	if (sim.limiter) {
		const verdict = sim.limiter.hit(req.socket.remoteAddress ?? 'unknown');
		if (!verdict.allowed)
			return frameworkError(429, 'Too Many Attempts.', headers, { extraHeaders: verdict.headers });
		rateHeaders = verdict.headers;
	}
	/**
	 * @param {Reply} response
	 * @returns {Reply}
	 */
	const withRateHeaders = (response) => ({
		...response,
		headers: { ...response.headers, ...rateHeaders },
	});
	if (!match) return withRateHeaders(text(200, 'api endpoint'));

	const { input, tokenInput } = buildInput(bodyBag, parsePhpQuery(url.search.slice(1)));
	const vendorUid = segments[1];
	// The header wins; an input named `token` (query or body) is the fallback.
	const token =
		bearerToken(headers.authorization) ||
		(tokenInput === null || tokenInput === undefined ? null : String(tokenInput));
	if (!token)
		return withRateHeaders(
			vendorUid === sim.vendorUid
				? failed('Invalid Token')
				: json(200, { result: 'failed', message: 'Invalid Vendor' }),
		);
	// An unknown vendor has no token to compare with, so it is "Invalid Token" too.
	if (vendorUid !== sim.vendorUid || token !== sim.token)
		return withRateHeaders(failed('Invalid Token'));
	const accountRefusal = accountState(sim.settings);
	if (accountRefusal) return withRateHeaders(failed(accountRefusal));

	entry.processed = true;
	const origin = `http://${headers.host ?? `${sim.host}:${sim.port}`}`;
	/** @type {import('./endpoints').Context} */
	const ctx = {
		store: sim.store,
		input,
		params: match.params,
		settings: sim.settings,
		path: `${origin}/${laravelPath}`,
		headers,
		paging: extras.paging,
		outbox: extras.outbox,
	};
	try {
		const response = match.route.handler(ctx);
		return withRateHeaders(extras.paging === 'missing' ? withoutPaginator(response) : response);
	} catch (error) {
		// The token middleware marks the request as AJAX, so errors are JSON unless Accept says otherwise.
		if (error instanceof ValidationError) {
			if (expectsJson(headers, true)) return withRateHeaders(json(422, error.body()));
			// Laravel redirects "back" (Referer, else the app root) when the client does not take JSON.
			return withRateHeaders(
				text(302, '', 'text/html; charset=UTF-8', { Location: headers.referer || `${origin}/` }),
			);
		}
		if (!(error instanceof ServerError)) entry.error = String(error?.stack ?? error);
		return withRateHeaders(frameworkError(500, 'Server Error', headers, { forcedAjax: true }));
	}
}

/**
 * §2: the token middleware's checks of the vendor and of its admin user (the user a request runs as), after the
 * token; every endpoint answers HTTP 200 failed.
 * @param {import('./index').SimulatorSettings} settings
 * @returns {string | null} the message, or null when the account is usable
 */
function accountState(settings) {
	if (!settings.vendorActive) return 'Vendor account is not in active state';
	if (settings.vendorAdmin === 'missing') return 'Invalid Vendor admin';
	if (settings.vendorAdmin === 'inactive') return 'Vendor admin account is not in active state';
	return null;
}

/**
 * The `missing` paging fault: a list's success envelope without its paginator (`data: {}`).
 * @param {Reply} response
 * @returns {Reply}
 */
function withoutPaginator(response) {
	const body = response.logged;
	const isList =
		isPlainObject(body) &&
		body.result === 'success' &&
		isPlainObject(body.data) &&
		Object.values(body.data).some((value) => isPlainObject(value) && 'current_page' in value);
	return isList ? json(response.status, { ...body, data: {} }, response.headers) : response;
}

/**
 * The answer a fault brings instead of the real one.
 * @param {import('./faults').Fault} fault
 * @param {IncomingMessage} req
 */
function faultResponse(fault, req) {
	if (fault.echoHeaders)
		return replyFrom({
			...fault,
			body: echoHeadersPage(fault.status ?? 200, req),
			contentType: fault.contentType ?? 'text/html',
		});
	return replyFrom(fault);
}

/**
 * Handles a request whose path is /api or below it.
 * @param {Simulator} sim
 * @param {IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {Buffer} buffer the whole body
 * @returns {Promise<void>}
 */
async function handleApi(sim, req, res, url, buffer) {
	const method = String(req.method).toUpperCase();
	// Laravel matches on the decoded path, so an encoded '/' separates segments too.
	const segments = safeDecode(url.pathname)
		.replace(/^\/+|\/+$/g, '')
		.split('/');
	const { parsed, bag } = parseBody(buffer, req.headers['content-type']);
	const entry = sim.recordRequest({
		method,
		endpoint: segments.slice(2).join('/'),
		rawPath: String(req.url),
		query: plainQuery(url.searchParams),
		body: parsed,
		headers: { ...req.headers },
	});
	const fault = sim.faults.take(method, entry.endpoint);
	if (fault) entry.fault = fault.id;
	/** @type {import('./endpoints').Context['outbox']} */
	const outbox = [];
	const run = async () => {
		const response = runPipeline(sim, req, url, segments, bag, entry, {
			paging: fault?.paging,
			outbox,
		});
		await sim.dispatchVendorWebhooks(outbox);
		return response;
	};

	let response;
	if (fault && (fault.drop || hasReplacement(fault))) {
		if (fault.process) await run();
		if (fault.delayMs) await sim.wait(fault.delayMs);
		if (fault.drop) {
			entry.status = 0;
			entry.response = null;
			req.socket.destroy();
			return;
		}
		response = faultResponse(fault, req);
	} else {
		// Without a replacement answer the request is handled for real; the fault only changes how or when the
		// answer goes out.
		response = await run();
		if (fault?.delayMs) await sim.wait(fault.delayMs);
		if (fault?.headers)
			response = { ...response, headers: { ...response.headers, ...fault.headers } };
	}
	entry.status = response.status;
	entry.response = response.logged;
	if (fault?.cutAfterBytes !== undefined) return sim.sendCutOff(res, response, fault.cutAfterBytes);
	if (fault?.trickleMs) return sim.sendTrickled(res, response, fault.trickleMs);
	sim.send(res, response);
}

module.exports = { handleApi, bearerToken };
