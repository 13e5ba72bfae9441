/**
 * The admin API under {origin}/__sim/: what tests that run n8n in another process, the demo and the benchmarks
 * use to steer the simulator. Faults, recorders, media and webhooks over it are in their own files.
 */
import { seeded, startRecorder } from '../fake-smartwats';
import { useSimulatorApi } from '../harness/simulator-client';

const api = useSimulatorApi();
const { post, get, admin } = api;
const { johan } = seeded.contacts;

describe('Admin API (/__sim)', () => {
	it('lists its URLs and endpoints', async () => {
		const { json } = await admin('GET', '');
		expect(json).toMatchObject({
			url: api.sim.url,
			vendorUid: api.sim.vendorUid,
			adminUrl: api.sim.adminUrl,
			endpoints: expect.arrayContaining([
				'POST settings {apiAccess?, whatsappReady?, webhookUrl?, largeMediaBytes?, slowMediaMs?, vendorActive?, vendorAdmin?, metaWithoutMessageId?, canonicalWaIds?}',
				'POST campaign-execute {campaignUid, status?, at?}',
				'GET recorders/<id>',
			]),
		});
	});

	it('sets and removes the rate limit', async () => {
		await admin('POST', 'rate-limit', { limit: 1, windowMs: 60000 });
		await get('contacts');
		expect((await get('contacts')).status).toBe(429);
		await admin('POST', 'rate-limit', { enabled: false });
		expect((await get('contacts')).status).toBe(200);
		expect((await admin('POST', 'rate-limit', { limit: 0 })).status).toBe(400);
	});

	it('resets to the seed, serves the state, adds contacts and sets message statuses', async () => {
		await post('contact/create', { phone_number: '919700000901' });
		expect((await admin('POST', 'reset')).json).toEqual({ ok: true });
		const state = (await admin('GET', 'state')).json;
		expect(state.contacts).toHaveLength(5);
		expect((await admin('POST', 'contacts', { count: 10 })).json).toEqual({ added: 10 });
		expect(api.sim.state.contacts).toHaveLength(15);
		const sent = (
			await post('contact/send-message', { phone_number: johan.phone, message_body: 'Hi' })
		).data;
		expect(
			(await admin('POST', 'message-status', { id: sent.wamid, status: 'delivered' })).json.ok,
		).toBe(true);
		expect(
			(await get('contact/message-status', { log_uid: String(sent.log_uid) })).data.status,
		).toBe('delivered');
		expect((await admin('POST', 'message-status', { id: 'nope', status: 'read' })).status).toBe(
			404,
		);
	});

	it('resets to a seed given in the body', async () => {
		await admin('POST', 'reset', { contacts: [{ wa_id: '447700900001', first_name: 'Solo' }] });
		expect(api.sim.state.contacts.map((contact) => contact.first_name)).toEqual(['Solo']);
		// That seed was for once: the next reset goes back to the startup seed.
		await admin('POST', 'reset');
		expect(api.sim.state.contacts).toHaveLength(5);
	});

	it('switches the plan gate and WhatsApp readiness, and shows the settings', async () => {
		await admin('POST', 'settings', { apiAccess: false });
		expect(
			(await post('contact/send-message', { phone_number: johan.phone, message_body: 'Hi' }))
				.status,
		).toBe(401);
		await admin('POST', 'settings', { apiAccess: true, whatsappReady: false });
		expect(
			(await post('contact/send-message', { phone_number: johan.phone, message_body: 'Hi' }))
				.message,
		).toBe('Please complete your WhatsApp Cloud API Setup first');
		expect((await admin('GET', 'settings')).json.settings).toMatchObject({
			apiAccess: true,
			whatsappReady: false,
		});
	});

	it('runs a campaign’s queue', async () => {
		const campaignUid = (
			await post('campaign/schedule', {
				title: 'Now',
				template_name: 'welcome',
				template_language: 'en',
				contact_group: 'Leads',
				timezone: 'UTC',
				field_1: '{first_name}',
			})
		).data.campaignUid;
		expect((await admin('POST', 'campaign-execute', { campaignUid, status: 'read' })).json).toEqual(
			{
				ok: true,
				delivered: 1,
			},
		);
		expect(api.sim.campaignStatus(campaignUid)).toMatchObject({ totalRead: 1, inQueueCount: 0 });
		expect((await admin('POST', 'campaign-execute', { campaignUid: 'nope' })).status).toBe(404);
	});

	it("posts a SmartWats webhook to a URL and returns the receiver's answer", async () => {
		// The recorder stands in for n8n's webhook endpoint.
		const target = await startRecorder({ json: { message: 'Workflow was started' } });
		try {
			const { status, json } = await admin('POST', 'webhook', {
				url: `${target.url}/webhook/abc`,
				kind: 'incoming_text',
				overrides: { phoneNumber: '919800000123', text: 'Is my order ready?' },
			});
			expect(status).toBe(200);
			expect(json).toMatchObject({ status: 200, body: { message: 'Workflow was started' } });
			expect(target.requests.map((request) => [request.method, request.path])).toEqual([
				['POST', '/webhook/abc'],
			]);
			expect(target.requests[0].json).toMatchObject({
				contact: { phone_number: '919800000123' },
				message: { body: 'Is my order ready?', is_new_message: true },
			});
			expect((await admin('POST', 'webhook', { kind: 'nope' })).status).toBe(400);
		} finally {
			await target.close();
		}
	});

	it('answers unknown admin endpoints with 404', async () => {
		expect((await admin('GET', 'nothing')).status).toBe(404);
	});
});
