'use strict';
/**
 * How a request becomes WhatsJet's input bag (API reference §5): PHP-style form/query parsing with bracket
 * notation, JSON or form or multipart bodies merged over the query string, Laravel's TrimStrings and
 * ConvertEmptyStringsToNull middleware (recursive), then strip_tags on top-level strings only. Plus the PHP
 * value semantics the handlers need (truthiness, is_numeric).
 */

function isPlainObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A PHP array: JSON arrays and objects both decode to one. */
function isPhpArray(value) {
	return Array.isArray(value) || isPlainObject(value);
}

/** Values of a PHP array in key order. */
function phpValues(value) {
	if (Array.isArray(value)) return value;
	if (isPlainObject(value)) return Object.values(value);
	return [];
}

/** PHP's `if ($value)`: note that the string "false" is true. */
function phpTruthy(value) {
	if (value === null || value === undefined) return false;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'number') return value !== 0;
	if (typeof value === 'string') return value !== '' && value !== '0';
	if (Array.isArray(value)) return value.length > 0;
	if (isPlainObject(value)) return Object.keys(value).length > 0;
	return Boolean(value);
}

/** PHP's is_numeric (PHP 8: surrounding whitespace allowed, no hex). */
function isNumeric(value) {
	if (typeof value === 'number') return Number.isFinite(value);
	if (typeof value !== 'string') return false;
	return /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/.test(value);
}

/** PHP's string conversion of a scalar, for comparisons the PHP code does loosely. */
function phpString(value) {
	if (value === null || value === undefined) return '';
	if (value === true) return '1';
	if (value === false) return '';
	return String(value);
}

/** PHP's next automatic index for `a[]=`. */
function nextIndex(node) {
	let max = -1;
	for (const key of Object.keys(node))
		if (/^(0|[1-9]\d*)$/.test(key)) max = Math.max(max, Number(key));
	return String(max + 1);
}

/** Turns objects whose keys are exactly 0..n-1 into arrays, as a PHP list would JSON-encode. */
function listify(value) {
	if (!isPlainObject(value)) return value;
	const keys = Object.keys(value);
	for (const key of keys) value[key] = listify(value[key]);
	if (keys.length && keys.every((key, index) => key === String(index)))
		return keys.map((key) => value[key]);
	return value;
}

/** One `name=value` pair the way PHP's parse_str stores it (brackets nest; '.' and ' ' in the base name become '_'). */
function setPhpKey(target, rawKey, value) {
	const bracket = rawKey.indexOf('[');
	let base = rawKey;
	const path = [];
	if (bracket > 0) {
		const tail = rawKey.slice(bracket);
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
		if (!isPlainObject(node[key])) node[key] = {};
		node = node[key];
	}
	let last = keys[keys.length - 1];
	if (last === '') last = nextIndex(node);
	node[last] = value;
}

function decodeFormComponent(text) {
	try {
		return decodeURIComponent(text.replace(/\+/g, ' '));
	} catch {
		return text;
	}
}

/** PHP's parse_str for a query string or an x-www-form-urlencoded body. */
function parsePhpQuery(text) {
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
	return listify(result);
}

/** The text fields of a multipart/form-data body (uploads are ignored: no endpoint takes files). */
function parseMultipart(buffer, contentType) {
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
 */
function parseBody(buffer, contentType = '') {
	if (!buffer || buffer.length === 0) return { parsed: null, bag: {} };
	const type = contentType.toLowerCase();
	const text = buffer.toString('utf8');
	if (type.includes('json') || (!type && /^\s*[[{]/.test(text))) {
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
	return { parsed: text, bag: {} };
}

// Laravel's TrimStrings trims these besides ASCII whitespace.
const TRIM = /^[\s\uFEFF\u200B\u200E]+|[\s\uFEFF\u200B\u200E]+$/g;

/** TrimStrings + ConvertEmptyStringsToNull, applied to every string at every depth. */
function cleanValue(value) {
	if (typeof value === 'string') {
		const trimmed = value.replace(TRIM, '');
		return trimmed === '' ? null : trimmed;
	}
	if (Array.isArray(value)) return value.map(cleanValue);
	if (isPlainObject(value)) {
		const out = {};
		for (const [key, inner] of Object.entries(value)) out[key] = cleanValue(inner);
		return out;
	}
	return value;
}

/**
 * PHP's strip_tags: '<' followed by a non-space starts a tag that runs to the next '>' outside quotes (or to the
 * end of the string), so "I <3 you" becomes "I ".
 */
function stripTags(text) {
	let out = '';
	let inTag = false;
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
 */
function buildInput(bodyBag, queryBag) {
	const merged = cleanValue({ ...queryBag, ...bodyBag });
	const input = {};
	for (const [key, value] of Object.entries(merged))
		input[key] = typeof value === 'string' ? stripTags(value) : value;
	return { input, tokenInput: merged.token };
}

/** Journal form of the query string: repeated keys become arrays, names are left as sent. */
function plainQuery(searchParams) {
	const query = {};
	for (const [key, value] of searchParams) {
		if (key in query) query[key] = [].concat(query[key], value);
		else query[key] = value;
	}
	return query;
}

module.exports = {
	isPlainObject,
	isPhpArray,
	phpValues,
	phpTruthy,
	phpString,
	isNumeric,
	parsePhpQuery,
	parseBody,
	cleanValue,
	stripTags,
	buildInput,
	plainQuery,
};
