'use strict';
// SmartWats Trigger → Download Media in a running n8n 2.40.7: the simulator posts incoming media messages whose links
// lead to its own files; the published workflow gets each file as binary data and hashes it with n8n's Crypto node,
// so the bytes n8n stored are compared with the bytes the simulator served.

const { waitForExecutions, getExecution, listExecutions } = require('./lib/n8n-api');
const { triggerUrl, postEvent, expectStarted } = require('./lib/trigger');

const MEDIA = 'e2eTrigMedia';
/** The same trigger with Allow Private Network Addresses left off. */
const MEDIA_PRIVATE_OFF = 'e2eTrigMediaPrivate';

/** The simulator's catalogue entry of a file: `{ name, mimeType, originalFilename, size, sha256 (base64) }`. */
async function servedFile(ctx, name) {
	const { files } = await ctx.sim.admin('GET', 'media');
	const file = files.find((f) => f.name === name);
	if (!file) throw new Error(`the simulator serves no ${name}: ${ctx.expect.show(files)}`);
	return file;
}

/** Posts one incoming message of `kind` to the workflow and resolves the execution it started. */
async function receive(ctx, kind, overrides = {}, workflowId = MEDIA) {
	const before = (await listExecutions(ctx.api, workflowId)).length;
	const answer = await postEvent(ctx, triggerUrl(ctx, workflowId), kind, overrides);
	expectStarted(ctx, answer, 'message.received');
	const [latest] = await waitForExecutions(ctx.api, workflowId, before + 1);
	const execution = await getExecution(ctx.api, ctx.instance, latest.id);
	ctx.expect.equal(execution.status, 'success', `status of the execution for ${kind}`);
	return execution;
}

/** Checks the binary the trigger attached against the simulator's file, and the hash of its stored bytes. */
async function expectFile(ctx, execution, { kind, served, fileName }) {
	const [item] = execution.items('SmartWats Trigger');
	ctx.expect.like(
		item.json,
		{
			event: 'message.received',
			messageType: served.kind === 'voice' ? 'audio' : served.kind,
			mediaDownload: {
				downloaded: true,
				binaryProperty: 'data',
				fileSize: served.size,
				reason: null,
				message: null,
			},
		},
		`trigger output JSON for ${kind}`,
	);
	ctx.expect.like(
		item.binary?.data,
		{ mimeType: served.mimeType, fileName, fileExtension: fileName.split('.').pop() },
		`binary data of ${kind}`,
	);
	const [hashed] = execution.output('Hash the file');
	ctx.expect.equal(hashed?.sha256, served.sha256, `SHA-256 of the bytes n8n stored for ${kind}`);
}

module.exports = [
	{
		name: 'trigger: Download Media gives a photo and a PDF as binary data with their type, name and the bytes the simulator served',
		phase: 'server',
		publish: [MEDIA],
		async run(ctx) {
			const photo = await servedFile(ctx, 'photo.jpg');
			const image = await receive(ctx, 'image', { mediaFile: 'photo.jpg' });
			const [imageItem] = image.items('SmartWats Trigger');
			// Photos have no name of their own: type, UTC time of the message, a digest of its ID, the type's extension.
			const imageName = imageItem.binary?.data?.fileName;
			ctx.expect.like(imageName, /^image-\d{8}-\d{6}-[0-9a-f]{6}\.jpg$/, 'file name of the photo');
			await expectFile(ctx, image, { kind: 'image', served: photo, fileName: imageName });

			const pdf = await servedFile(ctx, 'invoice.pdf');
			const document = await receive(ctx, 'document', { mediaFile: 'invoice.pdf' });
			await expectFile(ctx, document, {
				kind: 'document',
				served: pdf,
				fileName: pdf.originalFilename,
			});

			const requests = await ctx.sim.admin('GET', 'media-requests');
			ctx.expect.like(
				requests.map(({ method, name, status, completed }) => ({
					method,
					name,
					status,
					completed,
				})),
				[
					{ method: 'GET', name: 'photo.jpg', status: 200, completed: true },
					{ method: 'GET', name: 'invoice.pdf', status: 200, completed: true },
				],
				"the simulator's media requests (one download per message)",
			);
		},
	},
	{
		name: 'trigger: Download Media with a broken link still starts the workflow, and the item says why it has no file',
		phase: 'server',
		publish: [MEDIA],
		async run(ctx) {
			const execution = await receive(ctx, 'image', { mediaFile: 'missing.jpg' });
			const [item] = execution.items('SmartWats Trigger');
			ctx.expect.like(
				item.json,
				{
					event: 'message.received',
					messageType: 'image',
					media: { link: /\/media\/missing\.jpg$/ },
					mediaDownload: {
						downloaded: false,
						binaryProperty: 'data',
						reason: 'httpStatus',
						message: /^The media link answered HTTP 404/,
					},
				},
				'trigger output JSON',
			);
			ctx.expect.equal(item.binary, undefined, 'binary data of the item');
			ctx.expect.equal(
				execution.output('Hash the file'),
				undefined,
				'the node after the "downloaded" branch ran',
			);
		},
	},
	{
		name: 'trigger: Download Media does not follow a link to a private address by default (the simulator on 127.0.0.1; on n8n 1.x, no link), and the workflow still starts',
		phase: 'server',
		publish: [MEDIA_PRIVATE_OFF],
		async run(ctx) {
			const execution = await receive(ctx, 'image', { mediaFile: 'photo.jpg' }, MEDIA_PRIVATE_OFF);
			const [item] = execution.items('SmartWats Trigger');
			ctx.expect.like(
				item.json,
				{
					event: 'message.received',
					mediaDownload: {
						downloaded: false,
						reason: 'blockedAddress',
						// n8n 1.x has no egress filter for nodes: the node then follows no link unless allowed.
						message:
							ctx.n8n.major === 1
								? /^This n8n version cannot check where a media link leads/
								: /private or internal network address \(127\.0\.0\.1\)/,
					},
				},
				'trigger output JSON',
			);
			ctx.expect.equal(item.binary, undefined, 'binary data of the item');
			ctx.expect.equal(
				await ctx.sim.admin('GET', 'media-requests'),
				[],
				"the simulator's media requests",
			);
		},
	},
];
