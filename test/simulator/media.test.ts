/**
 * The simulator's media files: what SmartWats' public storage serves behind `message.media.link` of an incoming
 * media message (§31), and the webhook kinds that point at them. Over real HTTP.
 */
import { createHash } from 'crypto';

import { DEFAULT_FILE_FOR_KIND, MEDIA_FILES, startRecorder } from '../fake-smartwats';
import type { Recorder } from '../fake-smartwats';
import { MEDIA_WEBHOOK_KINDS, buildWebhookPayload } from '../fake-smartwats/webhooks';
import {
	rawMetaMessage,
	useSimulatorApi,
	webhookMedia,
	webhookMessage,
	webhookPayload,
} from '../harness/simulator-client';

const api = useSimulatorApi();
const { admin } = api;

async function download(url: string, init: RequestInit = {}) {
	const response = await fetch(url, init);
	const bytes = Buffer.from(await response.arrayBuffer());
	return { status: response.status, headers: response.headers, bytes };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');
const ascii = (bytes: Buffer, start: number, end: number) =>
	bytes.subarray(start, end).toString('latin1');

/** What each format's first bytes and structure must show, and the picture size where there is one. */
const SIGNATURES: Record<string, (bytes: Buffer) => unknown> = {
	'photo.jpg': (bytes) => {
		const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]));
		return {
			start: [...bytes.subarray(0, 3)],
			end: [...bytes.subarray(-2)],
			jfif: ascii(bytes, 6, 10),
			size: [bytes.readUInt16BE(sof + 7), bytes.readUInt16BE(sof + 5)],
		};
	},
	'photo.png': (bytes) => ({
		signature: [...bytes.subarray(0, 8)],
		header: ascii(bytes, 12, 16),
		size: [bytes.readUInt32BE(16), bytes.readUInt32BE(20)],
		end: ascii(bytes, bytes.length - 8, bytes.length - 4),
	}),
	'video.mp4': (bytes) => ({
		ftyp: ascii(bytes, 4, 12),
		moov: ascii(bytes, bytes.readUInt32BE(0) + 4, bytes.readUInt32BE(0) + 8),
		h264: bytes.includes(Buffer.from('avc1')) && bytes.includes(Buffer.from('avcC')),
	}),
	'voice.ogg': (bytes) => ({
		capture: ascii(bytes, 0, 4),
		codec: ascii(bytes, 28, 36),
		tags: bytes.includes(Buffer.from('OpusTags')),
	}),
	'audio.mp3': (bytes) => {
		const tagEnd = 10 + ((bytes[6] << 21) | (bytes[7] << 14) | (bytes[8] << 7) | bytes[9]);
		return { id3: ascii(bytes, 0, 3), frameSync: [bytes[tagEnd], bytes[tagEnd + 1] & 0xe0] };
	},
	'invoice.pdf': (bytes) => ({
		header: ascii(bytes, 0, 8),
		trailer: bytes.toString('latin1').trimEnd().endsWith('%%EOF'),
		text: bytes.includes(Buffer.from('(Invoice 1001)')),
	}),
	'sticker.webp': (bytes) => ({
		riff: ascii(bytes, 0, 4),
		riffSize: bytes.readUInt32LE(4) + 8 === bytes.length,
		webp: ascii(bytes, 8, 16),
		// VP8L: a signature byte, then width-1 and height-1 in 14 bits each.
		size: [(bytes.readUInt32LE(21) & 0x3fff) + 1, ((bytes.readUInt32LE(21) >>> 14) & 0x3fff) + 1],
	}),
};

const EXPECTED: Record<string, unknown> = {
	'photo.jpg': { start: [0xff, 0xd8, 0xff], end: [0xff, 0xd9], jfif: 'JFIF', size: [480, 360] },
	'photo.png': {
		signature: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
		header: 'IHDR',
		size: [320, 240],
		end: 'IEND',
	},
	'video.mp4': { ftyp: 'ftypisom', moov: 'moov', h264: true },
	'voice.ogg': { capture: 'OggS', codec: 'OpusHead', tags: true },
	'audio.mp3': { id3: 'ID3', frameSync: [0xff, 0xe0] },
	'invoice.pdf': { header: '%PDF-1.4', trailer: true, text: true },
	'sticker.webp': { riff: 'RIFF', riffSize: true, webp: 'WEBPVP8L', size: [512, 512] },
};

describe('§31 Media files behind message.media.link', () => {
	it.each(Object.keys(SIGNATURES))(
		'serves %s without a token, with its type, length and real bytes',
		async (name) => {
			const file = api.sim.mediaFile(name);
			const { status, headers, bytes } = await download(api.sim.mediaUrl(name));
			expect({
				status,
				type: headers.get('content-type'),
				length: Number(headers.get('content-length')),
			}).toEqual({ status: 200, type: MEDIA_FILES[name].contentType, length: bytes.length });
			expect(bytes.equals(file?.bytes ?? Buffer.alloc(0))).toBe(true);
			expect(SIGNATURES[name](bytes)).toEqual(EXPECTED[name]);
			expect(file?.sha256).toBe(sha256(bytes));
		},
	);

	it('has pictures of tens of KB and a sticker under WhatsApp’s 100 KB', () => {
		const size = (name: string) => api.sim.mediaFile(name)?.bytes.length ?? 0;
		expect(size('photo.jpg')).toBeGreaterThan(10_000);
		expect(size('photo.png')).toBeGreaterThan(10_000);
		expect(size('video.mp4')).toBeGreaterThan(10_000);
		expect(size('sticker.webp')).toBeLessThan(100 * 1024);
	});

	it('answers HEAD with the headers only, and records every request without its token', async () => {
		const head = await download(api.sim.mediaUrl('invoice.pdf'), { method: 'HEAD' });
		expect({
			status: head.status,
			length: head.headers.get('content-length'),
			body: head.bytes.length,
		}).toEqual({
			status: 200,
			length: String(api.sim.mediaFile('invoice.pdf')?.bytes.length),
			body: 0,
		});
		await download(api.sim.mediaUrl('photo.png'), {
			headers: { Authorization: 'Bearer should-not-be-sent' },
		});
		expect(
			api.sim.mediaRequests.map((request) => ({
				method: request.method,
				name: request.name,
				status: request.status,
				completed: request.completed,
				authorization: request.headers.authorization,
			})),
		).toEqual([
			{
				method: 'HEAD',
				name: 'invoice.pdf',
				status: 200,
				completed: true,
				authorization: undefined,
			},
			{
				method: 'GET',
				name: 'photo.png',
				status: 200,
				completed: true,
				authorization: 'Bearer should-not-be-sent',
			},
		]);
		// The journal stays the API's.
		expect(api.sim.journal).toHaveLength(0);
	});

	it('answers a broken link with the storage’s 404 page', async () => {
		for (const name of ['missing.jpg', 'never-uploaded.pdf']) {
			const { status, headers, bytes } = await download(api.sim.mediaUrl(name));
			expect({ status, type: headers.get('content-type') }).toEqual({
				status: 404,
				type: 'text/html',
			});
			expect(bytes.toString()).toContain('404 Not Found');
		}
	});

	it('streams an oversized file with its Content-Length (30 MiB by default, configurable)', async () => {
		expect(api.sim.largeMediaBytes).toBe(30 * 1024 * 1024);
		const head = await fetch(api.sim.mediaUrl('large.mp4'), { method: 'HEAD' });
		expect(head.headers.get('content-length')).toBe(String(30 * 1024 * 1024));

		api.sim.setMediaOptions({ largeMediaBytes: 3_000_000 });
		const { headers, bytes } = await download(api.sim.mediaUrl('large.mp4'));
		expect({ type: headers.get('content-type'), length: bytes.length }).toEqual({
			type: 'video/mp4',
			length: 3_000_000,
		});
		// It starts like the real clip, so it sniffs as MP4.
		expect(ascii(bytes, 4, 12)).toBe('ftypisom');
		const perRequest = await download(api.sim.mediaUrl('large.mp4', { bytes: 70_000 }));
		expect(perRequest.bytes.length).toBe(70_000);
	});

	it('streams the unsized variant without a Content-Length, so only counting finds the size', async () => {
		const response = await fetch(api.sim.mediaUrl('large-unsized.mp4', { bytes: 200_000 }));
		expect({
			length: response.headers.get('content-length'),
			encoding: response.headers.get('transfer-encoding'),
		}).toEqual({ length: null, encoding: 'chunked' });
		expect((await response.arrayBuffer()).byteLength).toBe(200_000);
	});

	it('stops streaming when the client gives up, without reading the rest', async () => {
		const controller = new AbortController();
		const response = await fetch(api.sim.mediaUrl('large.mp4'), { signal: controller.signal });
		const reader = response.body?.getReader();
		await reader?.read();
		controller.abort();
		await reader?.cancel().catch(() => undefined);
		const [request] = api.sim.mediaRequests;
		expect(request.completed).toBe(false);
		expect(request.bytesSent).toBeLessThan(api.sim.largeMediaBytes);
	});

	it('sends slow.jpg (or any file with trickleMs) as headers first, then the bytes over that long', async () => {
		api.sim.setMediaOptions({ slowMediaMs: 1200 });
		const started = Date.now();
		const response = await fetch(api.sim.mediaUrl('slow.jpg'));
		const bytes = Buffer.from(await response.arrayBuffer());
		// A deliberate delay can only make it later, never earlier.
		expect(Date.now() - started).toBeGreaterThanOrEqual(1100);
		expect(bytes.equals(api.sim.mediaFile('photo.jpg')?.bytes ?? Buffer.alloc(0))).toBe(true);
		const trickled = await download(api.sim.mediaUrl('voice.ogg', { trickleMs: 300 }));
		expect(trickled.bytes.length).toBe(api.sim.mediaFile('voice.ogg')?.bytes.length);
	});

	it('lists the catalogue, its URLs and the media requests over the admin API', async () => {
		await fetch(api.sim.mediaUrl('sticker.webp'));
		const { json } = await admin('GET', 'media');
		expect(json).toMatchObject({
			baseUrl: api.sim.mediaBaseUrl,
			largeMediaBytes: 30 * 1024 * 1024,
			slowMediaMs: 5000,
		});
		expect(json.files.map((file) => file.name).sort()).toEqual(Object.keys(MEDIA_FILES).sort());
		expect(json.files.find((file) => file.name === 'invoice.pdf')).toMatchObject({
			kind: 'document',
			url: `${api.sim.mediaBaseUrl}/invoice.pdf`,
			contentType: 'application/pdf',
			originalFilename: 'Invoice 1001.pdf',
		});
		expect((await admin('GET', 'media-requests')).json).toMatchObject([
			{ name: 'sticker.webp', status: 200 },
		]);
		await admin('POST', 'settings', { largeMediaBytes: 1234, slowMediaMs: 50 });
		expect([api.sim.largeMediaBytes, api.sim.slowMediaMs]).toEqual([1234, 50]);
		expect((await admin('POST', 'settings', { largeMediaBytes: -1 })).status).toBe(400);
		// reset() returns to the startup options.
		api.sim.reset();
		expect([api.sim.largeMediaBytes, api.sim.mediaRequests]).toEqual([30 * 1024 * 1024, []]);
	});
});

describe('§31 Incoming media webhooks pointing at the media files', () => {
	let receiver: Recorder;

	beforeAll(async () => {
		receiver = await startRecorder({ json: { message: 'Workflow was started' } });
	});
	beforeEach(() => receiver.clear());
	afterAll(async () => {
		await receiver.close();
	});

	it.each(MEDIA_WEBHOOK_KINDS.map((kind) => [kind]))(
		'%s: SmartWats media object and the raw Meta message describe the same file',
		async (kind) => {
			const { status } = await admin('POST', 'webhook', { url: `${receiver.url}/hook`, kind });
			expect(status).toBe(200);
			const payload = webhookPayload(receiver.requests[0]);
			const name = DEFAULT_FILE_FOR_KIND[kind];
			const file = api.sim.mediaFile(name);
			const type = kind === 'voice' ? 'audio' : kind;
			expect(webhookMessage(payload)).toMatchObject({
				is_new_message: true,
				body: null,
				media: {
					type,
					link: api.sim.mediaUrl(name),
					mime_type: file?.mimeType,
					file_name: name,
					original_filename: kind === 'document' ? 'Invoice 1001.pdf' : null,
				},
			});
			const raw = rawMetaMessage(payload);
			expect(raw.type).toBe(type);
			expect(raw[type]).toMatchObject({ mime_type: file?.mimeType, sha256: file?.sha256 });
			// The link serves exactly those bytes.
			const served = await download(webhookMedia(payload).link);
			expect(sha256(served.bytes)).toBe(file?.sha256);
		},
	);

	it('sends a voice note as Meta does (audio, voice: true) and only pictures, videos and documents with captions', () => {
		const rawOf = (kind: (typeof MEDIA_WEBHOOK_KINDS)[number]) =>
			rawMetaMessage(buildWebhookPayload(kind));
		expect(rawOf('voice').audio).toMatchObject({
			voice: true,
			mime_type: 'audio/ogg; codecs=opus',
		});
		expect(rawOf('audio').audio).toMatchObject({ voice: false });
		expect(rawOf('document').document).toMatchObject({ filename: 'Invoice 1001.pdf' });
		expect(rawOf('sticker').sticker).toMatchObject({ animated: false, mime_type: 'image/webp' });
		const captions = MEDIA_WEBHOOK_KINDS.map(
			(kind) => webhookMedia(buildWebhookPayload(kind)).caption !== null,
		);
		expect(
			Object.fromEntries(MEDIA_WEBHOOK_KINDS.map((kind, index) => [kind, captions[index]])),
		).toEqual({
			image: true,
			video: true,
			audio: false,
			voice: false,
			document: true,
			sticker: false,
		});
	});

	it('points at another file of the catalogue, a broken link or the oversized file when asked', async () => {
		await admin('POST', 'webhook', {
			url: receiver.url,
			kind: 'image',
			overrides: { mediaFile: 'missing.jpg', caption: 'Is this broken?' },
		});
		await admin('POST', 'webhook', {
			url: receiver.url,
			kind: 'video',
			overrides: { mediaFile: 'large.mp4' },
		});
		const [broken, large] = receiver.requests.map((request) =>
			webhookMedia(webhookPayload(request)),
		);
		expect(broken).toMatchObject({
			link: api.sim.mediaUrl('missing.jpg'),
			caption: 'Is this broken?',
		});
		expect((await fetch(broken.link)).status).toBe(404);
		expect(large.link).toBe(api.sim.mediaUrl('large.mp4'));
		// Built outside the simulator, the link is SmartWats' storage path unless mediaBaseUrl says where.
		expect(webhookMedia(buildWebhookPayload('document')).link).toMatch(
			/^https:\/\/app\.smartwats\.com\/media-storage\/vendors\/.+\/whatsapp_media\/received\/invoice\.pdf$/,
		);
		expect(
			webhookMedia(buildWebhookPayload('document', { mediaBaseUrl: api.sim.mediaBaseUrl })).link,
		).toBe(api.sim.mediaUrl('invoice.pdf'));
	});

	it('sim.postWebhook posts to the vendor webhook URL when no URL is given', async () => {
		await expect(api.sim.postWebhook('document')).rejects.toThrow('no URL given');
		api.sim.setWebhookUrl(`${receiver.url}/vendor-hook`);
		const answer = await api.sim.postWebhook('document', { caption: 'Invoice attached' });
		expect(answer.status).toBe(200);
		expect(receiver.requests.map((request) => request.path)).toEqual(['/vendor-hook']);
		expect(webhookMedia(webhookPayload(receiver.requests[0]))).toMatchObject({
			link: api.sim.mediaUrl('invoice.pdf'),
			caption: 'Invoice attached',
		});
		expect(
			webhookMedia((await admin('POST', 'webhook', { kind: 'sticker' })).json.payload).link,
		).toBe(api.sim.mediaUrl('sticker.webp'));
	});
});
