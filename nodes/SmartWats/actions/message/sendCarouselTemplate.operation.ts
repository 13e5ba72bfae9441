import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readBodyParameters, readTemplate } from '../../helpers/template';
import { withoutEmpty } from '../../helpers/utils';
import { invalidInput, LIMITS, readList, readText, requireHttpUrl } from '../../helpers/validation';
import { apiRequest } from '../../transport';
import { bodyParametersField, templatePicker } from '../template.descriptions';
import { readSendBase, sendFields } from './common';

const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER'];

interface CardInput {
	mediaType?: string;
	mediaUrl?: unknown;
	bodyValues?: unknown;
	buttonTypes?: unknown;
	quickReplyPayload?: unknown;
	urlButtonValue?: unknown;
}

const properties: INodeProperties[] = sendFields([
	templatePicker,
	{
		...bodyParametersField,
		description: "Values for the main message body's {{1}}, {{2}}, … in that order",
	},
	{
		displayName: 'Cards',
		name: 'cards',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Card',
		default: {},
		required: true,
		description: 'One entry per card of the template, in the same order (2 to 10 cards)',
		options: [
			{
				displayName: 'Card',
				name: 'card',
				values: [
					{
						displayName: 'Body Values',
						name: 'bodyValues',
						type: 'string',
						typeOptions: { rows: 3 },
						default: '',
						placeholder: 'e.g. Oak oil',
						description:
							"Values for the card body's {{1}}, {{2}}, … one per line, in that order (WhatsApp does not allow line breaks inside a value)",
					},
					{
						displayName: 'Button Types',
						name: 'buttonTypes',
						type: 'string',
						default: '',
						placeholder: 'e.g. QUICK_REPLY, URL',
						description:
							"The card's buttons in order, as in the template: QUICK_REPLY, URL or PHONE_NUMBER, separated by commas. Leave empty for a card without buttons.",
					},
					{
						displayName: 'Media Type',
						name: 'mediaType',
						type: 'options',
						default: 'image',
						options: [
							{
								name: 'Image',
								value: 'image',
							},
							{
								name: 'Video',
								value: 'video',
							},
						],
					},
					{
						displayName: 'Media URL',
						name: 'mediaUrl',
						type: 'string',
						default: '',
						placeholder: 'e.g. https://example.com/p1.jpg',
						description:
							'SmartWats downloads this file, so it must answer with an image/jpeg, image/png or video/mp4 content type',
					},
					{
						displayName: 'Quick Reply Payload',
						name: 'quickReplyPayload',
						type: 'string',
						default: '',
						placeholder: 'e.g. BUY_P1',
						description:
							'Payload returned when the customer taps a quick-reply button of this card',
					},
					{
						displayName: 'URL Button Value',
						name: 'urlButtonValue',
						type: 'string',
						default: '',
						placeholder: 'e.g. p1',
						description: "Text that replaces {{1}} in this card's URL button link",
					},
				],
			},
		],
	},
]);

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['sendCarouselTemplate'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const template = readTemplate(this, itemIndex);
	const cards =
		(this.getNodeParameter('cards', itemIndex, {}) as { card?: CardInput[] }).card ?? [];
	if (cards.length < 2 || cards.length > 10) {
		throw invalidInput(
			this,
			itemIndex,
			`A carousel needs 2 to 10 cards, got ${cards.length}`,
			"Add one entry under 'Cards' for each card of the template.",
		);
	}
	const bodyParameters = readBodyParameters(this, itemIndex);
	const carousel = cards.map((card, position) =>
		toCarouselCard(this, itemIndex, card, position + 1),
	);
	const body = {
		...(await readSendBase(this, itemIndex)),
		template_name: template.name,
		template_language: template.language,
		...bodyParameters,
		carousel_templates: carousel,
	};
	return await apiRequest.call(this, 'POST', ['contact', 'send-carousel-template-message'], {
		body,
		itemIndex,
	});
}

function toCarouselCard(
	context: IExecuteFunctions,
	itemIndex: number,
	card: CardInput,
	number: number,
): IDataObject {
	const buttonTypes = readList(
		context,
		itemIndex,
		card.buttonTypes,
		`Card ${number} Button Types`,
	).map((type) => type.toUpperCase());
	const unknown = buttonTypes.find((type) => !BUTTON_TYPES.includes(type));
	if (unknown) {
		throw invalidInput(
			context,
			itemIndex,
			`Card ${number}: unknown button type "${unknown}"`,
			`Use ${BUTTON_TYPES.join(', ')}, separated by commas.`,
		);
	}
	// One value a line: a value may hold commas, and WhatsApp allows no line break inside one.
	const bodyValues = readList(
		context,
		itemIndex,
		card.bodyValues,
		`Card ${number} Body Values`,
		/\n/,
	).map((value, position) =>
		readText(context, itemIndex, value, `Card ${number} Body Value ${position + 1}`, {
			maxLength: LIMITS.templateBodyValue,
		}),
	);
	return {
		media_type: card.mediaType ?? 'image',
		media_url: requireHttpUrl(context, itemIndex, card.mediaUrl, `Card ${number} Media URL`),
		body_example_fields: bodyValues,
		// SmartWats reads button_type unconditionally and fails with HTTP 500 without it, so it is always sent.
		button_type: buttonTypes,
		...withoutEmpty({
			quick_reply_button_payload: readText(
				context,
				itemIndex,
				card.quickReplyPayload,
				`Card ${number} Quick Reply Payload`,
			),
			button_example_field: readText(
				context,
				itemIndex,
				card.urlButtonValue,
				`Card ${number} URL Button Value`,
			),
		}),
	};
}
