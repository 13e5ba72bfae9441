/**
 * Templates: Send Template Message (§12), Get Template List (§13) and Send Carousel Template Message (§14), one
 * controller method whose rules come from the stored template's Meta components.
 */
import { seeded } from '../fake-smartwats';
import { useSimulatorApi } from '../harness/simulator-client';
import { CARDS, CAROUSEL, ORDER_UPDATE } from './requests';

const api = useSimulatorApi();
const { post, get } = api;
const { johan } = seeded.contacts;

describe('§12 Send Template Message', () => {
	it('sends order_update and answers with the SWAPPED "held for quality assessment" text for an accepted message', async () => {
		const response = await post('contact/send-template-message', {
			phone_number: johan.phone,
			...ORDER_UPDATE,
		});
		expect(response.json).toEqual({
			result: 'success',
			message: 'Message held for quality assessment, it may sent or dropped at this point.',
			data: {
				log_uid: expect.any(String),
				contact_uid: johan.uid,
				phone_number: johan.phone,
				wamid: expect.stringMatching(/^wamid\./),
				status: 'accepted',
			},
		});
		// Placeholders are resolved for the recipient (§7.3).
		expect(api.messageLog(response.data.log_uid)?.template).toMatchObject({
			name: 'order_update',
			language: 'en',
			parameters: {
				field_1: 'Johan',
				field_2: '#1001',
				button_1: 'orders/1001',
				copy_code: 'SAVE10',
				header_image: 'https://example.com/banner.jpg',
			},
		});
	});

	it('answers a real held_for_quality_assessment (recipients starting with 888) with "Message processed for WhatsApp contact"', async () => {
		const response = await post('contact/send-template-message', {
			phone_number: '888123456789',
			...ORDER_UPDATE,
		});
		expect(response.message).toBe('Message processed for WhatsApp contact');
		expect(response.data.status).toBe('held_for_quality_assessment');
	});

	it('builds the required parameters from the template: field_N, header_image, button_K (K among ALL buttons), copy_code', async () => {
		const response = await post('contact/send-template-message', {
			phone_number: johan.phone,
			template_name: 'order_update',
			template_language: 'en',
		});
		expect(response.status).toBe(422);
		expect(response.json).toEqual({
			message: 'The header image field is required. (and 4 more errors)',
			errors: {
				header_image: ['The header image field is required.'],
				field_1: ['The field 1 field is required.'],
				field_2: ['The field 2 field is required.'],
				button_1: ['The button 1 field is required.'],
				copy_code: ['The copy code field is required.'],
			},
		});
	});

	it('needs header_document and header_document_name for a DOCUMENT header, header_field_1 for a TEXT header with a variable', async () => {
		const invoice = await post('contact/send-template-message', {
			phone_number: johan.phone,
			template_name: 'invoice_ready',
			template_language: 'en',
			field_1: 'Johan',
		});
		expect(Object.keys(invoice.errors)).toEqual(['header_document', 'header_document_name']);
		const promo = await post('contact/send-template-message', {
			phone_number: johan.phone,
			template_name: 'promo_header_text',
			template_language: 'en',
			field_1: 'SAVE10',
		});
		expect(promo.errors).toEqual({ header_field_1: ['The header field 1 field is required.'] });
		const ok = await post('contact/send-template-message', {
			phone_number: johan.phone,
			template_name: 'hello_world',
			template_language: 'en_US',
		});
		expect(ok.data.status).toBe('accepted');
	});

	it('requires a decimal latitude (22 is refused, 22.0 passes) and all four location fields', async () => {
		const location = {
			phone_number: johan.phone,
			template_name: 'store_location',
			template_language: 'en',
			location_longitude: '88.3639',
			location_name: 'Main store',
			location_address: 'Park Street',
		};
		const plain = await post('contact/send-template-message', {
			...location,
			location_latitude: '22',
		});
		expect(plain.errors).toEqual({
			location_latitude: ['The location latitude field format is invalid.'],
		});
		expect(
			(await post('contact/send-template-message', { ...location, location_latitude: '22.0' }))
				.result,
		).toBe('success');
		const none = await post('contact/send-template-message', {
			phone_number: johan.phone,
			template_name: 'store_location',
			template_language: 'en',
		});
		expect(Object.keys(none.errors)).toEqual([
			'location_latitude',
			'location_longitude',
			'location_name',
			'location_address',
		]);
	});

	it('validates copy_code as alpha_dash (§7.3)', async () => {
		const response = await post('contact/send-template-message', {
			phone_number: johan.phone,
			...ORDER_UPDATE,
			copy_code: 'SAVE 10%',
		});
		expect(response.errors).toEqual({
			copy_code: [
				'The copy code field must only contain letters, numbers, dashes, and underscores.',
			],
		});
	});

	it('validates header media URLs whenever they are sent, even for templates without such a header', async () => {
		const response = await post('contact/send-template-message', {
			phone_number: johan.phone,
			template_name: 'hello_world',
			template_language: 'en_US',
			header_image: 'banner.jpg',
		});
		expect(response.errors).toEqual({
			header_image: ['The header image field must be a valid URL.'],
		});
	});

	it('answers an unknown name/language with HTTP 200 failed — after auto-creating the contact (§3.5)', async () => {
		const response = await post('contact/send-template-message', {
			phone_number: '919700000501',
			template_name: 'hello_world',
			template_language: 'en',
		});
		expect(response.status).toBe(200);
		expect(response.json).toEqual({
			result: 'failed',
			message:
				'Template for the selected language not found in the system, if you have created template recently on Facebook please sync templates again.',
			data: [],
		});
		expect(api.contact('919700000501')).toBeDefined();
	});

	it('has Meta refuse a template that is not approved', async () => {
		const response = await post('contact/send-template-message', {
			phone_number: johan.phone,
			template_name: 'summer_sale',
			template_language: 'en',
			field_1: '30%',
		});
		expect(response.status).toBe(404);
		expect(response.message).toMatch(/^ \(#132001\)/);
	});
});

describe('§13 Get Template List', () => {
	it('lists only APPROVED templates, only the documented columns, under data.templateList', async () => {
		const response = await get('contact/template-list');
		expect(response.message).toBe('Whatsapp Template List.');
		const page = response.data.templateList;
		expect(page.total).toBe(8);
		expect(page.data.map((row) => row.template_name)).not.toContain('summer_sale');
		expect(Object.keys(page.data[0])).toEqual([
			'_id',
			'_uid',
			'status',
			'template_name',
			'updated_at',
			'created_at',
			'template_id',
			'category',
			'language',
		]);
		expect(page.data[0].updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
	});

	it('searches name, Meta id, category and language, and pages with page_size (§8)', async () => {
		const search = async (term: string) =>
			(await get('contact/template-list', { search_term: term })).data.templateList.data.map(
				(row) => row.template_name,
			);
		expect(await search('order')).toEqual(['order_update']);
		expect(await search('en_US')).toEqual(['hello_world', 'product_carousel']);
		expect(await search(seeded.templates.invoice_ready.templateId)).toEqual(['invoice_ready']);
		const paged = (await get('contact/template-list', { page: '2', page_size: '3' })).data
			.templateList;
		expect({
			current: paged.current_page,
			last: paged.last_page,
			from: paged.from,
			to: paged.to,
			count: paged.data.length,
		}).toEqual({ current: 2, last: 3, from: 4, to: 6, count: 3 });
	});
});

describe('§14 Send Carousel Template Message', () => {
	it('sends the cards and answers like a template send', async () => {
		const response = await post('contact/send-carousel-template-message', {
			phone_number: johan.phone,
			...CAROUSEL,
		});
		expect(response.json).toMatchObject({
			result: 'success',
			message: 'Message held for quality assessment, it may sent or dropped at this point.',
			data: { status: 'accepted' },
		});
		const log = api.messageLog(response.data.log_uid);
		expect(log?.message_type).toBe('carousel');
		expect(log?.template).toMatchObject({
			parameters: { field_1: 'Johan' },
			cards: [
				{
					media_type: 'image',
					body_example_fields: ['Oak oil', '₹499'],
					button_type: ['QUICK_REPLY', 'URL'],
					quick_reply_button_payload: 'BUY_P1',
				},
				{ media_type: 'image', body_example_fields: ['Teak oil', '₹599'] },
			],
		});
	});

	it('chooses the carousel path by the presence of carousel_templates, not by the URL', async () => {
		const viaTemplateUrl = await post('contact/send-template-message', {
			phone_number: johan.phone,
			...CAROUSEL,
		});
		expect(api.messageLog(viaTemplateUrl.data.log_uid)?.message_type).toBe('carousel');
		// Without cards the carousel template goes the plain way and Meta refuses the missing cards.
		const noCards = await post('contact/send-carousel-template-message', {
			phone_number: johan.phone,
			template_name: 'product_carousel',
			template_language: 'en_US',
			field_1: 'x',
		});
		expect(noCards.status).toBe(400);
		expect(noCards.message).toMatch(/\(#132000\)/);
	});

	it('needs at least two cards, each with media_type and a media URL, and the card body values', async () => {
		const one = await post('contact/send-carousel-template-message', {
			phone_number: johan.phone,
			...CAROUSEL,
			carousel_templates: [CARDS[0]],
		});
		expect(one.errors).toEqual({
			carousel_templates: ['The carousel templates field must have at least 2 items.'],
		});
		const bad = await post('contact/send-carousel-template-message', {
			phone_number: johan.phone,
			...CAROUSEL,
			carousel_templates: [
				{ ...CARDS[0], media_type: null, media_url: 'p1.jpg' },
				{ ...CARDS[1], body_example_fields: ['Teak oil', ' '] },
			],
		});
		expect(bad.errors).toEqual({
			'carousel_templates.0.media_type': ['The carousel templates.0.media type field is required.'],
			'carousel_templates.0.media_url': [
				'The carousel templates.0.media url field must be a valid URL.',
			],
			'carousel_templates.1.body_example_fields.1': [
				'The carousel templates.1.body example fields.1 field is required.',
			],
		});
		const noField = await post('contact/send-carousel-template-message', {
			phone_number: johan.phone,
			...CAROUSEL,
			field_1: undefined,
		});
		expect(noField.errors).toEqual({ field_1: ['The field 1 field is required.'] });
	});

	it('checks only the card body values sent (a wildcard rule): a card without them, or with fewer, goes to Meta, which refuses the count', async () => {
		const withoutValues: Record<string, unknown> = { ...CARDS[1] };
		delete withoutValues.body_example_fields;
		for (const card of [withoutValues, { ...CARDS[1], body_example_fields: ['Teak oil'] }]) {
			const response = await post('contact/send-carousel-template-message', {
				phone_number: johan.phone,
				...CAROUSEL,
				carousel_templates: [CARDS[0], card],
			});
			expect(response.status).toBe(400);
			expect(response.message).toMatch(/\(#132000\) Number of parameters does not match/);
		}
		expect(api.sim.state.messages.filter((log) => log.message_type === 'carousel')).toHaveLength(0);
	});

	it("sends every field_ key, so Meta refuses one beyond the template's variables", async () => {
		const response = await post('contact/send-carousel-template-message', {
			phone_number: johan.phone,
			...CAROUSEL,
			field_2: 'extra',
		});
		expect(response.status).toBe(400);
		expect(response.message).toMatch(/\(#132000\) Number of parameters does not match/);
		expect(api.sim.state.messages.filter((log) => log.message_type === 'carousel')).toHaveLength(0);
	});

	it('answers "Invalid media." when a card\'s media is a type SmartWats cannot upload to Meta (a PDF)', async () => {
		const response = await post('contact/send-carousel-template-message', {
			phone_number: johan.phone,
			...CAROUSEL,
			carousel_templates: [CARDS[0], { ...CARDS[1], media_url: 'https://example.com/p2.pdf' }],
		});
		expect({ status: response.status, result: response.result, message: response.message }).toEqual(
			{
				status: 200,
				result: 'failed',
				message: 'Invalid media.',
			},
		);
		expect(api.sim.state.messages.filter((log) => log.message_type === 'carousel')).toHaveLength(0);
		// JPEG, PNG and MP4 are uploaded.
		const usable = await post('contact/send-carousel-template-message', {
			phone_number: johan.phone,
			...CAROUSEL,
			carousel_templates: [
				{ ...CARDS[0], media_url: 'https://example.com/p1.png' },
				{ ...CARDS[1], media_type: 'video', media_url: 'https://example.com/p2.mp4' },
			],
		});
		expect(usable.result).toBe('success');
	});

	it('fails with HTTP 500 when a card has no button_type', async () => {
		const card: Record<string, unknown> = { ...CARDS[1] };
		delete card.button_type;
		const response = await post('contact/send-carousel-template-message', {
			phone_number: johan.phone,
			...CAROUSEL,
			carousel_templates: [CARDS[0], card],
		});
		expect(response.status).toBe(500);
		expect(response.json).toEqual({ message: 'Server Error' });
		expect(
			(
				await post('contact/send-carousel-template-message', {
					phone_number: johan.phone,
					...CAROUSEL,
					carousel_templates: [CARDS[0], { ...card, button_type: [] }],
				})
			).status,
		).toBe(200);
	});
});
