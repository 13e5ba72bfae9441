import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';
import { BINARY_ENCODING } from 'n8n-workflow';

import { DEFAULT_FILE_FOR_KIND, startSimulator } from './fake-smartwats';
import type { Simulator } from './fake-smartwats';
import { buildWebhookPayload, MEDIA_WEBHOOK_KINDS, postWebhook } from './fake-smartwats/webhooks';
import type { AnyOverrides } from './fake-smartwats/webhooks';
import { allowIpRanges } from './harness/egress';
import { startMediaOrigin } from './harness/media-origin';
import type { MediaOrigin } from './harness/media-origin';
import { ALL_EVENTS, TIMESTAMP, useTrigger } from './harness/webhook';
import type { AnyWebhookKind, Sent } from './harness/webhook';
import { SmartWatsTrigger } from '../nodes/SmartWatsTrigger/SmartWatsTrigger.node';
import { DOWNLOAD_DEFAULTS } from '../nodes/SmartWatsTrigger/media';
import { normalizePayload } from '../nodes/SmartWatsTrigger/normalize';

// n8n's egress filter as an administrator would set it with N8N_SSRF_ALLOWED_IP_RANGES=127.0.0.2/32: a host that
// counts as public for these specs, while 127.0.0.1 (the simulator) stays a private address.
allowIpRanges(['127.0.0.2/32']);

const MB = 1024 * 1024;
const INCOMING = { events: ['incomingMessage'] };
/**
 * Download Media on. The simulator serves its files on 127.0.0.1, a private address, so the specs that are not
 * about where links may lead allow private addresses.
 */
const DOWNLOADING = { ...INCOMING, options: { downloadMedia: true, allowPrivateNetwork: true } };
const downloading = (options: IDataObject) => ({
	...INCOMING,
	options: { ...DOWNLOADING.options, ...options },
});

let sim: Simulator;
let origin: MediaOrigin;
/** Listens on 127.0.0.2, which the egress filter above lets through. */
let publicOrigin: MediaOrigin;
beforeAll(async () => {
	[sim, origin, publicOrigin] = await Promise.all([
		startSimulator({ rateLimit: false }),
		startMediaOrigin(),
		startMediaOrigin({ host: '127.0.0.2' }),
	]);
	// The files are generated on first use; not while a download's clock runs.
	for (const kind of MEDIA_WEBHOOK_KINDS) sim.mediaFile(DEFAULT_FILE_FOR_KIND[kind]);
});
beforeEach(() => sim.clearJournal());
afterAll(async () => {
	await Promise.all([sim?.close(), origin?.close(), publicOrigin?.close()]);
});

const trigger = useTrigger(DOWNLOADING);

/** Sends an event of `kind` whose media link points at the simulator's files. */
const sendMedia = (kind: AnyWebhookKind, overrides: AnyOverrides = {}, parameters?: IDataObject) =>
	trigger.sendKind(kind, { mediaBaseUrl: sim.mediaBaseUrl, ...overrides }, parameters);

/** The one item the trigger gave, after an execution that succeeded. */
function onlyItem(sent: Sent): INodeExecutionData {
	expect(sent.status).toBe(200);
	expect(sent.body).toEqual({ started: true, event: 'message.received' });
	expect(sent.execution?.status).toBe('success');
	expect(sent.output).toHaveLength(1);
	return sent.output[0];
}

/** The item as the trigger gives it without Download Media. */
const normalized = (sent: Sent) =>
	normalizePayload('message.received', sent.run.body as IDataObject);

const bytesOf = (binary: IBinaryData) => Buffer.from(binary.data, BINARY_ENCODING);

function expectNotAttached(
	sent: Sent,
	reason: string,
	message: string | RegExp,
	fileSize: number | null = null,
) {
	const item = onlyItem(sent);
	expect(item.binary).toBeUndefined();
	expect(item.json).toEqual({
		...normalized(sent),
		mediaDownload: {
			downloaded: false,
			binaryProperty: 'data',
			fileSize,
			reason,
			message: typeof message === 'string' ? message : expect.stringMatching(message),
		},
	});
	const hints = sent.execution!.data.resultData.runData['SmartWats Trigger'][0].hints;
	expect(hints).toEqual([
		{
			message: `The media file was not attached: ${(item.json.mediaDownload as IDataObject).message}`,
			type: 'warning',
			location: 'outputPane',
		},
	]);
}

describe('SmartWats Trigger → Download Media: off (the default)', () => {
	it('gives the item as before, without binary data, and does not fetch the file', async () => {
		const sent = await sendMedia('image', {}, INCOMING);
		expect(onlyItem(sent)).toEqual({ json: normalized(sent), pairedItem: { item: 0 } });
		expect(sim.mediaRequests).toEqual([]);
	});

	it('the description offers it off, with the defaults the node applies to options left out', () => {
		const options = new SmartWatsTrigger().description.properties.find(
			(property) => property.name === 'options',
		)!.options as Array<{ name: string; default: unknown }>;
		const defaultOf = (name: string) => options.find((option) => option.name === name)?.default;
		expect(defaultOf('downloadMedia')).toBe(false);
		expect(defaultOf('allowPrivateNetwork')).toBe(false);
		expect({
			binaryPropertyName: defaultOf('binaryPropertyName'),
			maxFileSizeMb: defaultOf('maxFileSizeMb'),
			downloadTimeoutSeconds: defaultOf('downloadTimeoutSeconds'),
		}).toEqual(DOWNLOAD_DEFAULTS);
	});
});

describe('SmartWats Trigger → Download Media: its options', () => {
	const unusable = downloading({ maxFileSizeMb: '={{ "lots" }}' });
	const message = '\'Max File Size (MB)\' must be a number from 0.01 to 100, got "lots"';

	it('an option an expression makes unusable stops publishing with a message naming it', async () => {
		trigger.server.setParameters(unusable);
		await expect(trigger.server.runWebhookMethod('create')).rejects.toThrow(message);
		trigger.server.setParameters(DOWNLOADING);
		await expect(trigger.server.runWebhookMethod('create')).resolves.toBe(true);
	});

	it('a call that arrives anyway is taken, and its execution fails naming the option instead of using another size', async () => {
		const sent = await sendMedia('image', {}, unusable);
		expect(sent.body).toEqual({ started: true, event: 'message.received' });
		expect(sent.execution?.status).toBe('error');
		expect(sent.execution?.data.resultData.error?.message).toBe(message);
		expect(sim.mediaRequests).toEqual([]);
	});

	it('takes numbers given as text, as an expression from a sheet gives them', async () => {
		const item = onlyItem(
			await sendMedia(
				'image',
				{},
				downloading({ maxFileSizeMb: '0.5', downloadTimeoutSeconds: '30' }),
			),
		);
		expect(item.json.mediaDownload).toMatchObject({ downloaded: true });
	});
});

describe('SmartWats Trigger → Download Media: the file as binary data', () => {
	const names: Record<(typeof MEDIA_WEBHOOK_KINDS)[number], RegExp | string> = {
		image: /^image-20250131-101500-[0-9a-f]{6}\.jpg$/,
		video: /^video-20250131-101500-[0-9a-f]{6}\.mp4$/,
		audio: /^audio-20250131-101500-[0-9a-f]{6}\.mp3$/,
		// A voice note is WhatsApp's audio message (Meta's type "audio", audio/ogg; codecs=opus).
		voice: /^audio-20250131-101500-[0-9a-f]{6}\.ogg$/,
		// A document keeps the name the customer gave it.
		document: 'Invoice 1001.pdf',
		sticker: /^sticker-20250131-101500-[0-9a-f]{6}\.webp$/,
	};

	it.each(MEDIA_WEBHOOK_KINDS)(
		'%s: the bytes the storage served, with their MIME type and a file name with the right extension',
		async (kind) => {
			const file = sim.mediaFile(DEFAULT_FILE_FOR_KIND[kind])!;
			const sent = await sendMedia(kind);
			const item = onlyItem(sent);
			const binary = item.binary!.data;
			expect(bytesOf(binary).equals(file.bytes)).toBe(true);
			expect(binary).toMatchObject({
				mimeType: file.contentType,
				fileName:
					typeof names[kind] === 'string' ? names[kind] : expect.stringMatching(names[kind]),
				fileExtension: DEFAULT_FILE_FOR_KIND[kind].split('.').pop(),
				bytes: file.size,
			});
			expect(item.json).toEqual({
				...normalized(sent),
				mediaDownload: {
					downloaded: true,
					binaryProperty: 'data',
					fileSize: file.size,
					reason: null,
					message: null,
				},
			});
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(sim.mediaRequests.map(({ method, name }) => ({ method, name }))).toEqual([
				{ method: 'GET', name: DEFAULT_FILE_FOR_KIND[kind] },
			]);
		},
	);

	it('gives photos sent in the same second different names, and a message the same name each time', async () => {
		const names = [];
		for (const whatsappMessageId of ['wamid.ALBUM1', 'wamid.ALBUM2', 'wamid.ALBUM1'])
			names.push(onlyItem(await sendMedia('image', { whatsappMessageId })).binary!.data.fileName);
		expect(names[0]).not.toBe(names[1]);
		expect(names[2]).toBe(names[0]);
	});

	it('puts the file in the field named by Put File in Field; an empty name means data', async () => {
		const photo = onlyItem(
			await sendMedia('image', {}, downloading({ binaryPropertyName: ' photo ' })),
		);
		expect(Object.keys(photo.binary!)).toEqual(['photo']);
		expect(photo.json.mediaDownload).toMatchObject({ downloaded: true, binaryProperty: 'photo' });
		const unnamed = onlyItem(await sendMedia('image', {}, downloading({ binaryPropertyName: '' })));
		expect(Object.keys(unnamed.binary!)).toEqual(['data']);
	});

	it("keeps a customer's document name safe to use as a file name", async () => {
		const named = async (original_filename: string) =>
			onlyItem(await sendMedia('document', { message: { media: { original_filename } } })).binary!
				.data.fileName;
		expect(await named('../../etc/cron.d/job.pdf')).toBe('_.._etc_cron.d_job.pdf');
		expect(await named('Scan from 31 January')).toBe('Scan from 31 January.pdf');
		expect(await named('report\u0000.pdf')).toBe('report_.pdf');
	});

	it('answers SmartWats before the file is downloaded, so a slow file never holds its call', async () => {
		const { server } = trigger;
		const photo = sim.mediaFile('photo.jpg')!;
		const held = origin.hold(photo.bytes, 'image/jpeg');
		server.setParameters(DOWNLOADING);
		const index = server.runs.length;
		const answer = await postWebhook(
			server.productionUrl,
			buildWebhookPayload('image', { link: held.url, timestamp: TIMESTAMP }),
		);
		// The file cannot have arrived: its server has not answered yet.
		expect(answer).toEqual({ status: 200, body: { started: true, event: 'message.received' } });
		await held.requested;
		held.release();
		const execution = await server.runs[index].execution!;
		const [item] = execution.data.resultData.runData['SmartWats Trigger'][0].data!.main[0]!;
		expect(bytesOf(item.binary!.data).equals(photo.bytes)).toBe(true);
	});

	it('follows a redirect to the file', async () => {
		const sent = await sendMedia('image', {
			mediaFile: 'photo.png',
			link: origin.redirectTo(sim.mediaUrl('photo.png')),
		});
		const binary = onlyItem(sent).binary!.data;
		expect(bytesOf(binary).equals(sim.mediaFile('photo.png')!.bytes)).toBe(true);
		expect(binary.mimeType).toBe('image/png');
	});

	it('leaves status updates and contact events as they are, and says mediaDownload null for messages without media', async () => {
		const parameters = { ...ALL_EVENTS, options: DOWNLOADING.options };
		for (const kind of ['status_read', 'contact_created'] as const) {
			const sent = await trigger.sendKind(kind, {}, parameters);
			expect(sent.output).toEqual([{ json: sent.items[0], pairedItem: { item: 0 } }]);
			expect(sent.items[0]).not.toHaveProperty('mediaDownload');
		}
		for (const kind of ['incoming_text', 'location'] as const) {
			const sent = await trigger.sendKind(kind, {}, parameters);
			expect(onlyItem(sent).json).toEqual({ ...normalized(sent), mediaDownload: null });
		}
		expect(sim.mediaRequests).toEqual([]);
	});
});

describe('SmartWats Trigger → Download Media: a file that cannot be had still starts the workflow', () => {
	it('a broken link (404): the item says so, and the output panel shows a hint', async () => {
		expectNotAttached(
			await sendMedia('image', { mediaFile: 'missing.jpg' }),
			'httpStatus',
			'The media link answered HTTP 404 Not Found',
		);
	});

	it('a file whose Content-Length is over Max File Size (default 25 MB) is not read', async () => {
		const sent = await sendMedia('video', { mediaFile: 'large.mp4' }, DOWNLOADING);
		expectNotAttached(
			sent,
			'tooLarge',
			'The file is 30 MB, larger than Max File Size (25 MB)',
			30 * MB,
		);
		const [request] = sim.mediaRequests;
		expect(request).toMatchObject({ name: 'large.mp4', completed: false });
		expect(request.bytesSent).toBeLessThan(25 * MB);
	});

	it('a file without Content-Length is counted while it streams, and reading stops at the limit', async () => {
		const sent = await sendMedia('video', { mediaFile: 'large-unsized.mp4' });
		expectNotAttached(
			sent,
			'tooLarge',
			'The file is larger than Max File Size (25 MB); the download stopped there',
		);
		const [request] = sim.mediaRequests;
		expect(request).toMatchObject({ name: 'large-unsized.mp4', completed: false });
		expect(request.bytesSent).toBeLessThan(30 * MB);
	});

	it.each(['large.mp4', 'large-unsized.mp4'])(
		'%s: a file of exactly Max File Size is downloaded, one byte more is not',
		async (name) => {
			const limit = downloading({ maxFileSizeMb: 1 });
			const exact = await sendMedia('video', { link: sim.mediaUrl(name, { bytes: MB }) }, limit);
			expect(onlyItem(exact).json.mediaDownload).toMatchObject({ downloaded: true, fileSize: MB });
			expect(onlyItem(exact).binary!.data.bytes).toBe(MB);
			const over = await sendMedia('video', { link: sim.mediaUrl(name, { bytes: MB + 1 }) }, limit);
			expect(onlyItem(over).json.mediaDownload).toMatchObject({
				downloaded: false,
				reason: 'tooLarge',
			});
		},
	);

	it.each([
		['sends its body too slowly', { trickleMs: 10000 }],
		['does not answer', { delayMs: 10000 }],
	])('a file server that %s: stopped after Download Timeout', async (_label, query) => {
		const sent = await sendMedia(
			'image',
			{ link: sim.mediaUrl('photo.jpg', query) },
			downloading({ downloadTimeoutSeconds: 1 }),
		);
		expectNotAttached(sent, 'timeout', 'The download took longer than Download Timeout (1 second)');
	});

	it('a connection cut part-way through the file', async () => {
		expectNotAttached(
			await sendMedia('image', { link: origin.cutUrl(1000, 100) }),
			'network',
			/^The connection closed after 100 (of 1000 )?bytes of the file/,
		);
	});

	it('a server that cannot be reached', async () => {
		const closed = await startMediaOrigin();
		const link = `${closed.origin}/photo.jpg`;
		await closed.close();
		expectNotAttached(
			await sendMedia('image', { link }),
			'network',
			"The media link's server could not be reached (ECONNREFUSED)",
		);
	});

	it.each([
		['ftp://files.example.com/a.jpg', 'The media link is not an http(s) URL but ftp:'],
		['file:///etc/passwd', 'The media link is not an http(s) URL but file:'],
		['javascript:alert(1)', 'The media link is not an http(s) URL but javascript:'],
		['photo.jpg', 'The media link is not a URL'],
		['', 'The message carries no media link'],
	])('a link that is not http(s): %p', async (link, message) => {
		expectNotAttached(await sendMedia('image', { link }), 'invalidLink', message);
		expect(sim.mediaRequests).toEqual([]);
	});

	it('a link that redirects more than 5 times', async () => {
		const before = origin.requests.length;
		expectNotAttached(
			await sendMedia('image', { link: origin.loopUrl }),
			'tooManyRedirects',
			'The media link redirected more than 5 times',
		);
		expect(origin.requests.length - before).toBe(6);
	});
});

describe('SmartWats Trigger → Download Media: where links may lead', () => {
	const DEFAULT_NETWORK = downloading({ allowPrivateNetwork: false });

	it.each([
		['the loopback address', () => sim.mediaUrl('photo.jpg'), '127.0.0.1'],
		[
			'localhost, which resolves to it',
			() => sim.mediaUrl('photo.jpg').replace('127.0.0.1', 'localhost'),
			'localhost',
		],
		[
			'a cloud metadata address',
			() => 'http://169.254.169.254/latest/meta-data/',
			'169.254.169.254',
		],
		['a private network', () => 'http://10.0.0.5/media/photo.jpg', '10.0.0.5'],
		['IPv6 loopback', () => 'http://[::1]:9/photo.jpg', '[::1]'],
	])(
		'does not follow a link to %s unless Allow Private Network Addresses is on',
		async (_label, link, host) => {
			expectNotAttached(
				await sendMedia('image', { link: link() }, DEFAULT_NETWORK),
				'blockedAddress',
				`The media link leads to a private or internal network address (${host}), which is not downloaded unless Allow Private Network Addresses is on`,
			);
			expect(sim.mediaRequests).toEqual([]);
		},
	);

	it('downloads from a host that counts as public', async () => {
		const photo = sim.mediaFile('photo.jpg')!;
		const held = publicOrigin.hold(photo.bytes, 'image/jpeg');
		held.release();
		const item = onlyItem(await sendMedia('image', { link: held.url }, DEFAULT_NETWORK));
		expect(bytesOf(item.binary!.data).equals(photo.bytes)).toBe(true);
	});

	it('checks every redirect like the link itself: a public host that redirects to a private address is not followed', async () => {
		expectNotAttached(
			await sendMedia(
				'image',
				{ link: publicOrigin.redirectTo(sim.mediaUrl('photo.jpg')) },
				DEFAULT_NETWORK,
			),
			'blockedAddress',
			/^The media link leads to a private or internal network address \(127\.0\.0\.1\)/,
		);
		expect(sim.mediaRequests).toEqual([]);
	});

	it('a redirect to a link that is not http(s) is not followed either', async () => {
		expectNotAttached(
			await sendMedia('image', { link: origin.redirectTo('file:///etc/passwd') }),
			'invalidLink',
			'The media link is not an http(s) URL but file:',
		);
	});

	it('an unknown host', async () => {
		expectNotAttached(
			await sendMedia(
				'image',
				{ link: 'http://media.smartwats.invalid/photo.jpg' },
				DEFAULT_NETWORK,
			),
			'network',
			/^The media link's host media\.smartwats\.invalid could not be found/,
		);
	});
});
