/**
 * What every request under /api goes through before a controller runs, as Laravel runs it for WhatsJet: routing
 * (§1, §3.2), the rate limiter (§4), the token middleware (§2) and the input bag (§5).
 */
import { sleep } from 'n8n-workflow';

import { seeded, startSimulator } from '../fake-smartwats';
import { useSimulatorApi } from '../harness/simulator-client';
import { CAMPAIGN } from './requests';

const api = useSimulatorApi();
const { call, post, get, admin } = api;
const { johan, asha } = seeded.contacts;

describe('§1 Base URL and §3.2 framework errors', () => {
	it('answers GET and POST {origin}/api/ with the text "api endpoint", and 405 for other methods', async () => {
		for (const method of ['GET', 'POST']) {
			const response = await fetch(`${api.sim.url}/`, { method });
			expect(response.status).toBe(200);
			expect(await response.text()).toBe('api endpoint');
		}
		expect(
			(await fetch(api.sim.url, { method: 'PUT', headers: { Accept: 'application/json' } })).status,
		).toBe(405);
	});

	it('answers an unknown path with 404: JSON when the request asks for JSON, an HTML page otherwise', async () => {
		const asJson = await get('contact/nothing-here');
		expect(asJson.status).toBe(404);
		expect(asJson.json).toEqual({
			message: `The route api/${api.sim.vendorUid}/contact/nothing-here could not be found.`,
		});
		const asHtml = await get('contact/nothing-here', undefined, { accept: null });
		expect(asHtml.status).toBe(404);
		expect(asHtml.headers.get('content-type')).toContain('text/html');
		expect(asHtml.text).toContain('Not Found');
		expect(api.sim.requestsTo('contact/nothing-here')[0].processed).toBe(false);
	});

	it('answers a wrong method with 405 listing the supported methods, JSON or HTML', async () => {
		const asJson = await get('contact/send-message');
		expect(asJson.status).toBe(405);
		expect(asJson.message).toBe(
			`The GET method is not supported for route api/${api.sim.vendorUid}/contact/send-message. Supported methods: POST.`,
		);
		const asHtml = await post('contacts', {}, { accept: 'text/html' });
		expect(asHtml.status).toBe(405);
		expect(asHtml.text).toContain('Method Not Allowed');
	});

	it('routes all 21 endpoints', async () => {
		const routes: Array<[string, string]> = [
			['POST', 'contact/send-message'],
			['POST', 'contact/send-media-message'],
			['POST', 'contact/send-template-message'],
			['GET', 'contact/template-list'],
			['POST', 'contact/send-carousel-template-message'],
			['POST', 'contact/create'],
			['POST', 'campaign/schedule'],
			['GET', 'campaign'],
			['GET', 'campaign-status/x'],
			['POST', 'contact/update/919876543210'],
			['GET', 'contacts'],
			['GET', 'contact'],
			['POST', 'contact/send-interactive-message'],
			['POST', 'contact/assign-team-member'],
			['GET', 'contact/groups'],
			['GET', 'contact/labels-tags'],
			['GET', 'contact/message-status'],
			['POST', 'contact/assign-groups'],
			['POST', 'contact/unassign-groups'],
			['POST', 'contact/assign-labels'],
			['POST', 'contact/unassign-labels'],
		];
		for (const [method, endpoint] of routes) {
			const response = await call(method, endpoint, { token: 'wrong' });
			expect({ endpoint, status: response.status, message: response.message }).toEqual({
				endpoint,
				status: 200,
				message: 'Invalid Token',
			});
		}
		expect(api.sim.journal).toHaveLength(21);
	});
});

describe('§2 Authentication', () => {
	it('accepts the Bearer header', async () => {
		expect((await get('contact/groups')).result).toBe('success');
	});

	it('matches the Bearer scheme in any case, as Laravel does', async () => {
		for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
			const response = await get('contact/groups', undefined, {
				token: null,
				headers: { Authorization: `${scheme} ${api.sim.token}` },
			});
			expect({ scheme, result: response.result }).toEqual({ scheme, result: 'success' });
		}
	});

	it('accepts a `token` input in the query string or the body', async () => {
		expect((await get('contact/groups', { token: api.sim.token }, { token: null })).result).toBe(
			'success',
		);
		const viaBody = await post(
			'contact/create',
			{ token: api.sim.token, phone_number: '919700000123' },
			{ token: null },
		);
		expect(viaBody.result).toBe('success');
	});

	it('lets the header win over a token input', async () => {
		expect((await get('contact/groups', { token: 'wrong' })).result).toBe('success');
		expect(
			(await get('contact/groups', { token: api.sim.token }, { token: 'wrong' })).json,
		).toEqual({
			result: 'failed',
			message: 'Invalid Token',
			data: [],
		});
	});

	it('answers a wrong or missing token with HTTP 200 "Invalid Token" and never runs the controller', async () => {
		for (const token of ['x'.repeat(64), null]) {
			const response = await post(
				'contact/send-message',
				{ phone_number: johan.phone, message_body: 'Hi' },
				{ token },
			);
			expect(response.status).toBe(200);
			expect(response.json).toEqual({ result: 'failed', message: 'Invalid Token', data: [] });
		}
		expect(api.sim.state.messages.filter((log) => log.campaigns__id === null)).toHaveLength(0);
		expect(api.sim.journal.every((entry) => !entry.processed)).toBe(true);
	});

	it('answers an unknown vendor with "Invalid Token" when a token is sent and "Invalid Vendor" when none is', async () => {
		expect((await get('contact/groups', undefined, { vendorUid: 'another-vendor' })).json).toEqual({
			result: 'failed',
			message: 'Invalid Token',
			data: [],
		});
		const noToken = await get('contact/groups', undefined, {
			vendorUid: 'another-vendor',
			token: null,
		});
		expect(noToken.status).toBe(200);
		expect(noToken.json).toEqual({ result: 'failed', message: 'Invalid Vendor' });
	});

	it('answers every endpoint with HTTP 200 "Vendor account is not in active state" while the vendor is inactive, after the token check', async () => {
		const { json } = await admin('POST', 'settings', { vendorActive: false });
		expect(json.settings.vendorActive).toBe(false);
		const answers = [
			await get('contact/groups'),
			await post('contact/send-message', { phone_number: johan.phone, message_body: 'Hi' }),
			await post('campaign/schedule', CAMPAIGN),
		];
		for (const answer of answers) {
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({
				result: 'failed',
				message: 'Vendor account is not in active state',
				data: [],
			});
		}
		expect((await get('contact/groups', undefined, { token: 'wrong' })).message).toBe(
			'Invalid Token',
		);
		expect(api.sim.journal.every((entry) => !entry.processed)).toBe(true);
		expect(api.sim.state.messages.filter((log) => log.campaigns__id === null)).toHaveLength(0);
	});

	it('answers "Invalid Vendor admin" when the vendor has no admin user and "Vendor admin account is not in active state" when it is inactive', async () => {
		for (const [vendorAdmin, message] of [
			['missing', 'Invalid Vendor admin'],
			['inactive', 'Vendor admin account is not in active state'],
		]) {
			await admin('POST', 'settings', { vendorAdmin });
			const response = await post('contact/create', { phone_number: '919700000124' });
			expect({ vendorAdmin, status: response.status, json: response.json }).toEqual({
				vendorAdmin,
				status: 200,
				json: { result: 'failed', message, data: [] },
			});
		}
		expect(api.sim.getContact('919700000124')).toBeNull();
		expect((await admin('POST', 'settings', { vendorAdmin: 'gone' })).status).toBe(400);
		await admin('POST', 'settings', { vendorAdmin: 'active' });
		expect((await get('contact/groups')).result).toBe('success');
	});
});

describe('§4 Rate limiting', () => {
	it('counts per client IP before authentication, with X-RateLimit headers, and refuses with 429 + Retry-After', async () => {
		api.sim.setRateLimit({ limit: 3, windowMs: 1000 });
		const first = await get('contact/groups');
		expect(first.headers.get('x-ratelimit-limit')).toBe('3');
		expect(first.headers.get('x-ratelimit-remaining')).toBe('2');
		// Bad tokens count too: the limiter runs before the token middleware.
		const second = await get('contact/groups', undefined, { token: 'wrong' });
		expect(second.message).toBe('Invalid Token');
		expect(second.headers.get('x-ratelimit-remaining')).toBe('1');
		await get('contacts');
		const refused = await get('contact/groups');
		expect(refused.status).toBe(429);
		expect(refused.json).toEqual({ message: 'Too Many Attempts.' });
		expect(refused.headers.get('retry-after')).toBe('1');
		expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
		const refusedEntry = api.sim.journal[api.sim.journal.length - 1];
		expect({ status: refusedEntry.status, processed: refusedEntry.processed }).toEqual({
			status: 429,
			processed: false,
		});
	});

	it('answers the 429 as JSON only when asked (Accept JSON or X-Requested-With), HTML otherwise', async () => {
		api.sim.setRateLimit({ limit: 1, windowMs: 60000 });
		await get('contact/groups');
		const html = await get('contact/groups', undefined, { accept: '*/*' });
		expect(html.status).toBe(429);
		expect(html.headers.get('content-type')).toContain('text/html');
		expect(html.text).toContain('Too Many Requests');
		expect(Number(html.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
		const ajax = await get('contact/groups', undefined, {
			accept: null,
			headers: { 'X-Requested-With': 'XMLHttpRequest' },
		});
		expect(ajax.json).toEqual({ message: 'Too Many Attempts.' });
	});

	it('opens a new window once windowMs has passed (time can be scaled down)', async () => {
		api.sim.setRateLimit({ limit: 2, windowMs: 300 });
		await get('contact/groups');
		await get('contact/groups');
		expect((await get('contact/groups')).status).toBe(429);
		await sleep(350);
		const again = await get('contact/groups');
		expect(again.status).toBe(200);
		expect(again.headers.get('x-ratelimit-remaining')).toBe('1');
	});

	it('limits at 60 a minute by default and sends no rate headers when disabled', async () => {
		const limited = await startSimulator();
		try {
			expect(limited.rateLimit).toEqual({ limit: 60, windowMs: 60000 });
		} finally {
			await limited.close();
		}
		expect((await get('contact/groups')).headers.get('x-ratelimit-limit')).toBeNull();
	});
});

describe('§5 Request formats and input processing', () => {
	it('strips tags from top-level strings only ("I <3 you" loses everything from <3)', async () => {
		const response = await post('contact/send-message', {
			phone_number: '919700000201',
			message_body: 'Hello <b>Asha</b>, I <3 you',
			contact: { first_name: '<i>Asha</i>' },
		});
		expect(api.messageLog(response.data.log_uid)?.message).toBe('Hello Asha, I ');
		expect(api.contact('919700000201')?.first_name).toBe('<i>Asha</i>');
	});

	it('trims strings and turns empty ones into null before validation', async () => {
		const response = await post('contact/send-message', {
			phone_number: `  ${johan.phone}  `,
			message_body: '   ',
		});
		expect(response.status).toBe(422);
		expect(response.json).toEqual({
			message: 'The message body field is required.',
			errors: { message_body: ['The message body field is required.'] },
		});
	});

	it('accepts form bodies in bracket notation, with fields also taken from the query string', async () => {
		const form = `contacts_uid[]=${johan.uid}&contacts_uid[]=${asha.uid}`;
		const response = await call('POST', 'contact/assign-labels', {
			raw: { body: form, contentType: 'application/x-www-form-urlencoded' },
			query: { 'labels_uid[0]': seeded.labels.replied.uid },
		});
		expect(response.json).toEqual({
			result: 'success',
			message: 'Labels assigned successfully.',
			data: [],
		});
		expect(api.labelTitles(asha.phone)).toEqual(['Cold', 'Replied']);
		expect(api.sim.journal[0].body).toEqual({ contacts_uid: [johan.uid, asha.uid] });
		expect(api.sim.journal[0].query).toEqual({ 'labels_uid[0]': seeded.labels.replied.uid });
	});

	it('reads a JSON body only when its Content-Type says JSON: without one, or as text/plain, the input is empty', async () => {
		const json = JSON.stringify({ phone_number: johan.phone, message_body: 'Hi' });
		const required = {
			phone_number: ['The phone number field is required.'],
			message_body: ['The message body field is required.'],
		};
		// fetch gives a byte body no Content-Type, and a string body text/plain.
		const untyped = await call('POST', 'contact/send-message', {
			raw: { body: new TextEncoder().encode(json), contentType: null },
		});
		expect({ status: untyped.status, errors: untyped.errors }).toEqual({
			status: 422,
			errors: required,
		});
		const text = await call('POST', 'contact/send-message', {
			raw: { body: json, contentType: 'text/plain' },
		});
		expect({ status: text.status, errors: text.errors }).toEqual({ status: 422, errors: required });
		expect(api.textsTo(johan.phone)).toHaveLength(0);
		// The journal still shows what was sent.
		expect(api.sim.journal[0].body).toEqual({ phone_number: johan.phone, message_body: 'Hi' });
		const typed = await call('POST', 'contact/send-message', {
			raw: { body: json, contentType: 'application/vnd.api+json' },
		});
		expect(typed.result).toBe('success');
	});

	it('accepts multipart/form-data text fields', async () => {
		const form = new FormData();
		form.append('phone_number', johan.phone);
		form.append('message_body', 'From a form');
		// fetch writes the multipart Content-Type with its boundary.
		const response = await call('POST', 'contact/send-message', {
			raw: { body: form, contentType: null },
		});
		expect(response.result).toBe('success');
		expect(api.textsTo(johan.phone).map((log) => log.message)).toEqual(['From a form']);
	});

	it('turns a validation failure into a redirect when the request does not accept JSON (Accept: text/html)', async () => {
		const response = await call('POST', 'contact/send-message', {
			raw: { body: '{}', contentType: 'application/json' },
			accept: 'text/html',
			redirect: 'manual',
		});
		expect(response.status).toBe(302);
		expect(response.headers.get('location')).toBe(`${api.sim.origin}/`);
	});

	it('evaluates flags with PHP truthiness: the string "false" is true, "0" is false', async () => {
		await post('contact/create', { phone_number: '919700000301', enable_ai_bot: 'false' });
		await post('contact/create', { phone_number: '919700000302', enable_ai_bot: '0' });
		expect(api.contact('919700000301')?.disable_ai_bot).toBe(0);
		expect(api.contact('919700000302')?.disable_ai_bot).toBe(1);
	});

	it('treats the campaign checkboxes as on only for the exact string "on"', async () => {
		const all = {
			...CAMPAIGN,
			template_name: 'welcome',
			contact_group: 'all_contacts',
			field_2: undefined,
		};
		await post('campaign/schedule', {
			...all,
			title: 'with true',
			restrict_by_templated_contact_language: true,
		});
		await post('campaign/schedule', {
			...all,
			title: 'with on',
			restrict_by_templated_contact_language: 'on',
		});
		const total = (title: string) =>
			api.sim.state.campaigns.find((campaign) => campaign.title === title)?.__data.total_contacts;
		// welcome is MARKETING (Priya opted out); "on" also drops Ravi, whose language is hi.
		expect(total('with true')).toBe(4);
		expect(total('with on')).toBe(3);
	});
});
