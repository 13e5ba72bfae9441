/**
 * The SmartWats simulator: a stateful fake of the SmartWats Cloud API over real HTTP (see README.md).
 * Records below mirror WhatsJet's tables; timestamps are Laravel's `2025-01-31T10:15:00.000000Z` strings.
 */

export const DEFAULT_VENDOR_UID: string;
/** 64 alphanumeric characters. */
export const DEFAULT_TOKEN: string;

// ── faults ───────────────────────────────────────────────────────────────────

export interface Fault {
	/** Only requests with this HTTP method (any when absent). */
	method?: string;
	/** Exact endpoint as journaled (e.g. 'contact/send-message'), or a prefix ending in '*'; any when absent. */
	endpoint?: string;
	/** How many matching requests it hits; default 1; Infinity allowed (null over the admin API). */
	times?: number;
	/**
	 * Default false: answer without touching state (the request never reached SmartWats). True: handle the request
	 * normally (state changes, e.g. the message IS logged), then replace or drop the answer ("done, answer lost").
	 * A fault with no replacement answer (no status/json/body/drop, e.g. only delayMs) always processes the request.
	 */
	process?: boolean;
	/** Replacement answer status (default 200 when json/body is given). */
	status?: number;
	/** Replacement JSON body. */
	json?: unknown;
	/** Replacement raw body, e.g. an HTML page or malformed JSON. */
	body?: string;
	/** Content-Type of the replacement (default application/json for json, text/plain for body). */
	contentType?: string;
	/** Headers added to the answer (replacement or real). */
	headers?: Record<string, string>;
	/** Wait this long before answering (the answer still comes, late). */
	delayMs?: number;
	/** Destroy the socket without any answer (after delayMs, if given). */
	drop?: boolean;
	/**
	 * Send the status line and headers (with the full Content-Length) at once, then the body a byte at a time (more
	 * per step for long bodies) so that it ends after this many ms. See `faults.trickle(ms)`.
	 */
	trickleMs?: number;
	/** Send the status line, the headers (full Content-Length) and only this many body bytes, then close. */
	cutAfterBytes?: number;
	/** Answer an HTML page (`status`, default 200) that lists the request line and every request header as received. */
	echoHeaders?: boolean;
	/**
	 * List endpoints (§8) answer with a misbehaving paginator; the request is processed for real:
	 * 'repeat' = page 1 whatever page is asked (current_page never advances); 'endless' = last_page is always
	 * current_page + 1 and every page has rows (the real pages, round and round); 'missing' = success envelope with
	 * `data: {}`; 'duplicates' = from page 2 on, a page starts with the previous page's last row again.
	 */
	paging?: 'repeat' | 'endless' | 'missing' | 'duplicates';
}

/** Ready-made faults to spread into `addFault`, e.g. `sim.addFault({ ...faults.html502, endpoint: 'contact/groups' })`. */
export const faults: {
	readonly html502: Fault;
	readonly html503: Fault;
	readonly malformedJson: Fault;
	readonly emptyBody: Fault;
	readonly serverError: Fault;
	readonly tooManyRequests: Fault;
	readonly planGate: Fault;
	readonly dropBeforeProcessing: Fault;
	/** The request was read and processed (the message IS logged); the connection closes without an answer. */
	readonly answerLost: Fault;
	/** Processed; status line, headers and the first 16 body bytes arrive, then the connection closes. */
	readonly answerCutOff: Fault;
	/** HTTP 200, `text/plain` body `OK`. */
	readonly nonJson: Fault;
	/** HTTP 200 with JSON that is not the envelope: `{"status":"queued","id":42}`. */
	readonly notEnvelope: Fault;
	/** HTTP 502 HTML page that echoes the request headers, `Authorization: Bearer <token>` included. */
	readonly echoHeadersPage: Fault;
	/** `paging: 'repeat'`, every time. */
	readonly pagingRepeats: Fault;
	/** `paging: 'endless'`, every time. */
	readonly pagingEndless: Fault;
	/** `paging: 'missing'`, every time. */
	readonly pagingMissing: Fault;
	/** `paging: 'duplicates'`, every time. */
	readonly pagingDuplicates: Fault;
	/** The request is processed; the answer comes `ms` late. */
	slowAnswer(ms: number): Fault;
	/** The request is processed; headers at once, the body a byte at a time until `ms`. */
	trickle(ms: number): Fault;
	/**
	 * A 301/302/303/307/308 to `location` (a path on the simulator's origin, or another origin's URL, e.g. a
	 * recorder's) with Laravel's "Redirecting to" page. Not processed unless `process: true` is added.
	 */
	redirect(status: 301 | 302 | 303 | 307 | 308, location: string): Fault;
};

// ── media ────────────────────────────────────────────────────────────────────

export type MediaKind = 'image' | 'video' | 'audio' | 'voice' | 'document' | 'sticker';

/** The catalogue served under /media/ (see README "Media files"). */
export const MEDIA_FILES: Readonly<
	Record<
		string,
		{
			kind: MediaKind;
			format?: string;
			/** What the server sends as Content-Type. */
			contentType: string;
			/** Meta's mime_type when it differs (voice: 'audio/ogg; codecs=opus'). */
			mimeType?: string;
			originalFilename?: string;
			slow?: boolean;
			large?: boolean;
			unsized?: boolean;
			missing?: boolean;
		}
	>
>;

/** The default file for each kind: photo.jpg, video.mp4, audio.mp3, voice.ogg, invoice.pdf, sticker.webp. */
export const DEFAULT_FILE_FOR_KIND: Readonly<Record<MediaKind, string>>;

export interface MediaDescription {
	name: string;
	kind: MediaKind;
	/** Meta's message type: 'audio' for a voice note. */
	messageType: string;
	contentType: string;
	mimeType: string;
	originalFilename: string | null;
	/** Bytes; null for the large and the missing files. */
	size: number | null;
	/** Base64 SHA-256 of the bytes, as Meta sends it; null for the large and the missing files. */
	sha256: string | null;
}

export interface MediaRequest {
	seq: number;
	method: string;
	/** The file name asked for (URL-decoded). */
	name: string;
	rawPath: string;
	/** Request headers, lower-case names (so a test can check that no Authorization was sent). */
	headers: Record<string, string>;
	/** 0 until the headers are sent. */
	status: number;
	bytesSent: number;
	/** False while streaming and when the client went away first. */
	completed: boolean;
	at: number;
}

// ── vendor webhook and recorder ──────────────────────────────────────────────

export interface WebhookDelivery {
	seq: number;
	url: string;
	/** The body sent (see webhooks.d.ts WebhookPayload). */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	payload: any;
	/** The receiver's HTTP status; 0 when it failed. */
	status: number;
	/** The receiver's body (parsed JSON when JSON). */
	response: unknown;
	/** Why it failed (ignored, as SmartWats ignores it). */
	error?: string;
	at: number;
}

export interface RecordedRequest {
	seq: number;
	method: string;
	/** Path and query as received. */
	path: string;
	headers: Record<string, string>;
	/** The body as text. */
	body: string;
	/** The body parsed as JSON, when it is JSON. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
	at: number;
}

export interface RecorderReply {
	status?: number;
	json?: unknown;
	body?: string;
	contentType?: string;
	headers?: Record<string, string>;
}

/** "Another origin": records every request it receives and answers `reply`. */
export interface Recorder {
	/** http://127.0.0.1:PORT, no trailing slash; any path under it is recorded. */
	readonly url: string;
	readonly origin: string;
	readonly port: number;
	/** Live array, in arrival order. */
	readonly requests: RecordedRequest[];
	setReply(reply: RecorderReply): void;
	clear(): void;
	/** Resolves once at least `count` requests arrived; rejects after `timeoutMs` (default 10 s). */
	waitFor(count?: number, timeoutMs?: number): Promise<RecordedRequest[]>;
	close(): Promise<void>;
}

/**
 * Starts a recorder on 127.0.0.1 (a free port unless `port`). Default reply: 200
 * `{"result":"success","message":"Recorded by the other origin.","data":[]}`, so a client that wrongly follows a
 * redirect to it would believe the call worked.
 */
export function startRecorder(
	options?: RecorderReply & { host?: string; port?: number },
): Promise<Recorder>;

// ── journal ──────────────────────────────────────────────────────────────────

export interface JournalEntry {
	/** Arrival order, counted from the simulator's start (not restarted by clearJournal). */
	seq: number;
	method: string;
	/** Path after /api/{vendorUid}/, URL-decoded, no trailing slash: 'contact/send-message', 'contact/update/919876543210'. */
	endpoint: string;
	/** Path and query exactly as received. */
	rawPath: string;
	/** The query string; repeated names become arrays, names are as sent (e.g. 'contacts_uid[]'). */
	query: Record<string, string | string[]>;
	/** The body as sent: parsed JSON, a parsed form (PHP bracket notation nested), the raw text otherwise; null when empty. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
	/** Request headers, lower-case names (the Authorization header included, as received). */
	headers: Record<string, string>;
	/** HTTP status sent; 0 while pending and for a dropped connection. */
	status: number;
	/** The body sent back: parsed JSON, or the raw string. null for a dropped connection. */
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	response: any;
	/** False when refused before any controller ran: 404/405, 429, bad token/vendor, a fault without `process`. */
	processed: boolean;
	/** Epoch ms of arrival. */
	at: number;
	/** Id of the fault that hit this request. */
	fault?: string;
	/** Stack of an unexpected simulator error (the client saw a 500). */
	error?: string;
}

// ── state records ────────────────────────────────────────────────────────────

export interface VendorRecord {
	_id: number;
	_uid: string;
	title: string;
	status: number;
	settings: { enable_ai_bot_for_new_contacts: boolean };
}

export interface PhoneNumberRecord {
	/** Meta phone-number id (what `from_phone_number_id` takes). */
	id: string;
	/** Digits only. */
	display_phone_number: string;
	verified_name: string | null;
	is_default: boolean;
}

export interface TeamMemberRecord {
	_id: number;
	_uid: string;
	first_name: string;
	last_name: string;
	email: string | null;
	username: string | null;
	mobile_number: string | null;
	status: number;
	/** 1 = this vendor; 2 = another vendor on the same server. */
	vendors__id: number;
}

export interface CustomFieldRecord {
	_id: number;
	_uid: string;
	input_name: string;
	input_type: string;
	vendors__id: number;
}

export interface CustomFieldValueRecord {
	contacts__id: number;
	contact_custom_fields__id: number;
	field_value: string | null;
}

export interface GroupRecord {
	_id: number;
	_uid: string;
	/** 1 active, 5 archived. */
	status: number | null;
	title: string;
	description: string | null;
	vendors__id: number;
	created_at: string;
	updated_at: string;
}

export interface LabelRecord {
	_id: number;
	_uid: string;
	status: number | null;
	title: string;
	text_color: string | null;
	bg_color: string | null;
	vendors__id: number;
	created_at: string;
	updated_at: string;
}

export interface ContactRecord {
	_id: number;
	_uid: string;
	status: number;
	first_name: string | null;
	last_name: string | null;
	countries__id: number | null;
	/** 1 = opted out, null = not. */
	whatsapp_opt_out: 1 | null;
	/** The phone number. */
	wa_id: string;
	email: string | null;
	language_code: string | null;
	disable_ai_bot: 0 | 1 | null;
	disable_reply_bot: 0 | 1 | null;
	assigned_users__id: number | null;
	wa_blocked_at: string | null;
	bsuid: string | null;
	username: string | null;
	vendors__id: number;
	created_at: string;
	updated_at: string;
}

/** A Get Contacts / Get Single Contact row. */
export interface ContactRow extends ContactRecord {
	full_name: string;
	name_initials: string;
	groups: Array<{
		_id: number;
		_uid: string;
		status: number | null;
		title: string;
		description: string | null;
		created_at: string;
		laravel_through_key: number;
	}>;
	labels: Array<{
		_id: number;
		_uid: string;
		status: number | null;
		title: string;
		created_at: string;
		laravel_through_key: number;
	}>;
}

export interface GroupContactRecord {
	contacts__id: number;
	contact_groups__id: number;
	created_at: string;
}

export interface ContactLabelRecord {
	contacts__id: number;
	labels__id: number;
	created_at: string;
}

/** A Meta template component (HEADER, BODY, FOOTER, BUTTONS, CAROUSEL). */
export interface TemplateComponent {
	type: 'HEADER' | 'BODY' | 'FOOTER' | 'BUTTONS' | 'CAROUSEL' | string;
	format?: 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION' | string;
	text?: string;
	example?: Record<string, unknown>;
	buttons?: Array<{
		type: 'QUICK_REPLY' | 'URL' | 'PHONE_NUMBER' | 'COPY_CODE' | 'FLOW' | string;
		text?: string;
		url?: string;
		phone_number?: string;
		example?: unknown;
	}>;
	cards?: Array<{ components: TemplateComponent[] }>;
}

export interface TemplateRecord {
	_id: number;
	_uid: string;
	status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | string;
	template_name: string;
	/** Meta template id. */
	template_id: string;
	category: 'UTILITY' | 'MARKETING' | 'AUTHENTICATION' | string;
	language: string;
	components: TemplateComponent[];
	vendors__id: number;
	created_at: string;
	updated_at: string;
}

export interface CampaignRecord {
	_id: number;
	_uid: string;
	/** 1 active, 5 archived, 6 aborted. */
	status: number;
	title: string;
	template_name: string | null;
	template_language: string | null;
	whatsapp_templates__id: number | null;
	/** UTC. */
	scheduled_at: string;
	timezone: string;
	users__id: number | null;
	vendors__id: number;
	created_at: string;
	updated_at: string;
	/** The internal JSON column (not returned by the API except total_contacts in Campaign List). */
	__data: {
		expiry_at: string | null;
		total_contacts: number;
		is_all_contacts: boolean;
		selected_groups: Array<{
			_id: number;
			_uid: string;
			title: string;
			description: string | null;
		}>;
		[key: string]: unknown;
	};
}

export interface CampaignQueueRecord {
	_id: number;
	_uid: string;
	/** 1 queued, 2 failed in queue, 3 processing, 5 expired. */
	status: number;
	campaigns__id: number;
	contacts__id: number;
	phone_with_country_code: string;
	scheduled_at: string;
	/** The template parameters resolved for this recipient. */
	parameters: Record<string, unknown>;
	created_at: string;
	updated_at: string;
}

export interface MessageLogRecord {
	_id: number;
	_uid: string;
	status:
		| 'accepted'
		| 'held_for_quality_assessment'
		| 'sent'
		| 'delivered'
		| 'read'
		| 'failed'
		| string;
	wamid: string;
	message_type: 'text' | 'media' | 'template' | 'carousel' | 'interactive';
	is_incoming_message: boolean;
	contacts__id: number;
	contact_uid: string;
	contact_wa_id: string;
	campaigns__id: number | null;
	from_phone_number_id: string | null;
	/** Text body (after strip_tags), media caption or interactive body text. */
	message: string | null;
	media: { type: string; link: string; caption: string | null; file_name: string | null } | null;
	/** Template sends: name, language, category and the parameters as resolved for the recipient (and carousel cards). */
	template: { name: string; language: string; [key: string]: unknown } | null;
	/** Interactive sends: the request input minus from_phone_number_id, phone_number and contact. */
	interactive: Record<string, unknown> | null;
	/** The test message Create Campaign sends to the Test Contact. */
	is_campaign_test_message: boolean;
	vendors__id: number;
	created_at: string;
	updated_at: string;
}

export interface SimulatorState {
	vendor: VendorRecord;
	phoneNumbers: PhoneNumberRecord[];
	teamMembers: TeamMemberRecord[];
	customFields: CustomFieldRecord[];
	customFieldValues: CustomFieldValueRecord[];
	groups: GroupRecord[];
	labels: LabelRecord[];
	contacts: ContactRecord[];
	groupContacts: GroupContactRecord[];
	contactLabels: ContactLabelRecord[];
	templates: TemplateRecord[];
	campaigns: CampaignRecord[];
	campaignQueue: CampaignQueueRecord[];
	/** Message logs. */
	messages: MessageLogRecord[];
	/** UID of the vendor's Test Contact (WhatsApp Settings), or null. */
	testContact: string | null;
}

// ── seed ─────────────────────────────────────────────────────────────────────

/**
 * The data a simulator starts from. Relations are by title/email/phone number; `_uid`s are optional (random when
 * absent); dates are anything `new Date()` reads.
 */
export interface SeedData {
	vendor?: { title?: string; enable_ai_bot_for_new_contacts?: boolean };
	/** The first one (or the one with is_default) is the default sender. */
	phoneNumbers?: Array<{
		id: string;
		display_phone_number: string;
		verified_name?: string;
		is_default?: boolean;
	}>;
	/** The first member of this vendor is its admin (API calls run as it). `other_vendor` puts a member in another vendor. */
	teamMembers?: Array<{
		_uid?: string;
		first_name?: string;
		last_name?: string;
		email?: string;
		username?: string;
		mobile_number?: string;
		status?: number;
		other_vendor?: boolean;
	}>;
	customFields?: Array<{ input_name: string; input_type?: string }>;
	groups?: Array<{
		_uid?: string;
		title: string;
		description?: string | null;
		status?: number;
		created_at?: string;
		updated_at?: string;
	}>;
	labels?: Array<{
		_uid?: string;
		title: string;
		text_color?: string;
		bg_color?: string;
		status?: number;
		created_at?: string;
		updated_at?: string;
	}>;
	contacts?: Array<{
		_uid?: string;
		first_name?: string;
		last_name?: string;
		wa_id: string;
		email?: string | null;
		language_code?: string | null;
		/** Country name, e.g. 'India'. */
		country?: string;
		/** Group titles. */
		groups?: string[];
		/** Label titles. */
		labels?: string[];
		/** By custom field input name. */
		custom_fields?: Record<string, string>;
		whatsapp_opt_out?: boolean | 1 | null;
		disable_ai_bot?: 0 | 1 | null;
		disable_reply_bot?: 0 | 1 | null;
		/** Team member email. */
		assigned_to?: string;
		created_at?: string;
	}>;
	templates?: Array<{
		_uid?: string;
		template_id?: string;
		template_name: string;
		language?: string;
		category?: string;
		status?: string;
		components?: TemplateComponent[];
		created_at?: string;
		updated_at?: string;
	}>;
	campaigns?: Array<{
		_uid?: string;
		title: string;
		template_name: string;
		template_language: string;
		timezone?: string;
		/** UTC. */
		scheduled_at: string;
		status?: number;
		created_at?: string;
		updated_at?: string;
		/** Messages already sent, with their status. */
		messages?: Array<{ wa_id: string; status?: string }>;
		/** Recipients still queued. */
		queued?: string[];
	}>;
	/** wa_id of the Test Contact (must be one of `contacts`). */
	testContact?: string | null;
}

/** A fresh copy of the default seed. */
export function defaultSeed(): SeedData;

/** The k-th contact `seedContacts`/`--contacts` adds (k ≥ 1), in seed format: 9170 followed by k in 8 digits. */
export function generatedContact(k: number): NonNullable<SeedData['contacts']>[number];

export interface SeededContact {
	/** `_id` in a fresh simulator. */
	readonly id: number;
	readonly uid: string;
	/** wa_id. */
	readonly phone: string;
	readonly firstName: string;
	readonly lastName: string;
	readonly fullName: string;
	readonly email: string | null;
	readonly languageCode: string | null;
	readonly country: string;
	/** Group titles; `seeded.groups[title.toLowerCase()]` is the group. */
	readonly groups: readonly string[];
	readonly labels: readonly string[];
	/** By custom field input name. */
	readonly customFields: Readonly<Record<string, string>>;
	readonly optedOut: boolean;
	readonly aiBotEnabled: boolean;
	/** Team member email, or null. */
	readonly assignedTo: string | null;
}

export interface SeededGroup {
	readonly id: number;
	readonly uid: string;
	readonly title: string;
	readonly description: string | null;
}

export interface SeededLabel {
	readonly id: number;
	readonly uid: string;
	readonly title: string;
}

export interface SeededTeamMember {
	readonly id: number;
	readonly uid: string;
	readonly firstName: string;
	readonly lastName: string;
	readonly email: string;
	readonly username: string;
	readonly mobile: string;
	/** Belongs to another vendor: assigning it answers "Invalid user". */
	readonly otherVendor: boolean;
}

export interface SeededTemplate {
	readonly id: number;
	readonly uid: string;
	/** Meta template id. */
	readonly templateId: string;
	readonly name: string;
	readonly language: string;
	readonly category: string;
	readonly status: string;
}

/**
 * The default seed's records by name (see README "Default seed"), with the `_id`s a fresh simulator gives them.
 * Frozen. E.g. `seeded.contacts.johan.phone`, `seeded.groups.vip.id` (for `contact_groups`), `seeded.labels.hot.uid`.
 */
export const seeded: {
	readonly vendor: { readonly uid: string; readonly title: string };
	readonly contacts: {
		readonly johan: SeededContact;
		readonly asha: SeededContact;
		readonly ravi: SeededContact;
		/** Opted out. */
		readonly priya: SeededContact;
		/** The Test Contact; no groups, no labels. */
		readonly karan: SeededContact;
	};
	readonly groups: {
		readonly vip: SeededGroup;
		readonly leads: SeededGroup;
		readonly customers: SeededGroup;
	};
	readonly labels: {
		readonly hot: SeededLabel;
		readonly cold: SeededLabel;
		readonly replied: SeededLabel;
	};
	readonly teamMembers: {
		/** The vendor's admin: API calls run as this user. */
		readonly owner: SeededTeamMember;
		readonly agent: SeededTeamMember;
		readonly support: SeededTeamMember;
		/** Another vendor's user. */
		readonly olga: SeededTeamMember;
	};
	readonly templates: {
		readonly order_update: SeededTemplate;
		readonly welcome: SeededTemplate;
		readonly hello_world: SeededTemplate;
		readonly invoice_ready: SeededTemplate;
		readonly store_location: SeededTemplate;
		readonly promo_header_text: SeededTemplate;
		readonly product_carousel: SeededTemplate;
		readonly festive_offer: SeededTemplate;
		/** PENDING: not listed by Get Template List. */
		readonly summer_sale: SeededTemplate;
	};
	readonly phoneNumbers: {
		readonly store: {
			readonly id: string;
			readonly displayPhoneNumber: string;
			readonly verifiedName: string;
			readonly isDefault: boolean;
		};
		readonly support: {
			readonly id: string;
			readonly displayPhoneNumber: string;
			readonly verifiedName: string;
			readonly isDefault: boolean;
		};
	};
	readonly campaigns: {
		readonly newYear: {
			readonly id: number;
			readonly uid: string;
			readonly title: string;
			readonly templateName: string;
			readonly templateLanguage: string;
		};
	};
	readonly customFields: {
		readonly BDay: { readonly id: number; readonly inputName: string; readonly inputType: string };
		readonly City: { readonly id: number; readonly inputName: string; readonly inputType: string };
	};
	/** The same object as `contacts.karan`. */
	readonly testContact: SeededContact;
};

// ── simulator ────────────────────────────────────────────────────────────────

export interface RateLimit {
	limit: number;
	windowMs: number;
}

export interface SimulatorOptions {
	/** 0 (default) = a free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	vendorUid?: string;
	token?: string;
	/** Default { limit: 60, windowMs: 60000 } (SmartWats' own); false = no limiter (and no X-RateLimit headers). */
	rateLimit?: false | RateLimit;
	/** Default defaultSeed(). */
	seed?: SeedData;
	/** Default { apiAccess: true }; false → HTTP 401 plan gate on the send endpoints and Get Message Status. */
	plan?: { apiAccess: boolean };
	/** Default true; false → "Please complete your WhatsApp Cloud API Setup first" on sends and Get Message Status. */
	whatsappReady?: boolean;
	/**
	 * The vendor webhook (Settings → API Access & Webhook): Create Contact and Update Contact (on a real change)
	 * POST a contact event here before answering (§15, §19, §31). Default none.
	 */
	webhookUrl?: string | null;
	/** Size of large.mp4 / large-unsized.mp4; default 31,457,280 (30 MiB). */
	largeMediaBytes?: number;
	/** How long slow.jpg takes to arrive; default 5000 ms. */
	slowMediaMs?: number;
}

export interface SimulatorSettings {
	apiAccess: boolean;
	whatsappReady: boolean;
	webhookUrl: string | null;
	largeMediaBytes: number;
	slowMediaMs: number;
}

export interface CampaignStatusData {
	campaignStatus: 'upcoming' | 'processing' | 'executed' | 'na' | 'aborted';
	statusText: string;
	totalDelivered: number;
	totalDeliveredInPercent: string;
	totalRead: number;
	totalReadInPercent: string;
	totalSent: number;
	totalSentInPercent: string;
	acceptedCount: number;
	totalAcceptedInPercent: string;
	totalFailed: number;
	totalFailedInPercent: string;
	queueFailedCount: number;
	expiredCount: number;
	totalExpiredInPercent: string;
	inQueueCount: number;
	inQueuedCount: number;
	totalInQueueInPercent: string;
	executedCount: number;
	timeTookFromScheduledAtFormatted: string;
	campaign: Omit<CampaignRecord, '__data'>;
}

export interface Simulator {
	/** 'http://127.0.0.1:PORT/api' — what a user types as "API Base URL". */
	readonly url: string;
	readonly origin: string;
	readonly port: number;
	readonly host: string;
	readonly vendorUid: string;
	readonly token: string;
	/** 'http://127.0.0.1:PORT/__sim' */
	readonly adminUrl: string;
	/** Live state; reset() replaces it, so read `sim.state` each time. */
	readonly state: SimulatorState;
	/** Every request under /api, in arrival order (live array). */
	readonly journal: JournalEntry[];
	/** The current limiter configuration, or false. */
	readonly rateLimit: false | RateLimit;
	/** Plan, WhatsApp readiness, vendor webhook URL and media options as currently set. */
	readonly settings: SimulatorSettings;
	/** 'http://127.0.0.1:PORT/media': where the media files are served (no token needed). */
	readonly mediaBaseUrl: string;
	/** Every request for a media file (live array). */
	readonly mediaRequests: MediaRequest[];
	/** Every vendor webhook call the simulator made (contact events), in order (live array). */
	readonly webhookDeliveries: WebhookDelivery[];
	readonly largeMediaBytes: number;
	readonly slowMediaMs: number;
	/** Clears the journal, the media requests and the webhook deliveries. */
	clearJournal(): void;
	/**
	 * Back to the startup seed — or to `seed`, this once (a later reset() returns to the startup seed) — and to the
	 * startup options (rate limit, plan, readiness); journal, faults and rate-limit counters cleared.
	 */
	reset(seed?: SeedData): void;
	requestsTo(endpoint: string, method?: string): JournalEntry[];
	/** Returns the fault's id (journal entries it hits carry it as `fault`). */
	addFault(fault: Fault): string;
	clearFaults(): void;
	/** Starts a fresh limiter (counters reset), or removes it. */
	setRateLimit(rateLimit: false | RateLimit): void;
	setPlan(plan: { apiAccess: boolean }): void;
	setWhatsappReady(ready: boolean): void;
	/** Sets or (null) removes the vendor webhook URL; throws for anything but an http(s) URL. */
	setWebhookUrl(url: string | null): void;
	setMediaOptions(options: { largeMediaBytes?: number; slowMediaMs?: number }): void;
	/**
	 * The URL of a media file: mediaUrl('invoice.pdf'), mediaUrl('large.mp4', { bytes: 26_000_000 }),
	 * mediaUrl('photo.jpg', { trickleMs: 3000, delayMs: 500 }).
	 */
	mediaUrl(name: string, query?: { bytes?: number; trickleMs?: number; delayMs?: number }): string;
	/** A catalogue file's bytes and description (generated on first use); null for the large and missing ones. */
	mediaFile(name: string): (MediaDescription & { bytes: Buffer }) | null;
	/**
	 * Posts an event of a webhooks.js kind to `url` (default: the vendor webhook URL). Media kinds link to this
	 * simulator's files. Resolves the receiver's answer and the payload.
	 */
	postWebhook(
		kind: import('./webhooks').WebhookKind | import('./webhooks').MediaWebhookKind,
		overrides?: import('./webhooks').WebhookOverrides,
		url?: string,
	): Promise<{ status: number; body: unknown; payload: import('./webhooks').WebhookPayload }>;
	/** A recorder that close() stops. */
	startRecorder(reply?: RecorderReply): Promise<Recorder>;
	/** Adds n generated contacts with stable numbers (917000000001, 917000000002, …), for pagination tests. */
	seedContacts(count: number): ContactRecord[];
	/** Sets a message log's status by log UID or wamid (throws when unknown). */
	setMessageStatus(logUidOrWamid: string, status: string): MessageLogRecord;
	/** The Get Contacts row of a contact by phone number (wa_id) or UID. */
	getContact(phoneNumberOrUid: string): ContactRow | null;
	/** Delivers a campaign's queued messages now as message logs with `status` (default 'sent'); returns how many. */
	executeCampaign(campaignUid: string, status?: string): number;
	/** What Campaign Status would answer (`data`), or null for an unknown campaign. */
	campaignStatus(campaignUid: string): CampaignStatusData | null;
	/** Stops listening, cuts keep-alive connections and pending fault delays. */
	close(): Promise<void>;
}

export function startSimulator(options?: SimulatorOptions): Promise<Simulator>;
