import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../helpers/utils';

export interface HttpAnswer {
	statusCode?: number;
	headers?: IDataObject;
	body?: unknown;
	networkError?: NetworkError;
}

export interface Wording {
	message: string;
	description: string;
}

export interface FailureDescription extends Wording {
	httpCode?: string;
	/** What the error keeps as its cause: only what the server said, never the request (it holds the token). */
	response: IDataObject;
	/**
	 * The request was written and the answer is neither a clear success nor a clear refusal, so a change may have
	 * been carried out. Only ever true for a change (not a GET).
	 */
	mayHaveBeenCarriedOut: boolean;
}

/**
 * What one call is about, declared by the operation that makes it: SmartWats' answers that it does not exist, or
 * already exists, are then worded with it instead of in general terms.
 */
export type Subject =
	| { contactPhoneNumber: string }
	| { contactEmail: string }
	| { campaignUid: string };

// SmartWats' ways of saying that the contact a call names does not exist (besides Campaign Status' empty 404).
const NOT_FOUND_MESSAGES = [/^Contact not found/i, /^Contact user does not exist/i];

/** SmartWats' ways of saying that everything already was as asked: for a change, not a failure. */
export const NO_CHANGE = /^(No changes|Nothing to update)/i;

/** The words for a subject that does not exist, whether SmartWats said so with a failure or with an empty answer. */
export function notFound(subject: Subject): Wording {
	if ('campaignUid' in subject) {
		return {
			message: `Campaign "${subject.campaignUid}" not found in SmartWats`,
			description:
				'Check the campaign: choose it from the list, or use the campaignUid output by Campaign → Create or the uid of a campaign from Campaign → Get Many (_uid with Simplify off).',
		};
	}
	const key =
		'contactEmail' in subject
			? `email ${subject.contactEmail}`
			: `phone number ${subject.contactPhoneNumber}`;
	return {
		message: `No SmartWats contact has the ${key}`,
		description:
			'SmartWats matches the exact number it stored (country code first, digits only) or the exact email. Check the value, or find the contact with Contact → Get Many and its Search option.',
	};
}

const MAY_HAVE_BEEN_SENT =
	'The request was sent to SmartWats but no clear answer came back, so it may or may not have been carried out. ' +
	'The node does not retry it automatically, to avoid doing it twice.';

const CHECK_MESSAGE =
	' For a message, look it up with Message → Get Status (or in the SmartWats chat) before sending it again.';

// Hints for the API's own failure messages (HTTP 200 with result "failed"), keyed by the start of the message.
const HINTS: Array<[RegExp, string]> = [
	[
		/^Invalid Token|^Invalid Vendor$/i,
		'Check the SmartWats API credential: copy the access token and vendor UID again from SmartWats → Settings → API Access & Webhook. Generating a new token voids the old one.',
	],
	[
		/WhatsApp Cloud API Setup/i,
		'Finish connecting your WhatsApp Business Account in SmartWats → Settings → WhatsApp Cloud API Setup.',
	],
	[
		/from phone number not available/i,
		"Set 'Sender Phone Number ID' to the Meta phone number ID of one of your SmartWats numbers (not the display number), or leave it empty to use the default number.",
	],
	[
		/Template for the selected language not found/i,
		'Pick the template from the list, or sync templates in SmartWats if it was created on Meta recently.',
	],
	[/Test Contact missing/i, 'Set a Test Contact in SmartWats → Settings → WhatsApp Settings.'],
	[
		/Failed to recognize the datetime/i,
		'Give the schedule as a date and time; the node converts it to the format SmartWats needs.',
	],
	[/not in active state/i, 'Ask your SmartWats administrator to reactivate the account.'],
	[
		/^Invalid Vendor admin/i,
		'This SmartWats account has no admin user. Ask your SmartWats administrator to restore it.',
	],
	[
		/^Team member does not exist/i,
		'Give the email address (or mobile number) of a team member in SmartWats → Team Members. User names are not accepted.',
	],
	[
		/^Invalid user/i,
		'That user exists in SmartWats but is not a team member of this account. Check the email or mobile number.',
	],
	[
		/^Invalid groups uid/i,
		'None of the chosen groups exists in SmartWats (any more). Choose them from the list again, or give their titles or UIDs exactly as in SmartWats.',
	],
	[
		/^Invalid labels uid/i,
		'None of the chosen labels exists in SmartWats (any more). Choose them from the list again, or give their titles or UIDs exactly as in SmartWats.',
	],
	[
		/^Invalid contacts uid/i,
		"None of the contacts exists in SmartWats. Check the UIDs (the contact's _uid, from Contact → Get or Get Many), or set 'Contacts By' to Phone Number.",
	],
];

/** "1 second", "30 seconds". */
export function seconds(ms: number): string {
	const value = ms / 1000;
	return `${value} second${value === 1 ? '' : 's'}`;
}

// Socket and TLS failures that happen before the request is written: nothing can have reached SmartWats.
const NOT_CONNECTED =
	/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ERR_INVALID_URL)$/;
const NOT_TRUSTED =
	/^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_)/;

export interface FailedRequest {
	method: string;
	endpoint: string[];
	timeoutMs: number;
	subject?: Subject;
	/** The request's deadline passed (see `callApi`). */
	timedOut?: boolean;
	/** The execution was cancelled while the request was under way. */
	cancelled?: boolean;
}

export function describeFailure(answer: HttpAnswer, request: FailedRequest): FailureDescription {
	const where = `${request.method} ${request.endpoint.join('/')}`;
	const isWrite = request.method !== 'GET';
	const ambiguous = MAY_HAVE_BEEN_SENT + CHECK_MESSAGE;
	/** For an answer that came after the request was written and says neither yes nor no. */
	const unclear = (forRead: string) => ({
		description: isWrite ? ambiguous : forRead,
		mayHaveBeenCarriedOut: isWrite,
	});

	if (answer.networkError) {
		const { code, detail } = networkErrorCode(answer.networkError);
		if (NOT_CONNECTED.test(code) || NOT_TRUSTED.test(code)) {
			return {
				// No socket code in the message: n8n would swap a message containing one for its generic text.
				message: NOT_TRUSTED.test(code)
					? 'Could not open a secure connection to SmartWats'
					: 'Could not reach SmartWats',
				description: `Nothing was sent (${code} on ${where}). ${
					NOT_TRUSTED.test(code)
						? 'The server did not show a certificate n8n trusts: check the API Base URL in the SmartWats API credential (the host name must match the certificate).'
						: 'Check the API Base URL in the SmartWats API credential.'
				}`,
				response: { networkError: code },
				mayHaveBeenCarriedOut: false,
			};
		}
		const timedOut =
			request.timedOut === true || /ETIMEDOUT|ECONNABORTED|timeout/i.test(`${code} ${detail}`);
		const message = request.cancelled
			? 'The execution was cancelled while waiting for SmartWats'
			: timedOut
				? `SmartWats did not answer within ${seconds(request.timeoutMs)}`
				: 'The connection to SmartWats was closed before the whole answer arrived';
		const { description, mayHaveBeenCarriedOut } = unclear(
			"Try again later, or raise the Timeout in the node's Request Options.",
		);
		// The deadline aborts the request, which axios reports as ERR_CANCELED: show what it means.
		const shownCode = request.timedOut
			? 'ETIMEDOUT'
			: code || (timedOut ? 'ETIMEDOUT' : 'ECONNRESET');
		return {
			message,
			description: `${description} (${shownCode} on ${where})`,
			response: { networkError: shownCode },
			mayHaveBeenCarriedOut,
		};
	}

	const status = answer.statusCode ?? 0;
	const httpCode = String(status);
	const body = answer.body;

	if (status >= 300 && status < 400) {
		const location = headerValue(answer.headers, 'location');
		const target = location ? ` to ${location}` : '';
		const fix =
			'If SmartWats has moved (e.g. from http:// to https://), put its new address in the API Base URL of the SmartWats API credential.';
		return {
			message: `SmartWats redirected the request${target} (HTTP ${status})`,
			description: isWrite
				? `The node does not follow redirects for changes, so that the access token and what was sent never reach another address. ${ambiguous} ${fix}`
				: `The node follows a redirect only to the same address (scheme, host and port) as the API Base URL, so that the access token is never sent elsewhere. ${fix}`,
			httpCode,
			response: { httpCode, location: location ?? null },
			mayHaveBeenCarriedOut: isWrite,
		};
	}

	if (!isObject(body)) {
		const text = typeof body === 'string' ? body : '';
		const looksLikeHtml = /^\s*</.test(text);
		const kind = text.trim() === '' ? 'an empty answer' : looksLikeHtml ? 'an HTML page' : 'text';
		const checkBaseUrl =
			"Check the API Base URL in the SmartWats API credential: it must be the 'API Base URL' from SmartWats → Settings → API Access & Webhook, ending in /api.";
		const base = {
			message: `SmartWats sent ${kind} (HTTP ${status}) instead of JSON`,
			httpCode,
			response: { httpCode, body: text.slice(0, 500) },
		};
		if (status === 404 || status === 405) {
			return { ...base, description: checkBaseUrl, mayHaveBeenCarriedOut: false };
		}
		if (status >= 400 && status < 500) {
			return {
				...base,
				description: `SmartWats or a proxy in front of it refused ${where}; nothing was carried out. ${checkBaseUrl}`,
				mayHaveBeenCarriedOut: false,
			};
		}
		if (status >= 500) {
			const { description, mayHaveBeenCarriedOut } = unclear('Try again later.');
			return {
				...base,
				description: `SmartWats or a proxy in front of it had trouble. ${description}`,
				mayHaveBeenCarriedOut,
			};
		}
		const { description, mayHaveBeenCarriedOut } = unclear(
			looksLikeHtml ? checkBaseUrl : `Unexpected answer to ${where}. Try again later.`,
		);
		return {
			...base,
			description: looksLikeHtml && isWrite ? `${description} ${checkBaseUrl}` : description,
			mayHaveBeenCarriedOut,
		};
	}

	const envelope = body;
	const subject = request.subject;
	const apiMessage = typeof envelope.message === 'string' ? envelope.message.trim() : '';
	const refused = { httpCode, response: envelope, mayHaveBeenCarriedOut: false };

	if (status >= 200 && status < 300 && envelope.result !== 'failed' && !('reaction' in envelope)) {
		// JSON, but not SmartWats' {result, message, data}: something else answered, or SmartWats changed.
		const { description, mayHaveBeenCarriedOut } = unclear(
			'Check the API Base URL in the SmartWats API credential: it may point at another service.',
		);
		return {
			message: `SmartWats sent JSON without its usual result (HTTP ${status})`,
			description,
			httpCode,
			response: envelope,
			mayHaveBeenCarriedOut,
		};
	}

	if (status === 422) {
		const errors = (envelope.errors ?? {}) as IDataObject;
		const lines = Object.entries(errors).map(
			([field, messages]) =>
				`${field}: ${Array.isArray(messages) ? messages.join(' ') : String(messages)}`,
		);
		const fields = Object.keys(errors);
		const taken = alreadyTaken(errors);
		if (taken && subject && 'contactPhoneNumber' in subject) {
			return {
				message: `SmartWats: ${taken} (${subject.contactPhoneNumber})`,
				description:
					'A contact with this number already exists. Use Contact → Update to change it, or Contact → Get to read it.',
				...refused,
			};
		}
		const firstMessage = ([] as unknown[]).concat(errors[fields[0]] ?? apiMessage)[0];
		return {
			// Laravel's messages name the field themselves ("The phone number has already been taken.").
			message:
				fields.length > 1
					? `SmartWats rejected ${fields.length} fields: ${fields.join(', ')}`
					: `SmartWats rejected the request: ${String(firstMessage ?? 'invalid input')}`,
			description: lines.length ? lines.join('\n') : apiMessage,
			...refused,
		};
	}

	if (status === 429) {
		return {
			message: 'SmartWats rate limit reached and it did not clear after waiting',
			description:
				"Nothing was sent by the throttled request. SmartWats allows 60 requests a minute per IP address by default: set 'Requests Per Minute' in the node's Request Options to spread a large batch out.",
			...refused,
		};
	}

	if (status === 401) {
		return {
			message: `SmartWats refused the request: ${apiMessage || 'not authorised'}`,
			description:
				'Your SmartWats plan does not include API access for sending messages. Upgrade the plan in SmartWats, or ask your SmartWats administrator.',
			...refused,
		};
	}

	const saysNotFound =
		envelope.result === 'failed' &&
		(status === 404 || NOT_FOUND_MESSAGES.some((pattern) => pattern.test(apiMessage)));
	if (saysNotFound && subject) {
		return { ...notFound(subject), ...refused };
	}

	if (status === 404 && apiMessage === '') {
		return {
			message: `Not found in SmartWats (${where})`,
			description: 'Check the ID or UID given to the node.',
			...refused,
		};
	}

	if (isObject(envelope.data) && 'message' in envelope.data && !apiMessage) {
		// The one endpoint that answers in the UI's internal envelope (duplicate interactive button labels).
		const text = String(envelope.data.message);
		return {
			message: `SmartWats: ${text}`,
			description: 'Change the input and try again.',
			...refused,
		};
	}

	if (status >= 500) {
		const { description, mayHaveBeenCarriedOut } = unclear('Try again later.');
		return {
			message: `SmartWats failed to handle the request (HTTP ${status}${apiMessage ? `: ${apiMessage}` : ''})`,
			description,
			httpCode,
			response: envelope,
			mayHaveBeenCarriedOut,
		};
	}

	if ((status === 404 || status === 405) && envelope.result === undefined) {
		return {
			message: `SmartWats: ${apiMessage || `HTTP ${status}`}`,
			description: `SmartWats does not offer ${where} at this address. Check the API Base URL in the SmartWats API credential: it must end in /api.`,
			...refused,
		};
	}

	const hint = HINTS.find(([pattern]) => pattern.test(apiMessage))?.[1];
	// Send failures mirror Meta's HTTP status and keep SmartWats' envelope.
	const fromMeta = status >= 400 && envelope.result === 'failed';
	return {
		message: `SmartWats: ${apiMessage || 'the request was refused without a message'}`,
		description:
			hint ??
			(fromMeta
				? 'WhatsApp (Meta) rejected the message. Check the recipient number and, for templates, the parameters.'
				: `SmartWats answered ${where} with result "failed".`),
		...refused,
	};
}

function headerValue(headers: IDataObject | undefined, name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	const first = Array.isArray(value) ? value[0] : value;
	return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

/** Laravel's message when a create finds the phone number in use: the contact already exists. */
function alreadyTaken(errors: IDataObject): string | undefined {
	const messages = Array.isArray(errors.phone_number) ? errors.phone_number.map(String) : [];
	return messages.find((text) => /already been taken/i.test(text));
}

export type NetworkError = Error & {
	code?: string;
	cause?: NetworkError;
	errorResponse?: { code?: string; message?: string };
};

/** n8n wraps transport failures in its own error; the socket's code sits on the error or on its cause. */
function networkErrorCode(error: NetworkError): { code: string; detail: string } {
	const chain = [error, error.cause, error.cause?.cause].filter(
		(entry): entry is NetworkError => !!entry,
	);
	const code =
		chain.map((entry) => entry.code ?? entry.errorResponse?.code).find((value) => !!value) ?? '';
	const detail = chain
		.map((entry) => `${entry.message ?? ''} ${entry.errorResponse?.message ?? ''}`)
		.join(' ');
	return { code, detail };
}
