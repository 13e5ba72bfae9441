// @ts-check
'use strict';
/**
 * Send Template Message (§12) and Send Carousel Template Message (§14) — one controller method, the carousel path
 * chosen by the presence of `carousel_templates` — and Get Template List (§13). The parameter rules are built
 * from the stored template's Meta components, as WhatsJet does.
 */
const { ok, failed, ServerError } = require('../http-util');
const { validate, collectErrors, ValidationError } = require('../validation');
const { isPhpArray, phpValues } = require('../input');
const { paginateRequest, likeMatcher } = require('../paginate');
const {
	META_ERRORS,
	META_HOLD_PREFIX,
	metaFailure,
	sendGates,
	sendData,
	findOrCreateContact,
	senderNumber,
	recipientRefusal,
	metaWithoutMessageId,
	takeCanonicalWaId,
} = require('./common');

/** @typedef {import('./index').Context} Context */
/** @typedef {import('../state').TemplateRecord} TemplateRecord */
/** @typedef {import('../state').TemplateComponent} TemplateComponent */
/** @typedef {import('../state').ContactRecord} ContactRecord */
/** @typedef {import('../validation').Rules} Rules */

/**
 * A template send checked against its template: how to render its parameters for one recipient, and Meta's
 * refusal when the request cannot match the template (sent anyway; Meta answers 400).
 * @typedef {object} PreparedSend
 * @property {string | null} mediaRefusal SmartWats' own refusal of a card's media ("Invalid media."), before Meta
 * @property {import('./common').MetaError | null} metaError
 * @property {(store: import('../state').Store, contact: ContactRecord) => RenderedSend} render
 */
/**
 * @typedef {{ parameters: Record<string, unknown>, cards?: Array<Record<string, unknown>> }} RenderedSend
 */

const TEMPLATE_NOT_FOUND =
	'Template for the selected language not found in the system, if you have created template recently on Facebook please sync templates again.';

// The swap is in WhatsJet's source: "accepted" gets the "held" text and vice versa (§12).
const ACCEPTED_MESSAGE =
	'Message held for quality assessment, it may sent or dropped at this point.';
const HELD_MESSAGE = 'Message processed for WhatsApp contact';

// WhatsJet's own patterns, alternation precedence included: the latitude one is anchored only on one side each.
const LATITUDE = /^[-]?(([0-8]?[0-9])\.(\d+))|(90(\.0+)?)$/;
const LONGITUDE = /^[-]?((((1[0-7][0-9])|([0-9]?[0-9]))\.(\d+))|180(\.0+)?)$/;

/** Values that get §7.3 placeholder replacement. */
const REPLACED =
	/^(field_\d+|header_field_\d+|button_\d+|header_document_name|location_(latitude|longitude|name|address)|copy_code)$/;
const TEMPLATE_PARAMETER =
	/^(field_\d+|header_field_\d+|button_\d+|header_(image|video|document|document_name)|location_(latitude|longitude|name|address)|copy_code)$/;

/** @param {unknown} text */
function variables(text) {
	return [
		...new Set((String(text ?? '').match(/{{\d+}}/g) ?? []).map((item) => item.slice(2, -2))),
	];
}

/**
 * The dynamic rules of sendTemplateMessageProcess, in component order (§12).
 * @param {TemplateComponent[]} components
 * @returns {Array<[string, Rules]>}
 */
function templateRules(components) {
	/** @type {Map<string, Rules>} */
	const rules = new Map();
	for (const component of components) {
		if (component.type === 'HEADER') {
			if (component.format === 'TEXT')
				for (const n of variables(component.text)) rules.set(`header_field_${n}`, 'required');
			else if (component.format === 'LOCATION') {
				rules.set('location_latitude', ['required', { name: 'regex', params: [LATITUDE] }]);
				rules.set('location_longitude', ['required', { name: 'regex', params: [LONGITUDE] }]);
				rules.set('location_name', 'required|string');
				rules.set('location_address', 'required|string');
			} else if (component.format === 'IMAGE') rules.set('header_image', 'required');
			else if (component.format === 'VIDEO') rules.set('header_video', 'required');
			else if (component.format === 'DOCUMENT') {
				rules.set('header_document', 'required');
				rules.set('header_document_name', 'required');
			}
		} else if (component.type === 'BODY') {
			for (const n of variables(component.text)) rules.set(`field_${n}`, 'required');
		} else if (component.type === 'BUTTONS') {
			// K counts every button of the template, whatever its type.
			(component.buttons ?? []).forEach((button, index) => {
				if (button.type === 'URL' && String(button.url ?? '').includes('{{1}}'))
					rules.set(`button_${index}`, 'required');
				else if (button.type === 'COPY_CODE') rules.set('copy_code', 'required|alpha_dash');
			});
		}
	}
	return [...rules.entries()];
}

/** @param {TemplateRecord} template */
function carouselComponent(template) {
	return template.components.find((component) => component.type === 'CAROUSEL') ?? null;
}

/**
 * Validates the template parameters of a request and returns how to render them per recipient, plus a Meta
 * refusal when the request cannot match the template (sent anyway; Meta answers 400).
 * @param {import('../input').Input} input
 * @param {TemplateRecord} template
 * @returns {PreparedSend}
 */
function prepareStandard(input, template) {
	validate(input, templateRules(template.components));
	const keys = Object.keys(input).filter((key) => TEMPLATE_PARAMETER.test(key));
	return {
		mediaRefusal: null,
		metaError: carouselComponent(template)
			? META_ERRORS.parameterMismatch(
					'carousel: the template has cards but the request has no carousel_templates',
				)
			: null,
		render(store, contact) {
			/** @type {Record<string, unknown>} */
			const parameters = {};
			for (const key of keys)
				parameters[key] = REPLACED.test(key)
					? store.resolvePlaceholders(contact, input[key])
					: input[key];
			return { parameters };
		},
	};
}

// What a card's media URL is taken to serve, by its extension (the simulator downloads nothing); only JPEG, PNG and
// MP4 are uploaded to Meta (§14). A URL without a known extension is taken as usable.
const CARD_MEDIA_TYPES = {
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	png: 'image/png',
	mp4: 'video/mp4',
	pdf: 'application/pdf',
	webp: 'image/webp',
	gif: 'image/gif',
	ogg: 'audio/ogg',
	mp3: 'audio/mpeg',
	txt: 'text/plain',
	html: 'text/html',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
const CARD_MEDIA_USABLE = new Set(['image/jpeg', 'image/png', 'video/mp4']);

/**
 * Whether SmartWats can upload a card's media to Meta.
 * @param {unknown} url
 */
function usableCardMedia(url) {
	let path;
	try {
		path = new URL(String(url)).pathname;
	} catch {
		return true;
	}
	const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
	const type = /** @type {Record<string, string>} */ (CARD_MEDIA_TYPES)[extension];
	return type === undefined || CARD_MEDIA_USABLE.has(type);
}

/**
 * The carousel path (§14): card rules, the main-body rule only when the first component has an example.
 * The card body values are checked by a wildcard rule (`carousel_templates.*.body_example_fields.*`): only the
 * values sent must be filled; fewer values than the card has variables, and every `field_` key sent, go to Meta,
 * which refuses a count that does not match.
 * @param {import('../input').Input} input
 * @param {TemplateRecord} template
 * @returns {PreparedSend}
 */
function prepareCarousel(input, template) {
	const carousel = carouselComponent(template);
	const cards = carousel?.cards ?? [];
	/** @type {Array<[string, Rules]>} */
	const rules = [
		['carousel_templates', 'required|array|min:2'],
		['carousel_templates.*.media_type', 'required'],
		['carousel_templates.*.media_url', 'required|url'],
	];
	const first = template.components[0];
	const body = template.components.find((component) => component.type === 'BODY');
	if (first?.example) {
		for (const n of variables(body?.text)) rules.push([`field_${n}`, 'required']);
	}
	const errors = collectErrors(input, rules);
	/** @type {Array<[string, Record<string, unknown>]>} */
	const inputCards = isPhpArray(input.carousel_templates)
		? Object.entries(input.carousel_templates).map(([key, card]) => [
				key,
				isPhpArray(card) ? /** @type {Record<string, unknown>} */ (card) : {},
			])
		: [];
	for (const [key, card] of inputCards) {
		if (!isPhpArray(card?.body_example_fields)) continue;
		Object.entries(card.body_example_fields).forEach(([index, value]) => {
			if (value === null || (typeof value === 'string' && value.trim() === '')) {
				(errors[`carousel_templates.${key}.body_example_fields.${index}`] ??= []).push(
					`The carousel templates.${key}.body example fields.${index} field is required.`,
				);
			}
		});
	}
	if (Object.keys(errors).length) throw new ValidationError(errors);
	// button_type is read unconditionally for every card: missing (or not a list) is a PHP error (§14).
	for (const [, card] of inputCards) {
		if (!isPhpArray(card?.button_type))
			throw new ServerError('foreach() argument must be of type array|object, null given');
	}
	const fieldKeys = Object.keys(input).filter((key) => key.startsWith('field_'));
	const bodyVariables = variables(body?.text).length;
	const cardValueCounts = inputCards.map(([, card]) =>
		isPhpArray(card.body_example_fields) ? phpValues(card.body_example_fields).length : 0,
	);
	const cardVariableCounts = cards.map(
		(card) =>
			variables(card.components?.find((component) => component.type === 'BODY')?.text).length,
	);
	const wrongCard = cardValueCounts.findIndex(
		(count, index) => count !== cardVariableCounts[index],
	);
	let metaError = null;
	if (!carousel)
		metaError = META_ERRORS.parameterMismatch('carousel: the template has no carousel component');
	else if (inputCards.length !== cards.length) {
		metaError = META_ERRORS.parameterMismatch(
			`carousel: ${inputCards.length} cards sent, the template has ${cards.length}`,
		);
	} else if (fieldKeys.length !== bodyVariables) {
		metaError = META_ERRORS.parameterMismatch(
			`body: ${fieldKeys.length} parameters sent, the template has ${bodyVariables}`,
		);
	} else if (wrongCard !== -1) {
		metaError = META_ERRORS.parameterMismatch(
			`card ${wrongCard}: ${cardValueCounts[wrongCard]} body parameters sent, the card has ${cardVariableCounts[wrongCard]}`,
		);
	}
	const mediaUsable = inputCards.every(([, card]) => usableCardMedia(card.media_url));
	return {
		mediaRefusal: mediaUsable ? null : 'Invalid media.',
		metaError,
		render(store, contact) {
			/** @type {Record<string, unknown>} */
			const parameters = {};
			for (const key of fieldKeys) parameters[key] = store.resolvePlaceholders(contact, input[key]);
			return {
				parameters,
				cards: inputCards.map(([, card]) => ({
					media_type: String(card.media_type).toLowerCase(),
					media_url: card.media_url,
					body_example_fields: (isPhpArray(card.body_example_fields)
						? phpValues(card.body_example_fields)
						: []
					).map((value) => store.resolvePlaceholders(contact, value)),
					button_type: phpValues(card.button_type),
					quick_reply_button_payload: card.quick_reply_button_payload ?? null,
					// Not placeholder-replaced (§14).
					button_example_field: card.button_example_field ?? null,
				})),
			};
		},
	};
}

/**
 * @param {import('../input').Input} input
 * @param {TemplateRecord} template
 */
function prepareTemplateSend(input, template) {
	return Object.prototype.hasOwnProperty.call(input, 'carousel_templates')
		? prepareCarousel(input, template)
		: prepareStandard(input, template);
}

/**
 * What Meta does with a prepared template send; null when it accepts.
 * @param {TemplateRecord} template
 * @param {PreparedSend} prepared
 */
function templateMetaError(template, prepared) {
	if (template.status !== 'APPROVED') return META_ERRORS.templateNotApproved(template);
	return prepared.metaError;
}

/**
 * Stores the message log of a template send, its parameters rendered for the recipient.
 * @param {import('../state').Store} store
 * @param {object} send
 * @param {ContactRecord} send.contact
 * @param {TemplateRecord} send.template
 * @param {PreparedSend} send.prepared
 * @param {string | null} send.fromPhoneNumberId
 * @param {string} send.status
 * @param {number | null} [send.campaignId]
 * @param {boolean} [send.isTestMessage]
 * @param {import('../input').Input} send.input
 */
function logTemplate(
	store,
	{
		contact,
		template,
		prepared,
		fromPhoneNumberId,
		status,
		campaignId = null,
		isTestMessage = false,
		input,
	},
) {
	const rendered = prepared.render(store, contact);
	return store.addMessageLog({
		contact,
		type: rendered.cards ? 'carousel' : 'template',
		status,
		campaignId,
		isTestMessage,
		fromPhoneNumberId,
		template: {
			name: template.template_name,
			language: template.language,
			category: template.category,
			marketing_messages_api: input.send_message_via_marketing_message_api === 'on',
			...rendered,
		},
	});
}

/** @param {Context} ctx */
function sendTemplate(ctx) {
	const gate = sendGates(ctx);
	if (gate) return gate;
	const { input, store } = ctx;
	validate(input, [
		['phone_number', 'required'],
		['template_name', 'required'],
		['template_language', 'required'],
		['header_image', 'sometimes|url'],
		['header_video', 'sometimes|url'],
		['header_document', 'sometimes|url'],
	]);
	// The contact is created before the template is even looked up (§3.5).
	const found = findOrCreateContact(ctx);
	if (found.response) return found.response;
	const { contact } = found;
	const template = store.templateByNameAndLanguage(input.template_name, input.template_language);
	if (!template) return failed(TEMPLATE_NOT_FOUND);
	const prepared = prepareTemplateSend(input, template);
	const sender = senderNumber(ctx, contact, { lastMessageFallback: false });
	if (sender.response) return sender.response;
	const refused = recipientRefusal(ctx, contact);
	if (refused) return refused;
	if (prepared.mediaRefusal) return failed(prepared.mediaRefusal);
	const metaError = templateMetaError(template, prepared);
	if (metaError) return metaFailure(metaError);
	const noMessageId = metaWithoutMessageId(ctx, contact);
	if (noMessageId) return noMessageId;
	const status = contact.wa_id.startsWith(META_HOLD_PREFIX)
		? 'held_for_quality_assessment'
		: 'accepted';
	const log = logTemplate(store, {
		contact,
		template,
		prepared,
		fromPhoneNumberId: sender.id,
		status,
		input,
	});
	takeCanonicalWaId(ctx.settings, contact, log);
	return ok(status === 'accepted' ? ACCEPTED_MESSAGE : HELD_MESSAGE, sendData(log, contact));
}

/** @param {Context} ctx */
function templateList(ctx) {
	const { input, store } = ctx;
	const matches = likeMatcher(input.search_term);
	const rows = store.data.templates
		.filter(
			(template) =>
				template.status === 'APPROVED' &&
				matches(template.template_name, template.template_id, template.category, template.language),
		)
		.map((template) => ({
			_id: template._id,
			_uid: template._uid,
			status: template.status,
			template_name: template.template_name,
			updated_at: template.updated_at,
			created_at: template.created_at,
			template_id: template.template_id,
			category: template.category,
			language: template.language,
		}));
	return ok('Whatsapp Template List.', {
		templateList: paginateRequest(ctx, rows),
	});
}

module.exports = {
	sendTemplate,
	templateList,
	prepareTemplateSend,
	templateMetaError,
	logTemplate,
	templateRules,
	TEMPLATE_NOT_FOUND,
	ACCEPTED_MESSAGE,
	HELD_MESSAGE,
};
