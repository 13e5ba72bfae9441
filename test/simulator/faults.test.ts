/**
 * Injected faults: the one mechanism (match, `times`, `process`, a replacement answer, a delay, a dropped, trickled
 * or cut-off answer, a misbehaving paginator) and its presets, in-process and over the admin API. What a proxy or
 * a broken network does to SmartWats' answers, so the node's reliability can be tested against it.
 */
import { sleep } from 'n8n-workflow';

import { faults, seeded, startRecorder } from '../fake-smartwats';
import type { Recorder } from '../fake-smartwats';
import type { CallOptions } from '../harness/simulator-client';
import { useSimulatorApi } from '../harness/simulator-client';

const api = useSimulatorApi();
const { post, get, admin } = api;
const { johan } = seeded.contacts;

const send = (options: CallOptions = {}) =>
	post('contact/send-message', { phone_number: johan.phone, message_body: 'Hi' }, options);
const textsToJohan = () => api.textsTo(johan.phone);

describe('Faults → the mechanism', () => {
	it('answers a fault without processing: no state change, journal marks it unprocessed with the fault id', async () => {
		const id = api.sim.addFault({
			endpoint: 'contact/send-message',
			method: 'POST',
			status: 500,
			json: { message: 'Server Error' },
		});
		const response = await send();
		expect(response.status).toBe(500);
		expect(textsToJohan()).toHaveLength(0);
		expect(api.sim.journal[0]).toMatchObject({
			fault: id,
			processed: false,
			status: 500,
			response: { message: 'Server Error' },
		});
		// times defaults to 1.
		expect((await send()).status).toBe(200);
	});

	it('with process: true the message IS logged and only the answer is replaced', async () => {
		api.sim.addFault({
			endpoint: 'contact/send-message',
			status: 502,
			body: '<html>bad gateway</html>',
			contentType: 'text/html',
			process: true,
		});
		const response = await send();
		expect(response.status).toBe(502);
		expect(response.headers.get('content-type')).toContain('text/html');
		expect(textsToJohan()).toHaveLength(1);
		expect(api.sim.journal[0].processed).toBe(true);
	});

	it('matches by endpoint prefix and method, and repeats `times` times (Infinity allowed)', async () => {
		api.sim.addFault({
			endpoint: 'contact/*',
			method: 'GET',
			status: 503,
			json: { message: 'Service Unavailable' },
			times: 2,
		});
		expect((await get('contact/groups')).status).toBe(503);
		expect((await send()).status).toBe(200);
		expect((await get('contact/labels-tags')).status).toBe(503);
		expect((await get('contact/groups')).status).toBe(200);
		api.sim.addFault({ endpoint: 'contacts', status: 500, json: {}, times: Infinity });
		for (let index = 0; index < 3; index++) expect((await get('contacts')).status).toBe(500);
		api.sim.clearFaults();
		expect((await get('contacts')).status).toBe(200);
	});

	it('delays the answer, which still comes', async () => {
		api.sim.addFault({ ...faults.slowAnswer(300), endpoint: 'contact/groups', times: 2 });
		const started = Date.now();
		const response = await get('contact/groups');
		expect(Date.now() - started).toBeGreaterThanOrEqual(280);
		expect(response.result).toBe('success');
		const timedOut = await fetch(`${api.sim.url}/${api.sim.vendorUid}/contact/groups`, {
			headers: { Authorization: `Bearer ${api.sim.token}` },
			signal: AbortSignal.timeout(100),
		}).then(
			() => 'answered in time',
			(error: Error) => error.name,
		);
		expect(timedOut).toBe('TimeoutError');
		// The server still answers, late (later still on a loaded machine); the journal shows it once it has.
		while (api.sim.journal.some((entry) => entry.status === 0)) await sleep(50);
		expect(api.sim.journal.map((entry) => entry.status)).toEqual([200, 200]);
	});
});

describe('Faults → error pages and odd answers', () => {
	it('offers presets for HTML pages, malformed JSON and empty bodies', async () => {
		api.sim.addFault({ ...faults.html502, endpoint: 'contact/groups' });
		api.sim.addFault({ ...faults.malformedJson, endpoint: 'contacts' });
		api.sim.addFault({ ...faults.emptyBody, endpoint: 'campaign' });
		const html = await get('contact/groups');
		expect({ status: html.status, html: html.text.includes('502 Bad Gateway') }).toEqual({
			status: 502,
			html: true,
		});
		const malformed = await get('contacts');
		expect({ status: malformed.status, text: malformed.text, json: malformed.json }).toEqual({
			status: 200,
			text: '{"result":"success","data":{',
			json: undefined,
		});
		const empty = await get('campaign');
		expect({ status: empty.status, text: empty.text }).toEqual({ status: 200, text: '' });
	});

	it('injects a 429 with Retry-After even when the limiter is off', async () => {
		api.sim.addFault({ ...faults.tooManyRequests, endpoint: 'contact/groups' });
		const response = await get('contact/groups');
		expect({
			status: response.status,
			retryAfter: response.headers.get('retry-after'),
			processed: api.sim.journal[0].processed,
		}).toEqual({ status: 429, retryAfter: '1', processed: false });
	});

	it.each([
		['emptyBody', faults.emptyBody, { status: 200, text: '', json: undefined }],
		['nonJson', faults.nonJson, { status: 200, text: 'OK', json: undefined }],
		[
			'notEnvelope',
			faults.notEnvelope,
			{ status: 200, text: '{"status":"queued","id":42}', json: { status: 'queued', id: 42 } },
		],
	])(
		'%s: a 200 that is not the envelope (§3.1), without doing anything',
		async (_name, fault, expected) => {
			api.sim.addFault({ ...fault, endpoint: 'contact/send-message' });
			const response = await send();
			expect({ status: response.status, text: response.text, json: response.json }).toEqual(
				expected,
			);
			expect(textsToJohan()).toHaveLength(0);
		},
	);

	it('echoHeadersPage: a 502 HTML page showing the request headers, the bearer token included', async () => {
		api.sim.addFault({ ...faults.echoHeadersPage, endpoint: 'contacts' });
		const response = await get('contacts', { page: '2' }, { headers: { 'X-Trace': 'abc' } });
		expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({
			status: 502,
			type: 'text/html',
		});
		expect(response.text).toContain('502 Bad Gateway');
		expect(response.text).toContain(`GET /api/${api.sim.vendorUid}/contacts?page=2 HTTP/1.1`);
		expect(response.text).toContain(`<th>Authorization</th><td>Bearer ${api.sim.token}</td>`);
		expect(response.text).toContain('<th>X-Trace</th><td>abc</td>');
	});
});

describe('Faults → answers after the request was handled', () => {
	it('trickle: the headers come at once, the body a byte at a time until the given time', async () => {
		api.sim.addFault({ ...faults.trickle(1500), endpoint: 'contact/send-message' });
		const started = Date.now();
		const response = await fetch(`${api.sim.url}/${api.sim.vendorUid}/contact/send-message`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${api.sim.token}`,
				'Content-Type': 'application/json',
				Accept: 'application/json',
			},
			body: JSON.stringify({ phone_number: johan.phone, message_body: 'Hi' }),
		});
		const chunks: number[] = [];
		const reader = response.body?.getReader();
		for (let read = await reader?.read(); read && !read.done; read = await reader?.read())
			chunks.push(read.value.length);
		// A deliberate delay can only make it later, never earlier.
		expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
		expect(chunks.length).toBeGreaterThan(10);
		expect(chunks.reduce((sum, size) => sum + size, 0)).toBe(
			Number(response.headers.get('content-length')),
		);
		// The message was sent: only its answer was slow.
		expect(textsToJohan()).toHaveLength(1);
	});

	it('answerCutOff: headers and 16 bytes of a real answer, then the connection closes', async () => {
		api.sim.addFault({ ...faults.answerCutOff, endpoint: 'contact/send-message' });
		const response = await fetch(`${api.sim.url}/${api.sim.vendorUid}/contact/send-message`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${api.sim.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ phone_number: johan.phone, message_body: 'Hi' }),
		});
		expect(response.status).toBe(200);
		await expect(response.text()).rejects.toThrow();
		expect(textsToJohan()).toHaveLength(1);
		expect(api.sim.journal[0]).toMatchObject({ processed: true, status: 200 });
	});

	it('answerLost: the whole request was read and handled, then the connection closed without a byte', async () => {
		api.sim.addFault({ ...faults.answerLost, endpoint: 'contact/send-message' });
		await expect(send()).rejects.toThrow();
		expect(textsToJohan()).toHaveLength(1);
		expect(api.sim.journal[0]).toMatchObject({
			processed: true,
			status: 0,
			response: null,
			body: { phone_number: johan.phone, message_body: 'Hi' },
		});
	});
});

describe('Faults → redirects', () => {
	let other: Recorder;

	beforeAll(async () => {
		other = await startRecorder();
	});
	beforeEach(() => other.clear());
	afterAll(async () => {
		await other.close();
	});

	it.each([301, 302, 303, 307, 308] as const)(
		'answers %i with a Location and Laravel’s "Redirecting to" page, without sending anything',
		async (status) => {
			const location = `${other.url}/api/collect`;
			api.sim.addFault({ ...faults.redirect(status, location), endpoint: 'contact/send-message' });
			const response = await send({ redirect: 'manual' });
			expect({
				status: response.status,
				location: response.headers.get('location'),
				type: response.headers.get('content-type'),
			}).toEqual({ status, location, type: 'text/html; charset=UTF-8' });
			expect(response.text).toContain(`Redirecting to <a href="${location}">`);
			expect(textsToJohan()).toHaveLength(0);
			expect(api.sim.journal[0]).toMatchObject({ status, processed: false });
		},
	);

	it('the other origin records what a client that follows the redirect sends it', async () => {
		api.sim.addFault({
			...faults.redirect(307, `${other.url}/api/collect?x=1`),
			endpoint: 'contact/send-message',
		});
		// A raw follower that keeps every header, as a careless HTTP client would.
		const first = await send({ redirect: 'manual' });
		const response = await fetch(String(first.headers.get('location')), {
			method: 'POST',
			headers: { Authorization: `Bearer ${api.sim.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ phone_number: johan.phone, message_body: 'Hi' }),
		});
		// Its default answer looks like a success, so a follower would believe it.
		expect(await response.json()).toEqual({
			result: 'success',
			message: 'Recorded by the other origin.',
			data: [],
		});
		expect(other.requests).toMatchObject([
			{
				method: 'POST',
				path: '/api/collect?x=1',
				headers: { authorization: `Bearer ${api.sim.token}` },
				json: { phone_number: johan.phone, message_body: 'Hi' },
			},
		]);
	});

	it('redirects to a path on its own origin, which answers normally once the fault is used up', async () => {
		const path = `/api/${api.sim.vendorUid}/contact/groups?page=1`;
		api.sim.addFault({ ...faults.redirect(302, path), endpoint: 'contact/groups' });
		const followed = await get('contact/groups');
		expect({ status: followed.status, result: followed.result }).toEqual({
			status: 200,
			result: 'success',
		});
		expect(api.sim.journal.map((entry) => [entry.status, entry.rawPath])).toEqual([
			[302, `/api/${api.sim.vendorUid}/contact/groups`],
			[200, path],
		]);
	});

	it('can redirect after doing the work (process: true), and refuses a status that is not a redirect', async () => {
		api.sim.addFault({
			...faults.redirect(303, '/elsewhere'),
			endpoint: 'contact/send-message',
			process: true,
		});
		expect((await send({ redirect: 'manual' })).status).toBe(303);
		expect(textsToJohan()).toHaveLength(1);
		expect(() => faults.redirect(200 as never, '/x')).toThrow('301, 302, 303, 307, 308');
	});
});

describe('Faults → paginators that misbehave (§8)', () => {
	const contactsPage = async (number: number) =>
		(await get('contacts', { page: String(number), page_size: '2' })).data.contactList;
	const phones = (list: { data: Array<{ wa_id: string }> }) => list.data.map((row) => row.wa_id);

	it('pagingRepeats: every page request gets page 1 back', async () => {
		api.sim.addFault({ ...faults.pagingRepeats, endpoint: 'contacts' });
		const [first, second, third] = [
			await contactsPage(1),
			await contactsPage(2),
			await contactsPage(3),
		];
		expect([first.current_page, second.current_page, third.current_page]).toEqual([1, 1, 1]);
		expect(phones(second)).toEqual(phones(first));
		expect(second.next_page_url).toMatch(/\?page=2$/);
	});

	it('pagingEndless: last_page is always one more, and every page has rows', async () => {
		api.sim.addFault({ ...faults.pagingEndless, endpoint: 'contacts' });
		for (const number of [1, 3, 50, 1000]) {
			const list = await contactsPage(number);
			expect({
				current: list.current_page,
				last: list.last_page,
				rows: list.data.length > 0,
				next: list.next_page_url?.endsWith(`?page=${number + 1}`),
			}).toEqual({ current: number, last: number + 1, rows: true, next: true });
		}
	});

	it('pagingMissing: a success envelope whose data has no paginator', async () => {
		api.sim.addFault({ ...faults.pagingMissing, endpoint: 'contact/groups' });
		const response = await get('contact/groups');
		expect(response.json).toEqual({ result: 'success', message: 'Contacts List.', data: {} });
	});

	it('pagingDuplicates: from page 2 on, a page starts with the previous page’s last row again', async () => {
		api.sim.addFault({ ...faults.pagingDuplicates, endpoint: 'contacts' });
		const pages = [await contactsPage(1), await contactsPage(2), await contactsPage(3)];
		const { asha, ravi, priya, karan } = seeded.contacts;
		expect(pages.map(phones)).toEqual([
			[johan.phone, asha.phone],
			[asha.phone, ravi.phone, priya.phone],
			[priya.phone, karan.phone],
		]);
		expect(pages.map((list) => [list.from, list.to, list.total])).toEqual([
			[1, 2, 5],
			[3, 4, 5],
			[5, 5, 5],
		]);
	});

	it('applies to every list endpoint and is processed for real (templates, campaigns, labels)', async () => {
		api.sim.addFault({ ...faults.pagingRepeats, endpoint: '*' });
		const second = { page: '2', page_size: '2' };
		expect((await get('contact/template-list', second)).data.templateList.current_page).toBe(1);
		expect((await get('contact/labels-tags', second)).data.contactList.current_page).toBe(1);
		expect((await get('campaign', { page: '4' })).data.campaignList.current_page).toBe(1);
		expect(api.sim.journal.every((entry) => entry.processed)).toBe(true);
	});

	it('refuses an unknown paging mode', () => {
		expect(() => api.sim.addFault({ paging: 'sideways' as never })).toThrow(
			'repeat, endless, missing, duplicates',
		);
	});
});

describe('Faults → presets over the admin API', () => {
	it('takes {preset, args?} and the usual fields, `times: null` = every time', async () => {
		const other = await startRecorder();
		try {
			expect(
				(
					await admin('POST', 'faults', {
						preset: 'redirect',
						args: [308, `${other.url}/x`],
						endpoint: 'contact/send-message',
					})
				).status,
			).toBe(200);
			const redirected = await send({ redirect: 'manual' });
			expect([redirected.status, redirected.headers.get('location')]).toEqual([
				308,
				`${other.url}/x`,
			]);
			await admin('POST', 'faults', { preset: 'pagingEndless', endpoint: 'contacts' });
			expect((await admin('GET', 'faults')).json).toMatchObject([
				{ paging: 'endless', endpoint: 'contacts', times: null },
			]);
			await admin('POST', 'faults', { preset: 'trickle', args: [200], endpoint: 'contact/groups' });
			expect((await get('contact/groups')).result).toBe('success');
			expect((await admin('POST', 'faults', { preset: 'nope' })).status).toBe(400);
			expect((await admin('POST', 'faults', { paging: 'sideways' })).status).toBe(400);
		} finally {
			await other.close();
		}
	});

	it('adds faults (times null = always) and clears them', async () => {
		const { json } = await admin('POST', 'faults', {
			endpoint: 'contacts',
			status: 500,
			json: { message: 'Server Error' },
			times: null,
		});
		expect(json.id).toEqual(expect.any(String));
		expect((await get('contacts')).status).toBe(500);
		expect((await get('contacts')).status).toBe(500);
		await admin('DELETE', 'faults');
		expect((await get('contacts')).status).toBe(200);
	});

	it('starts recorders (another origin) inside the simulator’s process and reads what they got', async () => {
		const { json } = await admin('POST', 'recorders', { status: 201, json: { ok: true } });
		const response = await fetch(`${json.url}/steal?token=1`, { method: 'POST', body: 'secret' });
		expect([response.status, await response.json()]).toEqual([201, { ok: true }]);
		expect((await admin('GET', `recorders/${json.id}`)).json).toMatchObject([
			{ method: 'POST', path: '/steal?token=1', body: 'secret' },
		]);
		expect((await admin('DELETE', `recorders/${json.id}`)).json).toEqual({ ok: true });
		expect((await admin('GET', `recorders/${json.id}`)).status).toBe(404);
	});
});
