// @ts-check
'use strict';
/**
 * The 21 routes of the API (reference §9), relative to {APP_URL}/api/{vendorUid}/, and Laravel-style matching:
 * a path that exists for other methods is a 405, GET routes also answer HEAD, OPTIONS lists the allowed methods.
 */
const messages = require('./messages');
const templates = require('./templates');
const contacts = require('./contacts');
const groupsLabels = require('./groups-labels');
const campaigns = require('./campaigns');

/**
 * What a controller gets: the store, the input bag, the route's parameters, the simulator's settings, the request
 * URL without its query (for paginators), the request headers, a paging fault for list endpoints, and an outbox
 * for vendor webhook events (sent before the answer goes out, as SmartWats does).
 * @typedef {object} Context
 * @property {import('../state').Store} store
 * @property {import('../input').Input} input
 * @property {Record<string, string>} params
 * @property {import('../index').SimulatorSettings} settings
 * @property {string} path
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {import('../paginate').PagingFault} [paging]
 * @property {Array<{ kind: import('../webhooks').AnyWebhookKind,
 *   overrides: import('../webhooks').WebhookOverrides }>} outbox
 */

/**
 * A controller: answers a request, or throws a ValidationError (422) or any other error (500).
 * @typedef {(ctx: Context) => import('../http-util').Reply} Handler
 */

/**
 * The routes, keyed `METHOD pattern`. Typed per route, so the simulator's tests know what each endpoint answers.
 * @satisfies {Record<string, Handler>}
 */
const HANDLERS = {
	'POST contact/send-message': messages.sendMessage,
	'POST contact/send-media-message': messages.sendMedia,
	'POST contact/send-template-message': templates.sendTemplate,
	'GET contact/template-list': templates.templateList,
	// Same controller method as send-template-message: the carousel path depends on the body, not the URL.
	'POST contact/send-carousel-template-message': templates.sendTemplate,
	'POST contact/create': contacts.create,
	'POST campaign/schedule': campaigns.schedule,
	'GET campaign': campaigns.list,
	'GET campaign-status/{campaignUid}': campaigns.status,
	'POST contact/update/{phoneNumber}': contacts.update,
	'GET contacts': contacts.list,
	'GET contact': contacts.single,
	'POST contact/send-interactive-message': messages.sendInteractive,
	'POST contact/assign-team-member': contacts.assignTeamMember,
	'GET contact/groups': groupsLabels.groups,
	'GET contact/labels-tags': groupsLabels.labels,
	'GET contact/message-status': messages.messageStatus,
	'POST contact/assign-groups': groupsLabels.assignGroups,
	'POST contact/unassign-groups': groupsLabels.unassignGroups,
	'POST contact/assign-labels': groupsLabels.assignLabels,
	'POST contact/unassign-labels': groupsLabels.unassignLabels,
};

/** @typedef {typeof HANDLERS} Handlers */
/** @typedef {{ method: string, pattern: string, segments: string[], handler: Handler }} Route */

/** @type {Route[]} */
const ROUTES = Object.entries(HANDLERS).map(([key, handler]) => {
	const [method, pattern] = key.split(' ');
	return { method, pattern, segments: pattern.split('/'), handler };
});

/**
 * @param {Route} route
 * @param {string[]} segments
 * @returns {Record<string, string> | null}
 */
function matchPattern(route, segments) {
	if (route.segments.length !== segments.length) return null;
	/** @type {Record<string, string>} */
	const params = {};
	for (let index = 0; index < segments.length; index++) {
		const expected = route.segments[index];
		const actual = segments[index];
		if (expected.startsWith('{')) {
			if (actual === '') return null;
			params[expected.slice(1, -1)] = actual;
		} else if (expected !== actual) return null;
	}
	return params;
}

/** @param {string} method */
const allowedFor = (method) => (method === 'GET' ? ['GET', 'HEAD'] : [method]);

/**
 * @param {string} method
 * @param {string[]} segments path segments after the vendor UID
 * @returns {{ route: Route, params: Record<string, string> } | { allowed: string[] } | null}
 */
function matchRoute(method, segments) {
	/** @type {string[]} */
	const allowed = [];
	for (const route of ROUTES) {
		const params = matchPattern(route, segments);
		if (!params) continue;
		if (allowedFor(route.method).includes(method)) return { route, params };
		allowed.push(...allowedFor(route.method));
	}
	return allowed.length ? { allowed } : null;
}

module.exports = { ROUTES, matchRoute };
