/**
 * Campaign → Create, Get Many and Get Status against the simulator: the exact requests, the outputs, and the traps
 * the node guards (the local `YYYY-MM-DDTHH:MM` schedule format, titles instead of UIDs, the "on" checkbox, the
 * expiry order, the empty-message 404 of an unknown campaign).
 */
import { defaultSeed } from './fake-smartwats';
import { SEEDED_CAMPAIGN_UID, TEST_CONTACT_PHONE } from './harness/seed';
import { useSimulator } from './harness/simulator';

const handle = useSimulator();
const { run } = handle;

const create = {
	resource: 'campaign',
	operation: 'create',
	title: 'Diwali offer',
	template: { __rl: true, mode: 'name', value: 'festive_offer|en' },
	bodyParameters: { parameter: [{ value: '{first_name}' }, { value: '20%' }] },
	targetGroups: ['VIP'],
};

const schedules = () => handle.sim.requestsTo('campaign/schedule', 'POST');
const campaignNamed = (title: string) =>
	handle.sim.state.campaigns.find((campaign) => campaign.title === title);

describe('Campaign → Create: schedule and expiry in the campaign timezone', () => {
	it.each([
		['an offset in the same zone', '2026-12-01T10:30:00+05:30'],
		['UTC with Z', '2026-12-01T05:00:00.000Z'],
		['another offset', '2026-11-30T23:30:00-05:30'],
		['a luxon DateTime from an expression', "={{ DateTime.fromISO('2026-12-01T05:00:00Z') }}"],
		['a JavaScript Date from an expression', '={{ new Date(Date.UTC(2026, 11, 1, 5, 0, 0)) }}'],
		['the picker (no offset: wall time in the timezone)', '2026-12-01T10:30:00'],
	])(
		'sends %s as exactly 2026-12-01T10:30 for Asia/Kolkata, and SmartWats schedules it',
		async (_, scheduleAt) => {
			const { items, error } = await run({ ...create, scheduleAt });
			expect(error).toBeUndefined();
			const [request] = schedules();
			expect(request.body.timezone).toBe('Asia/Kolkata');
			expect(request.body.schedule_at).toBe('2026-12-01T10:30');
			// 10:30 in Kolkata is 05:00 UTC: the simulator parsed it as SmartWats does and stored the instant.
			expect(campaignNamed('Diwali offer')?.scheduled_at).toBe('2026-12-01T05:00:00.000000Z');
			expect(items[0].json.schedule_at).toBe('2026-12-01T10:30');
		},
	);

	it('sends the exact body SmartWats expects and outputs the camelCase campaignUid', async () => {
		const { items, error } = await run({
			...create,
			targetGroups: ['VIP', 'Customers'],
			targetLabels: ['Hot', 'Replied'],
			scheduleAt: '2026-12-01T10:30:45+05:30',
			expireAt: '2026-12-02T05:00:00Z',
			headerType: 'none',
			options: { senderPhoneNumberId: '123456789012346', restrictToTemplateLanguage: true },
		});
		expect(error).toBeUndefined();
		expect(schedules()).toHaveLength(1);
		expect(schedules()[0].body).toEqual({
			title: 'Diwali offer',
			template_name: 'festive_offer',
			template_language: 'en',
			contact_group: 'VIP,Customers',
			contact_labels: 'Hot,Replied',
			timezone: 'Asia/Kolkata',
			schedule_at: '2026-12-01T10:30',
			expire_at: '2026-12-02T10:30',
			field_1: '{first_name}',
			field_2: '20%',
			from_phone_number_id: '123456789012346',
			restrict_by_templated_contact_language: 'on',
		});
		const campaign = campaignNamed('Diwali offer')!;
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			campaignUid: campaign._uid,
			title: 'Diwali offer',
			template_name: 'festive_offer',
			template_language: 'en',
			contact_group: 'VIP,Customers',
			contact_labels: 'Hot,Replied',
			timezone: 'Asia/Kolkata',
			schedule_at: '2026-12-01T10:30',
			expire_at: '2026-12-02T10:30',
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(campaign.__data.expiry_at).toBe('2026-12-02T05:00:00.000000Z');
		// Johan and Ravi: in VIP or Customers, labelled Hot or Replied, language en (Ravi's is hi) → Johan only.
		expect(campaign.__data.total_contacts).toBe(1);
		expect(campaign.__data.is_for_template_language_only).toBe(true);
		// SmartWats' real test message to the Test Contact.
		expect(
			handle.sim.state.messages
				.filter((log) => log.is_campaign_test_message)
				.map((log) => log.contact_wa_id),
		).toEqual([TEST_CONTACT_PHONE]);
	});

	it('uses the timezone given in Options: an instant is converted to it, wall time is kept', async () => {
		await run(
			{
				...create,
				title: '={{ $json.title }}',
				scheduleAt: '={{ $json.at }}',
				options: { timezone: 'Europe/London' },
			},
			{
				items: [
					{ title: 'Instant', at: '2026-07-01T10:30:00+05:30' },
					{ title: 'Wall time', at: '2026-07-01T09:15:00' },
				],
			},
		);
		expect(schedules().map((entry) => [entry.body.timezone, entry.body.schedule_at])).toEqual([
			['Europe/London', '2026-07-01T06:00'],
			['Europe/London', '2026-07-01T09:15'],
		]);
		// British Summer Time: 09:15 in London is 08:15 UTC.
		expect(campaignNamed('Wall time')?.scheduled_at).toBe('2026-07-01T08:15:00.000000Z');
	});

	it('leaves schedule_at out to send now, and sends "on" only when restricting to the template language', async () => {
		const { error } = await run({
			...create,
			audience: 'allContacts',
			targetGroups: [],
			options: { restrictToTemplateLanguage: false },
		});
		expect(error).toBeUndefined();
		expect(schedules()[0].body).toEqual({
			title: 'Diwali offer',
			template_name: 'festive_offer',
			template_language: 'en',
			contact_group: 'all_contacts',
			timezone: 'Asia/Kolkata',
			field_1: '{first_name}',
			field_2: '20%',
		});
		expect(campaignNamed('Diwali offer')?.__data.is_all_contacts).toBe(true);
	});

	it.each([
		['before', '2026-12-01T10:00:00+05:30'],
		['equal to (to the minute)', '2026-12-01T05:00:59Z'],
	])('refuses an expiry %s the schedule before sending anything', async (_, expireAt) => {
		const { error } = await run({ ...create, scheduleAt: '2026-12-01T10:30:00+05:30', expireAt });
		expect(error?.message).toMatch(
			/^'Expire At' \(2026-12-01T1[05]:[03]0\) is not after 'Schedule At' \(2026-12-01T10:30\) \[item 0\]$/,
		);
		expect(error?.description).toContain('Asia/Kolkata');
		expect(handle.sim.journal).toHaveLength(0);
	});

	it('refuses an expiry in the past when sending now', async () => {
		const { error } = await run({ ...create, expireAt: '2020-01-01T00:00:00Z' });
		expect(error?.message).toBe("'Expire At' (2020-01-01T05:30) is not in the future [item 0]");
		expect(handle.sim.journal).toHaveLength(0);
	});

	it.each([
		[
			'a date SmartWats would misread',
			{ scheduleAt: '01/12/2026 10:30' },
			/^'Schedule At' is not a date and time: "01\/12\/2026 10:30" \[item 0\]$/,
		],
		[
			'a date that does not exist',
			{ scheduleAt: '2026-02-30T10:00:00' },
			/^'Schedule At' is not a date and time/,
		],
		[
			'an unknown timezone',
			{ scheduleAt: '2026-12-01T10:30:00', options: { timezone: 'India/Delhi' } },
			/^'Timezone' is not a known IANA timezone: "India\/Delhi" \[item 0\]$/,
		],
		[
			'no group (an expression giving none)',
			{ targetGroups: '={{ [] }}' },
			/^No group chosen in 'Group Names or IDs' \[item 0\]$/,
		],
		[
			'a group title with a comma',
			{ targetGroups: ['North, East'] },
			/^'Group Names or IDs' holds a title with a comma: "North, East" \[item 0\]$/,
		],
		[
			'a template without language',
			{ template: { __rl: true, mode: 'name', value: '={{ "festive_offer" }}' } },
			/^'Template' is not a template name and language/,
		],
	])('refuses %s before sending anything', async (_, parameters, message) => {
		const { error } = await run({ ...create, ...parameters });
		expect(error?.message).toMatch(message);
		expect(handle.sim.journal).toHaveLength(0);
	});

	it('accepts groups and labels as comma-separated titles from an expression', async () => {
		await run({
			...create,
			targetGroups: '={{ "VIP, Customers,VIP" }}',
			targetLabels: '={{ "Hot" }}',
		});
		expect(schedules()[0].body).toMatchObject({
			contact_group: 'VIP,Customers',
			contact_labels: 'Hot',
		});
	});
});

describe('Campaign → Create when SmartWats refuses', () => {
	it('shows an HTTP-200 "failed" answer as SmartWats words it', async () => {
		const { error } = await run({ ...create, targetGroups: '={{ "Nobody here" }}' });
		expect(error?.message).toBe('SmartWats: Invalid Group [item 0]');
		expect(schedules()).toHaveLength(1);
	});

	it('points at the Test Contact setting when none is set', async () => {
		handle.sim.reset({ ...defaultSeed(), testContact: null });
		const { error } = await run(create);
		expect(error?.message).toMatch(/^SmartWats: Test Contact missing/);
		expect(error?.description).toBe(
			'Set a Test Contact in SmartWats → Settings → WhatsApp Settings.',
		);
	});

	it('lists the fields of a 422 (a template variable left out)', async () => {
		const { error } = await run({
			...create,
			bodyParameters: { parameter: [{ value: '{first_name}' }] },
		});
		// The transport words a 422 from Laravel's field messages; what matters here is that field_2 is named.
		expect(error?.message).toMatch(/^SmartWats rejected .*field 2/);
		expect(error?.description).toBe('field_2: The field 2 field is required.');
		expect(error?.httpCode).toBe('422');
		expect(handle.sim.state.campaigns.some((campaign) => campaign.title === 'Diwali offer')).toBe(
			false,
		);
	});

	it('with Continue On Fail, one item per input in order, the valid ones created', async () => {
		const { items, error } = await run(
			{ ...create, title: '={{ $json.title }}', scheduleAt: '={{ $json.at }}' },
			{
				items: [
					{ title: 'First', at: '2026-12-01T05:00:00Z' },
					{ title: 'Second', at: 'next tuesday' },
					{ title: 'Third', at: '' },
				],
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json).toMatchObject({
			campaignUid: expect.any(String),
			title: 'First',
			schedule_at: '2026-12-01T10:30',
		});
		expect(items[1].json).toMatchObject({
			error: '\'Schedule At\' is not a date and time: "next tuesday"',
			itemIndex: 1,
		});
		expect(items[2].json).toMatchObject({
			campaignUid: expect.any(String),
			title: 'Third',
			schedule_at: null,
		});
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(schedules().map((entry) => entry.body.title)).toEqual(['First', 'Third']);
	});
});

describe('Campaign → Get Many', () => {
	it('reads the campaign list and outputs each campaign', async () => {
		await run(create);
		const { items, error } = await run({ resource: 'campaign', operation: 'getAll', limit: 10 });
		expect(error).toBeUndefined();
		expect(handle.sim.requestsTo('campaign', 'GET')[0].query).toEqual({
			page: '1',
			page_size: '10',
		});
		expect(items.map((item) => item.json.title)).toEqual(['Diwali offer', 'New year greetings']);
		expect(items[0].json).toMatchObject({
			_uid: campaignNamed('Diwali offer')?._uid,
			total_contacts: '1',
			timezone: 'Asia/Kolkata',
		});
	});

	it('passes Search as search_term', async () => {
		const { items } = await run({
			resource: 'campaign',
			operation: 'getAll',
			returnAll: true,
			search: 'greetings',
		});
		expect(handle.sim.requestsTo('campaign', 'GET')[0].query).toEqual({
			page: '1',
			page_size: '1000',
			search_term: 'greetings',
		});
		expect(items.map((item) => item.json._uid)).toEqual([SEEDED_CAMPAIGN_UID]);
	});
});

describe('Campaign → Get Status', () => {
	it('reads the status of a campaign by its UID', async () => {
		const { items, error } = await run({
			resource: 'campaign',
			operation: 'getStatus',
			campaignUid: ` ${SEEDED_CAMPAIGN_UID} `,
		});
		expect(error).toBeUndefined();
		const [request] = handle.sim.requestsTo(`campaign-status/${SEEDED_CAMPAIGN_UID}`, 'GET');
		expect(request.query).toEqual({});
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			campaignUid: SEEDED_CAMPAIGN_UID,
			...handle.sim.campaignStatus(SEEDED_CAMPAIGN_UID),
		});
		expect(items[0].json).toMatchObject({
			campaignStatus: 'executed',
			totalDelivered: 2,
			totalFailed: 1,
		});
	});

	it('follows a campaign created in the same workflow via its campaignUid', async () => {
		const created = await run(create);
		const campaignUid = String(created.items[0].json.campaignUid);
		const { items } = await run(
			{ resource: 'campaign', operation: 'getStatus', campaignUid: '={{ $json.campaignUid }}' },
			{ items: [{ campaignUid }] },
		);
		expect(items[0].json).toMatchObject({
			campaignUid,
			campaignStatus: 'upcoming',
			inQueueCount: 1,
		});
	});

	it('counts the messages that expired in the queue (expiredCount) once the expiry has passed', async () => {
		const created = await run({
			...create,
			scheduleAt: '2030-12-01T05:00:00Z',
			expireAt: '2030-12-02T05:00:00Z',
		});
		const campaignUid = String(created.items[0].json.campaignUid);
		expect(
			handle.sim.executeCampaign(campaignUid, 'sent', Date.parse('2030-12-02T05:00:00Z')),
		).toBe(0);
		const { items, error } = await run({
			resource: 'campaign',
			operation: 'getStatus',
			campaignUid,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			campaignUid,
			campaignStatus: 'executed',
			expiredCount: 1,
			totalExpiredInPercent: '100%',
			inQueueCount: 0,
		});
	});

	it('names the campaign when SmartWats answers 404 with an empty message', async () => {
		const { error } = await run({
			resource: 'campaign',
			operation: 'getStatus',
			campaignUid: 'no-such-campaign',
		});
		expect(error?.message).toBe('Campaign "no-such-campaign" not found in SmartWats [item 0]');
		expect(error?.description).toContain('Campaign → Get Many');
		expect(error?.httpCode).toBe('404');
		expect(handle.sim.requestsTo('campaign-status/no-such-campaign')[0].status).toBe(404);
	});

	it('encodes the UID as one path part', async () => {
		const { error } = await run({
			resource: 'campaign',
			operation: 'getStatus',
			campaignUid: 'abc?page=2#top',
		});
		expect(error?.message).toBe('Campaign "abc?page=2#top" not found in SmartWats [item 0]');
		const [request] = handle.sim.journal;
		expect(request.rawPath).toMatch(/\/campaign-status\/abc%3Fpage%3D2%23top$/);
		expect(request.endpoint).toBe('campaign-status/abc?page=2#top');
		expect(request.query).toEqual({});
	});

	it('refuses a UID with a slash, which SmartWats could never route to a campaign', async () => {
		const { error } = await run({
			resource: 'campaign',
			operation: 'getStatus',
			campaignUid: '../campaign',
		});
		expect(error?.message).toBe('\'Campaign UID\' is not a campaign UID: "../campaign" [item 0]');
		expect(handle.sim.journal).toHaveLength(0);
	});

	it('with Continue On Fail, reports the unknown campaign and reads the known one', async () => {
		const { items } = await run(
			{ resource: 'campaign', operation: 'getStatus', campaignUid: '={{ $json.uid }}' },
			{ items: [{ uid: 'gone' }, { uid: SEEDED_CAMPAIGN_UID }], continueOnFail: true },
		);
		expect(items[0].json).toMatchObject({
			error: 'Campaign "gone" not found in SmartWats',
			itemIndex: 0,
		});
		expect(items[1].json).toMatchObject({
			campaignUid: SEEDED_CAMPAIGN_UID,
			campaignStatus: 'executed',
		});
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses an empty UID before sending anything', async () => {
		const { error } = await run({
			resource: 'campaign',
			operation: 'getStatus',
			campaignUid: '  ',
		});
		expect(error?.message).toBe("'Campaign UID' is empty [item 0]");
		expect(handle.sim.journal).toHaveLength(0);
	});
});
