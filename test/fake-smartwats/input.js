// @ts-check
'use strict';
/**
 * How a request becomes WhatsJet's input bag (API reference §5): PHP-style form/query parsing with bracket
 * notation, JSON or form or multipart bodies merged over the query string, Laravel's TrimStrings and
 * ConvertEmptyStringsToNull middleware (recursive), then strip_tags on top-level strings only. Plus the PHP
 * value semantics the handlers need (truthiness, is_numeric).
 */
const { ServerError } = require('./http-util');

/**
 * What a controller reads: the request's input bag, keys to decoded JSON or form values (any shape a client sent).
 * @typedef {Record<string, unknown>} Input
 */

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */

function isPlainObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A PHP array: JSON arrays and objects both decode to one.
 * @param {unknown} value
 * @returns {value is unknown[] | Record<string, unknown>}
 */
function isPhpArray(value) {
	return Array.isArray(value) || isPlainObject(value);
}

/**
 * Values of a PHP array in key order.
 * @param {unknown} value
 * @returns {unknown[]}
 */
function phpValues(value) {
	if (Array.isArray(value)) return value;
	if (isPlainObject(value)) return Object.values(value);
	return [];
}

/**
 * PHP's `if ($value)`: note that the string "false" is true.
 * @param {unknown} value
 */
function phpTruthy(value) {
	if (value === null || value === undefined) return false;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value !== 0;
	if (typeof value === 'string') return value !== '' && value !== '0';
	if (Array.isArray(value)) return value.length > 0;
	if (isPlainObject(value)) return Object.keys(value).length > 0;
	return Boolean(value);
}

/**
 * PHP's is_numeric (PHP 8: surrounding whitespace allowed, no hex).
 * @param {unknown} value
 * @returns {value is number | string}
 */
function isNumeric(value) {
	if (typeof value === 'number') return Number.isFinite(value);
	if (typeof value !== 'string') return false;
	return /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/.test(value);
}

/**
 * PHP's string conversion of a scalar, for comparisons the PHP code does loosely.
 * @param {unknown} value
 */
function phpString(value) {
	if (value === null || value === undefined) return '';
	if (value === true) return '1';
	if (value === false) return '';
	return String(value);
}

/**
 * A value as a text column stores it: PHP's string conversion of a scalar; null and absent stay null. An array is
 * PHP's "Array to string conversion" warning, which Laravel turns into an exception (HTTP 500).
 * @param {unknown} value
 * @returns {string | null}
 */
function phpText(value) {
	if (value === null || value === undefined) return null;
	if (isPhpArray(value)) throw new ServerError('Array to string conversion');
	return phpString(value);
}

/**
 * PHP's next automatic index for `a[]=`.
 * @param {Record<string, unknown>} node
 */
function nextIndex(node) {
	let max = -1;
	for (const key of Object.keys(node))
		if (/^(0|[1-9]\d*)$/.test(key)) max = Math.max(max, Number(key));
	return String(max + 1);
}

/**
 * Turns objects whose keys are exactly 0..n-1 into arrays, as a PHP list would JSON-encode.
 * @param {unknown} value
 * @returns {unknown}
 */
function listify(value) {
	if (!isPlainObject(value)) return value;
	const keys = Object.keys(value);
	for (const key of keys) value[key] = listify(value[key]);
	if (keys.length && keys.every((key, index) => key === String(index)))
		return keys.map((key) => value[key]);
	return value;
}

/**
 * One `name=value` pair the way PHP's parse_str stores it (brackets nest; '.' and ' ' in the base name become '_').
 * @param {Record<string, unknown>} target
 * @param {string} rawKey
 * @param {string} value
 */
function setPhpKey(target, rawKey, value) {
	const bracket = rawKey.indexOf('[');
	let base = rawKey;
	/** @type {string[]} */
	const path = [];
	if (bracket > 0) {
		const tail = rawKey.slice(bracket);
		/** @type {string[]} */
		const segments = [];
		const re = /\[([^\]]*)\]/gy;
		let match;
		// Anything after the last complete bracket pair is ignored, as PHP does.
		while ((match = re.exec(tail)) !== null) segments.push(match[1]);
		if (segments.length) {
			base = rawKey.slice(0, bracket);
			path.push(...segments);
		}
	}
	base = base.replace(/[. ]/g, '_');
	const keys = [base, ...path];
	let node = target;
	for (let index = 0; index < keys.length - 1; index++) {
		let key = keys[index];
		if (key === '') key = nextIndex(node);
		const inner = node[key];
		node = isPlainObject(inner) ? inner : (node[key] = {});
	}
	let last = keys[keys.length - 1];
	if (last === '') last = nextIndex(node);
	node[last] = value;
}

/** @param {string} text */
function decodeFormComponent(text) {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return text;
	}
}

/**
 * PHP's parse_str for a query string or an x-www-form-urlencoded body.
 * @param {string} text
 * @returns {Record<string, unknown> | unknown[]} an array when the keys are exactly 0..n-1
 */
function parsePhpQuery(text) {
	/** @type {Record<string, unknown>} */
	const result = {};
	if (!text) return result;
	for (const pair of text.split('&')) {
		if (!pair) continue;
		const eq = pair.indexOf('=');
		const key = decodeFormComponent(eq === -1 ? pair : pair.slice(0, eq));
		const value = eq === -1 ? '' : decodeFormComponent(pair.slice(eq + 1));
		if (!key) continue;
		setPhpKey(result, key, value);
	}
	return /** @type {Record<string, unknown> | unknown[]} */ (listify(result));
}

/**
 * The text fields of a multipart/form-data body (uploads are ignored: no endpoint takes files).
 * @param {Buffer} buffer
 * @param {string} contentType
 */
function parseMultipart(buffer, contentType) {
	/** @type {Record<string, unknown>} */
	const result = {};
	const boundaryMatch = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!boundaryMatch) return result;
	const boundary = `--${boundaryMatch[1] || boundaryMatch[2]}`;
	const text = buffer.toString('utf8');
	for (const part of text.split(boundary)) {
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd === -1) continue;
		const headers = part.slice(0, headerEnd);
		const disposition = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers);
		if (!disposition || /\bfilename=/i.test(headers)) continue;
		let value = part.slice(headerEnd + 4);
		if (value.endsWith('\r\n')) value = value.slice(0, -2);
		setPhpKey(result, disposition[1], value);
	}
	return listify(result);
}

/**
 * Parses a request body. Returns { parsed, bag }: `parsed` is what the journal shows (the JSON or form as sent,
 * the raw text when it is neither, null when empty); `bag` is what Laravel puts into the input (an object).
 * @param {Buffer} buffer
 * @param {string} [contentType]
 * @returns {{ parsed: unknown, bag: Record<string, unknown> }}
 */
function parseBody(buffer, contentType = '') {
	if (!buffer || buffer.length === 0) return { parsed: null, bag: {} };
	const type = contentType.toLowerCase();
	const text = buffer.toString('utf8');
	// Laravel reads JSON only when Content-Type says so (isJson(): /json or +json); without one, PHP fills no input.
	if (type.includes('/json') || type.includes('+json')) {
		try {
			const json = JSON.parse(text);
			if (isPlainObject(json)) return { parsed: json, bag: json };
			if (Array.isArray(json)) return { parsed: json, bag: { ...json } };
			return { parsed: json, bag: {} };
		} catch {
			// Laravel's json() of a malformed body is an empty bag.
			return { parsed: text, bag: {} };
		}
	}
	if (type.includes('application/x-www-form-urlencoded')) {
		const form = parsePhpQuery(text);
		return { parsed: form, bag: isPlainObject(form) ? form : {} };
	}
	if (type.includes('multipart/form-data')) {
		const form = parseMultipart(buffer, contentType);
		return { parsed: form, bag: isPlainObject(form) ? form : {} };
	}
	if (!type && /^\s*[[{]/.test(text)) {
		// JSON sent without a Content-Type: shown as JSON in the journal, but Laravel's input stays empty.
		try {
			return { parsed: JSON.parse(text), bag: {} };
		} catch {
			return { parsed: text, bag: {} };
		}
	}
	return { parsed: text, bag: {} };
}

// Laravel's TrimStrings trims these besides ASCII whitespace.
const TRIM = /^[\s\uFEFF\u200B\u200E]+|[\s\uFEFF\u200B\u200E]+$/g;

/**
 * TrimStrings + ConvertEmptyStringsToNull, applied to every string at every depth.
 * @param {unknown} value
 * @returns {unknown}
 */
function cleanValue(value) {
	if (typeof value === 'string') {
		const trimmed = value.replace(TRIM, '');
		return trimmed === '' ? null : trimmed;
	}
	if (Array.isArray(value)) return value.map(cleanValue);
	if (isPlainObject(value)) {
		/** @type {Record<string, unknown>} */
		const out = {};
		for (const [key, inner] of Object.entries(value)) out[key] = cleanValue(inner);
		return out;
	}
	return value;
}

/**
 * PHP's strip_tags: '<' followed by a non-space starts a tag that runs to the next '>' outside quotes (or to the
 * end of the string), so "I <3 you" becomes "I ".
 * @param {string} text
 */
function stripTags(text) {
	let out = '';
	let inTag = false;
	/** @type {string | null} */
	let quote = null;
	let depth = 0;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (!inTag) {
			if (char === '<') {
				const next = text[index + 1];
				if (next !== undefined && /\s/.test(next)) {
					out += char;
					continue;
				}
				inTag = true;
				continue;
			}
			out += char;
			continue;
		}
		if (quote) {
			if (char === quote) quote = null;
			continue;
		}
		if (char === '"' || char === "'") quote = char;
		else if (char === '<') depth++;
		else if (char === '>') {
			if (depth) depth--;
			else inTag = false;
		}
	}
	return out;
}

/**
 * The input bag a WhatsJet controller sees: body over query (PHP `+`, shallow), cleaned, top-level strings
 * stripped of tags. `token` is also returned before strip_tags, as the auth middleware reads it.
 * @param {Record<string, unknown>} bodyBag
 * @param {Record<string, unknown> | unknown[]} queryBag
 * @returns {{ input: Input, tokenInput: unknown }}
 */
function buildInput(bodyBag, queryBag) {
	// cleanValue keeps an object an object.
	const merged = /** @type {Record<string, unknown>} */ (cleanValue({ ...queryBag, ...bodyBag }));
	/** @type {Input} */
	const input = {};
	for (const [key, value] of Object.entries(merged))
		input[key] = typeof value === 'string' ? stripTags(value) : value;
	return { input, tokenInput: merged.token };
}

/**
 * Journal form of the query string: repeated keys become arrays, names are left as sent.
 * @param {URLSearchParams} searchParams
 */
function plainQuery(searchParams) {
	/** @type {Record<string, string | string[]>} */
	const query = {};
	for (const [key, value] of searchParams) {
		query[key] = Object.prototype.hasOwnProperty.call(query, key)
			? [...[query[key]].flat(), value]
			: value;
	}
	return query;
}

module.exports = {
	isPlainObject,
	isPhpArray,
	phpValues,
	phpTruthy,
	phpString,
	phpText,
	isNumeric,
	parsePhpQuery,
	parseBody,
	cleanValue,
	stripTags,
	buildInput,
	plainQuery,
};
