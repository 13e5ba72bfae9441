import type { IDataObject } from 'n8n-workflow';

export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A list as the node's fields give it: a dropdown's selection or an expression's array, each entry one value, or
 * text with the values separated by commas. Values are trimmed; empty ones are dropped. Where the values cannot
 * contain other separators (IDs, phone numbers), `separators` can add them, so that a pasted column works too.
 */
export function toList(value: unknown, separators: RegExp = /,/): string[] {
	const entries = Array.isArray(value)
		? value.filter((entry) => entry !== undefined && entry !== null).map(String)
		: String(value ?? '').split(separators);
	return entries.map((entry) => entry.trim()).filter((entry) => entry !== '');
}

export function unique(values: string[]): string[] {
	return [...new Set(values)];
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
