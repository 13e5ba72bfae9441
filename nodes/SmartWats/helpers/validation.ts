import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toList } from './utils';

/** What the checks need of n8n's context: the node, to name it in the error. */
type NodeContext = Pick<IExecuteFunctions, 'getNode'>;

/** A user-facing input problem found before anything is sent. */
export function invalidInput(
	context: NodeContext,
	itemIndex: number,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/**
 * Length limits, checked before sending because SmartWats passes the text on and Meta's refusal arrives as a
 * harder-to-read mirrored failure (or, for a campaign, only when the campaign runs).
 * Meta: WhatsApp Cloud API reference, Messages (text object `body`; media object `caption`; interactive object
 * `header.text`, `body.text`, `footer.text`, reply button `title`, list `action.button`, section `title`, row `id`,
 * `title` and `description`, CTA URL `display_text`) and Template messages (text header parameter, coupon code).
 * SmartWats: the contract, `../shared/api/smartwats-api.md` (§7.2 contact names, §3.2/§19 group titles, §22).
 */
export const LIMITS = {
	/** Meta text.body; SmartWats does not check it (contract §10). */
	messageText: 4096,
	/** Meta media caption. */
	caption: 1024,
	/** Meta interactive body.text. */
	interactiveBody: 1024,
	/** Meta interactive header.text, and a template's text header parameter. */
	headerText: 60,
	/** Meta interactive footer.text. */
	footerText: 60,
	/** Meta reply button title, list action.button, CTA URL display_text; contract §22 `max:20`. */
	buttonText: 20,
	/** Meta list section title and row title. */
	listTitle: 24,
	/** Meta list row description. */
	listRowDescription: 72,
	/** Meta list row id. */
	listRowId: 200,
	/** Meta: a template body parameter can be no longer than the body it fills. */
	templateBodyValue: 1024,
	/** Meta copy-code button coupon_code. */
	couponCode: 15,
	/** Contract §7.2: first_name and last_name `max:150`. */
	contactName: 150,
	/** Contract §3.2 and §19: a longer group title aborts the whole request. */
	groupTitle: 255,
};

/** A value as a user would recognise it in an error message. */
export function describeValue(value: unknown): string {
	if (typeof value === 'string') return `"${value.length > 80 ? `${value.slice(0, 80)}…` : value}"`;
	let text: string;
	try {
		text = JSON.stringify(value) ?? String(value);
	} catch {
		text = String(value);
	}
	return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** A date from an expression ($now, a Date) is text in ISO form; any other object or list is not text. */
function asText(value: unknown): string | undefined {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
		return String(value);
	}
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	const toISO = (value as { toISO?: unknown }).toISO;
	if (typeof toISO === 'function') {
		const iso = (toISO as () => unknown).call(value);
		return typeof iso === 'string' ? iso : undefined;
	}
	return undefined;
}

export interface TextOptions {
	/** How to fix an empty value (required text only). */
	hint?: string;
	/** The most characters the value may have, from LIMITS. */
	maxLength?: number;
}

/**
 * Optional text, trimmed ('' when empty). An object or a list is refused instead of being sent as
 * "[object Object]"; a value over `maxLength` characters is refused naming the limit.
 */
export function readText(
	context: NodeContext,
	itemIndex: number,
	raw: unknown,
	field: string,
	{ maxLength }: TextOptions = {},
): string {
	const text = asText(raw);
	if (text === undefined) {
		throw invalidInput(
			context,
			itemIndex,
			`'${field}' is ${Array.isArray(raw) ? 'a list' : 'an object'}, not text: ${describeValue(raw)}`,
			`Give text. If an expression gives ${Array.isArray(raw) ? 'a list, pick one entry or join the entries, e.g. {{ $json.names.join(", ") }}' : 'an object, pick the field that holds the text, e.g. {{ $json.message.text }}'}.`,
		);
	}
	const value = text.trim();
	// Characters as WhatsApp counts them: an emoji is one, not two UTF-16 units.
	const length = [...value].length;
	if (maxLength !== undefined && length > maxLength) {
		throw invalidInput(
			context,
			itemIndex,
			`'${field}' has ${length} characters; WhatsApp allows ${maxLength}`,
			`Shorten it to at most ${maxLength} characters.`,
		);
	}
	return value;
}

/** Text that must not be empty; otherwise as `readText`. */
export function requireText(
	context: NodeContext,
	itemIndex: number,
	raw: unknown,
	field: string,
	options: TextOptions = {},
): string {
	const value = readText(context, itemIndex, raw, field, options);
	if (value === '') {
		throw invalidInput(
			context,
			itemIndex,
			`'${field}' is empty`,
			options.hint ?? 'Fill it in, or map it from the input with an expression.',
		);
	}
	return value;
}

export interface NumberRange {
	min: number;
	max: number;
	/** Whole numbers only. */
	integer?: boolean;
	/** A value that switches the setting off although it is below `min` (Requests Per Minute's 0). */
	off?: number;
	/** How to fix it, e.g. where the field is. */
	hint?: string;
}

/**
 * A number within a sensible range. A number, or text that is exactly a number (what a spreadsheet column gives),
 * is accepted; anything else (other text, NaN, a list, an object, a value out of range) is refused naming the field.
 */
export function readNumber(
	context: NodeContext,
	itemIndex: number,
	raw: unknown,
	field: string,
	{ min, max, integer = false, off, hint }: NumberRange,
): number {
	const text = typeof raw === 'string' ? raw.trim() : undefined;
	const value =
		typeof raw === 'number'
			? raw
			: text !== undefined && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)
				? Number(text)
				: NaN;
	const range =
		(off !== undefined ? `${off} (off) or ` : '') +
		`${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`;
	const ok =
		Number.isFinite(value) &&
		(value === off || (value >= min && value <= max && (!integer || Number.isInteger(value))));
	if (!ok) {
		throw invalidInput(
			context,
			itemIndex,
			raw === undefined || raw === null || text === ''
				? `'${field}' is empty`
				: `'${field}' must be ${range}, got ${describeValue(raw)}`,
			hint ?? `Give ${range}, or an expression that gives one.`,
		);
	}
	return value;
}

/**
 * A yes/no value. An expression may give true/false or the text "true"/"false" (SmartWats itself would read the text
 * "false" as true, contract §5); anything else is refused naming the field.
 */
export function readBoolean(
	context: NodeContext,
	itemIndex: number,
	raw: unknown,
	field: string,
): boolean {
	if (typeof raw === 'boolean') return raw;
	const text = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
	if (text === 'true') return true;
	if (text === 'false') return false;
	throw invalidInput(
		context,
		itemIndex,
		`'${field}' must be true or false, got ${describeValue(raw)}`,
		'Switch it on or off, or give an expression that gives true or false.',
	);
}

/**
 * A list from a field or an expression (a list, or text with the values separated by commas or `separators`):
 * see `toList`. Entries must be text or numbers; an object inside the list is refused naming the field.
 */
export function readList(
	context: NodeContext,
	itemIndex: number,
	raw: unknown,
	field: string,
	separators?: RegExp,
): string[] {
	const entries: unknown[] = Array.isArray(raw) ? raw : [raw];
	const texts = entries.map((entry) => {
		const text = asText(entry);
		if (text === undefined) {
			throw invalidInput(
				context,
				itemIndex,
				`'${field}' holds ${Array.isArray(entry) ? 'a list' : 'an object'} where text is expected: ${describeValue(entry)}`,
				'Give a list of values (or text with the values separated by commas), e.g. {{ $json.items.map(item => item.id) }}.',
			);
		}
		return text;
	});
	// A list's entries are one value each; text is split at the separators.
	return toList(Array.isArray(raw) ? texts : texts[0], separators);
}

/**
 * A value that becomes one segment of the request path. `.`, `..` and an empty value would make the URL point at
 * another endpoint (the URL is normalised before it is sent), so they are refused before any request.
 */
export function requirePathSegment(
	context: NodeContext,
	itemIndex: number,
	value: string,
	field: string,
	hint: string,
): string {
	if (value === '' || value === '.' || value === '..') {
		throw invalidInput(
			context,
			itemIndex,
			value === '' ? `'${field}' is empty` : `'${field}' cannot be "${value}"`,
			hint,
		);
	}
	return value;
}

/**
 * SmartWats matches contacts by the exact digits it stored: country code first, no `+`, no leading zeros.
 * A `+` would create a duplicate contact on every send, so the node normalises before sending.
 */
export function normalizePhoneNumber(
	context: NodeContext,
	itemIndex: number,
	raw: unknown,
	field = 'Phone Number',
): string {
	const original = readText(context, itemIndex, raw, field);
	let digits = original.replace(/[\s\-().]/g, '');
	if (digits.startsWith('+')) digits = digits.slice(1);
	else if (digits.startsWith('00')) digits = digits.slice(2);
	if (!/^[1-9]\d{8,14}$/.test(digits)) {
		throw invalidInput(
			context,
			itemIndex,
			original === ''
				? `'${field}' is empty`
				: `'${field}' is not an international phone number: "${original}"`,
			'Give the number with its country code, e.g. 919876543210 or +91 98765 43210 (9 to 15 digits). Spaces, dashes, a leading + or 00 are removed by the node.',
		);
	}
	return digits;
}

export function readPhoneNumber(context: IExecuteFunctions, itemIndex: number): string {
	return normalizePhoneNumber(
		context,
		itemIndex,
		context.getNodeParameter('phoneNumber', itemIndex),
	);
}

/** Whether `value` is an absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		return false;
	}
}

export function requireHttpUrl(
	context: NodeContext,
	itemIndex: number,
	raw: unknown,
	field: string,
): string {
	const value = readText(context, itemIndex, raw, field);
	if (!isHttpUrl(value)) {
		throw invalidInput(
			context,
			itemIndex,
			value === '' ? `'${field}' is empty` : `'${field}' is not an http(s) URL: "${value}"`,
			'Give a public URL starting with https:// (or http://) that WhatsApp can download.',
		);
	}
	return value;
}

export function requireList(
	context: NodeContext,
	itemIndex: number,
	values: string[],
	field: string,
	hint: string,
): string[] {
	if (values.length === 0) throw invalidInput(context, itemIndex, `'${field}' is empty`, hint);
	return values;
}
