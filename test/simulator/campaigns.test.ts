/**
 * Campaigns: Create Campaign (§16) with its real test message, Campaign List (§17) and Campaign Status (§18).
 * There is no cron: queued messages wait for `sim.executeCampaign()`.
 */
import { defaultSeed, seeded } from '../fake-smartwats';
import { useSimulatorApi } from '../harness/simulator-client';
import { CAMPAIGN } from './requests';

const api = useSimulatorApi();
const { post, get, admin } = api;
const { johan, karan } = seeded.contacts;
const campaignNamed = (uid: unknown) =>
	api.sim.state.campaigns.find((campaign) => campaign._uid === uid);

describe('§16 Create Campaign', () => {
	it('sends a real test message to the Test Contact, queues the recipients and answers a camelCase campaignUid', async () => {
		const response = await post('campaign/schedule', CAMPAIGN);
		expect(response.json).toEqual({
			result: 'success',
			message: 'Test Message success and Campaign created',
			data: { campaignUid: expect.any(String) },
		});
		const campaign = campaignNamed(response.data.campaignUid);
		// Local time in Asia/Kolkata, stored in UTC.
		expect(campaign).toMatchObject({
			title: 'Diwali offer',
			template_name: 'festive_offer',
			timezone: 'Asia/Kolkata',
			scheduled_at: '2030-10-20T05:00:00.000000Z',
			status: 1,
		});
		const test = api.sim.state.messages.find((log) => log.is_campaign_test_message);
		expect(test).toMatchObject({
			contact_wa_id: karan.phone,
			template: { name: 'festive_offer', parameters: { field_1: 'Karan', field_2: '20%' } },
		});
		// VIP = Johan and Priya; festive_offer is MARKETING and Priya opted out.
		const queued = api.sim.state.campaignQueue.filter(
			(item) => item.campaigns__id === campaign?._id,
		);
		expect(queued.map((item) => item.phone_with_country_code)).toEqual([johan.phone]);
		expect(queued[0].parameters).toEqual({ parameters: { field_1: 'Johan', field_2: '20%' } });
	});

	it('answers "Failed to send test message" and queues nothing when Meta answers the test message without a message id (§3.4)', async () => {
		await admin('POST', 'settings', { metaWithoutMessageId: true });
		expect((await post('campaign/schedule', CAMPAIGN)).json).toEqual({
			result: 'failed',
			message: 'Failed to send test message',
			data: [],
		});
		expect(api.sim.state.campaigns.filter((row) => row.title === CAMPAIGN.title)).toHaveLength(0);
	});

	it('needs title, contact_group and timezone; checks dates with `date` and expire_at after schedule_at', async () => {
		const missing = await post('campaign/schedule', {});
		expect(Object.keys(missing.errors)).toEqual(['title', 'contact_group', 'timezone']);
		const dates = await post('campaign/schedule', {
			...CAMPAIGN,
			schedule_at: 'tomorrow',
			expire_at: '2030-10-19T10:30',
		});
		expect(dates.errors).toEqual({
			schedule_at: ['The schedule at field must be a valid date.'],
		});
		const order = await post('campaign/schedule', { ...CAMPAIGN, expire_at: '2030-10-19T10:30' });
		expect(order.errors).toEqual({
			expire_at: ['The expire at field must be a date after schedule at.'],
		});
	});

	it('accepts only YYYY-MM-DDTHH:MM(:SS): other valid dates fail with "Failed to recognize the datetime"', async () => {
		for (const scheduleAt of [
			'2030-10-20 10:30',
			'2030-10-20T10:30:00+05:30',
			'2030-10-20T10:30:00.000Z',
			'10/20/2030 10:30',
		]) {
			const response = await post('campaign/schedule', { ...CAMPAIGN, schedule_at: scheduleAt });
			expect({ scheduleAt, json: response.json }).toEqual({
				scheduleAt,
				json: {
					result: 'failed',
					message: 'Failed to recognize the datetime, please reload and try again.',
					data: [],
				},
			});
		}
		expect(
			(await post('campaign/schedule', { ...CAMPAIGN, schedule_at: '2030-10-20T10:30:15' })).result,
		).toBe('success');
		expect((await post('campaign/schedule', { ...CAMPAIGN, schedule_at: undefined })).result).toBe(
			'success',
		);
	});

	it('checks the template, the group titles, group members and labels', async () => {
		expect((await post('campaign/schedule', { ...CAMPAIGN, template_name: 'nope' })).json).toEqual({
			result: 'failed',
			message: 'Template does not exist.',
			data: [],
		});
		expect(
			(await post('campaign/schedule', { ...CAMPAIGN, contact_group: 'Nobody,Nothing' })).message,
		).toBe('Invalid Group');
		// Unknown titles are ignored when one matches.
		expect(
			(await post('campaign/schedule', { ...CAMPAIGN, contact_group: 'Nobody,VIP' })).result,
		).toBe('success');
		await post('contact/create', { phone_number: '919700000801', groups: 'Empty group' });
		expect(
			(await post('campaign/schedule', { ...CAMPAIGN, contact_group: 'Empty group' })).message,
		).toBe('Group Contact does not found');
		expect((await post('campaign/schedule', { ...CAMPAIGN, contact_labels: 'Cold' })).message).toBe(
			'Contacts does not found',
		);
		const labelled = await post('campaign/schedule', {
			...CAMPAIGN,
			contact_group: 'all_contacts',
			contact_labels: 'Cold,Replied',
		});
		expect(campaignNamed(labelled.data.campaignUid)?.__data.total_contacts).toBe(2);
	});

	it('validates template parameters with the test send (422), and fails when the test message fails', async () => {
		expect((await post('campaign/schedule', { ...CAMPAIGN, field_2: undefined })).errors).toEqual({
			field_2: ['The field 2 field is required.'],
		});
		expect(
			(await post('campaign/schedule', { ...CAMPAIGN, from_phone_number_id: '42' })).message,
		).toBe('Failed to send test message');
		api.sim.setWhatsappReady(false);
		expect((await post('campaign/schedule', CAMPAIGN)).message).toBe('Failed to send test message');
	});

	it('needs a Test Contact', async () => {
		const seed = defaultSeed();
		seed.testContact = null;
		api.sim.reset(seed);
		expect((await post('campaign/schedule', CAMPAIGN)).message).toBe(
			'Test Contact missing, You need to set the Test Contact first, do it under the WhatsApp Settings',
		);
	});
});

describe('§17 Campaign List', () => {
	it('lists campaigns by updated_at desc with total_contacts as a string', async () => {
		const created = (await post('campaign/schedule', CAMPAIGN)).data.campaignUid;
		const response = await get('campaign');
		expect(response.message).toBe('Campaign List.');
		const rows = response.data.campaignList.data;
		expect(rows.map((row) => row._uid)).toEqual([created, seeded.campaigns.newYear.uid]);
		expect(rows[0]).toMatchObject({
			title: 'Diwali offer',
			status: 1,
			total_contacts: '1',
			timezone: 'Asia/Kolkata',
		});
		expect(rows[0]).not.toHaveProperty('__data');
		expect((await get('campaign', { search_term: 'Asia/Kol' })).data.campaignList.total).toBe(2);
	});
});

describe('§18 Campaign Status', () => {
	it('counts the queued messages as expired (expiredCount) when the queue runs after expire_at (§16)', async () => {
		// 10:30 and 10:30 the next day in Asia/Kolkata: 05:00 UTC.
		const campaign = { ...CAMPAIGN, expire_at: '2030-10-21T10:30' };
		const early = (await post('campaign/schedule', campaign)).data.campaignUid;
		const late = (await post('campaign/schedule', campaign)).data.campaignUid;
		expect(
			(await admin('POST', 'campaign-execute', { campaignUid: early, at: '2030-10-21T04:59:00Z' }))
				.json,
		).toEqual({ ok: true, delivered: 1 });
		expect(
			(await admin('POST', 'campaign-execute', { campaignUid: late, at: '2030-10-21T05:00:00Z' }))
				.json,
		).toEqual({ ok: true, delivered: 0 });
		expect((await get(`campaign-status/${late}`)).data).toMatchObject({
			campaignStatus: 'executed',
			expiredCount: 1,
			totalExpiredInPercent: '100%',
			inQueueCount: 0,
			executedCount: 0,
			totalSent: 0,
		});
		expect((await get(`campaign-status/${early}`)).data).toMatchObject({
			expiredCount: 0,
			totalSent: 1,
		});
		expect(
			(await admin('POST', 'campaign-execute', { campaignUid: late, at: 'someday' })).status,
		).toBe(400);
	});

	it('answers HTTP 404 with an empty message for an unknown campaign', async () => {
		const response = await get('campaign-status/no-such-campaign');
		expect(response.status).toBe(404);
		expect(response.json).toEqual({ result: 'failed', message: '', data: [] });
	});

	it('reports the seeded executed campaign with counts and percentage strings', async () => {
		const response = await get(`campaign-status/${seeded.campaigns.newYear.uid}`);
		expect(response.message).toBeNull();
		expect(response.data).toMatchObject({
			campaignStatus: 'executed',
			statusText: 'Executed',
			totalDelivered: 2,
			totalDeliveredInPercent: '66.67%',
			totalRead: 1,
			totalFailed: 1,
			inQueueCount: 0,
			inQueuedCount: 0,
			executedCount: 3,
			campaign: { _uid: seeded.campaigns.newYear.uid, title: 'New year greetings' },
		});
		expect(response.data.campaign).not.toHaveProperty('__data');
	});

	it('stays "upcoming" once the time has passed until the queue runs ("Awaiting Execution"), then "executed"', async () => {
		const future = (await post('campaign/schedule', CAMPAIGN)).data.campaignUid;
		expect((await get(`campaign-status/${future}`)).data).toMatchObject({
			campaignStatus: 'upcoming',
			statusText: 'Upcoming',
			inQueueCount: 1,
		});
		const now = (await post('campaign/schedule', { ...CAMPAIGN, schedule_at: undefined })).data
			.campaignUid;
		expect((await get(`campaign-status/${now}`)).data).toMatchObject({
			campaignStatus: 'upcoming',
			statusText: 'Awaiting Execution',
		});
		expect(api.sim.executeCampaign(now, 'delivered')).toBe(1);
		expect((await get(`campaign-status/${now}`)).data).toMatchObject({
			campaignStatus: 'executed',
			totalDelivered: 1,
			totalDeliveredInPercent: '100%',
			inQueueCount: 0,
		});
	});
});
