import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { WAIT_INDEFINITELY } from 'n8n-workflow';
import { DateTime } from 'luxon';

import {
	invalidInput,
	LIMITS,
	readBoolean,
	readNumber,
	readText,
	requireText,
} from '../helpers/validation';

/** Reads one node parameter; the operation and the webhook each bind it to their own context. */
export type ReadParameter = (name: string, fallback: unknown) => unknown;

/**
 * Where the parameters are read: the operation's or the webhook's context (both name the node in an error), the
 * item, and how to read a parameter there.
 */
export interface ParameterSource {
	context: Pick<IExecuteFunctions, 'getNode'>;
	itemIndex: number;
	read: ReadParameter;
}

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

const RESPONSE_TYPES: ResponseType[] = ['approval', 'freeText', 'customForm'];

/** An option's value from a dropdown (an expression may give anything), or the default when none is set. */
function readChoice<T extends string>(
	{ context, itemIndex }: ParameterSource,
	raw: unknown,
	field: string,
	choices: T[],
	fallback: T,
): T {
	const value = readText(context, itemIndex, raw, field);
	if (value === '') return fallback;
	if (!choices.includes(value as T)) {
		throw invalidInput(
			context,
			itemIndex,
			`'${field}' cannot be "${value}"`,
			`Choose one of: ${choices.join(', ')}.`,
		);
	}
	return value as T;
}

export function readResponsePage(source: ParameterSource): ResponsePage {
	const { context, itemIndex, read } = source;
	const optional = (raw: unknown, field: string) => readText(context, itemIndex, raw, field);
	const responseType = readChoice(
		source,
		read('responseType', 'approval'),
		'Response Type',
		RESPONSE_TYPES,
		'approval',
	);
	const approval = (read('approvalOptions.values', {}) ?? {}) as IDataObject;
	const options = (read('options', {}) ?? {}) as IDataObject;
	return {
		responseType,
		withDecline:
			readChoice(
				source,
				approval.approvalType,
				'Type of Approval',
				['single', 'double'],
				'single',
			) === 'double',
		approveLabel: optional(approval.approveLabel, 'Approve Button Label') || DEFAULT_APPROVE_LABEL,
		declineLabel:
			optional(approval.disapproveLabel, 'Decline Button Label') || DEFAULT_DECLINE_LABEL,
		fields: responseType === 'customForm' ? readFormFields(source) : [],
		title: optional(options.responseFormTitle, 'Response Form Title'),
		description: optional(options.responseFormDescription, 'Response Form Description'),
		submitLabel:
			optional(options.responseFormButtonLabel, 'Response Form Button Label') ||
			DEFAULT_SUBMIT_LABEL,
		confirmationTitle:
			optional(options.confirmationTitle, 'Confirmation Title') || DEFAULT_CONFIRMATION_TITLE,
		confirmationText:
			optional(options.confirmationText, 'Confirmation Text') || DEFAULT_CONFIRMATION_TEXT,
	};
}

function readFormFields(source: ParameterSource): FormField[] {
	const { context, itemIndex, read } = source;
	const refuse = (message: string) =>
		invalidInput(
			context,
			itemIndex,
			message,
			'Give every field a label of its own; a dropdown needs at least one option.',
		);
	const entries = (read('formFields.values', []) ?? []) as IDataObject[];
	if (entries.length === 0) {
		throw invalidInput(
			context,
			itemIndex,
			'The custom form has no fields',
			"Add fields under 'Form Fields'.",
		);
	}
	const fields = entries.map((entry, position): FormField => {
		const name = `Form Fields → field ${position + 1}`;
		const label = readText(context, itemIndex, entry.fieldLabel, `${name} → Field Label`);
		if (label === '') throw refuse(`Form field ${position + 1} has no label`);
		const type = readChoice(source, entry.fieldType, `${name} → Field Type`, FIELD_TYPES, 'text');
		const options = (((entry.fieldOptions as IDataObject)?.values ?? []) as IDataObject[])
			.map((option) => readText(context, itemIndex, option.option, `${name} → Option`))
			.filter((option) => option !== '');
		if (type === 'dropdown' && options.length === 0) {
			throw refuse(`The dropdown "${label}" has no options`);
		}
		if (type === 'dropdown' && new Set(options).size !== options.length) {
			throw refuse(`The dropdown "${label}" lists an option twice`);
		}
		return {
			label,
			type,
			placeholder: readText(context, itemIndex, entry.placeholder, `${name} → Placeholder`),
			required: readBoolean(
				context,
				itemIndex,
				entry.requiredField ?? false,
				`${name} → Required Field`,
			),
			options: type === 'dropdown' ? options : [],
		};
	});
	const labels = fields.map((field) => field.label);
	const repeated = labels.find((label, position) => labels.indexOf(label) !== position);
	// The answer is keyed by label, as in n8n's own forms, so two fields with one label would overwrite each other.
	if (repeated !== undefined) throw refuse(`Two form fields are labelled "${repeated}"`);
	return fields;
}

/** The question as WhatsApp shows it above the button (an interactive message's body). */
export function readMessage({ context, itemIndex, read }: ParameterSource): string {
	return requireText(context, itemIndex, read('message', ''), 'Message', {
		maxLength: LIMITS.interactiveBody,
		hint: 'Write the question the contact should answer.',
	});
}

/** The label of the WhatsApp button that opens the response page. */
export function readButtonText(source: ParameterSource, page: ResponsePage): string {
	const { context, itemIndex, read } = source;
	const options = (read('options', {}) ?? {}) as IDataObject;
	const given = readText(context, itemIndex, options.messageButtonLabel, 'Message Button Label', {
		maxLength: LIMITS.buttonText,
	});
	if (given !== '') return given;
	let derived = DEFAULT_BUTTON_TEXT;
	if (page.responseType === 'approval') {
		derived = page.withDecline ? `${page.approveLabel} / ${page.declineLabel}` : page.approveLabel;
	}
	// Characters as WhatsApp counts them (an emoji is one).
	return [...derived].length <= LIMITS.buttonText ? derived : DEFAULT_BUTTON_TEXT;
}

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** When the wait ends without an answer: the Limit Wait Time option, or never. */
export function readWaitLimit(source: ParameterSource, timezone: string, now = new Date()): Date {
	const { context, itemIndex, read } = source;
	const limit = (read('options.limitWaitTime.values', {}) ?? {}) as IDataObject;
	if (Object.keys(limit).length === 0) return WAIT_INDEFINITELY;
	const limitType = readChoice(
		source,
		limit.limitType,
		'Limit Type',
		['afterTimeInterval', 'atSpecifiedTime'],
		'afterTimeInterval',
	);
	if (limitType === 'atSpecifiedTime') {
		const given = readText(context, itemIndex, limit.maxDateAndTime, 'Max Date and Time');
		// A dateTime field gives wall time without an offset, read in the workflow timezone; an expression may add one.
		const moment = DateTime.fromISO(given, { zone: timezone });
		if (!moment.isValid) {
			throw invalidInput(
				context,
				itemIndex,
				given === ''
					? "'Max Date and Time' is empty"
					: `'Max Date and Time' is not a date and time: "${given}"`,
				'Pick a date and time, or give an ISO time such as 2026-12-01T18:00 (read in the workflow timezone).',
			);
		}
		const at = moment.toJSDate();
		if (at.getTime() <= now.getTime()) {
			throw invalidInput(
				context,
				itemIndex,
				`'Max Date and Time' is in the past: ${at.toISOString()}`,
				'Give a time after now, or the link would stop working before the contact can answer.',
			);
		}
		return at;
	}
	const unit = readChoice(
		source,
		limit.resumeUnit,
		'Unit',
		['minutes', 'hours', 'days'],
		'minutes',
	);
	const amount = readNumber(context, itemIndex, limit.resumeAmount ?? 45, 'Amount', {
		min: 0.01,
		max: MAX_WAIT_MS / UNIT_MS[unit],
		hint: 'Give how long to wait for the answer, e.g. 45 minutes or 1 day (at most a year).',
	});
	return new Date(now.getTime() + amount * UNIT_MS[unit]);
}

/** The longest interval Limit Wait Time takes: a year. Longer would be a typo, not a plan. */
const MAX_WAIT_MS = 366 * 86_400_000;
