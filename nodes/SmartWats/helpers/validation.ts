import type { IExecuteFunctions } from 'n8n-workflow';
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

export function readPhoneNumber(context: IExecuteFunctions, itemIndex: number): string {
	return normalizePhoneNumber(
		context,
		itemIndex,
		context.getNodeParameter('phoneNumber', itemIndex),
	);
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

export function requireList(
	context: IExecuteFunctions,
	itemIndex: number,
	values: string[],
	field: string,
	hint: string,
): string[] {
	if (values.length === 0) throw invalidInput(context, itemIndex, `'${field}' is empty`, hint);
	return values;
}
