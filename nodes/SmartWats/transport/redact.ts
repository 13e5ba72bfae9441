const REDACTED = '[redacted]';

// Any bearer credential, whoever's: a proxy page that echoes the request's headers shows it in full.
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;

function redactText(text: string, secrets: string[]): string {
	// The cheap test first: most strings of a large page hold neither.
	let result = /bearer/i.test(text) ? text.replace(BEARER, `$1 ${REDACTED}`) : text;
	for (const secret of secrets) {
		if (secret !== '' && result.includes(secret)) result = result.split(secret).join(REDACTED);
	}
	return result;
}

/**
 * `value` with the access token (and any `Bearer …`) replaced in every string it holds, keys included. Everything the
 * node keeps from an answer (output, an error's message, description and response) goes through this, because n8n
 * stores all of it with the execution. Objects without a secret are returned as they are, not copied.
 */
export function redact<T>(value: T, secrets: string[]): T {
	return redactValue(value, secrets) as T;
}

function redactValue(value: unknown, secrets: string[]): unknown {
	if (typeof value === 'string') return redactText(value, secrets);
	if (Array.isArray(value)) {
		let changed = false;
		const result = value.map((entry) => {
			const redacted = redactValue(entry, secrets);
			changed ||= redacted !== entry;
			return redacted;
		});
		return changed ? result : value;
	}
	if (typeof value === 'object' && value !== null) {
		let changed = false;
		const result: Record<string, unknown> = {};
		for (const [key, entry] of Object.entries(value)) {
			const redactedKey = redactText(key, secrets);
			const redacted = redactValue(entry, secrets);
			changed ||= redacted !== entry || redactedKey !== key;
			result[redactedKey] = redacted;
		}
		return changed ? result : value;
	}
	return value;
}
