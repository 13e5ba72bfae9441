/**
 * Requests the simulator's specs send more than once, built on the default seed's templates and groups.
 */

/** Send Template of `order_update` (IMAGE header, body {{1}} {{2}}, URL button at position 1, COPY_CODE). */
export const ORDER_UPDATE = {
	template_name: 'order_update',
	template_language: 'en',
	header_image: 'https://example.com/banner.jpg',
	field_1: '{first_name}',
	field_2: '#1001',
	button_1: 'orders/1001',
	copy_code: 'SAVE10',
};

/** The two cards `product_carousel` has (image header, body {{1}} {{2}}, QUICK_REPLY + URL). */
export const CARDS = [
	{
		media_type: 'IMAGE',
		media_url: 'https://example.com/p1.jpg',
		body_example_fields: ['Oak oil', '₹499'],
		button_type: ['QUICK_REPLY', 'URL'],
		quick_reply_button_payload: 'BUY_P1',
		button_example_field: 'p1',
	},
	{
		media_type: 'image',
		media_url: 'https://example.com/p2.jpg',
		body_example_fields: ['Teak oil', '₹599'],
		button_type: ['QUICK_REPLY', 'URL'],
		quick_reply_button_payload: 'BUY_P2',
		button_example_field: 'p2',
	},
];

/** Send Carousel Template of `product_carousel`. */
export const CAROUSEL = {
	template_name: 'product_carousel',
	template_language: 'en_US',
	field_1: '{first_name}',
	carousel_templates: CARDS,
};

/** Create Campaign of the MARKETING template `festive_offer` for the group VIP, in 2030. */
export const CAMPAIGN = {
	title: 'Diwali offer',
	template_name: 'festive_offer',
	template_language: 'en',
	contact_group: 'VIP',
	timezone: 'Asia/Kolkata',
	schedule_at: '2030-10-20T10:30',
	field_1: '{first_name}',
	field_2: '20%',
};
