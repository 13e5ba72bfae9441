// @ts-check
'use strict';
/**
 * How n8n 2.40 turns a webhook request's bytes into `req.body` before a trigger's `webhook()` runs
 * (`@n8n/backend-network` parseIncomingMessage, then `parseBody` of packages/cli's body-parser middleware): the media
 * type and charset from Content-Type, then JSON, XML, URL-encoded forms and plain text by type; any other type, and
 * an empty body, leave `req.body` undefined (webhook routes get no `req.body ??= {}`). Kept in JavaScript because it
 * needs Node's querystring, which the community lint forbids in `.ts` files.
 */
const querystring = require('node:querystring');
const { sanitizeXmlName } = require('n8n-workflow');
/** @type {{ Parser: new (options: object) => { parseStringPromise(xml: string): Promise<unknown> } }} */
// @ts-expect-error xml2js (n8n-workflow's own XML parser) ships no type declarations; the part used is typed above.
const xml2js = require('xml2js');

const xmlParser = new xml2js.Parser({
	async: true,
	normalize: true,
	normalizeTags: true,
	explicitArray: false,
	tagNameProcessors: [sanitizeXmlName],
	attrNameProcessors: [sanitizeXmlName],
});

/** @param {string} text */
const stripBom = (text) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * @param {string | undefined} header the request's Content-Type
 * @returns {{ type: string | undefined, encoding: BufferEncoding }}
 */
function contentTypeOf(header) {
	if (!header) return { type: undefined, encoding: 'utf-8' };
	const [type, ...parameters] = header.split(';');
	const charset = parameters
		.map((parameter) => parameter.trim())
		.find((parameter) => parameter.toLowerCase().startsWith('charset='))
		?.slice('charset='.length)
		.replace(/^"|"$/g, '');
	return {
		type: type.toLowerCase(),
		encoding: /** @type {BufferEncoding} */ ((charset ?? 'utf-8').toLowerCase()),
	};
}

/**
 * @param {Buffer} rawBody
 * @param {string | undefined} contentTypeHeader
 * @returns {Promise<{ contentType: string | undefined, body: unknown } | { unprocessable: string }>}
 *   `unprocessable`: n8n answers 422 "Failed to parse request body" with this hint, and the node never runs.
 */
async function parseWebhookBody(rawBody, contentTypeHeader) {
	const { type, encoding } = contentTypeOf(contentTypeHeader);
	if (!rawBody.length) return { contentType: type, body: undefined };
	try {
		const text = rawBody.toString(encoding);
		if (type === 'application/json') return { contentType: type, body: JSON.parse(stripBom(text)) };
		if (type?.endsWith('/xml') || type?.endsWith('+xml'))
			return { contentType: type, body: await xmlParser.parseStringPromise(text) };
		if (type === 'application/x-www-form-urlencoded')
			return {
				contentType: type,
				body: { ...querystring.parse(stripBom(text), undefined, undefined, { maxKeys: 1000 }) },
			};
		if (type === 'text/plain') return { contentType: type, body: text };
		return { contentType: type, body: undefined };
	} catch (error) {
		return { unprocessable: error instanceof Error ? error.message : String(error) };
	}
}

module.exports = { parseWebhookBody };
