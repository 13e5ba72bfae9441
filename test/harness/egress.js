// @ts-check
'use strict';
/**
 * n8n's egress (SSRF) settings for the specs, as an administrator sets them with environment variables. The node
 * checks media links with n8n's own egress filter, which n8n-core builds once per process (per test file in jest)
 * from `N8N_SSRF_*` when it is first used; this builds it with the given settings and leaves the environment as it
 * was. Kept in JavaScript because it reads and restores `process.env`, which the community lint forbids in `.ts`.
 */
require('reflect-metadata');
const { Container } = require('@n8n/di');
const { OutboundHttp } = require('@n8n/backend-network');

/**
 * Builds n8n's egress filter as `N8N_SSRF_ALLOWED_IP_RANGES=<ranges>` would, e.g. `['127.0.0.2/32']`. Call it
 * before the first request of the test file.
 * @param {string[]} ranges
 */
function allowIpRanges(ranges) {
	const name = 'N8N_SSRF_ALLOWED_IP_RANGES';
	const before = process.env[name];
	process.env[name] = ranges.join(',');
	try {
		Container.get(OutboundHttp);
	} finally {
		if (before === undefined) delete process.env[name];
		else process.env[name] = before;
	}
}

module.exports = { allowIpRanges };
