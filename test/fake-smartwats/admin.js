// @ts-check
'use strict';
/**
 * The admin API under {origin}/__sim/ for tests that run n8n in another process, the demo and the benchmarks.
 * Not under /api: never rate-limited, never journaled, no token. Answers JSON.
 */
const { MEDIA_FILES, describeMedia } = require('./media');
const { faults } = require('./faults');
const { buildWebhookPayload, postWebhook } = require('./webhooks');
const { isPlainObject } = require('./input');

/** @typedef {import('./faults').Fault} Fault */
/** @typedef {import('./index').Simulator} Simulator */

/**
 * An admin request: the JSON body (an object; `{}` when there is none or it is not an object) and the query.
 * @typedef {{ body: Record<string, unknown>, query: URLSearchParams }} AdminRequest
 */

/**
 * An admin answer: HTTP status and JSON body.
 * @template B
 * @typedef {{ status: number, body: B }} AdminAnswer
 */

/**
 * @template B
 * @param {B} body
 * @returns {{ status: 200, body: B }}
 */
const answer = (body) => ({ status: 200, body });

/**
 * @param {number} status
 * @param {string} error
 * @returns {AdminAnswer<{ error: string }>}
 */
const refusal = (status, error) => ({ status, body: { error } });

/**
 * @param {Buffer} buffer
 * @returns {{ value?: unknown, error?: string }}
 */
function parseJson(buffer) {
	if (!buffer.length) return { value: undefined };
	try {
		return { value: JSON.parse(buffer.toString('utf8')) };
	} catch (error) {
		return { error: `the body is not JSON: ${error.message}` };
	}
}

/**
 * A Fault from the admin body: `{preset, args?}` names one of `faults` (a function preset takes `args`).
 * @param {Record<string, unknown>} object
 * @returns {Fault}
 */
function faultFrom(object) {
	const { preset, args, ...rest } = object;
	/** @type {Fault} */
	let base = {};
	if (preset !== undefined) {
		const name = String(preset);
		if (!Object.prototype.hasOwnProperty.call(faults, name))
			throw new Error(`no fault preset ${name}`);
		const found = /** @type {Record<string, Fault | ((...args: unknown[]) => Fault)>} */ (faults)[
			name
		];
		base = typeof found === 'function' ? found(...(Array.isArray(args) ? args : [])) : found;
	}
	// The rest is checked where it is used (FaultStore.add checks the numbers and the paging mode).
	const fault = /** @type {Fault} */ ({ ...base, ...rest });
	// JSON has no Infinity: `times: null` means "every time".
	if (fault.times === null) fault.times = Infinity;
	return fault;
}

/**
 * Runs `change` and answers the settings as they then are; a setter's TypeError is a 400.
 * @param {Simulator} sim
 * @param {() => void} change
 */
function changeSettings(sim, change) {
	try {
		change();
	} catch (failure) {
		return refusal(400, failure.message);
	}
	return answer({ ok: true, settings: sim.settings });
}

/**
 * The admin routes, keyed `METHOD path`, with what each takes (shown by `GET /__sim/`). Each answers an
 * AdminAnswer; typed per route, so the simulator's tests know what each one answers.
 */
const ROUTES = {
	'GET journal': {
		takes: '?endpoint=&method=',
		/** @param {Simulator} sim @param {AdminRequest} request */
		run: (sim, { query }) => {
			const endpoint = query.get('endpoint');
			const method = query.get('method');
			return answer(
				sim.journal.filter(
					(entry) =>
						(!endpoint || entry.endpoint === endpoint) &&
						(!method || entry.method === method.toUpperCase()),
				),
			);
		},
	},
	'DELETE journal': {
		takes: '',
		/** @param {Simulator} sim */
		run: (sim) => {
			sim.clearJournal();
			return answer({ ok: true });
		},
	},
	'POST reset': {
		takes: '[seed]',
		/** @param {Simulator} sim @param {AdminRequest} request */
		run: (sim, { body }) => {
			// The seed as sent, or under `seed`; Store reads what it finds.
			const seed = /** @type {import('./seed').SeedData} */ (body.seed ?? body);
			sim.reset(Object.keys(body).length ? seed : undefined);
			return answer({ ok: true });
		},
	},
	'GET faults': {
		takes: '',
		/** @param {Simulator} sim */
		run: (sim) => answer(sim.faults.list()),
	},
	'POST faults': {
		takes: '{Fault} | {preset, args?, …}',
		/** @param {Simulator} sim @param {AdminRequest} request */
		run: (sim, { body }) => {
			if (!Object.keys(body).length) return refusal(400, 'send a Fault object');
			try {
				return answer({ id: sim.addFault(faultFrom(body)) });
			} catch (failure) {
				return refusal(400, failure.message);
			}
		},
	},
	'DELETE faults': {
		takes: '',
		/** @param {Simulator} sim */
		run: (sim) => {
			sim.clearFaults();
			return answer({ ok: true });
		},
	},
	'GET rate-limit': {
		takes: '',
		/** @param {Simulator} sim */
		run: (sim) => answer({ rateLimit: sim.rateLimit }),
	},
	'POST rate-limit': {
		takes: '{limit, windowMs} | {enabled: false}',
		/** @param {Simulator} sim @param {AdminRequest} request */
		run: (sim, { body }) => {
			if (body.enabled === false) sim.setRateLimit(false);
			else if (Number(body.limit) > 0 && Number(body.windowMs) > 0)
				sim.setRateLimit({ limit: Number(body.limit), windowMs: Number(body.windowMs) });
			else return refusal(400, 'send {limit, windowMs} or {enabled: false}');
			return answer({ ok: true, rateLimit: sim.rateLimit });
		},
	},
	'GET state': {
		takes: '',
		/** @param {Simulator} sim */
		run: (sim) => answer(sim.state),
	},
	'POST contacts': {
		takes: '{count}',
		/** @param {Simulator} sim @param {AdminRequest} request */
		run: (sim, { body }) => {
			const count = Number(body.count);
			if (!Number.isInteger(count) || count < 0)
				return refusal(400, 'send {count: <non-negative integer>}');
			return answer({ added: sim.seedContacts(count).length });
		},
	},
	'POST message-status': {
		takes: '{id, status}',
		/** @param {Simulator} sim @param {AdminRequest} request */
		run: (sim, { body }) => {
			try {
				return answer({
					ok: true,
					message: sim.setMessageStatus(String(body.id), String(body.status)),
				});
			} catch (failure) {
				return refusal(404, failure.message);
			}
		},
	},
	'GET settings': {
		takes: '',
		/** @param {Simulator} sim */
		run: (sim) => answer({ ok: true, settings: sim.settings }),
	},
	'POST settings': {
		takes:
			'{apiAccess?, whatsappReady?, webhookUrl?, largeMediaBytes?, slowMediaMs?, vendorActive?, vendorAdmin?, metaWithoutMessageId?, canonicalWaIds?}',
		/** @param {Simulator} sim @param {AdminRequest} request */
		run: (sim, { body }) =>
			changeSettings(sim, () => {
				if (body.webhookUrl !== undefined)
					sim.setWebhookUrl(body.webhookUrl === null ? null : String(body.webhookUrl));
				sim.setMediaOptions(body);
				if (body.apiAccess !== undefined) sim.setPlan({ apiAccess: Boolean(body.apiAccess) });
				if (body.whatsappReady !== undefined) sim.setWhatsappReady(Boolean(body.whatsappReady));
				sim.setAccount({
					vendorActive: body.vendorActive === undefined ? undefined : Boolean(body.vendorActive),
					// Checked by setAccount, as canonicalWaIds by setMeta.
					vendorAdmin: /** @type {'active' | 'inactive' | 'missing' | undefined} */ (
						body.vendorAdmin
					),
				});
				sim.setMeta({
					withoutMessageId:
						body.metaWithoutMessageId === undefined
							? undefined
							: Boolean(body.metaWithoutMessageId),
					canonicalWaIds: /** @type {Record<string, string> | undefined} */ (body.canonicalWaIds),
				});
			}),
	},
	'POST campaign-execute': {
		takes: '{campaignUid, status?, at?}',
		/** @param {Simulator} sim @param {AdminRequest} request */
		run: (sim, { body }) => {
			const at = body.at === undefined ? Date.now() : Date.parse(String(body.at));
			if (Number.isNaN(at)) return refusal(400, `at is not a date: ${body.at}`);
			try {
				return answer({
					ok: true,
					delivered: sim.executeCampaign(
						String(body.campaignUid),
						String(body.status ?? 'sent'),
						at,
					),
				});
			} catch (failure) {
				return refusal(404, failure.message);
			}
		},
	},
	'POST webhook': {
		takes: '{kind, url?, overrides?}',
		/** @param {Simulator} sim @param {AdminRequest} request */
		run: async (sim, { body }) => {
			const url = body.url ? String(body.url) : sim.settings.webhookUrl;
			if (!body.kind || !url)
				return refusal(
					400,
					'send {kind, url?, overrides?} (url may be left out once a vendor webhook URL is set)',
				);
			let payload;
			try {
				// buildWebhookPayload refuses an unknown kind.
				const kind = /** @type {import('./webhooks').AnyWebhookKind} */ (String(body.kind));
				payload = buildWebhookPayload(kind, {
					mediaBaseUrl: sim.mediaBaseUrl,
					...(isPlainObject(body.overrides) ? body.overrides : {}),
				});
			} catch (failure) {
				return refusal(400, failure.message);
			}
			try {
				// `status` and `body` are the receiver's answer (n8n's), as postWebhook resolves them.
				return answer({ ...(await postWebhook(url, payload)), payload });
			} catch (failure) {
				return {
					status: 502,
					body: { error: `posting the webhook failed: ${failure.message}`, payload },
				};
			}
		},
	},
	'GET webhook-deliveries': {
		takes: '',
		/** @param {Simulator} sim */
		run: (sim) => answer(sim.webhookDeliveries),
	},
	'GET media': {
		takes: '',
		/** @param {Simulator} sim */
		run: (sim) =>
			answer({
				baseUrl: sim.mediaBaseUrl,
				largeMediaBytes: sim.largeMediaBytes,
				slowMediaMs: sim.slowMediaMs,
				files: Object.keys(MEDIA_FILES).map((name) => ({
					.../** @type {import('./media').MediaDescription} */ (describeMedia(name)),
					url: sim.mediaUrl(name),
				})),
			}),
	},
	'GET media-requests': {
		takes: '',
		/** @param {Simulator} sim */
		run: (sim) => answer(sim.mediaRequests),
	},
	'POST recorders': {
		takes: '{status?, json?, body?, contentType?, headers?}',
		/** @param {Simulator} sim @param {AdminRequest} request */
		run: async (sim, { body }) => {
			const recorder = await sim.startRecorder(body);
			return answer({ id: String(recorder.port), url: recorder.url });
		},
	},
};

/** @typedef {typeof ROUTES} AdminRoutes */

/** `GET recorders/<id>` and `DELETE recorders/<id>`: what a recorder received, and stopping it. */
const RECORDER_ROUTES = ['GET recorders/<id>', 'DELETE recorders/<id>'];

const ENDPOINTS = [
	...Object.entries(ROUTES).map(([key, route]) => `${key}${route.takes ? ` ${route.takes}` : ''}`),
	...RECORDER_ROUTES,
];

/**
 * @param {Simulator} sim
 * @param {string} method
 * @param {string} route
 * @returns {Promise<AdminAnswer<unknown> | null>} null when there is no such recorder
 */
async function recorderRoute(sim, method, route) {
	if (!route.startsWith('recorders/')) return null;
	const id = route.slice('recorders/'.length);
	const recorder = sim.recorders.get(id);
	if (!recorder) return null;
	if (method === 'GET') return answer(recorder.requests);
	if (method === 'DELETE') {
		sim.recorders.delete(id);
		await recorder.close();
		return answer({ ok: true });
	}
	return null;
}

/**
 * @param {Simulator} sim
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {Buffer} buffer the whole body
 * @returns {Promise<void>}
 */
async function handleAdmin(sim, req, res, url, buffer) {
	const route = url.pathname.replace(/^\/__sim\/?/, '').replace(/\/+$/, '');
	const method = String(req.method).toUpperCase();
	const { value, error } = parseJson(buffer);
	if (error) return sim.sendJson(res, 400, { error });
	const request = { body: isPlainObject(value) ? value : {}, query: url.searchParams };
	const key = `${method} ${route}`;
	/** @type {AdminAnswer<unknown> | null} */
	let result;
	if (key === 'GET ')
		result = answer({
			url: sim.url,
			vendorUid: sim.vendorUid,
			adminUrl: sim.adminUrl,
			endpoints: ENDPOINTS,
		});
	else if (Object.prototype.hasOwnProperty.call(ROUTES, key))
		result = await ROUTES[/** @type {keyof AdminRoutes} */ (key)].run(sim, request);
	else result = await recorderRoute(sim, method, route);
	if (!result)
		result = {
			status: 404,
			body: { error: `no admin endpoint ${method} /__sim/${route}`, endpoints: ENDPOINTS },
		};
	sim.sendJson(res, result.status, result.body);
}

module.exports = { handleAdmin };
