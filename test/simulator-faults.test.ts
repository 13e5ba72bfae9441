/**
 * The faults the reliability work needs (issue 11): redirects to the same or another origin, answers trickled or
 * cut off after the request was handled, 200s that are empty, not JSON or not the envelope (§3.1), an error page
 * that echoes the request's headers, and paginators that repeat, never end, are missing or repeat rows (§8).
 * Over real HTTP; the presets are the same in-process and over the admin API.
 */
import { faults, seeded, startRecorder } from './fake-smartwats';
import type { Recorder } from './fake-smartwats';
import type { Loose } from './harness/simulator';
import { simulatorClient, useSimulator } from './harness/simulator';

const handle = useSimulator();
const { post, get, admin } = simulatorClient(() => handle.sim);
const { johan } = seeded.contacts;

const send = (options = {}) =>
	post('contact/send-message', { phone_number: johan.phone, message_body: 'Hi' }, options);
const textsToJohan = () =>
	handle.sim.state.messages.filter(
		(log) => log.contact_wa_id === johan.phone && log.message_type === 'text',
	);

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
			handle.sim.addFault({
				...faults.redirect(status, location),
				endpoint: 'contact/send-message',
			});
			const response = await send({ redirect: 'manual' });
			expect({
				status: response.status,
				location: response.headers.get('location'),
				type: response.headers.get('content-type'),
			}).toEqual({ status, location, type: 'text/html; charset=UTF-8' });
			expect(response.text).toContain(`Redirecting to <a href="${location}">`);
			expect(textsToJohan()).toHaveLength(0);
			expect(handle.sim.journal[0]).toMatchObject({ status, processed: false });
		},
	);

	it('the other origin records what a client that follows the redirect sends it', async () => {
		handle.sim.addFault({
			...faults.redirect(307, `${other.url}/api/collect?x=1`),
			endpoint: 'contact/send-message',
		});
		// A raw follower that keeps every header, as a careless HTTP client would.
		const first = await send({ redirect: 'manual' });
		const response = await fetch(first.headers.get('location') as string, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${handle.sim.token}`,
				'Content-Type': 'application/json',
			},
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
				headers: { authorization: `Bearer ${handle.sim.token}` },
				json: { phone_number: johan.phone, message_body: 'Hi' },
			},
		]);
	});

	it('redirects to a path on its own origin, which answers normally once the fault is used up', async () => {
		const path = `/api/${handle.sim.vendorUid}/contact/groups?page=1`;
		handle.sim.addFault({ ...faults.redirect(302, path), endpoint: 'contact/groups' });
		const followed = await get('contact/groups');
		expect({ status: followed.status, result: followed.json.result }).toEqual({
			status: 200,
			result: 'success',
		});
		expect(handle.sim.journal.map((entry) => [entry.status, entry.rawPath])).toEqual([
			[302, `/api/${handle.sim.vendorUid}/contact/groups`],
			[200, path],
		]);
	});

	it('can redirect after doing the work (process: true), and refuses a status that is not a redirect', async () => {
		handle.sim.addFault({
			...faults.redirect(303, '/elsewhere'),
			endpoint: 'contact/send-message',
			process: true,
		});
		expect((await send({ redirect: 'manual' })).status).toBe(303);
		expect(textsToJohan()).toHaveLength(1);
		expect(() => faults.redirect(200 as never, '/x')).toThrow('301, 302, 303, 307, 308');
	});
});

describe('Faults → answers after the request was handled', () => {
	it('trickle: the headers come at once, the body a byte at a time until the given time', async () => {
		handle.sim.addFault({ ...faults.trickle(1500), endpoint: 'contact/send-message' });
		const started = Date.now();
		const response = await fetch(`${handle.sim.url}/${handle.sim.vendorUid}/contact/send-message`, {
			method: 'POST',
			headers: {
				Authorization: `Bearer ${handle.sim.token}`,
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
		handle.sim.addFault({ ...faults.answerCutOff, endpoint: 'contact/send-message' });
		const response = await fetch(`${handle.sim.url}/${handle.sim.vendorUid}/contact/send-message`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${handle.sim.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ phone_number: johan.phone, message_body: 'Hi' }),
		});
		expect(response.status).toBe(200);
		await expect(response.text()).rejects.toThrow();
		expect(textsToJohan()).toHaveLength(1);
		expect(handle.sim.journal[0]).toMatchObject({ processed: true, status: 200 });
	});

	it('answerLost: the whole request was read and handled, then the connection closed without a byte', async () => {
		handle.sim.addFault({ ...faults.answerLost, endpoint: 'contact/send-message' });
		await expect(send()).rejects.toThrow();
		expect(textsToJohan()).toHaveLength(1);
		expect(handle.sim.journal[0]).toMatchObject({
			processed: true,
			status: 0,
			body: { phone_number: johan.phone, message_body: 'Hi' },
		});
	});
});

describe('Faults → 200s that are not the envelope (§3.1)', () => {
	it.each([
		['emptyBody', faults.emptyBody, { status: 200, text: '', json: undefined }],
		['nonJson', faults.nonJson, { status: 200, text: 'OK', json: undefined }],
		[
			'notEnvelope',
			faults.notEnvelope,
			{ status: 200, text: '{"status":"queued","id":42}', json: { status: 'queued', id: 42 } },
		],
	])('%s answers without doing anything', async (_name, fault, expected) => {
		handle.sim.addFault({ ...fault, endpoint: 'contact/send-message' });
		const response = await send();
		expect({ status: response.status, text: response.text, json: response.json }).toEqual(expected);
		expect(textsToJohan()).toHaveLength(0);
	});

	it('echoHeadersPage: a 502 HTML page showing the request headers, the bearer token included', async () => {
		handle.sim.addFault({ ...faults.echoHeadersPage, endpoint: 'contacts' });
		const response = await get('contacts', { page: '2' }, { headers: { 'X-Trace': 'abc' } });
		expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({
			status: 502,
			type: 'text/html',
		});
		expect(response.text).toContain('502 Bad Gateway');
		expect(response.text).toContain(`GET /api/${handle.sim.vendorUid}/contacts?page=2 HTTP/1.1`);
		expect(response.text).toContain(`<th>Authorization</th><td>Bearer ${handle.sim.token}</td>`);
		expect(response.text).toContain('<th>X-Trace</th><td>abc</td>');
	});
});

describe('Faults → paginators that misbehave (§8)', () => {
	const page = async (number: number, endpoint = 'contacts', key = 'contactList') =>
		(await get(endpoint, { page: String(number), page_size: '2' })).json.data[key];
	const phones = (list: Loose) => list.data.map((row: Loose) => row.wa_id);

	it('pagingRepeats: every page request gets page 1 back', async () => {
		handle.sim.addFault({ ...faults.pagingRepeats, endpoint: 'contacts' });
		const [first, second, third] = [await page(1), await page(2), await page(3)];
		expect([first.current_page, second.current_page, third.current_page]).toEqual([1, 1, 1]);
		expect(phones(second)).toEqual(phones(first));
		expect(second.next_page_url).toMatch(/\?page=2$/);
	});

	it('pagingEndless: last_page is always one more, and every page has rows', async () => {
		handle.sim.addFault({ ...faults.pagingEndless, endpoint: 'contacts' });
		for (const number of [1, 3, 50, 1000]) {
			const list = await page(number);
			expect({
				current: list.current_page,
				last: list.last_page,
				rows: list.data.length > 0,
				next: list.next_page_url?.endsWith(`?page=${number + 1}`),
			}).toEqual({ current: number, last: number + 1, rows: true, next: true });
		}
	});

	it('pagingMissing: a success envelope whose data has no paginator', async () => {
		handle.sim.addFault({ ...faults.pagingMissing, endpoint: 'contact/groups' });
		const response = await get('contact/groups');
		expect(response.json).toEqual({ result: 'success', message: 'Contacts List.', data: {} });
	});

	it('pagingDuplicates: from page 2 on, a page starts with the previous page’s last row again', async () => {
		handle.sim.addFault({ ...faults.pagingDuplicates, endpoint: 'contacts' });
		const pages = [await page(1), await page(2), await page(3)];
		expect(pages.map(phones)).toEqual([
			[seeded.contacts.johan.phone, seeded.contacts.asha.phone],
			[seeded.contacts.asha.phone, seeded.contacts.ravi.phone, seeded.contacts.priya.phone],
			[seeded.contacts.priya.phone, seeded.contacts.karan.phone],
		]);
		expect(pages.map((list) => [list.from, list.to, list.total])).toEqual([
			[1, 2, 5],
			[3, 4, 5],
			[5, 5, 5],
		]);
	});

	it('applies to every list endpoint and is processed for real (templates, campaigns, labels)', async () => {
		handle.sim.addFault({ ...faults.pagingRepeats, endpoint: '*' });
		expect((await page(2, 'contact/template-list', 'templateList')).current_page).toBe(1);
		expect((await page(2, 'contact/labels-tags')).current_page).toBe(1);
		expect((await get('campaign', { page: '4' })).json.data.campaignList.current_page).toBe(1);
		expect(handle.sim.journal.every((entry) => entry.processed)).toBe(true);
	});

	it('refuses an unknown paging mode', () => {
		expect(() => handle.sim.addFault({ paging: 'sideways' as never })).toThrow(
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
			expect((await get('contact/groups')).json.result).toBe('success');
			expect((await admin('POST', 'faults', { preset: 'nope' })).status).toBe(400);
			expect((await admin('POST', 'faults', { paging: 'sideways' })).status).toBe(400);
		} finally {
			await other.close();
		}
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
