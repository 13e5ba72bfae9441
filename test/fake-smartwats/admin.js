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

const ENDPOINTS = [
	'GET journal[?endpoint=&method=]',
	'DELETE journal',
	'POST reset [seed]',
	'GET faults',
	'POST faults {Fault}',
	'DELETE faults',
	'GET rate-limit',
	'POST rate-limit {limit, windowMs} | {enabled: false}',
	'GET state',
	'POST contacts {count}',
	'POST message-status {id, status}',
	'POST settings {apiAccess?, whatsappReady?, webhookUrl?, largeMediaBytes?, slowMediaMs?}',
	'POST campaign-execute {campaignUid, status?}',
	'POST webhook {kind, url?, overrides?}',
	'GET webhook-deliveries',
	'GET media',
	'GET media-requests',
	'POST recorders {status?, json?, body?, contentType?, headers?}',
	'GET recorders/<id>',
	'DELETE recorders/<id>',
];

/**
 * A Fault from the admin body: `{preset, args?}` names one of `faults` (a function preset takes `args`).
 * @param {Record<string, unknown>} object
 * @returns {import('./faults').Fault}
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
 * @param {import('./index').Simulator} sim
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @param {Buffer} buffer the whole body
 * @returns {Promise<void>}
 */
async function handleAdmin(sim, req, res, url, buffer) {
	const route = url.pathname.replace(/^\/__sim\/?/, '').replace(/\/+$/, '');
	const method = String(req.method).toUpperCase();
	/**
	 * @param {number} status
	 * @param {unknown} body
	 */
	const reply = (status, body) => sim.sendJson(res, status, body);
	const { value: body, error } = parseJson(buffer);
	if (error) return reply(400, { error });
	const object = isPlainObject(body) ? body : {};

	switch (`${method} ${route}`) {
		case 'GET ':
			return reply(200, {
				url: sim.url,
				vendorUid: sim.vendorUid,
				adminUrl: sim.adminUrl,
				endpoints: ENDPOINTS,
			});
		case 'GET journal': {
			const endpoint = url.searchParams.get('endpoint');
			const wantedMethod = url.searchParams.get('method');
			return reply(
				200,
				sim.journal.filter(
					(entry) =>
						(!endpoint || entry.endpoint === endpoint) &&
						(!wantedMethod || entry.method === wantedMethod.toUpperCase()),
				),
			);
		}
		case 'DELETE journal':
			sim.clearJournal();
			return reply(200, { ok: true });
		case 'POST reset':
			sim.reset(Object.keys(object).length ? (object.seed ?? object) : undefined);
			return reply(200, { ok: true });
		case 'GET faults':
			return reply(200, sim.faults.list());
		case 'POST faults': {
			if (!Object.keys(object).length) return reply(400, { error: 'send a Fault object' });
			try {
				return reply(200, { id: sim.addFault(faultFrom(object)) });
			} catch (failure) {
				return reply(400, { error: failure.message });
			}
		}
		case 'DELETE faults':
			sim.clearFaults();
			return reply(200, { ok: true });
		case 'GET rate-limit':
			return reply(200, { rateLimit: sim.rateLimit });
		case 'POST rate-limit': {
			if (object.enabled === false) sim.setRateLimit(false);
			else if (Number(object.limit) > 0 && Number(object.windowMs) > 0)
				sim.setRateLimit({ limit: Number(object.limit), windowMs: Number(object.windowMs) });
			else return reply(400, { error: 'send {limit, windowMs} or {enabled: false}' });
			return reply(200, { ok: true, rateLimit: sim.rateLimit });
		}
		case 'GET state':
			return reply(200, sim.state);
		case 'POST contacts': {
			const count = Number(object.count);
			if (!Number.isInteger(count) || count < 0)
				return reply(400, { error: 'send {count: <non-negative integer>}' });
			return reply(200, { added: sim.seedContacts(count).length });
		}
		case 'POST message-status':
			try {
				return reply(200, {
					ok: true,
					message: sim.setMessageStatus(String(object.id), String(object.status)),
				});
			} catch (failure) {
				return reply(404, { error: failure.message });
			}
		case 'POST settings':
			try {
				if (object.webhookUrl !== undefined)
					sim.setWebhookUrl(object.webhookUrl === null ? null : String(object.webhookUrl));
				sim.setMediaOptions(object);
			} catch (failure) {
				return reply(400, { error: failure.message });
			}
			if (object.apiAccess !== undefined) sim.setPlan({ apiAccess: Boolean(object.apiAccess) });
			if (object.whatsappReady !== undefined) sim.setWhatsappReady(Boolean(object.whatsappReady));
			return reply(200, { ok: true, settings: sim.settings });
		case 'POST campaign-execute':
			try {
				return reply(200, {
					ok: true,
					delivered: sim.executeCampaign(
						String(object.campaignUid),
						String(object.status ?? 'sent'),
					),
				});
			} catch (failure) {
				return reply(404, { error: failure.message });
			}
		case 'POST webhook': {
			const url = object.url ? String(object.url) : sim.settings.webhookUrl;
			if (!object.kind || !url)
				return reply(400, {
					error:
						'send {kind, url?, overrides?} (url may be left out once a vendor webhook URL is set)',
				});
			let payload;
			try {
				// buildWebhookPayload refuses an unknown kind.
				const kind = /** @type {import('./webhooks').AnyWebhookKind} */ (String(object.kind));
				payload = buildWebhookPayload(kind, {
					mediaBaseUrl: sim.mediaBaseUrl,
					...(isPlainObject(object.overrides) ? object.overrides : {}),
				});
			} catch (failure) {
				return reply(400, { error: failure.message });
			}
			try {
				// `status` and `body` are the receiver's answer (n8n's), as postWebhook resolves them.
				const answer = await postWebhook(url, payload);
				return reply(200, { ...answer, payload });
			} catch (failure) {
				return reply(502, { error: `posting the webhook failed: ${failure.message}`, payload });
			}
		}
		case 'GET webhook-deliveries':
			return reply(200, sim.webhookDeliveries);
		case 'GET media':
			return reply(200, {
				baseUrl: sim.mediaBaseUrl,
				largeMediaBytes: sim.largeMediaBytes,
				slowMediaMs: sim.slowMediaMs,
				files: Object.keys(MEDIA_FILES).map((name) => ({
					...describeMedia(name),
					url: sim.mediaUrl(name),
				})),
			});
		case 'GET media-requests':
			return reply(200, sim.mediaRequests);
		case 'POST recorders': {
			const recorder = await sim.startRecorder(object);
			return reply(200, { id: String(recorder.port), url: recorder.url });
		}
		default: {
			const recorderId = route.startsWith('recorders/') ? route.slice('recorders/'.length) : null;
			const recorder = recorderId === null ? null : sim.recorders.get(recorderId);
			if (recorder && method === 'GET') return reply(200, recorder.requests);
			if (recorder && method === 'DELETE') {
				sim.recorders.delete(String(recorderId));
				await recorder.close();
				return reply(200, { ok: true });
			}
			return reply(404, {
				error: `no admin endpoint ${method} /__sim/${route}`,
				endpoints: ENDPOINTS,
			});
		}
	}
}

module.exports = { handleAdmin };
