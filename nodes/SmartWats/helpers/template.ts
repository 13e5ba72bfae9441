import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	invalidInput,
	LIMITS,
	readNumber,
	readText,
	requireHttpUrl,
	requireText,
} from './validation';

export interface TemplateRef {
	name: string;
	language: string;
}

/** The picker's value is `name|language`: SmartWats needs both to find a template. */
export function readTemplate(context: IExecuteFunctions, itemIndex: number): TemplateRef {
	const value = readText(
		context,
		itemIndex,
		context.getNodeParameter('template', itemIndex, '', { extractValue: true }),
		'Template',
	);
	const [name, language, ...rest] = value.split('|').map((part) => part.trim());
	if (!name || !language || rest.length) {
		throw invalidInput(
			context,
			itemIndex,
			`'Template' is not a template name and language: "${value}"`,
			'Choose the template from the list, or give it as template_name|language, e.g. order_update|en.',
		);
	}
	return { name, language };
}

/** Body values in order → `field_1..N`, the names SmartWats validates against the template's {{N}}. */
export function readBodyParameters(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const collection = context.getNodeParameter('bodyParameters', itemIndex, {}) as {
		parameter?: Array<{ value?: unknown }>;
	};
	const fields: IDataObject = {};
	(collection.parameter ?? []).forEach((parameter, position) => {
		fields[`field_${position + 1}`] = readText(
			context,
			itemIndex,
			parameter.value,
			`Body Parameter ${position + 1}`,
			{ maxLength: LIMITS.templateBodyValue },
		);
	});
	return fields;
}

/** Everything a single-template send needs besides recipient and template: body, header, buttons, coupon. */
export function readTemplateParameters(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = readBodyParameters(context, itemIndex);
	const headerType = context.getNodeParameter('headerType', itemIndex, 'none') as string;
	switch (headerType) {
		case 'text':
			fields.header_field_1 = requireText(
				context,
				itemIndex,
				context.getNodeParameter('headerText', itemIndex, ''),
				'Header Text Value',
				{ maxLength: LIMITS.headerText },
			);
			break;
		case 'image':
		case 'video':
		case 'document':
			fields[`header_${headerType}`] = requireHttpUrl(
				context,
				itemIndex,
				context.getNodeParameter('headerMediaUrl', itemIndex, ''),
				'Header Media URL',
			);
			if (headerType === 'document') {
				fields.header_document_name = requireText(
					context,
					itemIndex,
					context.getNodeParameter('headerDocumentName', itemIndex, ''),
					'Document File Name',
				);
			}
			break;
		case 'location':
			Object.assign(fields, readLocation(context, itemIndex));
			break;
	}

	const buttons = context.getNodeParameter('buttonParameters', itemIndex, {}) as {
		button?: Array<{ index?: unknown; value?: unknown }>;
	};
	for (const button of buttons.button ?? []) {
		// WhatsApp allows at most 10 buttons in a template.
		const index = readNumber(context, itemIndex, button.index ?? 0, 'Button Position', {
			min: 0,
			max: 9,
			integer: true,
			hint: "Count the template's buttons from 0 (a template has at most 10).",
		});
		fields[`button_${index}`] = requireText(
			context,
			itemIndex,
			button.value,
			`URL Button Value (position ${index})`,
		);
	}

	const copyCode = readText(
		context,
		itemIndex,
		context.getNodeParameter('copyCode', itemIndex, ''),
		'Coupon Code',
		{ maxLength: LIMITS.couponCode },
	);
	if (copyCode !== '') {
		if (!/^[A-Za-z0-9_-]+$/.test(copyCode)) {
			throw invalidInput(
				context,
				itemIndex,
				`'Coupon Code' may only hold letters, digits, - and _: "${copyCode}"`,
				'SmartWats rejects other characters, and placeholders cannot be used here.',
			);
		}
		fields.copy_code = copyCode;
	}
	return fields;
}

function readLocation(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const coordinate = (name: string, field: string, max: number) =>
		readNumber(context, itemIndex, context.getNodeParameter(name, itemIndex, 0), field, {
			min: -max,
			max,
			hint: 'Latitude goes from -90 to 90, longitude from -180 to 180.',
		});
	const latitude = coordinate('locationLatitude', 'Latitude', 90);
	const longitude = coordinate('locationLongitude', 'Longitude', 180);
	return {
		// SmartWats' validation wants a decimal point: "22" is rejected where "22.0" passes.
		location_latitude: asDecimal(latitude),
		location_longitude: asDecimal(longitude),
		location_name: requireText(
			context,
			itemIndex,
			context.getNodeParameter('locationName', itemIndex, ''),
			'Location Name',
		),
		location_address: requireText(
			context,
			itemIndex,
			context.getNodeParameter('locationAddress', itemIndex, ''),
			'Location Address',
		),
	};
}

function asDecimal(value: number): string {
	return Number.isInteger(value) ? value.toFixed(1) : String(value);
}
