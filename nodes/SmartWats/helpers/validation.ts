import type { IExecuteFunctions, IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** A user-facing input problem found before anything is sent. */
export function invalidInput(
	context: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), message, { itemIndex, description });
}

/**
 * SmartWats matches contacts by the exact digits it stored: country code first, no `+`, no leading zeros.
 * A `+` would create a duplicate contact on every send, so the node normalises before sending.
 */
export function normalizePhoneNumber(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	field = 'Phone Number',
): string {
	const original = String(raw ?? '').trim();
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

export function requireHttpUrl(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	field: string,
): string {
	const value = String(raw ?? '').trim();
	let valid = false;
	try {
		const url = new URL(value);
		valid = (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
	} catch {
		valid = false;
	}
	if (!valid) {
		throw invalidInput(
			context,
			itemIndex,
			value === '' ? `'${field}' is empty` : `'${field}' is not an http(s) URL: "${value}"`,
			'Give a public URL starting with https:// (or http://) that WhatsApp can download.',
		);
	}
	return value;
}

export function requireText(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	field: string,
	hint = 'Fill it in, or map it from the input with an expression.',
): string {
	const value = String(raw ?? '').trim();
	if (value === '') throw invalidInput(context, itemIndex, `'${field}' is empty`, hint);
	return value;
}

/** Accepts an object, or a JSON string of one (what an expression or a text field gives). */
export function parseJsonObject(
	context: IExecuteFunctions,
	itemIndex: number,
	raw: unknown,
	field: string,
): IDataObject {
	if (raw === undefined || raw === null || raw === '') return {};
	if (typeof raw === 'object' && !Array.isArray(raw)) return raw as IDataObject;
	try {
		const parsed = JSON.parse(String(raw));
		if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
			return parsed as IDataObject;
	} catch {
		// reported below with the same message as a non-object value
	}
	throw invalidInput(
		context,
		itemIndex,
		`'${field}' is not a JSON object`,
		'Give an object such as {"BDay": "1990-02-01"}.',
	);
}

/** Drops keys whose value is empty so that only what the user set is sent. */
export function withoutEmpty(object: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(object)) {
		if (value === undefined || value === null || value === '') continue;
		result[key] = value;
	}
	return result;
}
