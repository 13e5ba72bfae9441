/** Webhook calls as SmartWats makes them (API reference §31). See webhooks.js. */

export type WebhookKind =
	| 'incoming_text'
	| 'button_reply'
	| 'list_reply'
	| 'template_button_reply'
	| 'media'
	| 'location'
	| 'status_sent'
	| 'status_delivered'
	| 'status_read'
	| 'status_failed'
	| 'contact_created'
	| 'contact_updated';

export const WEBHOOK_KINDS: readonly WebhookKind[];

/** The incoming media kinds whose link points at a file of the simulator's catalogue. */
export const MEDIA_WEBHOOK_KINDS: readonly (
	| 'image'
	| 'video'
	| 'audio'
	| 'voice'
	| 'document'
	| 'sticker'
)[];

export interface MetaError {
	code: number;
	title: string;
	message: string;
	error_data?: { details: string };
	href?: string;
}

/**
 * The camelCase keys change a value everywhere it appears (SmartWats' fields and the raw Meta body alike).
 * Any other key is deep-merged into the finished body: objects merge, arrays and scalars replace.
 */
export interface WebhookOverrides {
	phoneNumber?: string;
	/** WhatsApp profile name; SmartWats derives the contact's names from it (leading-space last name). */
	profileName?: string;
	/** Merged into the `contact` object (snake_case keys; null to blank a value out). */
	contact?: { [K in keyof WebhookContact]?: WebhookContact[K] | null };
	text?: string;
	whatsappMessageId?: string;
	repliedToMessageId?: string | null;
	businessPhoneNumberId?: string;
	/** Unix seconds. */
	timestamp?: string | number;
	/** `button_reply.id`, `list_reply.id` (the row_id) or a template button's `payload`. */
	replyId?: string;
	replyTitle?: string;
	caption?: string;
	/** The media link as a whole (wins over mediaFile and mediaBaseUrl). */
	link?: string;
	/**
	 * Media kinds: a file of the catalogue (index.d.ts MEDIA_FILES), e.g. 'photo.png', 'missing.jpg', 'large.mp4';
	 * default the kind's usual file. Sets link, file_name, mime_type, the document's name and Meta's sha256.
	 */
	mediaFile?: string;
	/** Media kinds: where the catalogue is served, e.g. `sim.mediaBaseUrl`; default SmartWats' storage path. */
	mediaBaseUrl?: string;
	location?: Partial<{ latitude: number; longitude: number; name: string; address: string }>;
	/** Meta errors of a failed status. */
	errors?: MetaError[];
	[key: string]: unknown;
}

export interface WebhookContact {
	status: 'new' | 'updated' | 'existing' | string;
	phone_number: string;
	uid: string;
	first_name: string | null;
	last_name: string | null;
	email: string | null;
	language_code: string | null;
	country: string | null;
}

export interface WebhookMessage {
	whatsapp_business_phone_number_id: string;
	whatsapp_message_id: string;
	replied_to_whatsapp_message_id: string | null;
	is_new_message: boolean;
	body: string | null;
	status: string | null;
	media:
		| {
				type: string;
				link: string;
				caption: string | null;
				mime_type: string;
				file_name: string;
				original_filename: string | null;
		  }
		| []
		| null;
}

export interface WebhookPayload {
	contact: WebhookContact;
	/** The raw Meta webhook body; `[]` for contact events. */
	whatsapp_webhook_payload: Record<string, unknown> | [];
	/** `[]` for contact events. */
	message: WebhookMessage | [];
	[key: string]: unknown;
}

/** The body SmartWats POSTs for one event of the given kind. Throws for an unknown kind. */
export function buildWebhookPayload(
	kind: WebhookKind | MediaWebhookKind,
	overrides?: WebhookOverrides,
): WebhookPayload;

/** POSTs a payload as SmartWats does; the body is parsed as JSON when it is JSON. Rejects on network failures. */
export function postWebhook(
	url: string,
	payload: unknown,
	options?: { signal?: AbortSignal },
): Promise<{ status: number; body: unknown }>;
