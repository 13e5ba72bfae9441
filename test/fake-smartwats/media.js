// @ts-check
'use strict';
/**
 * The files SmartWats keeps for incoming media (§31: `message.media.link` is "the copy stored on the SmartWats
 * server"), served from the simulator's origin under /media/<name> without a token, like SmartWats' public
 * storage: realistic bytes with Content-Type and Content-Length, a broken link, an oversized file streamed without
 * holding it in memory, and a slow one. Each request is recorded in `sim.mediaRequests`.
 */
const crypto = require('node:crypto');

const { writeChunk } = require('./http-util');
const { mediaBytes } = require('./media-bytes');

/** 30 MiB: over the 25 MB a client would typically accept, under WhatsApp's own 100 MB document limit. */
const DEFAULT_LARGE_MEDIA_BYTES = 30 * 1024 * 1024;
/** How long `slow.jpg` takes to arrive, byte by byte, unless `?trickleMs=` says otherwise. */
const DEFAULT_SLOW_MEDIA_MS = 5000;

/** @typedef {'image' | 'video' | 'audio' | 'voice' | 'document' | 'sticker'} MediaKind */

/**
 * A file of the catalogue.
 * @typedef {object} MediaFileEntry
 * @property {MediaKind} kind the incoming message kind a webhook uses it for
 * @property {import('./media-bytes').MediaFormat} [format] how its bytes are made (none for the missing file)
 * @property {string} contentType what the server sends (by extension, as a web server does)
 * @property {string} [mimeType] Meta's `mime_type` in the webhook when it differs (a voice note:
 *   `audio/ogg; codecs=opus`)
 * @property {string} [originalFilename] what the customer's file was called (documents only)
 * @property {boolean} [slow] arrives a byte at a time over `slowMediaMs`
 * @property {boolean} [large] `largeMediaBytes`, streamed
 * @property {boolean} [unsized] without a Content-Length
 * @property {boolean} [missing] answers 404
 */

/**
 * What a webhook and `GET /__sim/media` tell about a catalogue file.
 * @typedef {object} MediaDescription
 * @property {string} name
 * @property {MediaKind} kind
 * @property {string} messageType Meta's message type: 'audio' for a voice note
 * @property {string} contentType
 * @property {string} mimeType
 * @property {string | null} originalFilename
 * @property {number | null} size bytes; null for the large and the missing files
 * @property {string | null} sha256 base64 SHA-256 of the bytes, as Meta sends it; null for the large and the
 *   missing files
 */

/**
 * A request for a media file (`sim.mediaRequests`).
 * @typedef {object} MediaRequest
 * @property {number} seq
 * @property {string} method
 * @property {string} name the file name asked for (URL-decoded)
 * @property {string} rawPath
 * @property {import('node:http').IncomingHttpHeaders} headers lower-case names (so a test can check that no
 *   Authorization was sent)
 * @property {number} status 0 until the headers are sent
 * @property {number} bytesSent
 * @property {boolean} completed false while streaming and when the client went away first
 * @property {number} at epoch ms
 */

/**
 * The catalogue, by file name.
 * @type {Readonly<Record<string, MediaFileEntry>>}
 */
const MEDIA_FILES = Object.freeze({
	'photo.jpg': { kind: 'image', format: 'jpeg', contentType: 'image/jpeg' },
	'photo.png': { kind: 'image', format: 'png', contentType: 'image/png' },
	'video.mp4': { kind: 'video', format: 'mp4', contentType: 'video/mp4' },
	'voice.ogg': {
		kind: 'voice',
		format: 'opus',
		contentType: 'audio/ogg',
		mimeType: 'audio/ogg; codecs=opus',
	},
	'audio.mp3': { kind: 'audio', format: 'mp3', contentType: 'audio/mpeg' },
	'invoice.pdf': {
		kind: 'document',
		format: 'pdf',
		contentType: 'application/pdf',
		originalFilename: 'Invoice 1001.pdf',
	},
	'sticker.webp': { kind: 'sticker', format: 'webp', contentType: 'image/webp' },
	/** The photo again, a byte at a time over 5 s (or `?trickleMs=`). */
	'slow.jpg': { kind: 'image', format: 'jpeg', contentType: 'image/jpeg', slow: true },
	/** `largeMediaBytes` (default 30 MiB, or `?bytes=`) with a Content-Length, streamed. */
	'large.mp4': { kind: 'video', format: 'mp4', contentType: 'video/mp4', large: true },
	/** The same without a Content-Length (chunked), so only counting the bytes finds out. */
	'large-unsized.mp4': {
		kind: 'video',
		format: 'mp4',
		contentType: 'video/mp4',
		large: true,
		unsized: true,
	},
	/** Not there: the storage answers 404 (any other unknown name does too). */
	'missing.jpg': { kind: 'image', contentType: 'image/jpeg', missing: true },
});

/**
 * The default file for each media kind of an incoming message.
 * @type {Readonly<Record<MediaKind, string>>}
 */
const DEFAULT_FILE_FOR_KIND = Object.freeze({
	image: 'photo.jpg',
	video: 'video.mp4',
	audio: 'audio.mp3',
	voice: 'voice.ogg',
	document: 'invoice.pdf',
	sticker: 'sticker.webp',
});

/**
 * What a webhook needs to know about a catalogue file: Meta's message type (`audio` for a voice note), MIME type,
 * original name, and the sha256 Meta sends (base64 of the bytes' SHA-256, when the file has bytes).
 * @param {string} name
 * @returns {MediaDescription | null}
 */
function describeMedia(name) {
	const file = MEDIA_FILES[name];
	if (!file) return null;
	const bytes = file.format && !file.large ? mediaBytes(file.format) : null;
	return {
		name,
		kind: file.kind,
		messageType: file.kind === 'voice' ? 'audio' : file.kind,
		contentType: file.contentType,
		mimeType: file.mimeType ?? file.contentType,
		originalFilename: file.originalFilename ?? null,
		size: bytes ? bytes.length : null,
		sha256: bytes ? crypto.createHash('sha256').update(bytes).digest('base64') : null,
	};
}

/**
 * The bytes of a catalogue file (not for the large ones, which are generated while streaming).
 * @param {string} name
 * @returns {(MediaDescription & { bytes: Buffer }) | null}
 */
function mediaFile(name) {
	const file = MEDIA_FILES[name];
	const description = describeMedia(name);
	if (!file?.format || !description || file.missing || file.large) return null;
	return { ...description, bytes: mediaBytes(file.format) };
}

const NOT_FOUND_PAGE =
	'<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** @param {string | null} value */
const wholeNumber = (value) => {
	if (value === null || !/^\d+$/.test(value)) return null;
	return Number(value);
};

/**
 * GET/HEAD /media/<name>[?delayMs=&trickleMs=&bytes=]. `delayMs` waits before the headers, `trickleMs` spreads the
 * body over that long, `bytes` sets the size of a large file.
 * @param {import('./index').Simulator} sim
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {URL} url
 * @returns {Promise<void>}
 */
async function handleMedia(sim, req, res, url) {
	const method = String(req.method).toUpperCase();
	const name = decodeURIComponent(url.pathname.slice('/media/'.length));
	/** @type {MediaRequest} */
	const entry = {
		seq: ++sim.mediaSequence,
		method,
		name,
		rawPath: String(req.url),
		headers: { ...req.headers },
		status: 0,
		bytesSent: 0,
		completed: false,
		at: Date.now(),
	};
	sim.mediaRequests.push(entry);
	const file = Object.prototype.hasOwnProperty.call(MEDIA_FILES, name)
		? MEDIA_FILES[name]
		: undefined;
	/**
	 * @param {number} status
	 * @param {Record<string, string | number>} headers
	 * @param {Buffer} body
	 * @returns {void}
	 */
	const finish = (status, headers, body) => {
		entry.status = status;
		entry.completed = true;
		res.writeHead(status, headers);
		if (method === 'HEAD') {
			res.end();
			return;
		}
		entry.bytesSent = body.length;
		res.end(body);
	};
	if (!['GET', 'HEAD'].includes(method))
		return finish(405, { Allow: 'GET, HEAD', 'Content-Length': 0 }, Buffer.alloc(0));
	if (!file?.format || file.missing)
		return finish(
			404,
			{ 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(NOT_FOUND_PAGE) },
			Buffer.from(NOT_FOUND_PAGE),
		);

	const delayMs = wholeNumber(url.searchParams.get('delayMs'));
	if (delayMs) await sim.wait(delayMs);
	if (res.destroyed || sim.closed) return;

	if (file.large) return streamLarge(sim, res, entry, file, method, url);

	const bytes = mediaBytes(file.format);
	const headers = {
		'Content-Type': file.contentType,
		'Content-Length': bytes.length,
		'Last-Modified': 'Fri, 31 Jan 2025 10:15:00 GMT',
		'Cache-Control': 'public, max-age=2592000',
	};
	const trickleMs =
		wholeNumber(url.searchParams.get('trickleMs')) ?? (file.slow ? sim.slowMediaMs : 0);
	if (!trickleMs || method === 'HEAD') return finish(200, headers, bytes);

	entry.status = 200;
	res.writeHead(200, headers);
	res.flushHeaders();
	entry.completed = await sim.trickle(res, bytes, trickleMs, (sent) => {
		entry.bytesSent += sent;
	});
}

/**
 * A large MP4: the real clip's first bytes (so it sniffs as MP4), then filler, generated chunk by chunk.
 * @param {import('./index').Simulator} sim
 * @param {import('node:http').ServerResponse} res
 * @param {MediaRequest} entry
 * @param {MediaFileEntry} file
 * @param {string} method
 * @param {URL} url
 * @returns {Promise<void>}
 */
async function streamLarge(sim, res, entry, file, method, url) {
	const total = wholeNumber(url.searchParams.get('bytes')) ?? sim.largeMediaBytes;
	/** @type {Record<string, string | number>} */
	const headers = { 'Content-Type': file.contentType };
	if (!file.unsized) headers['Content-Length'] = total;
	entry.status = 200;
	res.writeHead(200, headers);
	if (method === 'HEAD') {
		entry.completed = true;
		res.end();
		return;
	}
	const head = mediaBytes('mp4').subarray(0, 4096);
	const filler = Buffer.alloc(64 * 1024, 0x5a);
	while (entry.bytesSent < total) {
		if (res.destroyed || sim.closed) return;
		const source = entry.bytesSent < head.length ? head.subarray(entry.bytesSent) : filler;
		const chunk = source.subarray(0, Math.min(source.length, total - entry.bytesSent));
		if (!(await writeChunk(res, chunk))) return;
		entry.bytesSent += chunk.length;
	}
	entry.completed = true;
	res.end();
}

module.exports = {
	MEDIA_FILES,
	DEFAULT_FILE_FOR_KIND,
	DEFAULT_LARGE_MEDIA_BYTES,
	DEFAULT_SLOW_MEDIA_MS,
	describeMedia,
	mediaFile,
	handleMedia,
};
