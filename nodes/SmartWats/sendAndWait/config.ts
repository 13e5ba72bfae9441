import type { IDataObject } from 'n8n-workflow';
import { WAIT_INDEFINITELY } from 'n8n-workflow';
import { DateTime } from 'luxon';

/** Reads one node parameter; the operation and the webhook each bind it to their own context. */
export type ReadParameter = (name: string, fallback: unknown) => unknown;

/** Builds the error for input that cannot work, worded as the node's other input errors are. */
export type Refuse = (message: string, description: string) => Error;

export type ResponseType = 'approval' | 'freeText' | 'customForm';

export interface FormField {
	label: string;
	type: 'text' | 'textarea' | 'number' | 'email' | 'date' | 'dropdown';
	placeholder: string;
	required: boolean;
	options: string[];
}

/** Everything the response page needs, read from the node's parameters. */
export interface ResponsePage {
	responseType: ResponseType;
	withDecline: boolean;
	approveLabel: string;
	declineLabel: string;
	fields: FormField[];
	title: string;
	description: string;
	submitLabel: string;
	confirmationTitle: string;
	confirmationText: string;
}

// WhatsApp's limits for a message with a call-to-action button.
export const BODY_TEXT_MAX = 1024;
export const BUTTON_TEXT_MAX = 20;

export const DEFAULT_APPROVE_LABEL = 'Approve';
export const DEFAULT_DECLINE_LABEL = 'Decline';
export const DEFAULT_CONFIRMATION_TITLE = 'Got it, thanks';
export const DEFAULT_CONFIRMATION_TEXT = 'Your answer was recorded. You can close this page.';
const DEFAULT_BUTTON_TEXT = 'Respond';
const DEFAULT_SUBMIT_LABEL = 'Submit';

const FIELD_TYPES: Array<FormField['type']> = [
	'text',
	'textarea',
	'number',
	'email',
	'date',
	'dropdown',
];

const text = (value: unknown) => String(value ?? '').trim();

export function readResponsePage(read: ReadParameter, refuse: Refuse): ResponsePage {
	const responseType = read('responseType', 'approval') as ResponseType;
	const approval = read('approvalOptions.values', {}) as IDataObject;
	const options = read('options', {}) as IDataObject;
	return {
		responseType,
		withDecline: approval.approvalType === 'double',
		approveLabel: text(approval.approveLabel) || DEFAULT_APPROVE_LABEL,
		declineLabel: text(approval.disapproveLabel) || DEFAULT_DECLINE_LABEL,
		fields: responseType === 'customForm' ? readFormFields(read, refuse) : [],
		title: text(options.responseFormTitle),
		description: text(options.responseFormDescription),
		submitLabel: text(options.responseFormButtonLabel) || DEFAULT_SUBMIT_LABEL,
		confirmationTitle: text(options.confirmationTitle) || DEFAULT_CONFIRMATION_TITLE,
		confirmationText: text(options.confirmationText) || DEFAULT_CONFIRMATION_TEXT,
	};
}

function readFormFields(read: ReadParameter, refuse: Refuse): FormField[] {
	const entries = (read('formFields.values', []) as IDataObject[]) ?? [];
	const fix = 'Give every field a label of its own; a dropdown needs at least one option.';
	if (entries.length === 0) {
		throw refuse('The custom form has no fields', "Add fields under 'Form Fields'.");
	}
	const fields = entries.map((entry, position): FormField => {
		const label = text(entry.fieldLabel);
		if (label === '') throw refuse(`Form field ${position + 1} has no label`, fix);
		const type = FIELD_TYPES.includes(entry.fieldType as FormField['type'])
			? (entry.fieldType as FormField['type'])
			: 'text';
		const options = (((entry.fieldOptions as IDataObject)?.values ?? []) as IDataObject[])
			.map((option) => text(option.option))
			.filter((option) => option !== '');
		if (type === 'dropdown' && options.length === 0) {
			throw refuse(`The dropdown "${label}" has no options`, fix);
		}
		if (type === 'dropdown' && new Set(options).size !== options.length) {
			throw refuse(`The dropdown "${label}" lists an option twice`, fix);
		}
		return {
			label,
			type,
			placeholder: text(entry.placeholder),
			required: entry.requiredField === true,
			options: type === 'dropdown' ? options : [],
		};
	});
	const labels = fields.map((field) => field.label);
	const repeated = labels.find((label, position) => labels.indexOf(label) !== position);
	// The answer is keyed by label, as in n8n's own forms, so two fields with one label would overwrite each other.
	if (repeated !== undefined) throw refuse(`Two form fields are labelled "${repeated}"`, fix);
	return fields;
}

/** The question as WhatsApp shows it, checked against WhatsApp's limit for a message with a button. */
export function readMessage(read: ReadParameter, refuse: Refuse): string {
	const message = text(read('message', ''));
	if (message === '') {
		throw refuse("'Message' is empty", 'Write the question the contact should answer.');
	}
	if (message.length > BODY_TEXT_MAX) {
		throw refuse(
			`'Message' has ${message.length} characters; WhatsApp allows ${BODY_TEXT_MAX} in a message with a button`,
			'Shorten the message. For a form, longer explanations fit in the Response Form Description option, shown on the page.',
		);
	}
	return message;
}

/** The label of the WhatsApp button that opens the response page. */
export function readButtonText(read: ReadParameter, page: ResponsePage, refuse: Refuse): string {
	const given = text((read('options', {}) as IDataObject).messageButtonLabel);
	if (given !== '') {
		if (given.length > BUTTON_TEXT_MAX) {
			throw refuse(
				`'Message Button Label' has ${given.length} characters; WhatsApp allows ${BUTTON_TEXT_MAX}`,
				'Shorten it.',
			);
		}
		return given;
	}
	let derived = DEFAULT_BUTTON_TEXT;
	if (page.responseType === 'approval') {
		derived = page.withDecline ? `${page.approveLabel} / ${page.declineLabel}` : page.approveLabel;
	}
	return derived.length <= BUTTON_TEXT_MAX ? derived : DEFAULT_BUTTON_TEXT;
}

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** When the wait ends without an answer: the Limit Wait Time option, or never. */
export function readWaitLimit(
	read: ReadParameter,
	timezone: string,
	refuse: Refuse,
	now = new Date(),
): Date {
	const limit = read('options.limitWaitTime.values', {}) as IDataObject;
	if (!limit || Object.keys(limit).length === 0) return WAIT_INDEFINITELY;
	if (limit.limitType === 'atSpecifiedTime') {
		const at = toInstant(limit.maxDateAndTime, timezone);
		if (!at) {
			throw refuse(
				`'Max Date and Time' is not a date and time: "${String(limit.maxDateAndTime ?? '')}"`,
				'Pick a date and time, or give an ISO time such as 2026-12-01T18:00 (read in the workflow timezone).',
			);
		}
		if (at.getTime() <= now.getTime()) {
			throw refuse(
				`'Max Date and Time' is in the past: ${at.toISOString()}`,
				'Give a time after now, or the link would stop working before the contact can answer.',
			);
		}
		return at;
	}
	const amount = Number(limit.resumeAmount ?? 45);
	const unit = UNIT_MS[String(limit.resumeUnit ?? 'minutes')] ?? UNIT_MS.minutes;
	if (!Number.isFinite(amount) || amount <= 0) {
		throw refuse(
			`'Amount' of the wait limit must be more than 0, got ${String(limit.resumeAmount)}`,
			'Give how long to wait for the answer, e.g. 45 minutes or 1 day.',
		);
	}
	return new Date(now.getTime() + amount * unit);
}

/** A dateTime field gives wall time without an offset (read in the workflow timezone); expressions may give more. */
function toInstant(raw: unknown, timezone: string): Date | undefined {
	let moment: DateTime | undefined;
	if (raw instanceof Date) moment = DateTime.fromJSDate(raw);
	else if (DateTime.isDateTime(raw)) moment = DateTime.fromMillis(raw.toMillis());
	else if (typeof raw === 'string' && raw.trim() !== '')
		moment = DateTime.fromISO(raw.trim(), { zone: timezone });
	return moment?.isValid ? moment.toJSDate() : undefined;
}
