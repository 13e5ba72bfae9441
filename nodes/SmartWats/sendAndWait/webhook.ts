import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION } from 'n8n-workflow';

import type { FormField, ReadParameter, ResponsePage } from './config';
import { readResponsePage } from './config';
import type { AnswerState } from './pages';
import { answerPage, confirmationPage, unavailablePage } from './pages';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// The page carries a signed link: keep it out of caches, referrers and other sites' frames.
const PAGE_HEADERS = {
	'Content-Type': 'text/html; charset=utf-8',
	'Cache-Control': 'no-store',
	'Referrer-Policy': 'no-referrer',
	'X-Content-Type-Options': 'nosniff',
	'Content-Security-Policy':
		"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

/**
 * Serves the link of Send and Wait for Response, which n8n routes here while the execution waits on this node.
 * GET shows the question with its buttons or form and never records anything: WhatsApp's link previews and
 * link scanners open links before the person does. POST records the answer; n8n then resumes the execution with
 * it and stops routing the link here, so a second answer reaches n8n's own "No action required" page instead.
 */
export async function sendAndWaitWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const response = this.getResponseObject();
	const send = (status: number, html: string): IWebhookResponseData => {
		response.writeHead(status, PAGE_HEADERS);
		response.end(html);
		return { noWebhookResponse: true };
	};
	try {
		if (this.getNodeParameter('operation', '') !== SEND_AND_WAIT_OPERATION) {
			return send(404, unavailablePage('Nothing to answer here', 'This link is not in use.'));
		}
		const read: ReadParameter = (name, fallback) => this.getNodeParameter(name, fallback);
		// The execution waits for its one item: the webhook reads the parameters as item 0.
		const page = readResponsePage({ context: this, itemIndex: 0, read });
		const message = displayedMessage(read);
		if (this.getRequestObject().method !== 'POST') return send(200, answerPage(page, message));

		const answer = readAnswer(page, this.getBodyData());
		if ('problem' in answer) return send(400, answerPage(page, message, answer.problem));
		return {
			webhookResponse: confirmationPage(page),
			workflowData: [[{ json: { data: answer.data }, pairedItem: { item: 0 } }]],
		};
	} catch {
		// A webhook that throws makes n8n end the waiting execution with an error: show a page and keep waiting.
		return send(
			500,
			unavailablePage(
				'This page cannot be shown right now',
				'Your answer was not recorded. Please try the link again later.',
			),
		);
	}
}

/** The question as sent. An expression that no longer resolves must not stop the contact from answering. */
function displayedMessage(read: ReadParameter): string {
	try {
		return String(read('message', '') ?? '').trim();
	} catch {
		return '';
	}
}

type Answer = { data: IDataObject } | { problem: AnswerState };

/** Checks the submitted form against the page it came from; the answer has the shape n8n's built-in nodes give. */
export function readAnswer(page: ResponsePage, body: unknown): Answer {
	const form = (typeof body === 'object' && body !== null ? body : {}) as IDataObject;
	const field = (name: string): string => {
		const value = Array.isArray(form[name]) ? (form[name] as unknown[])[0] : form[name];
		return value === undefined || value === null ? '' : String(value);
	};
	const respondedAt = new Date().toISOString();

	if (page.responseType === 'approval') {
		const choice = field('approved');
		if (choice === 'true' || (choice === 'false' && page.withDecline)) {
			return { data: { approved: choice === 'true', respondedAt } };
		}
		return { problem: { formError: 'Tap one of the buttons to answer.' } };
	}

	if (page.responseType === 'freeText') {
		const text = field('field-0').trim();
		if (text === '') {
			return { problem: { values: [''], fieldErrors: ['Write your answer before sending.'] } };
		}
		return { data: { text, respondedAt } };
	}

	const values = page.fields.map((_, index) => field(`field-${index}`));
	const fieldErrors: string[] = [];
	const data: IDataObject = {};
	page.fields.forEach((formField, index) => {
		const checked = checkValue(formField, values[index]);
		if ('problem' in checked) fieldErrors[index] = checked.problem;
		else data[formField.label] = checked.value;
	});
	if (fieldErrors.length > 0) {
		return { problem: { values, fieldErrors, formError: 'Please correct the marked fields.' } };
	}
	// Set last, so a field labelled "respondedAt" cannot replace the time of the answer.
	data.respondedAt = respondedAt;
	return { data };
}

function checkValue(
	field: FormField,
	raw: string,
): { value: string | number | null } | { problem: string } {
	const value = field.type === 'textarea' ? raw.replace(/\s+$/, '') : raw.trim();
	if (value.trim() === '') {
		if (!field.required) return { value: null };
		return { problem: field.type === 'dropdown' ? 'Choose one of the options.' : 'Fill this in.' };
	}
	switch (field.type) {
		case 'number': {
			const number = Number(value);
			return Number.isFinite(number) ? { value: number } : { problem: 'Enter a number.' };
		}
		case 'email':
			return EMAIL.test(value)
				? { value }
				: { problem: 'Enter an email address like name@example.com.' };
		case 'date': {
			const match = DATE.exec(value);
			const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
			const real = date && date.toISOString().startsWith(value);
			return real ? { value } : { problem: 'Enter a date such as 2026-12-31.' };
		}
		case 'dropdown':
			return field.options.includes(value) ? { value } : { problem: 'Choose one of the options.' };
		default:
			return { value };
	}
}
