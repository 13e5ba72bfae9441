import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION, updateDisplayOptions } from 'n8n-workflow';

import { contactDetailsPayload, findContact } from '../../helpers/contact';
import { invalidInput, readPhoneNumber } from '../../helpers/validation';
import type { ParameterSource } from '../../sendAndWait/config';
import {
	readButtonText,
	readMessage,
	readResponsePage,
	readWaitLimit,
} from '../../sendAndWait/config';
import { sendAndWaitProperties } from '../../sendAndWait/descriptions';
import { apiRequest } from '../../transport';
import { newContactOption, phoneNumberField } from '../common.descriptions';

const properties: INodeProperties[] = [
	phoneNumberField,
	...sendAndWaitProperties,
	newContactOption,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: [SEND_AND_WAIT_OPERATION] } },
	properties,
);

/**
 * Sends the question with one call-to-action button and puts the execution to wait; n8n resumes it through the
 * node's webhook with the answer, or with this input item when the wait limit passes.
 *
 * One button, never links in the text: the signed resume link is some 150 characters of path and hex that a text
 * message would show in full (and preview), while a button shows only its label. The button opens a page that
 * holds both choices, because the page must ask for a tap anyway: opening a link can never count as an answer,
 * since WhatsApp's link previews and scanners open links too.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const items = this.getInputData();
	if (items.length > 1) {
		throw invalidInput(
			this,
			itemIndex,
			`Send and Wait for Response takes one item at a time, got ${items.length}`,
			'An execution can wait for one answer per node. To ask for each item, put a Loop Over Items node (batch size 1) before this node; to ask once about all of them, combine them first with an Aggregate node.',
		);
	}
	const source: ParameterSource = {
		context: this,
		itemIndex,
		read: (name, fallback) => this.getNodeParameter(name, itemIndex, fallback) as unknown,
	};

	const phoneNumber = readPhoneNumber(this, itemIndex);
	const message = readMessage(source);
	const page = readResponsePage(source);
	const buttonText = readButtonText(source, page);
	const waitTill = readWaitLimit(source, this.getTimezone());
	const details = await contactDetailsPayload(
		this,
		itemIndex,
		this.getNodeParameter('newContact', itemIndex, {}) as IDataObject,
	);

	// SmartWats answers an interactive message to an unknown number with HTTP 500 instead of creating the contact.
	if (!(await findContact(this, itemIndex, phoneNumber))) {
		await apiRequest.call(this, 'POST', ['contact', 'create'], {
			body: { phone_number: phoneNumber, ...details },
			itemIndex,
		});
	}
	await apiRequest.call(this, 'POST', ['contact', 'send-interactive-message'], {
		body: {
			phone_number: phoneNumber,
			interactive_type: 'cta_url',
			body_text: message,
			cta_url: { display_text: buttonText, url: responseUrl(this) },
		},
		itemIndex,
	});
	await this.putExecutionToWait(waitTill);
	return items[itemIndex].json;
}

/**
 * n8n's signed link to this node's waiting webhook. n8n 2.x checks the signature of every send-and-wait link;
 * n8n 1.x checks it only for executions that ask for it.
 */
function responseUrl(context: IExecuteFunctions): string {
	const legacy = context as IExecuteFunctions & { setSignatureValidationRequired?: () => void };
	legacy.setSignatureValidationRequired?.();
	return context.getSignedResumeUrl();
}
