import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidInput, requireHttpUrl, requireText } from './validation';

export interface TemplateRef {
	name: string;
	language: string;
}

/** The picker's value is `name|language`: SmartWats needs both to find a template. */
export function readTemplate(context: IExecuteFunctions, itemIndex: number): TemplateRef {
	const value = String(
		context.getNodeParameter('template', itemIndex, '', { extractValue: true }) ?? '',
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
		parameter?: Array<{ value?: string }>;
	};
	const fields: IDataObject = {};
	(collection.parameter ?? []).forEach((parameter, position) => {
		fields[`field_${position + 1}`] = String(parameter.value ?? '');
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
		button?: Array<{ index?: number; value?: string }>;
	};
	for (const button of buttons.button ?? []) {
		const index = Number(button.index ?? 0);
		if (!Number.isInteger(index) || index < 0) {
			throw invalidInput(
				context,
				itemIndex,
				`'Button Position' must be 0 or more, got ${button.index}`,
				"Count the template's buttons from 0.",
			);
		}
		fields[`button_${index}`] = requireText(
			context,
			itemIndex,
			button.value,
			`URL Button Value (position ${index})`,
		);
	}

	const copyCode = String(context.getNodeParameter('copyCode', itemIndex, '') ?? '').trim();
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
	const latitude = Number(context.getNodeParameter('locationLatitude', itemIndex, 0));
	const longitude = Number(context.getNodeParameter('locationLongitude', itemIndex, 0));
	if (
		!Number.isFinite(latitude) ||
		Math.abs(latitude) > 90 ||
		!Number.isFinite(longitude) ||
		Math.abs(longitude) > 180
	) {
		throw invalidInput(
			context,
			itemIndex,
			'The header location is outside the map',
			'Latitude goes from -90 to 90, longitude from -180 to 180.',
		);
	}
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
