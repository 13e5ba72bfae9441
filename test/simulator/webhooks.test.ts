/**
 * Contact events on the vendor webhook (§15, §19, §31): Create Contact and Update Contact (on a real change) POST
 * `{contact: {status: 'new' | 'updated', …}, message: [], whatsapp_webhook_payload: []}` to the vendor webhook URL,
 * before the API answers, and ignore whatever the receiver does.
 */
import { seeded, startRecorder } from '../fake-smartwats';
import type { Recorder } from '../fake-smartwats';
import { useSimulatorApi } from '../harness/simulator-client';

let receiver: Recorder;
beforeAll(async () => {
	receiver = await startRecorder({ json: { message: 'Workflow was started' } });
});
afterAll(async () => {
	await receiver.close();
});

const api = useSimulatorApi(() => ({
	rateLimit: false,
	webhookUrl: `${receiver.url}/webhook/contacts`,
}));
const { post, admin } = api;
const { johan, karan } = seeded.contacts;

beforeEach(() => {
	receiver.clear();
	receiver.setReply({ json: { message: 'Workflow was started' } });
});

const NEW_CONTACT = {
	phone_number: '919700000123',
	first_name: 'Meera',
	last_name: 'Nair',
	email: 'meera@example.com',
	country: 'India',
	language_code: 'ml',
};

describe('§31 Contact events on the vendor webhook', () => {
	it('Create Contact posts a "new" contact event, received before the API answers (§15)', async () => {
		const response = await post('contact/create', NEW_CONTACT);
		// Already there when the API answered: SmartWats calls the webhook inside the request.
		expect(receiver.requests.map((request) => [request.method, request.path])).toEqual([
			['POST', '/webhook/contacts'],
		]);
		const [request] = receiver.requests;
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.headers.authorization).toBeUndefined();
		expect(request.json).toEqual({
			contact: {
				status: 'new',
				phone_number: '919700000123',
				uid: response.data.contact_uid,
				first_name: 'Meera',
				last_name: 'Nair',
				email: 'meera@example.com',
				language_code: 'ml',
				country: 'India',
			},
			whatsapp_webhook_payload: [],
			message: [],
		});
		expect(api.sim.webhookDeliveries).toMatchObject([
			{ url: `${receiver.url}/webhook/contacts`, status: 200, payload: request.json },
		]);
	});

	it('Update Contact posts an "updated" event with the contact as it now is (§19)', async () => {
		await post(`contact/update/${johan.phone}`, {
			first_name: 'Johan',
			email: 'johan@example.com',
			country: 'IN',
			groups: 'VIP,Customers',
		});
		expect(receiver.requests.map((request) => request.json)).toEqual([
			{
				contact: {
					status: 'updated',
					phone_number: johan.phone,
					uid: johan.uid,
					first_name: 'Johan',
					last_name: 'Doe',
					email: 'johan@example.com',
					language_code: 'en',
					country: 'India',
				},
				whatsapp_webhook_payload: [],
				message: [],
			},
		]);
	});

	it('stays silent when nothing changed, when the API refused, and for other endpoints', async () => {
		await post(`contact/update/${karan.phone}`, { first_name: 'Karan' });
		await post('contact/update/919000000000', { first_name: 'Nobody' });
		await post('contact/create', { phone_number: johan.phone });
		await post('contact/create', { ...NEW_CONTACT, groups: `VIP,${'x'.repeat(256)}` });
		await post('contact/send-message', { phone_number: '919700000777', message_body: 'Hi' });
		await post('contact/assign-team-member', {
			phone_number: karan.phone,
			username_or_email: seeded.teamMembers.agent.email,
		});
		expect(receiver.requests).toEqual([]);
		expect(api.sim.webhookDeliveries).toEqual([]);
	});

	it('sends nothing without a webhook URL or without the plan’s API access (§31.1)', async () => {
		api.sim.setWebhookUrl(null);
		await post('contact/create', NEW_CONTACT);
		api.sim.reset();
		api.sim.setPlan({ apiAccess: false });
		await post('contact/create', NEW_CONTACT);
		expect(receiver.requests).toEqual([]);
		// reset() returns to the startup URL.
		api.sim.reset();
		await post('contact/create', NEW_CONTACT);
		expect(receiver.requests).toHaveLength(1);
	});

	it('ignores a receiver that fails or is not there, and never retries (§31.1)', async () => {
		receiver.setReply({ status: 500, body: 'down' });
		const created = await post('contact/create', NEW_CONTACT);
		expect(created.result).toBe('success');
		const gone = await startRecorder();
		const goneUrl = `${gone.url}/hook`;
		await gone.close();
		api.sim.setWebhookUrl(goneUrl);
		const updated = await post(`contact/update/${NEW_CONTACT.phone_number}`, { first_name: 'M.' });
		expect(updated.result).toBe('success');
		expect(receiver.requests).toHaveLength(1);
		expect(api.sim.webhookDeliveries).toMatchObject([
			{ status: 500, response: 'down' },
			{ status: 0, url: goneUrl, error: expect.stringContaining('ECONNREFUSED') },
		]);
	});

	it('is set and read over the admin API, and rejects what is not an http(s) URL', async () => {
		const other = await startRecorder();
		try {
			const { json } = await admin('POST', 'settings', { webhookUrl: `${other.url}/n8n` });
			expect(json.settings.webhookUrl).toBe(`${other.url}/n8n`);
			await post('contact/create', NEW_CONTACT);
			expect(other.requests.map((request) => request.json)).toMatchObject([
				{ contact: { status: 'new' } },
			]);
			expect((await admin('GET', 'webhook-deliveries')).json).toMatchObject([
				{ url: `${other.url}/n8n`, status: 200 },
			]);
			expect((await admin('POST', 'settings', { webhookUrl: 'ftp://example.com' })).status).toBe(
				400,
			);
			await admin('POST', 'settings', { webhookUrl: null });
			expect(api.sim.settings.webhookUrl).toBeNull();
			expect(() => api.sim.setWebhookUrl('not a url')).toThrow('not a URL');
		} finally {
			await other.close();
		}
	});
});
