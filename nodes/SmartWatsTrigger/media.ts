/**
 * Download Media: the file behind an incoming message's `media.link` (SmartWats' stored copy, a public URL), as
 * n8n binary data. It runs in the trigger's `execute()`, inside the execution n8n starts after it has answered
 * SmartWats, so a slow or large file never holds SmartWats' call (SmartWats waits about 30 s for the answer and
 * does not retry). A file that cannot be downloaded never costs the event: the item says why its binary is missing.
 *
 * The link comes from whoever calls the trigger's URL (anyone who knows it, unless a secret is set), so it is
 * followed only as far as is safe: http(s) only, no private or internal network addresses unless the user allows
 * them (checked with n8n's own egress filter, which resolves host names), every redirect checked the same way,
 * and never more than Max File Size read.
 */
import { createHash } from 'crypto';
import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readBoolean, readNumber, readText } from '../SmartWats/helpers/validation';

const MB = 1024 * 1024;
const MAX_REDIRECTS = 5;

export const DOWNLOAD_DEFAULTS = {
	binaryPropertyName: 'data',
	maxFileSizeMb: 25,
	downloadTimeoutSeconds: 60,
} as const;

/** The trigger's Download Media options as the user set them (absent ones take `DOWNLOAD_DEFAULTS`). */
export interface DownloadOptions {
	downloadMedia?: unknown;
	binaryPropertyName?: unknown;
	maxFileSizeMb?: unknown;
	downloadTimeoutSeconds?: unknown;
	allowPrivateNetwork?: unknown;
}

export interface DownloadSettings {
	binaryProperty: string;
	maxBytes: number;
	timeoutMs: number;
	allowPrivateNetwork: boolean;
}

/** Why a file was not attached; `message` says it in words. */
export type NotDownloadedReason =
	| 'invalidLink'
	| 'blockedAddress'
	| 'httpStatus'
	| 'timeout'
	| 'network'
	| 'tooLarge'
	| 'tooManyRedirects';

/** The item's `mediaDownload`. */
export interface MediaDownload extends IDataObject {
	downloaded: boolean;
	/** The binary field the file is in, or would have been in. */
	binaryProperty: string;
	/** Bytes of the file; for a file over the limit, its announced size (null when the server did not say). */
	fileSize: number | null;
	reason: NotDownloadedReason | null;
	message: string | null;
}

/** The largest Max File Size: WhatsApp's limit for documents, the largest media it delivers; read into memory. */
export const MAX_FILE_SIZE_MB = 100;
/** The longest Download Timeout: ten minutes. */
export const MAX_DOWNLOAD_TIMEOUT_SECONDS = 600;

/**
 * The Download Media settings, or undefined when Download Media is off. Each option is read by the package's
 * reader for its kind, so that an expression giving an unusable value (text that is no number, 0 MB, a list) stops
 * with a message naming the option instead of being replaced silently. Left-out options take `DOWNLOAD_DEFAULTS`.
 */
export function downloadSettings(
	context: Pick<IExecuteFunctions, 'getNode'>,
	options: DownloadOptions,
): DownloadSettings | undefined {
	const given = (value: unknown) => value !== undefined && value !== null && value !== '';
	if (
		!given(options.downloadMedia) ||
		!readBoolean(context, 0, options.downloadMedia, 'Download Media')
	)
		return undefined;
	const maxFileSizeMb = given(options.maxFileSizeMb)
		? readNumber(context, 0, options.maxFileSizeMb, 'Max File Size (MB)', {
				min: 0.01,
				max: MAX_FILE_SIZE_MB,
			})
		: DOWNLOAD_DEFAULTS.maxFileSizeMb;
	const timeoutSeconds = given(options.downloadTimeoutSeconds)
		? readNumber(context, 0, options.downloadTimeoutSeconds, 'Download Timeout (Seconds)', {
				min: 1,
				max: MAX_DOWNLOAD_TIMEOUT_SECONDS,
			})
		: DOWNLOAD_DEFAULTS.downloadTimeoutSeconds;
	const name = given(options.binaryPropertyName)
		? readText(context, 0, options.binaryPropertyName, 'Put File in Field')
		: '';
	return {
		binaryProperty: name || DOWNLOAD_DEFAULTS.binaryPropertyName,
		maxBytes: Math.floor(maxFileSizeMb * MB),
		timeoutMs: Math.ceil(timeoutSeconds * 1000),
		allowPrivateNetwork: given(options.allowPrivateNetwork)
			? readBoolean(context, 0, options.allowPrivateNetwork, 'Allow Private Network Addresses')
			: false,
	};
}

const megabytes = (bytes: number) => `${Number((bytes / MB).toFixed(1))} MB`;
const seconds = (ms: number) => (ms === 1000 ? '1 second' : `${ms / 1000} seconds`);

// ---- names and types -----------------------------------------------------------------------------------------

/** File extensions of the media types WhatsApp delivers (and a few more a document can be). */
const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'image/gif': 'gif',
	'video/mp4': 'mp4',
	'video/3gpp': '3gp',
	'video/quicktime': 'mov',
	'audio/ogg': 'ogg',
	'audio/opus': 'opus',
	'audio/mpeg': 'mp3',
	'audio/mp4': 'm4a',
	'audio/aac': 'aac',
	'audio/amr': 'amr',
	'audio/wav': 'wav',
	'application/pdf': 'pdf',
	'text/plain': 'txt',
	'text/csv': 'csv',
	'application/msword': 'doc',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'application/vnd.ms-excel': 'xls',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
	'application/vnd.ms-powerpoint': 'ppt',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
	'application/zip': 'zip',
};

/** `audio/ogg; codecs=opus` → `audio/ogg`; empty and generic types → undefined. */
function essence(mimeType: unknown): string | undefined {
	if (typeof mimeType !== 'string') return undefined;
	const type = mimeType.split(';')[0].trim().toLowerCase();
	return /^[a-z]+\/[a-z0-9.+-]+$/.test(type) && type !== 'application/octet-stream'
		? type
		: undefined;
}

const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1].toLowerCase();

const UNSAFE_IN_NAMES = '/\\:*?"<>|';

/**
 * A file name that is safe wherever a workflow puts it: no path separators (a customer's document called
 * "../../x.sh" must not climb out of a folder), no control or reserved characters, no leading dots, at most 150
 * characters with the extension kept.
 */
function safeFileName(name: string): string {
	let safe = Array.from(name, (character) =>
		character.charCodeAt(0) < 0x20 || character === '\u007f' || UNSAFE_IN_NAMES.includes(character)
			? '_'
			: character,
	).join('');
	safe = safe
		.trim()
		.replace(/^[.\s]+/, '')
		.replace(/[.\s]+$/, '');
	if (safe.length > 150) {
		const extension = extensionOf(safe);
		safe = extension ? `${safe.slice(0, 149 - extension.length)}.${extension}` : safe.slice(0, 150);
	}
	return safe;
}

/** `2025-01-31T10:15:00.000Z` → `20250131-101500`. */
function compactTime(timestamp: unknown): string | undefined {
	if (typeof timestamp !== 'string') return undefined;
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(timestamp);
	return match ? `${match[1]}${match[2]}${match[3]}-${match[4]}${match[5]}${match[6]}` : undefined;
}

/**
 * The binary's file name. A document keeps the name the customer gave it (`Invoice 1001.pdf`). Photos, videos,
 * voice notes and stickers have none, so they get one that sorts by time and does not collide when a customer sends
 * several at once: `image-20250131-101500-3fa9c1.jpg` (type, UTC time, a digest of the message ID).
 */
export function mediaFileName(item: IDataObject, mimeType: string | undefined, link: string) {
	const media = (item.media ?? {}) as IDataObject;
	const type = typeof media.type === 'string' && media.type ? media.type : 'media';
	const linkName = decodeURIComponentSafe(new URL(link).pathname.split('/').pop() ?? '');
	const extension =
		(mimeType && EXTENSIONS[mimeType]) ??
		extensionOf(typeof media.fileName === 'string' ? media.fileName : '') ??
		extensionOf(linkName) ??
		'bin';
	if (type === 'document' && typeof media.fileName === 'string') {
		const name = safeFileName(media.fileName);
		if (name) return extensionOf(name) ? name : `${name}.${extension}`;
	}
	const id = typeof item.whatsappMessageId === 'string' ? item.whatsappMessageId : link;
	const digest = createHash('sha256').update(id).digest('hex').slice(0, 6);
	return [type, compactTime(item.timestamp), digest].filter(Boolean).join('-') + `.${extension}`;
}

function decodeURIComponentSafe(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

// ---- the download ----------------------------------------------------------------------------------------------

type NotDownloaded = { reason: NotDownloadedReason; message: string; fileSize?: number };
type Fetched = { bytes: Buffer; contentType: string | undefined; url: string };

const notDownloaded = (
	reason: NotDownloadedReason,
	message: string,
	fileSize?: number,
): NotDownloaded => ({ reason, message, fileSize });

interface ResponseBody extends AsyncIterable<Buffer> {
	destroy(error?: Error): void;
}

interface FullResponse {
	body: ResponseBody;
	headers: Record<string, string | string[] | undefined>;
	statusCode: number;
	statusMessage?: string;
}

function discard(body: unknown) {
	if (body && typeof (body as ResponseBody).destroy === 'function')
		(body as ResponseBody).destroy();
}

function header(response: FullResponse, name: string): string | undefined {
	const value = response.headers?.[name];
	return Array.isArray(value) ? value[0] : value;
}

/** An error and the errors it wraps: the HTTP client nests the network's own error in `cause`. */
function causeChain(error: unknown): Array<{ code?: unknown; name?: unknown }> {
	const chain = [];
	for (
		let cause = error, depth = 0;
		typeof cause === 'object' && cause !== null && depth < 4;
		depth++
	) {
		chain.push(cause as { code?: unknown; name?: unknown });
		cause = (cause as { cause?: unknown }).cause;
	}
	return chain;
}

/** The code of a network-level failure (ECONNREFUSED, ENOTFOUND, ECONNRESET, …), wherever the client put it. */
const networkCode = (error: unknown) =>
	causeChain(error)
		.map(({ code }) => code)
		.find((code): code is string => typeof code === 'string' && /^E[A-Z_]+$/.test(code));

/** Whether n8n's instance-wide SSRF protection (N8N_SSRF_PROTECTION_ENABLED) refused the request. */
const blockedByInstance = (error: unknown) =>
	causeChain(error).some(({ name }) => typeof name === 'string' && name.startsWith('Ssrf'));

/** Why the link must not be followed, if it must not: scheme, then (unless allowed) where its host leads. */
async function refusal(
	this: IExecuteFunctions,
	url: URL,
	settings: DownloadSettings,
): Promise<NotDownloaded | undefined> {
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		return notDownloaded(
			'invalidLink',
			`The media link is not an http(s) URL but ${url.protocol.replace(/:$/, '')}:`,
		);
	if (settings.allowPrivateNetwork) return undefined;
	const helpers = this.helpers as Partial<IExecuteFunctions['helpers']>;
	if (typeof helpers.getSecureEgressFilter !== 'function')
		return notDownloaded(
			'blockedAddress',
			'This n8n version cannot check where a media link leads, so the file was not downloaded. Update n8n, or turn on Allow Private Network Addresses if you trust every caller of this URL.',
		);
	// 'enforced': checked even on instances that leave n8n's SSRF protection off, with the instance's own lists
	// (N8N_SSRF_BLOCKED_IP_RANGES, N8N_SSRF_ALLOWED_HOSTNAMES, …) where an administrator set them.
	const filter = helpers.getSecureEgressFilter('enforced');
	try {
		const verdict = await filter.validateUrl(url);
		if (verdict.ok) return undefined;
	} catch (error) {
		// The filter resolves the host name; an unknown host is a link that leads nowhere.
		return notDownloaded(
			'network',
			`The media link's host ${url.hostname} could not be found (${networkCode(error) ?? 'no address'})`,
		);
	}
	return notDownloaded(
		'blockedAddress',
		`The media link leads to a private or internal network address (${url.hostname}), which is not downloaded unless Allow Private Network Addresses is on`,
	);
}

/** Reads a response body, but never more than `maxBytes`; `expected` is its Content-Length, if announced. */
async function readAtMost(
	body: ResponseBody,
	maxBytes: number,
	expected: number | undefined,
	signal: AbortSignal,
	timedOut: () => NotDownloaded,
): Promise<Buffer | NotDownloaded> {
	const chunks: Buffer[] = [];
	let received = 0;
	const stop = () => body.destroy(new Error('The download was stopped'));
	signal.addEventListener('abort', stop, { once: true });
	try {
		for await (const chunk of body) {
			received += chunk.length;
			if (received > maxBytes) {
				body.destroy();
				return notDownloaded(
					'tooLarge',
					`The file is larger than Max File Size (${megabytes(maxBytes)}); the download stopped there`,
				);
			}
			chunks.push(chunk);
		}
	} catch (error) {
		if (signal.aborted) return timedOut();
		return notDownloaded(
			'network',
			`The connection closed after ${received} bytes of the file (${networkCode(error) ?? 'cut off'})`,
		);
	} finally {
		signal.removeEventListener('abort', stop);
	}
	if (expected !== undefined && received < expected)
		return notDownloaded(
			'network',
			`The connection closed after ${received} of ${expected} bytes of the file`,
		);
	return Buffer.concat(chunks, received);
}

async function fetchMedia(
	this: IExecuteFunctions,
	link: string,
	settings: DownloadSettings,
): Promise<Fetched | NotDownloaded> {
	const timeout = AbortSignal.timeout(settings.timeoutMs);
	const signal = AbortSignal.any([timeout, this.getExecutionCancelSignal() ?? timeout]);
	const timedOut = () =>
		timeout.aborted
			? notDownloaded(
					'timeout',
					`The download took longer than Download Timeout (${seconds(settings.timeoutMs)})`,
				)
			: notDownloaded('timeout', 'The execution was stopped during the download');

	let url: URL;
	try {
		url = new URL(link);
	} catch {
		return notDownloaded('invalidLink', 'The media link is not a URL');
	}
	for (let redirects = 0; ; redirects++) {
		const refused = await refusal.call(this, url, settings);
		if (refused) return refused;

		let response: FullResponse;
		try {
			response = (await this.helpers.httpRequest({
				method: 'GET',
				url: url.href,
				encoding: 'stream',
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
				// Redirects are followed below, each target checked like the link itself.
				disableFollowRedirect: true,
				timeout: settings.timeoutMs,
				abortSignal: signal,
			})) as FullResponse;
		} catch (error) {
			if (signal.aborted) return timedOut();
			if (blockedByInstance(error))
				return notDownloaded(
					'blockedAddress',
					`n8n's SSRF protection, set up for this n8n instance, does not allow the media link's address (${url.hostname})`,
				);
			return notDownloaded(
				'network',
				`The media link's server could not be reached (${networkCode(error) ?? (error as Error).message})`,
			);
		}

		const { statusCode } = response;
		const location = header(response, 'location');
		if (statusCode >= 300 && statusCode < 400 && location) {
			discard(response.body);
			if (redirects >= MAX_REDIRECTS)
				return notDownloaded(
					'tooManyRedirects',
					`The media link redirected more than ${MAX_REDIRECTS} times`,
				);
			try {
				url = new URL(location, url);
			} catch {
				return notDownloaded(
					'invalidLink',
					'The media link redirected to something that is not a URL',
				);
			}
			continue;
		}
		if (statusCode < 200 || statusCode >= 300) {
			discard(response.body);
			const text = response.statusMessage ? ` ${response.statusMessage}` : '';
			return notDownloaded('httpStatus', `The media link answered HTTP ${statusCode}${text}`);
		}

		const announced = Number(header(response, 'content-length'));
		const expected = Number.isSafeInteger(announced) && announced >= 0 ? announced : undefined;
		if (expected !== undefined && expected > settings.maxBytes) {
			discard(response.body);
			return notDownloaded(
				'tooLarge',
				`The file is ${megabytes(expected)}, larger than Max File Size (${megabytes(settings.maxBytes)})`,
				expected,
			);
		}
		const bytes = await readAtMost(response.body, settings.maxBytes, expected, signal, timedOut);
		if (!Buffer.isBuffer(bytes)) return bytes;
		return { bytes, contentType: header(response, 'content-type'), url: url.href };
	}
}

/**
 * Downloads the file of an incoming media message. Resolves the binary to attach (if any) and the item's
 * `mediaDownload`; never rejects for anything the link or its server does.
 */
export async function downloadMedia(
	this: IExecuteFunctions,
	item: IDataObject,
	settings: DownloadSettings,
): Promise<{ binary?: IBinaryData; mediaDownload: MediaDownload }> {
	const media = (item.media ?? {}) as IDataObject;
	const outcome = (result: NotDownloaded): { mediaDownload: MediaDownload } => ({
		mediaDownload: {
			downloaded: false,
			binaryProperty: settings.binaryProperty,
			fileSize: result.fileSize ?? null,
			reason: result.reason,
			message: result.message,
		},
	});
	if (typeof media.link !== 'string' || media.link.trim() === '')
		return outcome(notDownloaded('invalidLink', 'The message carries no media link'));

	const fetched = await fetchMedia.call(this, media.link.trim(), settings);
	if (!('bytes' in fetched)) return outcome(fetched);
	// WhatsApp's own MIME type describes the content; the storage's Content-Type is often only guessed.
	const mimeType = essence(media.mimeType) ?? essence(fetched.contentType);
	const fileName = mediaFileName(item, mimeType, fetched.url);
	const binary = await this.helpers.prepareBinaryData(
		fetched.bytes,
		fileName,
		mimeType ?? 'application/octet-stream',
	);
	return {
		binary,
		mediaDownload: {
			downloaded: true,
			binaryProperty: settings.binaryProperty,
			fileSize: fetched.bytes.length,
			reason: null,
			message: null,
		},
	};
}
