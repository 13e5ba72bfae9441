'use strict';
/**
 * One request under /api, in the order Laravel runs it for WhatsJet: routing (404/405 before any middleware),
 * `throttle:api` (before authentication), the token middleware, then the controller. Every request is journaled
 * as it arrives; injected faults are applied around this pipeline.
 */
const { parseBody, parsePhpQuery, buildInput, plainQuery } = require('./input');
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

function safeDecode(text) {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}

/** Laravel's bearerToken(): what follows the last "Bearer ", cut at a comma. */
function bearerToken(header) {
	if (!header) return null;
	const position = String(header).lastIndexOf('Bearer ');
	if (position === -1) return null;
	const token = String(header).slice(position + 7);
	return token.includes(',') ? token.slice(0, token.indexOf(',')) : token;
}

/**
 * The route → throttle → auth → controller pipeline. Sets entry.processed when the controller runs.
 * `extras.paging` is a paging fault for list endpoints; the controller leaves vendor webhook events in
 * `extras.outbox` (sent before the answer, as SmartWats does).
 */
function runPipeline(sim, req, url, segments, bodyBag, entry, extras) {
	const method = req.method.toUpperCase();
	const headers = req.headers;
	const laravelPath = url.pathname.replace(/^\/+|\/+$/g, '');
	const notFound = () =>
		frameworkError(404, `The route ${laravelPath} could not be found.`, headers);
	const notAllowed = (allowed) => {
		if (method === 'OPTIONS')
			return text(200, '', 'text/html; charset=UTF-8', { Allow: allowed.join(',') });
		return frameworkError(
			405,
			`The ${method} method is not supported for route ${laravelPath}. Supported methods: ${allowed.join(', ')}.`,
			headers,
		);
	};

	let match;
	if (segments.length === 1) {
		// {APP_URL}/api/ itself: the "API Base URL" answers with plain text.
		if (!['GET', 'HEAD', 'POST'].includes(method)) return notAllowed(['GET', 'HEAD', 'POST']);
		match = { route: { handler: () => text(200, 'api endpoint') }, params: {}, base: true };
	} else {
		match = segments.length > 2 ? matchRoute(method, segments.slice(2)) : null;
		if (!match) return notFound();
		if (match.allowed) return notAllowed(match.allowed);
	}

	let rateHeaders = {};
	if (sim.limiter) {
		const verdict = sim.limiter.hit(req.socket.remoteAddress ?? 'unknown');
		if (!verdict.allowed)
			return frameworkError(429, 'Too Many Attempts.', headers, { extraHeaders: verdict.headers });
		rateHeaders = verdict.headers;
	}
	const withRateHeaders = (response) => ({
		...response,
		headers: { ...response.headers, ...rateHeaders },
	});
	if (match.base) return withRateHeaders(match.route.handler());

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

	entry.processed = true;
	const origin = `http://${headers.host ?? `${sim.host}:${sim.port}`}`;
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
		return withRateHeaders(match.route.handler(ctx));
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

function faultResponse(fault, req) {
	if (fault.echoHeaders)
		return replyFrom({
			...fault,
			body: echoHeadersPage(fault.status ?? 200, req),
			contentType: fault.contentType ?? 'text/html',
		});
	return replyFrom(fault);
}

/** Handles a request whose path is /api or below it. */
async function handleApi(sim, req, res, url, buffer) {
	const method = req.method.toUpperCase();
	// Laravel matches on the decoded path, so an encoded '/' separates segments too.
	const segments = safeDecode(url.pathname)
		.replace(/^\/+|\/+$/g, '')
		.split('/');
	const { parsed, bag } = parseBody(buffer, req.headers['content-type']);
	const entry = sim.recordRequest({
		method,
		endpoint: segments.slice(2).join('/'),
		rawPath: req.url,
		query: plainQuery(url.searchParams),
		body: parsed,
		headers: { ...req.headers },
	});
	const fault = sim.faults.take(method, entry.endpoint);
	if (fault) entry.fault = fault.id;
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
