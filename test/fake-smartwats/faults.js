'use strict';
/**
 * Injected faults: the one mechanism (match by method + endpoint, `times`, optional processing, a replacement
 * answer, a delay or a dropped connection) and a few presets to spread into it, e.g.
 * `sim.addFault({ ...faults.html502, endpoint: 'contact/groups' })`.
 */

const HTML_502 =
	'<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n';

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
	/** The server did the work, then the connection closed: the classic "did it send?" case. */
	answerLost: Object.freeze({ drop: true, process: true }),
});

/** The server does the work but answers `ms` late (a client timeout shorter than that sees nothing). */
function slowAnswer(ms) {
	return { delayMs: ms, process: true };
}

function endpointMatches(pattern, endpoint) {
	if (pattern === undefined || pattern === null || pattern === '*') return true;
	if (pattern.endsWith('*')) return endpoint.startsWith(pattern.slice(0, -1));
	return pattern === endpoint;
}

class FaultStore {
	constructor() {
		this.faults = [];
		this.counter = 0;
	}

	add(fault) {
		if (typeof fault !== 'object' || fault === null)
			throw new TypeError('a fault must be an object');
		const id = `fault-${++this.counter}`;
		const times =
			fault.times === null ? Infinity : fault.times === undefined ? 1 : Number(fault.times);
		this.faults.push({ ...fault, id, remaining: times });
		return id;
	}

	/** The first live fault for this request; consumes one of its `times`. */
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

/** Whether the fault brings its own answer (otherwise it only delays or adds headers to the real one). */
function hasReplacement(fault) {
	return fault.status !== undefined || fault.json !== undefined || fault.body !== undefined;
}

module.exports = { FaultStore, presets, slowAnswer, hasReplacement, endpointMatches };
