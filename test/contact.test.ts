import { defaultSeed, seeded } from './fake-smartwats';
import { useSimulator } from './harness/simulator';
import {
	ASHA,
	GROUP_UIDS,
	JOHAN,
	KARAN,
	LABEL_UIDS,
	PRIYA,
	RAVI,
	UNKNOWN_PHONE,
} from './harness/seed';

const handle = useSimulator();
const { run } = handle;

const contact = (operation: string) => ({ resource: 'contact', operation });
const requests = () => handle.sim.journal.map((entry) => `${entry.method} ${entry.endpoint}`);
const posts = (endpoint: string) => handle.sim.requestsTo(`contact/${endpoint}`, 'POST');
const groupTitles = (phoneOrUid: string) =>
	handle.sim
		.getContact(phoneOrUid)
		?.groups.map((group) => group.title)
		.sort();
const labelTitles = (phoneOrUid: string) =>
	handle.sim
		.getContact(phoneOrUid)
		?.labels.map((label) => label.title)
		.sort();
const memberId = (email: string) =>
	handle.sim.state.teamMembers.find((member) => member.email === email)?._id;

describe('Contact → Create', () => {
	it('normalises the number and sends the details, with the bot switches as JSON booleans', async () => {
		const { items, error } = await run({
			...contact('create'),
			phoneNumber: '+91 97000-00001',
			additionalFields: {
				firstName: 'Meera',
				lastName: 'Iyer',
				email: 'meera@example.com',
				country: 'India',
				languageCode: 'en',
				groups: ['VIP', 'Leads'],
				customFields: { field: [{ name: 'City', value: 'Pune' }] },
				aiBot: true,
				replyBot: false,
				optedOut: false,
			},
		});
		expect(error).toBeUndefined();
		expect(posts('create')).toHaveLength(1);
		expect(posts('create')[0].body).toEqual({
			phone_number: '919700000001',
			first_name: 'Meera',
			last_name: 'Iyer',
			email: 'meera@example.com',
			country: 'India',
			language_code: 'en',
			groups: 'VIP,Leads',
			custom_fields: { City: 'Pune' },
			enable_ai_bot: true,
			enable_reply_bot: false,
			whatsapp_opt_out: false,
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			contact_uid: expect.any(String),
			first_name: 'Meera',
			last_name: 'Iyer',
			phone_number: '919700000001',
			language_code: 'en',
			country: 'India',
		});
		const created = handle.sim.getContact('919700000001');
		expect(created).toMatchObject({
			disable_ai_bot: 0,
			disable_reply_bot: 1,
			whatsapp_opt_out: null,
		});
		expect(groupTitles('919700000001')).toEqual(['Leads', 'VIP']);
	});

	it('leaves the bot and opt-out switches out when they are not set', async () => {
		await run({
			...contact('create'),
			phoneNumber: '919700000002',
			additionalFields: { firstName: 'Kiran' },
		});
		expect(posts('create')[0].body).toEqual({ phone_number: '919700000002', first_name: 'Kiran' });
	});

	it('says clearly that an existing number is already taken', async () => {
		const { error, items } = await run({ ...contact('create'), phoneNumber: JOHAN.phone });
		expect(items).toHaveLength(0);
		expect(error?.message).toBe(
			`SmartWats: The phone number has already been taken. (${JOHAN.phone}) [item 0]`,
		);
		expect(error?.description).toContain('Contact → Update');
		expect(error?.httpCode).toBe('422');
	});

	it('with Continue On Fail, outputs one item per input, the taken number as an error item', async () => {
		const { items, error } = await run(
			{ ...contact('create'), phoneNumber: '={{ $json.phone }}' },
			{
				items: [{ phone: '919700000003' }, { phone: JOHAN.phone }, { phone: '919700000004' }],
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(items[0].json.phone_number).toBe('919700000003');
		expect(items[1].json).toMatchObject({
			error: expect.stringContaining('already been taken'),
			itemIndex: 1,
		});
		expect(items[2].json.phone_number).toBe('919700000004');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('Contact → Create when the SmartWats account is not active', () => {
	it.each([
		[
			{ vendorActive: false },
			'Vendor account is not in active state',
			'Ask your SmartWats administrator to reactivate the account.',
		],
		[
			{ vendorAdmin: 'inactive' as const },
			'Vendor admin account is not in active state',
			'Ask your SmartWats administrator to reactivate the account.',
		],
		[
			{ vendorAdmin: 'missing' as const },
			'Invalid Vendor admin',
			'This SmartWats account has no admin user. Ask your SmartWats administrator to restore it.',
		],
	])('with %j, says what SmartWats said and who can fix it', async (account, said, fix) => {
		handle.sim.setAccount(account);
		const { error } = await run({ ...contact('create'), phoneNumber: '919700000001' });
		expect(error?.message).toBe(`SmartWats: ${said} [item 0]`);
		expect(error?.description).toBe(fix);
		expect(posts('create')).toHaveLength(1);
		expect(handle.sim.getContact('919700000001')).toBeNull();
	});
});

describe('Contact → Update', () => {
	it('keeps the contact in its groups: reads them first and sends them along by id', async () => {
		const { items, error } = await run({
			...contact('update'),
			phoneNumber: '+91 98765 43210',
			updateFields: { firstName: 'Johannes', email: 'johannes@example.com' },
		});
		expect(error).toBeUndefined();
		expect(requests()).toEqual(['GET contact', `POST contact/update/${JOHAN.phone}`]);
		expect(handle.sim.journal[0].query).toEqual({ phone_number_or_email: JOHAN.phone });
		expect(posts(`update/${JOHAN.phone}`)[0].body).toEqual({
			first_name: 'Johannes',
			email: 'johannes@example.com',
			contact_groups: [seeded.groups.vip.id, seeded.groups.customers.id],
		});
		// The trap: without `groups` or `contact_groups` SmartWats would have taken Johan out of both groups.
		expect(groupTitles(JOHAN.phone)).toEqual(['Customers', 'VIP']);
		expect(handle.sim.getContact(JOHAN.phone)).toMatchObject({
			first_name: 'Johannes',
			email: 'johannes@example.com',
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			contact_uid: JOHAN.uid,
			phone_number: JOHAN.phone,
			changed: true,
			sent: {
				first_name: 'Johannes',
				email: 'johannes@example.com',
				contact_groups: [seeded.groups.vip.id, seeded.groups.customers.id],
			},
		});
	});

	it('sends AI bot and opt-out as JSON booleans, a country code and custom fields', async () => {
		await run({
			...contact('update'),
			phoneNumber: ASHA.phone,
			updateFields: {
				aiBot: false,
				optedOut: true,
				country: 'IN',
				languageCode: 'hi',
				customFields: { field: [{ name: 'City', value: 'Mysuru' }] },
			},
		});
		expect(posts(`update/${ASHA.phone}`)[0].body).toEqual({
			country: 'IN',
			language_code: 'hi',
			custom_fields: { City: 'Mysuru' },
			enable_ai_bot: false,
			whatsapp_opt_out: true,
			contact_groups: [seeded.groups.leads.id],
		});
		expect(handle.sim.getContact(ASHA.phone)).toMatchObject({
			disable_ai_bot: 1,
			whatsapp_opt_out: 1,
			language_code: 'hi',
		});
		expect(groupTitles(ASHA.phone)).toEqual(['Leads']);
	});

	it('replaces the groups only when asked to, without reading the contact', async () => {
		const { items } = await run({
			...contact('update'),
			phoneNumber: JOHAN.phone,
			groupsMode: 'replace',
			groupTitles: ['Leads'],
			updateFields: {},
		});
		expect(requests()).toEqual(['GET contact/groups', `POST contact/update/${JOHAN.phone}`]);
		expect(posts(`update/${JOHAN.phone}`)[0].body).toEqual({
			contact_groups: [seeded.groups.leads.id],
		});
		expect(groupTitles(JOHAN.phone)).toEqual(['Leads']);
		expect(items[0].json.changed).toBe(true);
	});

	it('takes the contact out of every group with Remove From All', async () => {
		await run({
			...contact('update'),
			phoneNumber: JOHAN.phone,
			groupsMode: 'removeAll',
			updateFields: { lastName: 'Doe-Smith' },
		});
		expect(posts(`update/${JOHAN.phone}`)[0].body).toEqual({ last_name: 'Doe-Smith' });
		expect(groupTitles(JOHAN.phone)).toEqual([]);
	});

	it('outputs "Nothing to update" as a success with a note, not as a failure', async () => {
		const { items, error } = await run({
			...contact('update'),
			phoneNumber: JOHAN.phone,
			updateFields: { firstName: 'Johan' },
		});
		expect(error).toBeUndefined();
		expect(posts(`update/${JOHAN.phone}`)[0].response).toMatchObject({
			result: 'failed',
			message: 'Nothing to update contact information.',
		});
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			contact_uid: JOHAN.uid,
			phone_number: JOHAN.phone,
			changed: false,
			note: expect.stringContaining(
				'SmartWats reported no changes ("Nothing to update contact information.")',
			),
		});
	});

	it('says the contact does not exist, before sending an update', async () => {
		const { error } = await run({
			...contact('update'),
			phoneNumber: UNKNOWN_PHONE,
			updateFields: { firstName: 'X' },
		});
		expect(error?.message).toBe(
			`No SmartWats contact has the phone number ${UNKNOWN_PHONE} [item 0]`,
		);
		expect(error?.description).toContain('Get Many');
		expect(requests()).toEqual(['GET contact']);
	});

	it('turns the API\'s "Contact not found." into the same message when groups are replaced', async () => {
		const { error } = await run({
			...contact('update'),
			phoneNumber: UNKNOWN_PHONE,
			groupsMode: 'replace',
			groupTitles: ['VIP'],
		});
		expect(posts(`update/${UNKNOWN_PHONE}`)[0].response).toMatchObject({
			result: 'failed',
			message: 'Contact not found.',
		});
		expect(error?.message).toBe(
			`No SmartWats contact has the phone number ${UNKNOWN_PHONE} [item 0]`,
		);
	});

	it('refuses an update with no field set, before sending anything', async () => {
		const { error } = await run({
			...contact('update'),
			phoneNumber: JOHAN.phone,
			updateFields: { firstName: '' },
		});
		expect(error?.message).toBe('Nothing to update [item 0]');
		expect(error?.description).toContain('Update Fields');
		expect(handle.sim.journal).toHaveLength(0);
	});

	it('with Continue On Fail, outputs one item per input, the unknown contact as an error item', async () => {
		const { items, error } = await run(
			{
				...contact('update'),
				phoneNumber: '={{ $json.phone }}',
				updateFields: { languageCode: 'mr' },
			},
			{
				items: [{ phone: ASHA.phone }, { phone: UNKNOWN_PHONE }, { phone: KARAN.phone }],
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.changed ?? item.json.error)).toEqual([
			true,
			`No SmartWats contact has the phone number ${UNKNOWN_PHONE}`,
			true,
		]);
		expect(items[1].json.itemIndex).toBe(1);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('Contact → groups whose titles hold a comma', () => {
	/** The default seed plus a group "Sales, North" that Johan is in. */
	const withCommaGroup = () => {
		const seed = defaultSeed();
		handle.sim.reset({
			...seed,
			groups: [...(seed.groups ?? []), { title: 'Sales, North', description: null }],
			contacts: (seed.contacts ?? []).map((row) =>
				row.first_name === 'Johan' ? { ...row, groups: ['VIP', 'Sales, North'] } : row,
			),
		});
		return handle.sim.state.groups.find((group) => group.title === 'Sales, North')!;
	};
	const groupCount = () => handle.sim.state.groups.length;

	it('Update with Keep Current keeps such a group, and creates no group from its pieces', async () => {
		const sales = withCommaGroup();
		const groupsBefore = groupCount();
		const { error } = await run({
			...contact('update'),
			phoneNumber: JOHAN.phone,
			updateFields: { lastName: 'Doe-Smith' },
		});
		expect(error).toBeUndefined();
		expect(posts(`update/${JOHAN.phone}`)[0].body).toEqual({
			last_name: 'Doe-Smith',
			contact_groups: [seeded.groups.vip.id, sales._id],
		});
		expect(groupTitles(JOHAN.phone)).toEqual(['Sales, North', 'VIP']);
		expect(groupCount()).toBe(groupsBefore);
	});

	it('Update with Replace With puts the contact in exactly the chosen groups, by id', async () => {
		const sales = withCommaGroup();
		const groupsBefore = groupCount();
		const { error } = await run({
			...contact('update'),
			phoneNumber: ASHA.phone,
			groupsMode: 'replace',
			groupTitles: ['Sales, North', 'vip', GROUP_UIDS.Customers],
		});
		expect(error).toBeUndefined();
		expect(posts(`update/${ASHA.phone}`)[0].body).toEqual({
			contact_groups: [sales._id, seeded.groups.vip.id, seeded.groups.customers.id],
		});
		expect(groupTitles(ASHA.phone)).toEqual(['Customers', 'Sales, North', 'VIP']);
		expect(groupCount()).toBe(groupsBefore);
	});

	it('Update with Replace With refuses a title SmartWats does not have, before changing anything', async () => {
		const { error } = await run({
			...contact('update'),
			phoneNumber: JOHAN.phone,
			groupsMode: 'replace',
			groupTitles: '={{ "VIP, Wholesale" }}',
		});
		expect(error?.message).toBe(
			'\'Group Names or IDs\' names a group SmartWats does not have: "Wholesale" [item 0]',
		);
		expect(error?.description).toContain('Nothing was changed');
		expect(requests()).toEqual(['GET contact/groups']);
		expect(groupTitles(JOHAN.phone)).toEqual(['Customers', 'VIP']);
	});

	it('Create refuses a group title with a comma before any request, naming it', async () => {
		withCommaGroup();
		const { error } = await run({
			...contact('create'),
			phoneNumber: '919700000071',
			additionalFields: { groups: ['Sales, North'] },
		});
		expect(error?.message).toBe(
			'\'Group Names or IDs\' holds a group title with a comma: "Sales, North" [item 0]',
		);
		expect(error?.description).toContain('Contact → Add to Groups');
		expect(handle.sim.journal).toEqual([]);
	});

	it('Create refuses a group SmartWats does not have instead of letting SmartWats create it empty', async () => {
		const groupsBefore = groupCount();
		const { error } = await run({
			...contact('create'),
			phoneNumber: '919700000072',
			additionalFields: { groups: '={{ "VIP, Wholesale" }}' },
		});
		expect(error?.message).toBe(
			'\'Group Names or IDs\' names a group SmartWats does not have: "Wholesale" [item 0]',
		);
		expect(requests()).toEqual(['GET contact/groups']);
		expect(groupCount()).toBe(groupsBefore);
	});

	it('Create sends the groups as SmartWats spells them', async () => {
		const { error } = await run({
			...contact('create'),
			phoneNumber: '919700000073',
			additionalFields: { groups: '={{ "vip, leads" }}' },
		});
		expect(error).toBeUndefined();
		expect(posts('create')[0].body.groups).toBe('VIP,Leads');
		expect(groupTitles('919700000073')).toEqual(['Leads', 'VIP']);
	});

	it("a send refuses a new contact's group title with a comma before anything is sent", async () => {
		withCommaGroup();
		const { error } = await run({
			resource: 'message',
			operation: 'sendText',
			phoneNumber: '919700000074',
			text: 'Welcome',
			newContact: { groups: ['Sales, North'] },
		});
		expect(error?.message).toBe(
			'\'Group Names or IDs\' holds a group title with a comma: "Sales, North" [item 0]',
		);
		expect(handle.sim.journal).toEqual([]);
	});
});

describe('Contact → Get', () => {
	it('gets a contact by phone number', async () => {
		const { items, error } = await run({ ...contact('get'), phoneNumber: '0091 98765 43210' });
		expect(error).toBeUndefined();
		expect(requests()).toEqual(['GET contact']);
		expect(handle.sim.journal[0].query).toEqual({ phone_number_or_email: JOHAN.phone });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			_uid: JOHAN.uid,
			wa_id: JOHAN.phone,
			first_name: 'Johan',
			groups: [
				expect.objectContaining({ title: 'VIP' }),
				expect.objectContaining({ title: 'Customers' }),
			],
			labels: [expect.objectContaining({ title: 'Hot' })],
		});
	});

	it('gets a contact by email', async () => {
		const { items } = await run({
			...contact('get'),
			lookupBy: 'email',
			email: 'asha.rao@example.com',
		});
		expect(handle.sim.journal[0].query).toEqual({ phone_number_or_email: 'asha.rao@example.com' });
		expect(items[0].json._uid).toBe(ASHA.uid);
	});

	it('fails clearly instead of outputting an empty item when no contact matches', async () => {
		const { error, items } = await run({
			...contact('get'),
			lookupBy: 'email',
			email: 'nobody@example.com',
		});
		expect(handle.sim.journal[0].response).toMatchObject({
			result: 'success',
			data: { contact: null },
		});
		expect(items).toHaveLength(0);
		expect(error?.message).toBe('No SmartWats contact has the email nobody@example.com [item 0]');
	});

	it('with Continue On Fail, outputs one item per input', async () => {
		const { items, error } = await run(
			{ ...contact('get'), phoneNumber: '={{ $json.phone }}' },
			{ items: [{ phone: JOHAN.phone }, { phone: UNKNOWN_PHONE }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].json._uid).toBe(JOHAN.uid);
		expect(items[1].json).toMatchObject({
			error: `No SmartWats contact has the phone number ${UNKNOWN_PHONE}`,
			itemIndex: 1,
		});
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Contact → Get Many', () => {
	it('returns every contact as its own item, page by page', async () => {
		handle.sim.seedContacts(150);
		const { items, error } = await run({
			...contact('getAll'),
			returnAll: true,
			requestOptions: { pageSize: 100 },
		});
		expect(error).toBeUndefined();
		const pages = handle.sim.requestsTo('contacts', 'GET');
		expect(pages.map((entry) => entry.query)).toEqual([
			{ page: '1', page_size: '100' },
			{ page: '2', page_size: '100' },
		]);
		expect(items).toHaveLength(155);
		expect(items[0].json).toMatchObject({
			_uid: JOHAN.uid,
			wa_id: JOHAN.phone,
			groups: expect.any(Array),
		});
		expect(
			items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0),
		).toBe(true);
	});

	it('applies the limit and the search', async () => {
		const { items } = await run({ ...contact('getAll'), limit: 1, search: 'example.com' });
		expect(handle.sim.requestsTo('contacts', 'GET')[0].query).toEqual({
			page: '1',
			page_size: '1',
			search_term: 'example.com',
		});
		expect(items).toHaveLength(1);
	});
});

describe('Contact → Assign Team Member', () => {
	const assign = contact('assignTeamMember');

	it('keeps both bot switches as they are: reads the contact and sends its current settings explicitly', async () => {
		const before = handle.sim.getContact(JOHAN.phone);
		expect(before).toMatchObject({ disable_ai_bot: 1, disable_reply_bot: null });
		const { items, error } = await run({
			...assign,
			phoneNumber: JOHAN.phone,
			teamMember: 'agent@example.com',
		});
		expect(error).toBeUndefined();
		expect(requests()).toEqual(['GET contact', 'POST contact/assign-team-member']);
		expect(posts('assign-team-member')[0].body).toEqual({
			phone_number: JOHAN.phone,
			username_or_email: 'agent@example.com',
			enable_ai_bot: false,
			enable_reply_bot: true,
		});
		// The trap: an omitted flag would have switched the reply bot off.
		const after = handle.sim.getContact(JOHAN.phone);
		expect(after).toMatchObject({
			assigned_users__id: memberId('agent@example.com'),
			disable_ai_bot: 1,
		});
		expect(after?.disable_reply_bot).not.toBe(1);
		expect(items[0].json).toEqual({
			contact_uid: JOHAN.uid,
			phone_number: JOHAN.phone,
			team_member: 'agent@example.com',
			enable_ai_bot: false,
			enable_reply_bot: true,
			changed: true,
		});
	});

	it('sends explicit Enable / Disable without reading the contact, and accepts a mobile number', async () => {
		await run({
			...assign,
			phoneNumber: ASHA.phone,
			teamMember: '+91 98000 00002',
			aiBot: 'enable',
			replyBot: 'disable',
		});
		expect(requests()).toEqual(['POST contact/assign-team-member']);
		expect(posts('assign-team-member')[0].body).toEqual({
			phone_number: ASHA.phone,
			username_or_email: '919800000002',
			enable_ai_bot: true,
			enable_reply_bot: false,
		});
		expect(handle.sim.getContact(ASHA.phone)).toMatchObject({
			assigned_users__id: memberId('support@example.com'),
			disable_ai_bot: 0,
			disable_reply_bot: 1,
		});
	});

	it('outputs "No changes" as a success with a note, not as a failure', async () => {
		const { items, error } = await run(
			{ ...assign, phoneNumber: '={{ $json.phone }}', teamMember: 'agent@example.com' },
			{ items: [{ phone: RAVI.phone }, { phone: RAVI.phone }] },
		);
		expect(error).toBeUndefined();
		expect(posts('assign-team-member').map((entry) => entry.response.message)).toEqual([
			'Request Successful.',
			'No changes',
		]);
		expect(items).toHaveLength(2);
		expect(items[0].json.changed).toBe(true);
		expect(items[1].json).toMatchObject({
			phone_number: RAVI.phone,
			changed: false,
			note: expect.stringContaining('SmartWats reported no changes ("No changes")'),
		});
	});

	it('refuses a user name before sending anything', async () => {
		const { error } = await run({ ...assign, phoneNumber: JOHAN.phone, teamMember: 'anita' });
		expect(error?.message).toBe(
			'\'Team Member\' is neither an email address nor a mobile number: "anita" [item 0]',
		);
		expect(handle.sim.journal).toHaveLength(0);
	});

	it('says the contact does not exist when SmartWats answers "Contact user does not exists."', async () => {
		const { error } = await run({
			...assign,
			phoneNumber: UNKNOWN_PHONE,
			teamMember: 'agent@example.com',
			aiBot: 'enable',
			replyBot: 'enable',
		});
		expect(posts('assign-team-member')[0].response).toMatchObject({
			result: 'failed',
			message: 'Contact user does not exists.',
		});
		expect(error?.message).toBe(
			`No SmartWats contact has the phone number ${UNKNOWN_PHONE} [item 0]`,
		);
	});

	it("shows an HTTP-200 failure in the API's words with a hint, and with Continue On Fail as an error item", async () => {
		const { error } = await run({
			...assign,
			phoneNumber: JOHAN.phone,
			teamMember: 'olga@another-vendor.example',
		});
		expect(error?.message).toBe('SmartWats: Invalid user [item 0]');
		expect(error?.description).toContain('not a team member of this account');

		const { items } = await run(
			{
				...assign,
				phoneNumber: JOHAN.phone,
				teamMember: '={{ $json.member }}',
				aiBot: 'enable',
				replyBot: 'enable',
			},
			{
				items: [{ member: 'nobody@example.com' }, { member: 'support@example.com' }],
				continueOnFail: true,
			},
		);
		expect(items).toHaveLength(2);
		expect(items[0].json).toMatchObject({
			error: 'SmartWats: Team member does not exists.',
			itemIndex: 0,
		});
		expect(items[1].json).toMatchObject({ team_member: 'support@example.com', changed: true });
	});
});

describe('Contact → Add to Groups / Remove From Groups', () => {
	it('resolves phone numbers to contact UIDs and sends arrays of UIDs', async () => {
		const { items, error } = await run({
			...contact('addToGroups'),
			phoneNumbers: `+91 98450 12345, ${KARAN.phone}`,
			groupIds: [GROUP_UIDS.VIP, GROUP_UIDS.Leads],
		});
		expect(error).toBeUndefined();
		expect(requests()).toEqual([
			'GET contact/groups',
			'GET contact',
			'GET contact',
			'POST contact/assign-groups',
		]);
		expect(posts('assign-groups')[0].body).toEqual({
			contacts_uid: [ASHA.uid, KARAN.uid],
			groups_uid: [GROUP_UIDS.VIP, GROUP_UIDS.Leads],
		});
		expect(groupTitles(ASHA.phone)).toEqual(['Leads', 'VIP']);
		expect(groupTitles(KARAN.phone)).toEqual(['Leads', 'VIP']);
		expect(items[0].json).toEqual({
			phone_numbers: [ASHA.phone, KARAN.phone],
			contacts_uid: [ASHA.uid, KARAN.uid],
			groups_uid: [GROUP_UIDS.VIP, GROUP_UIDS.Leads],
			changed: true,
		});
	});

	it('accepts lists from expressions: an array of numbers and a comma-separated text of group UIDs', async () => {
		await run(
			{
				...contact('addToGroups'),
				phoneNumbers: '={{ $json.phones }}',
				groupIds: '={{ $json.groups }}',
			},
			{
				items: [
					{
						phones: [RAVI.phone, '0091 98111 22233'],
						groups: `${GROUP_UIDS.Leads},${GROUP_UIDS.VIP}`,
					},
				],
			},
		);
		expect(posts('assign-groups')[0].body).toEqual({
			contacts_uid: [RAVI.uid, KARAN.uid],
			groups_uid: [GROUP_UIDS.Leads, GROUP_UIDS.VIP],
		});
	});

	it('names an unknown number and sends no assign request', async () => {
		const { error } = await run({
			...contact('addToGroups'),
			phoneNumbers: `${ASHA.phone}, ${UNKNOWN_PHONE}`,
			groupIds: [GROUP_UIDS.VIP],
		});
		expect(error?.message).toBe(
			`No SmartWats contact has the phone number ${UNKNOWN_PHONE} [item 0]`,
		);
		expect(error?.description).toContain('Nothing was changed');
		expect(posts('assign-groups')).toHaveLength(0);
		expect(groupTitles(ASHA.phone)).toEqual(['Leads']);
	});

	it('sends contact UIDs as given with Contacts By Contact UID', async () => {
		await run({
			...contact('addToGroups'),
			contactsBy: 'contactUid',
			contactUids: `${KARAN.uid}; ${PRIYA.uid}`,
			groupIds: [GROUP_UIDS.Customers],
		});
		expect(requests()).toEqual(['GET contact/groups', 'POST contact/assign-groups']);
		expect(posts('assign-groups')[0].body).toEqual({
			contacts_uid: [KARAN.uid, PRIYA.uid],
			groups_uid: [GROUP_UIDS.Customers],
		});
		expect(groupTitles(KARAN.phone)).toEqual(['Customers']);
	});

	it('outputs "No changes" as a success with a note, not as a failure', async () => {
		const { items, error } = await run({
			...contact('addToGroups'),
			phoneNumbers: JOHAN.phone,
			groupIds: [GROUP_UIDS.VIP],
		});
		expect(error).toBeUndefined();
		expect(posts('assign-groups')[0].response).toMatchObject({
			result: 'failed',
			message: 'No changes',
		});
		expect(items[0].json).toMatchObject({
			contacts_uid: [JOHAN.uid],
			groups_uid: [GROUP_UIDS.VIP],
			changed: false,
			note: 'SmartWats reported no changes ("No changes"): the contacts already had these groups',
		});
	});

	it('refuses a group UID the account does not have, before anything is sent', async () => {
		const deleted = '7a1c9e2d-3b4f-4a5c-9d6e-000000000000';
		const { error } = await run({
			...contact('addToGroups'),
			phoneNumbers: JOHAN.phone,
			groupIds: `=${deleted}`,
		});
		expect(posts('assign-groups')).toEqual([]);
		expect(error?.message).toBe(
			`'Group Names or IDs' names a group SmartWats does not have: "${deleted}" [item 0]`,
		);
		expect(error?.description).toMatch(/^Nothing was changed\. Choose the groups from the list/);
	});

	it('removes contacts from groups, keeping their other groups', async () => {
		const { items } = await run({
			...contact('removeFromGroups'),
			phoneNumbers: JOHAN.phone,
			groupIds: [GROUP_UIDS.VIP],
		});
		expect(posts('unassign-groups')[0].body).toEqual({
			contacts_uid: [JOHAN.uid],
			groups_uid: [GROUP_UIDS.VIP],
		});
		expect(groupTitles(JOHAN.phone)).toEqual(['Customers']);
		expect(items[0].json.changed).toBe(true);
	});

	it('with Continue On Fail, outputs one item per input and changes only the valid ones', async () => {
		const { items, error } = await run(
			{
				...contact('removeFromGroups'),
				phoneNumbers: '={{ $json.phone }}',
				groupIds: [GROUP_UIDS.Customers],
			},
			{
				items: [
					{ phone: JOHAN.phone },
					{ phone: UNKNOWN_PHONE },
					{ phone: 'n/a' },
					{ phone: RAVI.phone },
				],
				continueOnFail: true,
			},
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		expect(items[0].json.changed).toBe(true);
		expect(items[1].json).toMatchObject({
			error: `No SmartWats contact has the phone number ${UNKNOWN_PHONE}`,
			itemIndex: 1,
		});
		expect(items[2].json).toMatchObject({
			error: '\'Phone Numbers\' is not an international phone number: "n/a"',
			itemIndex: 2,
		});
		expect(items[3].json.changed).toBe(true);
		expect(posts('unassign-groups')).toHaveLength(2);
		expect(groupTitles(JOHAN.phone)).toEqual(['VIP']);
		expect(groupTitles(RAVI.phone)).toEqual([]);
	});
});

describe('Contact → Add Labels / Remove Labels', () => {
	it('adds labels by resolved contact UIDs, keeping the labels they have', async () => {
		const { items } = await run({
			...contact('addLabels'),
			phoneNumbers: `${JOHAN.phone},${ASHA.phone}`,
			labelIds: [LABEL_UIDS.Replied],
		});
		expect(posts('assign-labels')[0].body).toEqual({
			contacts_uid: [JOHAN.uid, ASHA.uid],
			labels_uid: [LABEL_UIDS.Replied],
		});
		expect(labelTitles(JOHAN.phone)).toEqual(['Hot', 'Replied']);
		expect(labelTitles(ASHA.phone)).toEqual(['Cold', 'Replied']);
		expect(items[0].json).toMatchObject({ labels_uid: [LABEL_UIDS.Replied], changed: true });
	});

	it('removes labels, and reports "No changes" as a success when none was there', async () => {
		const { items } = await run(
			{
				...contact('removeLabels'),
				contactsBy: 'contactUid',
				contactUids: '={{ $json.uid }}',
				labelIds: [LABEL_UIDS.Hot],
			},
			{ items: [{ uid: JOHAN.uid }, { uid: JOHAN.uid }] },
		);
		expect(posts('unassign-labels').map((entry) => entry.body)).toEqual([
			{ contacts_uid: [JOHAN.uid], labels_uid: [LABEL_UIDS.Hot] },
			{ contacts_uid: [JOHAN.uid], labels_uid: [LABEL_UIDS.Hot] },
		]);
		expect(labelTitles(JOHAN.phone)).toEqual([]);
		expect(items.map((item) => item.json.changed)).toEqual([true, false]);
		expect(items[1].json.note).toBe(
			'SmartWats reported no changes ("No changes"): none of the contacts had these labels',
		);
	});

	it('explains "Invalid contacts uid." for unknown contact UIDs', async () => {
		const { error } = await run({
			...contact('addLabels'),
			contactsBy: 'contactUid',
			contactUids: 'not-a-contact',
			labelIds: [LABEL_UIDS.Hot],
		});
		expect(error?.message).toBe('SmartWats: Invalid contacts uid. [item 0]');
		expect(error?.description).toContain("'Contacts By' to Phone Number");
	});

	it('refuses an empty label list before sending anything', async () => {
		const { error } = await run(
			{ ...contact('addLabels'), phoneNumbers: JOHAN.phone, labelIds: '={{ $json.labels }}' },
			{ items: [{ labels: [] }] },
		);
		expect(error?.message).toBe("'Label Names or IDs' is empty [item 0]");
		expect(handle.sim.journal).toHaveLength(0);
	});
});

describe('Contact → Get Many over several pages', () => {
	it('Return All on 250 contacts returns all of them, in order, with one request per page of Rows Per Page', async () => {
		handle.sim.seedContacts(250 - handle.sim.state.contacts.length);
		expect(handle.sim.state.contacts).toHaveLength(250);

		const { items, error } = await run({
			...contact('getAll'),
			returnAll: true,
			requestOptions: { pageSize: 100 },
		});

		expect(error).toBeUndefined();
		expect(items).toHaveLength(250);
		expect(items.map((item) => item.json.wa_id)).toEqual(
			handle.sim.state.contacts.map((row) => row.wa_id),
		);
		const pages = handle.sim.requestsTo('contacts', 'GET');
		expect(pages.map((entry) => entry.query)).toEqual([
			{ page: '1', page_size: '100' },
			{ page: '2', page_size: '100' },
			{ page: '3', page_size: '100' },
		]);
	});

	it('Limit stops after the page that reaches it', async () => {
		handle.sim.seedContacts(200);
		const { items } = await run({ ...contact('getAll'), returnAll: false, limit: 30 });
		expect(items).toHaveLength(30);
		expect(handle.sim.requestsTo('contacts', 'GET').map((entry) => entry.query)).toEqual([
			{ page: '1', page_size: '30' },
		]);
	});
});
