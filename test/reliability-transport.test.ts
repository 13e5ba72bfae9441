/**
 * What happens on the wire when SmartWats (or something in front of it) misbehaves: redirects, answers that trickle or
 * break off, answers that are neither yes nor no, pages that echo the token. Each spec injects the fault in the
 * simulator and checks what the user is told, what reached SmartWats, and what reached anybody else.
 */
import { faults, type Recorder } from './fake-smartwats';
import {
	describeFailure,
	type HttpAnswer,
	type NetworkError,
} from '../nodes/SmartWats/transport/errors';
import { JOHAN } from './harness/seed';
import { useSimulator } from './harness/simulator';

const handle = useSimulator();
const { run } = handle;

const sendText = {
	resource: 'message',
	operation: 'sendText',
	phoneNumber: JOHAN.phone,
	text: 'Hi',
};
const getStatus = {
	resource: 'message',
	operation: 'getStatus',
	lookupBy: 'wamid',
	messageId: 'wamid.unknown',
};
const listGroups = { resource: 'group', operation: 'getAll', returnAll: false, limit: 50 };
const MAY_HAVE_BEEN = 'may or may not have been carried out';

let recorder: Recorder;
beforeAll(async () => {
	recorder = await handle.sim.startRecorder();
});
beforeEach(() => recorder.clear());

describe('Reliability → redirects', () => {
	it.each([301, 302, 303, 307, 308] as const)(
		'does not follow a %i answer to a send: the token and the message never reach the other origin',
		async (status) => {
			handle.sim.addFault({
				...faults.redirect(status, `${recorder.url}/api/collect`),
				endpoint: 'contact/send-message',
			});
			const { error } = await run(sendText);
			expect(error?.message).toBe(
				`SmartWats redirected the request to ${recorder.url}/api/collect (HTTP ${status}) [item 0]`,
			);
			expect(error?.description).toContain('does not follow redirects');
			expect(error?.description).toContain(MAY_HAVE_BEEN);
			expect(recorder.requests).toEqual([]);
			expect(handle.sim.requestsTo('contact/send-message')).toHaveLength(1);
		},
	);

	it('does not follow a redirect to a path of the same origin for a send either', async () => {
		handle.sim.addFault({
			...faults.redirect(307, `/api/${handle.sim.vendorUid}/contact/send-message`),
			endpoint: 'contact/send-message',
		});
		const { error } = await run(sendText);
		expect(error?.message).toMatch(
			/^SmartWats redirected the request to \/api\/.*\(HTTP 307\) \[item 0\]$/,
		);
		expect(handle.sim.requestsTo('contact/send-message')).toHaveLength(1);
	});

	it('follows a redirect of a read within the same origin', async () => {
		handle.sim.addFault({
			...faults.redirect(302, `/api/${handle.sim.vendorUid}/contact/groups?page=1&page_size=50`),
			endpoint: 'contact/groups',
		});
		const { items, error } = await run(listGroups);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.title)).toEqual(['Customers', 'Leads', 'VIP']);
		const reads = handle.sim.requestsTo('contact/groups');
		expect(reads.map((entry) => entry.status)).toEqual([302, 200]);
		expect(reads[1].headers.authorization).toBe(`Bearer ${handle.sim.token}`);
	});

	it('does not follow a read to another origin, and says where SmartWats pointed', async () => {
		handle.sim.addFault({
			...faults.redirect(302, `${recorder.url}/api/groups`),
			endpoint: 'contact/groups',
		});
		const { error } = await run(listGroups);
		expect(error?.message).toBe(
			`SmartWats redirected the request to ${recorder.url}/api/groups (HTTP 302) [item 0]`,
		);
		expect(error?.description).toContain('only to the same address');
		expect(error?.description).not.toContain(MAY_HAVE_BEEN);
		expect(recorder.requests).toEqual([]);
	});

	it('stops following a read that redirects round in circles', async () => {
		handle.sim.addFault({
			...faults.redirect(302, `/api/${handle.sim.vendorUid}/contact/groups?page=1&page_size=50`),
			endpoint: 'contact/groups',
			times: Infinity,
		});
		const { error } = await run(listGroups);
		expect(error?.message).toMatch(
			/^SmartWats redirected the request to .* \(HTTP 302\) \[item 0\]$/,
		);
		expect(handle.sim.requestsTo('contact/groups')).toHaveLength(6);
	});
});

describe('Reliability → a timeout is a deadline', () => {
	it('cuts off an answer that trickles in byte by byte at the Timeout, and says the send may have gone out', async () => {
		handle.sim.addFault({ ...faults.trickle(8000), endpoint: 'contact/send-message' });
		const { error } = await run({ ...sendText, requestOptions: { timeout: 1 } });
		expect(error?.message).toBe('SmartWats did not answer within 1 second [item 0]');
		expect(error?.description).toContain(MAY_HAVE_BEEN);
		expect(error?.description).toContain('(ETIMEDOUT on POST contact/send-message)');
		const [send] = handle.sim.requestsTo('contact/send-message');
		expect(send.processed).toBe(true);
	});

	it('cuts off a trickling read at the Timeout and retries it, without saying anything was sent', async () => {
		handle.sim.addFault({ ...faults.trickle(8000), endpoint: 'contact/message-status', times: 3 });
		const { error } = await run({ ...getStatus, requestOptions: { timeout: 2 } });
		expect(error?.message).toBe('SmartWats did not answer within 2 seconds [item 0]');
		expect(error?.description).not.toContain(MAY_HAVE_BEEN);
		expect(handle.sim.requestsTo('contact/message-status')).toHaveLength(3);
	});

	it('lets an answer that trickles in within the Timeout through', async () => {
		handle.sim.addFault({ ...faults.trickle(300), endpoint: 'contact/send-message' });
		const { items, error } = await run({ ...sendText, requestOptions: { timeout: 5 } });
		expect(error).toBeUndefined();
		expect(items[0].json.status).toBe('accepted');
	});
});

describe('Reliability → "may have been sent" exactly when it may have been', () => {
	it('says so when the answer to a send breaks off after the request was read', async () => {
		handle.sim.addFault({ ...faults.answerCutOff, endpoint: 'contact/send-message' });
		const { error } = await run(sendText);
		expect(error?.message).toBe(
			'The connection to SmartWats was closed before the whole answer arrived [item 0]',
		);
		expect(error?.description).toContain(MAY_HAVE_BEEN);
		expect(error?.description).toContain('Message → Get Status');
	});

	it.each([
		[
			'an empty body',
			faults.emptyBody,
			'SmartWats sent an empty answer (HTTP 200) instead of JSON',
		],
		['a text body', faults.nonJson, 'SmartWats sent text (HTTP 200) instead of JSON'],
		[
			'JSON that is not the envelope',
			faults.notEnvelope,
			'SmartWats sent JSON without its usual result (HTTP 200)',
		],
	])('says so when a send is answered HTTP 200 with %s', async (_, fault, message) => {
		handle.sim.addFault({ ...fault, endpoint: 'contact/send-message' });
		const { error } = await run(sendText);
		expect(error?.message).toBe(`${message} [item 0]`);
		expect(error?.description).toContain(MAY_HAVE_BEEN);
	});

	it('says nothing was sent when SmartWats cannot be reached', async () => {
		const { error } = await run(sendText, { credentials: { baseUrl: 'http://127.0.0.1:1/api' } });
		expect(error?.message).toBe('Could not reach SmartWats [item 0]');
		expect(error?.description).toMatch(
			/^Nothing was sent \(ECONNREFUSED on POST contact\/send-message\)/,
		);
		expect(error?.description).not.toContain(MAY_HAVE_BEEN);
	});

	it('says nothing was sent when the API Base URL is not a URL', async () => {
		const { error } = await run(sendText, { credentials: { baseUrl: 'app.smartwats.com/api' } });
		expect(error?.message).toBe(
			'The API Base URL in the SmartWats API credential is not an http(s) URL: "app.smartwats.com/api" [item 0]',
		);
		expect(error?.description).toMatch(/^Nothing was sent/);
		expect(handle.sim.journal).toEqual([]);
	});

	it('says nothing was sent when the Timeout is not valid', async () => {
		const { error } = await run({ ...sendText, requestOptions: { timeout: '={{ "soon" }}' } });
		expect(error?.message).toMatch(/^'Timeout \(Seconds\)' must be/);
		expect(error?.description).not.toContain(MAY_HAVE_BEEN);
		expect(handle.sim.journal).toEqual([]);
	});

	it('does not say so for a refusal: a 4xx page from a proxy in front of SmartWats', async () => {
		handle.sim.addFault({
			endpoint: 'contact/send-message',
			status: 403,
			body: '<html><body>Forbidden</body></html>',
			contentType: 'text/html',
		});
		const { error } = await run(sendText);
		expect(error?.message).toBe('SmartWats sent an HTML page (HTTP 403) instead of JSON [item 0]');
		expect(error?.description).toContain('nothing was carried out');
		expect(error?.description).not.toContain(MAY_HAVE_BEEN);
	});
});

describe('Reliability → secrets stay secret', () => {
	it.each([
		['a send', sendText, 'contact/send-message'],
		['a read', getStatus, 'contact/message-status'],
	])(
		'keeps the token out of everything n8n stores when a page echoes it, for %s',
		async (_, parameters, endpoint) => {
			handle.sim.addFault({ ...faults.echoHeadersPage, endpoint, times: Infinity });
			const { error, run: execution } = await run(parameters);
			const echoed = handle.sim.requestsTo(endpoint)[0].response as string;
			expect(echoed).toContain(handle.sim.token);
			expect(error?.message).toBe(
				'SmartWats sent an HTML page (HTTP 502) instead of JSON [item 0]',
			);
			const stored = JSON.stringify({
				error,
				execution,
				response: (error as { errorResponse?: unknown })?.errorResponse,
			});
			expect(stored).toContain('Bearer [redacted]');
			expect(stored).not.toContain(handle.sim.token);
		},
	);

	it('keeps the token out of an answer that is kept as output', async () => {
		handle.sim.addFault({
			endpoint: 'contact/message-status',
			status: 200,
			json: {
				result: 'success',
				message: null,
				data: { status: 'read', note: `sent with token ${handle.sim.token}` },
			},
		});
		const { items, run: execution } = await run(getStatus);
		expect(items[0].json.note).toBe('sent with token [redacted]');
		expect(JSON.stringify(execution)).not.toContain(handle.sim.token);
	});
});

/** A failure of the socket as n8n's request helper throws it. */
const socketError = (message: string, code: string): NetworkError =>
	Object.assign(new Error(message), { code }) as NetworkError;

describe('Reliability → wording', () => {
	const request = (method: string) => ({
		method,
		endpoint: ['contact', 'send-message'],
		timeoutMs: 1000,
	});
	const answers: HttpAnswer[] = [
		{
			networkError: socketError('timeout of 1000ms exceeded', 'ECONNABORTED'),
		},
		{ networkError: socketError('socket hang up', 'ECONNRESET') },
		{ networkError: socketError('connect', 'ECONNREFUSED') },
		{ networkError: socketError('cert', 'DEPTH_ZERO_SELF_SIGNED_CERT') },
		{ statusCode: 302, headers: { location: 'https://elsewhere.example/api' }, body: '' },
		{ statusCode: 200, body: '' },
		{ statusCode: 200, body: '<html></html>' },
		{ statusCode: 200, body: { status: 'queued' } },
		{ statusCode: 404, body: '<html></html>' },
		{ statusCode: 403, body: 'Forbidden' },
		{ statusCode: 502, body: '<html>Bad Gateway</html>' },
		{ statusCode: 500, body: {} },
		{ statusCode: 429, body: {} },
		{ statusCode: 422, body: { errors: {} } },
		{ statusCode: 401, body: { result: 'failed' } },
		{ statusCode: 404, body: { result: 'failed', message: '' } },
		{ statusCode: 200, body: { result: 'failed' } },
	];

	it.each(['POST', 'GET'])(
		'words every %s failure the way n8n asks: no "error", "problem", "failure" or "mistake"',
		(method) => {
			for (const answer of answers) {
				const { message, description } = describeFailure(answer, request(method));
				expect(`${message}\n${description}`).not.toMatch(/\b(error|problem|failure|mistake)s?\b/i);
			}
		},
	);

	it('says "1 second" and "30 seconds"', () => {
		const timedOut = {
			networkError: socketError('aborted', 'ERR_CANCELED'),
		};
		expect(describeFailure(timedOut, { ...request('GET'), timedOut: true }).message).toBe(
			'SmartWats did not answer within 1 second',
		);
		expect(
			describeFailure(timedOut, { ...request('GET'), timeoutMs: 30_000, timedOut: true }).message,
		).toBe('SmartWats did not answer within 30 seconds');
	});
});
