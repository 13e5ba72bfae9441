// @ts-check
'use strict';
/**
 * A small Laravel validator: the rules WhatsJet's API uses, Laravel 11's English messages, wildcard attributes,
 * implicit-rule semantics (only `required` runs on a missing/empty value; a present null still fails `url` unless
 * `nullable`), and the 422 body `{message: "… (and N more errors)", errors}`.
 */
const { isPhpArray, isNumeric, phpString } = require('./input');
const { parsePhpDate } = require('./datetime');

/**
 * A rule with its parameters: `max:150` is `{ name: 'max', params: ['150'] }`; `regex` may carry a RegExp.
 * @typedef {{ name: string, params: Array<string | RegExp> }} ParsedRule
 */
/**
 * A rule of the simulator's own, e.g. "has already been taken".
 * @typedef {{ name: 'custom', params?: undefined, test: (value: unknown) => boolean, message: string }} CustomRule
 */
/** @typedef {ParsedRule | CustomRule} Rule */
/** Laravel's notation: `'required|url'`, or a list of rule strings and rule objects. @typedef {string | Array<string | Rule>} Rules */
/**
 * Ordered `[attribute, rules]` pairs (an attribute may hold `*`), or an object of them.
 * @typedef {Array<[string, Rules]> | Record<string, Rules>} RuleSet
 */
/** Messages by concrete attribute, as Laravel's 422 body has them. @typedef {Record<string, string[]>} ErrorBag */

class ValidationError extends Error {
	/** @param {Record<string, string[]>} errors */
	constructor(errors) {
		super('The given data was invalid.');
		this.errors = errors;
	}

	/**
	 * Laravel's ValidationException::summarize.
	 * @returns {{ message: string, errors: ErrorBag }}
	 */
	body() {
		const messages = Object.values(this.errors).flat();
		let message = messages[0] ?? 'The given data was invalid.';
		const more = messages.length - 1;
		if (more > 0) message += ` (and ${more} more ${more === 1 ? 'error' : 'errors'})`;
		return { message, errors: this.errors };
	}
}

/** @type {Record<string, string>} */
const MESSAGES = {
	required: 'The :attribute field is required.',
	numeric: 'The :attribute field must be a number.',
	string: 'The :attribute field must be a string.',
	array: 'The :attribute field must be an array.',
	email: 'The :attribute field must be a valid email address.',
	url: 'The :attribute field must be a valid URL.',
	alpha_dash: 'The :attribute field must only contain letters, numbers, dashes, and underscores.',
	min_digits: 'The :attribute field must have at least :min digits.',
	doesnt_start_with: 'The :attribute field must not start with one of the following: :values.',
	in: 'The selected :attribute is invalid.',
	date: 'The :attribute field must be a valid date.',
	after: 'The :attribute field must be a date after :date.',
	regex: 'The :attribute field format is invalid.',
	unique: 'The :attribute has already been taken.',
};

/** @typedef {'numeric' | 'string' | 'array'} SizeType */
/** @type {Record<'min' | 'max', Record<SizeType, string>>} */
const SIZE_MESSAGES = {
	min: {
		numeric: 'The :attribute field must be at least :min.',
		string: 'The :attribute field must be at least :min characters.',
		array: 'The :attribute field must have at least :min items.',
	},
	max: {
		numeric: 'The :attribute field must not be greater than :max.',
		string: 'The :attribute field must not be greater than :max characters.',
		array: 'The :attribute field must not have more than :max items.',
	},
};

const IMPLICIT = new Set(['required']);
const NUMERIC_RULES = new Set(['numeric', 'integer']);
const URL_PROTOCOLS = new Set([
	'http:',
	'https:',
	'ftp:',
	'ftps:',
	'sftp:',
	'ws:',
	'wss:',
	'file:',
	'mailto:',
	'data:',
]);

/**
 * Laravel shows `contact.first_name` as "contact.first name".
 * @param {string} attribute
 */
function displayName(attribute) {
	return attribute.replace(/_/g, ' ');
}

/** @param {string} path */
function splitPath(path) {
	return path.split('.');
}

/**
 * @param {unknown} data
 * @param {string} path
 * @returns {{ present: boolean, value: unknown }}
 */
function lookup(data, path) {
	/** @type {unknown} */
	let node = data;
	for (const key of splitPath(path)) {
		if (!isPhpArray(node) || !Object.prototype.hasOwnProperty.call(node, key))
			return { present: false, value: undefined };
		node = /** @type {Record<string, unknown>} */ (node)[key];
	}
	return { present: true, value: node };
}

/**
 * Expands `a.*.b` over the keys the data actually has; a wildcard over nothing validates nothing.
 * @param {unknown} data
 * @param {string} attribute
 */
function expand(data, attribute) {
	if (!attribute.includes('*')) return [attribute];
	const parts = splitPath(attribute);
	let paths = [''];
	for (const part of parts) {
		/** @type {string[]} */
		const next = [];
		for (const prefix of paths) {
			if (part !== '*') {
				next.push(prefix ? `${prefix}.${part}` : part);
				continue;
			}
			const { value } = prefix ? lookup(data, prefix) : { value: data };
			if (isPhpArray(value))
				for (const key of Object.keys(value)) next.push(prefix ? `${prefix}.${key}` : key);
		}
		paths = next;
	}
	return paths;
}

/**
 * @param {Rules} rules
 * @returns {Rule[]}
 */
function parseRules(rules) {
	const list = typeof rules === 'string' ? rules.split('|') : rules;
	return list.map((rule) => {
		if (typeof rule !== 'string') return rule;
		const colon = rule.indexOf(':');
		if (colon === -1) return { name: rule, params: [] };
		const name = rule.slice(0, colon);
		const rest = rule.slice(colon + 1);
		return { name, params: name === 'regex' ? [rest] : rest.split(',') };
	});
}

/** @param {unknown} value */
function isEmptyForRequired(value) {
	if (value === null || value === undefined) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (isPhpArray(value)) return Object.keys(value).length === 0;
	return false;
}

/**
 * @param {unknown} value
 * @param {Rule[]} rules
 * @returns {SizeType}
 */
function sizeType(value, rules) {
	if (rules.some((rule) => NUMERIC_RULES.has(rule.name)) && isNumeric(value)) return 'numeric';
	if (isPhpArray(value)) return 'array';
	return 'string';
}

/**
 * @param {unknown} value
 * @param {SizeType} type
 */
function sizeOf(value, type) {
	if (type === 'numeric') return Number(value);
	if (type === 'array') return Object.keys(/** @type {object} */ (value)).length;
	return [...phpString(value)].length;
}

/** @param {unknown} value */
function isUrl(value) {
	if (typeof value !== 'string' || /\s/.test(value) || !value.includes(':')) return false;
	try {
		const url = new URL(value);
		if (!URL_PROTOCOLS.has(url.protocol)) return false;
		// Laravel's Str::isUrl wants `scheme://host` for every scheme, so mailto: and data: URLs are refused.
		return value.toLowerCase().startsWith(`${url.protocol}//`) && url.hostname !== '';
	} catch {
		return false;
	}
}

/** @param {string | RegExp} pattern */
function toRegExp(pattern) {
	if (pattern instanceof RegExp) return pattern;
	const match = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
	return match ? new RegExp(match[1], match[2].replace(/[^gimsuy]/g, '')) : new RegExp(pattern);
}

/**
 * One rule against one value; returns the error message or null.
 * @param {Rule} rule
 * @param {unknown} value
 * @param {{ attribute: string, rules: Rule[], data: unknown }} ctx
 * @returns {string | null}
 */
function check(rule, value, ctx) {
	const { attribute, rules, data } = ctx;
	const name = displayName(attribute);
	/**
	 * @param {string} template
	 * @param {Record<string, string | RegExp>} [extra]
	 */
	const fill = (template, extra = {}) =>
		Object.entries({ attribute: name, ...extra }).reduce(
			(text, [key, replacement]) => text.split(`:${key}`).join(String(replacement)),
			template,
		);
	if ('test' in rule) return rule.test(value) ? null : fill(rule.message);
	switch (rule.name) {
		case 'required':
			return isEmptyForRequired(value) ? fill(MESSAGES.required) : null;
		case 'numeric':
			return isNumeric(value) ? null : fill(MESSAGES.numeric);
		case 'string':
			return typeof value === 'string' ? null : fill(MESSAGES.string);
		case 'array':
			return isPhpArray(value) ? null : fill(MESSAGES.array);
		case 'email':
			return typeof value === 'string' &&
				/^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:".][^\s@<>()[\],;:"]*$/.test(value) &&
				!value.endsWith('.')
				? null
				: fill(MESSAGES.email);
		case 'url':
			return isUrl(value) ? null : fill(MESSAGES.url);
		case 'alpha_dash':
			return (typeof value === 'string' || typeof value === 'number') &&
				/^[\p{L}\p{M}\p{N}_-]+$/u.test(String(value))
				? null
				: fill(MESSAGES.alpha_dash);
		case 'min_digits': {
			// Counted like Laravel (digits only) but past a leading '+': the contract (§6) has '+919…' pass auto-create.
			const digits = phpString(value).replace(/^\+/, '');
			return /^[0-9]+$/.test(digits) && digits.length >= Number(rule.params[0])
				? null
				: fill(MESSAGES.min_digits, { min: rule.params[0] });
		}
		case 'doesnt_start_with':
			return rule.params.some((prefix) => phpString(value).startsWith(String(prefix)))
				? fill(MESSAGES.doesnt_start_with, { values: rule.params.join(', ') })
				: null;
		case 'in':
			return !isPhpArray(value) && rule.params.includes(phpString(value))
				? null
				: fill(MESSAGES.in);
		case 'min':
		case 'max': {
			const type = sizeType(value, rules);
			const size = sizeOf(value, type);
			const limit = Number(rule.params[0]);
			const ok = rule.name === 'min' ? size >= limit : size <= limit;
			return ok ? null : fill(SIZE_MESSAGES[rule.name][type], { [rule.name]: rule.params[0] });
		}
		case 'date':
			return parsePhpDate(value) ? null : fill(MESSAGES.date);
		case 'after': {
			const other = String(rule.params[0]);
			const mine = parsePhpDate(value);
			const { value: otherValue } = lookup(data, other);
			const theirs = parsePhpDate(otherValue);
			// Laravel compares against strtotime(null) when the other field is empty, which never blocks.
			const ok = mine && (!theirs || mine.epoch > theirs.epoch);
			return ok ? null : fill(MESSAGES.after, { date: displayName(other) });
		}
		case 'regex':
			return (typeof value === 'string' || typeof value === 'number') &&
				toRegExp(rule.params[0]).test(String(value))
				? null
				: fill(MESSAGES.regex);
		default:
			throw new Error(`validation rule not implemented: ${rule.name}`);
	}
}

/**
 * Validates `data` against ordered rules `[[attribute, 'required|url' | Rule[]], …]` (or an object).
 * Returns the errors, keyed by concrete attribute, in rule order.
 * @param {unknown} data
 * @param {RuleSet} ruleSet
 * @returns {ErrorBag}
 */
function collectErrors(data, ruleSet) {
	/** @type {ErrorBag} */
	const errors = {};
	const entries = Array.isArray(ruleSet) ? ruleSet : Object.entries(ruleSet);
	for (const [pattern, rawRules] of entries) {
		const rules = parseRules(rawRules);
		for (const attribute of expand(data, pattern)) {
			const { present, value } = lookup(data, attribute);
			const nullable = rules.some((rule) => rule.name === 'nullable');
			if (rules.some((rule) => rule.name === 'sometimes') && !present) continue;
			for (const rule of rules) {
				if (['nullable', 'sometimes', 'bail'].includes(rule.name)) continue;
				const implicit = IMPLICIT.has(rule.name);
				if (!implicit) {
					if (typeof value === 'string' && value.trim() === '') continue;
					if (!present) continue;
					if (nullable && value === null) continue;
				}
				const message = check(rule, value, { attribute, rules, data });
				if (message) {
					(errors[attribute] ??= []).push(message);
					if (implicit) break;
				}
			}
		}
	}
	return errors;
}

/**
 * Throws a ValidationError when any rule fails.
 * @param {unknown} data
 * @param {RuleSet} ruleSet
 */
function validate(data, ruleSet) {
	const errors = collectErrors(data, ruleSet);
	if (Object.keys(errors).length) throw new ValidationError(errors);
}

module.exports = { ValidationError, validate, collectErrors, displayName, lookup, isUrl };
