/**
 * Contacts: Create Contact (§15), Update Contact (§19), Get Contacts (§20), Get Single Contact (§21) and Assign
 * Team Member with its bot toggles (§23).
 */
import { seeded } from '../fake-smartwats';
import { useSimulatorApi } from '../harness/simulator-client';

const api = useSimulatorApi();
const { post, get } = api;
const { johan, asha, ravi, karan } = seeded.contacts;

describe('§15 Create Contact', () => {
	it('creates a contact and answers the documented data', async () => {
		const response = await post('contact/create', {
			phone_number: '919700000601',
			first_name: 'Johan',
			last_name: 'Doe',
			email: 'johndoe2@example.com',
			country: 'India',
			language_code: 'en',
			whatsapp_opt_out: true,
		});
		expect(response.json).toEqual({
			result: 'success',
			message: 'Contact created',
			data: {
				contact_uid: expect.any(String),
				first_name: 'Johan',
				last_name: 'Doe',
				phone_number: '919700000601',
				language_code: 'en',
				country: 'India',
			},
		});
		expect(api.contact('919700000601')).toMatchObject({
			countries__id: 99,
			whatsapp_opt_out: 1,
			disable_reply_bot: null,
			disable_ai_bot: 1,
		});
	});

	it('answers 422 "has already been taken" for an existing number', async () => {
		const response = await post('contact/create', { phone_number: johan.phone });
		expect(response.status).toBe(422);
		expect(response.json).toEqual({
			message: 'The phone number has already been taken.',
			errors: { phone_number: ['The phone number has already been taken.'] },
		});
	});

	it("refuses a leading '+' or 0 and short numbers", async () => {
		const plus = await post('contact/create', { phone_number: '+919700000602' });
		expect(plus.errors.phone_number).toEqual([
			'The phone number field must not start with one of the following: +, 0.',
		]);
		const zero = await post('contact/create', { phone_number: '0919700000603' });
		expect(zero.errors.phone_number).toEqual([
			'The phone number field must not start with one of the following: +, 0.',
		]);
		const short = await post('contact/create', { phone_number: '12345' });
		expect(short.errors.phone_number).toEqual([
			'The phone number field must have at least 9 digits.',
		]);
	});

	it('creates unknown group titles without assigning them (§7.2), and matches the country by exact name only', async () => {
		await post('contact/create', {
			phone_number: '919700000604',
			groups: 'Leads,Brand new',
			country: 'IN',
		});
		expect(api.groupTitles('919700000604')).toEqual(['Leads']);
		expect(api.sim.state.groups.map((group) => group.title)).toContain('Brand new');
		expect(api.contact('919700000604')?.countries__id).toBeNull();
	});
});

describe('§19 Update Contact', () => {
	it('changes only the keys sent', async () => {
		const response = await post(`contact/update/${asha.phone}`, {
			first_name: 'Asha R.',
			country: 'IN',
			groups: 'Leads',
		});
		expect(response.json).toEqual({
			result: 'success',
			message: 'Contact details updated.',
			data: { contact_uid: asha.uid },
		});
		expect(api.sim.getContact(asha.phone)).toMatchObject({
			first_name: 'Asha R.',
			last_name: 'Rao',
			email: 'asha.rao@example.com',
			countries__id: 99,
		});
		expect(api.groupTitles(asha.phone)).toEqual(['Leads']);
	});

	it('removes the contact from ALL its groups when neither groups nor contact_groups is sent', async () => {
		await post(`contact/update/${johan.phone}`, { first_name: 'Johan' });
		expect(api.groupTitles(johan.phone)).toEqual([]);
	});

	it('replaces the group set with the existing groups named (new titles created, not assigned), or with contact_groups ids', async () => {
		await post(`contact/update/${johan.phone}`, { groups: 'Leads,Partners' });
		expect(api.groupTitles(johan.phone)).toEqual(['Leads']);
		expect(api.sim.state.groups.some((group) => group.title === 'Partners')).toBe(true);
		await post(`contact/update/${johan.phone}`, { contact_groups: [seeded.groups.vip.id] });
		expect(api.groupTitles(johan.phone)).toEqual(['VIP']);
	});

	it('takes contact_groups (the group _ids Get Contact Groups and Get Contacts show, §20, §24) as the complete group set when groups is absent or empty', async () => {
		const listed = (await get('contact/groups')).data.contactList.data;
		const idOf = (title: string) => listed.find((group) => group.title === title)?._id;
		expect(idOf('Leads')).toBe(seeded.groups.leads.id);
		const row = (await get('contacts', { search_term: johan.phone })).data.contactList.data[0];
		expect(row.groups.map((group) => group._id).sort()).toEqual(
			[seeded.groups.vip.id, seeded.groups.customers.id].sort(),
		);

		const response = await post(`contact/update/${johan.phone}`, {
			first_name: 'Johan',
			contact_groups: [idOf('Leads'), String(idOf('Customers'))],
		});
		expect(response.message).toBe('Contact details updated.');
		expect(api.groupTitles(johan.phone)).toEqual(['Customers', 'Leads']);

		// groups present but empty ("" becomes null) leaves contact_groups in charge.
		await post(`contact/update/${johan.phone}`, { groups: '', contact_groups: [idOf('VIP')] });
		expect(api.groupTitles(johan.phone)).toEqual(['VIP']);
		// A non-empty groups wins over contact_groups.
		await post(`contact/update/${johan.phone}`, { groups: 'Leads', contact_groups: [idOf('VIP')] });
		expect(api.groupTitles(johan.phone)).toEqual(['Leads']);
		// Form bodies send it in bracket notation.
		await post(`contact/update/${johan.phone}`, undefined, {
			raw: {
				body: `contact_groups[]=${idOf('VIP')}&contact_groups[]=${idOf('Leads')}`,
				contentType: 'application/x-www-form-urlencoded',
			},
		});
		expect(api.groupTitles(johan.phone)).toEqual(['Leads', 'VIP']);
	});

	it('keeps the groups when contact_groups names the current set, and drops them for unknown ids or an empty list', async () => {
		const current = [seeded.groups.vip.id, seeded.groups.customers.id];
		expect(
			(await post(`contact/update/${johan.phone}`, { contact_groups: current })).json,
		).toMatchObject({ result: 'failed', message: 'Nothing to update contact information.' });
		expect(api.groupTitles(johan.phone)).toEqual(['Customers', 'VIP']);
		await post(`contact/update/${johan.phone}`, { contact_groups: [9999] });
		expect(api.groupTitles(johan.phone)).toEqual([]);
		await post(`contact/update/${asha.phone}`, { contact_groups: [] });
		expect(api.groupTitles(asha.phone)).toEqual([]);
	});

	it('answers HTTP 500 when contact_groups or groups is not what PHP expects, changing nothing', async () => {
		for (const body of [
			{ first_name: 'X', contact_groups: String(seeded.groups.vip.id) },
			{ first_name: 'X', contact_groups: seeded.groups.vip.id },
			{ first_name: 'X', groups: ['VIP'] },
		]) {
			const response = await post(`contact/update/${johan.phone}`, body);
			expect({ status: response.status, json: response.json }).toEqual({
				status: 500,
				json: { message: 'Server Error' },
			});
		}
		expect(api.sim.getContact(johan.phone)?.first_name).toBe('Johan');
		expect(api.groupTitles(johan.phone)).toEqual(['Customers', 'VIP']);
	});

	it('aborts on a new group title over 255 characters with data [] and changes nothing (§3.2)', async () => {
		const response = await post(`contact/update/${johan.phone}`, {
			first_name: 'Changed',
			groups: `VIP,${'x'.repeat(256)}`,
		});
		expect(response.json).toEqual({
			result: 'failed',
			message: 'Group title should not be greater than 255 characters',
			data: [],
		});
		expect(api.sim.getContact(johan.phone)?.first_name).toBe('Johan');
		expect(api.groupTitles(johan.phone)).toEqual(['Customers', 'VIP']);
		expect(api.sim.state.groups).toHaveLength(3);
	});

	it('answers "Contact not found." with data.contact_uid null', async () => {
		expect((await post('contact/update/919000000000', { first_name: 'X' })).json).toEqual({
			result: 'failed',
			message: 'Contact not found.',
			data: { contact_uid: null },
		});
	});

	it('answers "Nothing to update contact information." when nothing changes', async () => {
		const response = await post(`contact/update/${karan.phone}`, {
			first_name: 'Karan',
			enable_reply_bot: false,
		});
		expect(response.json).toEqual({
			result: 'failed',
			message: 'Nothing to update contact information.',
			data: { contact_uid: karan.uid },
		});
	});

	it('sets the AI bot and opt-out flags and upserts custom fields', async () => {
		await post(`contact/update/${karan.phone}`, {
			enable_ai_bot: false,
			whatsapp_opt_out: 1,
			custom_fields: { City: 'Pune' },
		});
		expect(api.contact(karan.phone)).toMatchObject({ disable_ai_bot: 1, whatsapp_opt_out: 1 });
		expect(
			api.sim.state.customFieldValues.find((value) => value.contacts__id === karan.id)?.field_value,
		).toBe('Pune');
	});
});

describe('§20 Get Contacts', () => {
	it('returns rows with groups[], labels[], full_name, name_initials and the bot columns, without custom fields', async () => {
		const response = await get('contacts', { search_term: 'johan' });
		expect(response.message).toBe('Contacts List.');
		const [row] = response.data.contactList.data;
		expect(row).toMatchObject({
			_uid: johan.uid,
			wa_id: johan.phone,
			full_name: 'Johan Doe',
			name_initials: 'JD',
			countries__id: 99,
			disable_ai_bot: 1,
			disable_reply_bot: null,
			whatsapp_opt_out: null,
		});
		expect(row.groups.map((group) => group.title).sort()).toEqual(['Customers', 'VIP']);
		expect(Object.keys(row.groups[0])).toEqual([
			'_id',
			'_uid',
			'status',
			'title',
			'description',
			'created_at',
			'laravel_through_key',
		]);
		expect(row.labels).toEqual([
			{
				_id: expect.any(Number),
				_uid: seeded.labels.hot.uid,
				status: 1,
				title: 'Hot',
				created_at: expect.any(String),
				laravel_through_key: row._id,
			},
		]);
		expect(row).not.toHaveProperty('custom_fields');
		expect(row).not.toHaveProperty('BDay');
	});

	it('searches first name, last name, number and email', async () => {
		const total = async (term: string) =>
			(await get('contacts', { search_term: term })).data.contactList.total;
		expect(await total('Rao')).toBe(1);
		expect(await total('98450')).toBe(1);
		expect(await total('@example.com')).toBe(3);
		expect(await total('nobody')).toBe(0);
	});

	it('pages a Laravel paginator whose URLs keep only `page` (§8)', async () => {
		api.sim.seedContacts(245);
		const page = (await get('contacts', { page: '2', page_size: '100', search_term: '91' })).data
			.contactList;
		const base = `${api.sim.url}/${api.sim.vendorUid}/contacts`;
		expect(page).toMatchObject({
			current_page: 2,
			first_page_url: `${base}?page=1`,
			from: 101,
			last_page: 3,
			last_page_url: `${base}?page=3`,
			next_page_url: `${base}?page=3`,
			path: base,
			per_page: 100,
			prev_page_url: `${base}?page=1`,
			to: 200,
			total: 250,
		});
		expect(page.data).toHaveLength(100);
		expect(page.links.map((link) => link.label)).toEqual([
			'&laquo; Previous',
			'1',
			'2',
			'3',
			'Next &raquo;',
		]);
		expect(page.links[2]).toEqual({ url: `${base}?page=2`, label: '2', active: true });
		const last = (await get('contacts', { page: '3' })).data.contactList;
		expect({ count: last.data.length, next: last.next_page_url, default: last.per_page }).toEqual({
			count: 50,
			next: null,
			default: 100,
		});
		const beyond = (await get('contacts', { page: '9' })).data.contactList;
		expect({ data: beyond.data, from: beyond.from, to: beyond.to }).toEqual({
			data: [],
			from: null,
			to: null,
		});
	});

	it('seeds generated contacts with stable numbers', () => {
		const added = api.sim.seedContacts(3);
		expect(added.map((contact) => contact.wa_id)).toEqual([
			'917000000001',
			'917000000002',
			'917000000003',
		]);
		api.sim.reset();
		expect(api.sim.seedContacts(1)[0].wa_id).toBe('917000000001');
	});
});

describe('§21 Get Single Contact', () => {
	it('finds a contact by number or by email', async () => {
		const byPhone = await get('contact', { phone_number_or_email: johan.phone });
		expect(byPhone.message).toBe(`Contact details for ${johan.phone}.`);
		expect(byPhone.data.contact).toMatchObject({ _uid: johan.uid, full_name: 'Johan Doe' });
		expect(
			(await get('contact', { phone_number_or_email: 'ASHA.RAO@example.com' })).data.contact?._uid,
		).toBe(asha.uid);
	});

	it('answers SUCCESS with contact null when nothing matches', async () => {
		expect((await get('contact', { phone_number_or_email: '919000000000' })).json).toEqual({
			result: 'success',
			message: 'Contact details for 919000000000.',
			data: { contact: null },
		});
	});

	it('ignores phone_number and asks for phone_number_or_email', async () => {
		expect((await get('contact', { phone_number: johan.phone })).json).toEqual({
			result: 'failed',
			message: 'Please enter phone number or email.',
			data: [],
		});
	});
});

describe('§23 Assign Team Member and bot toggles', () => {
	it('assigns by email and ALWAYS writes both bot flags (omitted = disabled)', async () => {
		const response = await post('contact/assign-team-member', {
			phone_number: johan.phone,
			username_or_email: seeded.teamMembers.agent.email,
			enable_ai_bot: true,
		});
		expect(response.json).toEqual({
			result: 'success',
			message: 'Request Successful.',
			data: { contact_uid: johan.uid },
		});
		expect(api.contact(johan.phone)).toMatchObject({
			assigned_users__id: seeded.teamMembers.agent.id,
			disable_ai_bot: 0,
			disable_reply_bot: 1,
		});
	});

	it('answers "No changes" when the same member and flags are sent again', async () => {
		const body = {
			phone_number: ravi.phone,
			username_or_email: seeded.teamMembers.agent.mobile,
			enable_ai_bot: true,
			enable_reply_bot: true,
		};
		expect((await post('contact/assign-team-member', body)).result).toBe('success');
		expect((await post('contact/assign-team-member', body)).json).toEqual({
			result: 'failed',
			message: 'No changes',
			data: [],
		});
	});

	it('finds members by email or numeric mobile, never by username', async () => {
		expect(
			(
				await post('contact/assign-team-member', {
					phone_number: asha.phone,
					username_or_email: seeded.teamMembers.agent.username,
				})
			).message,
		).toBe('Team member does not exists.');
		expect(
			(
				await post('contact/assign-team-member', {
					phone_number: asha.phone,
					username_or_email: seeded.teamMembers.support.mobile,
				})
			).result,
		).toBe('success');
		expect(
			(
				await post('contact/assign-team-member', {
					phone_number: asha.phone,
					username_or_email: seeded.teamMembers.olga.email,
				})
			).message,
		).toBe('Invalid user');
	});

	it('needs an existing contact and a plain number', async () => {
		expect(
			(
				await post('contact/assign-team-member', {
					phone_number: '919000000000',
					username_or_email: seeded.teamMembers.agent.email,
				})
			).message,
		).toBe('Contact user does not exists.');
		expect(
			(
				await post('contact/assign-team-member', {
					phone_number: `+${johan.phone}`,
					username_or_email: seeded.teamMembers.agent.email,
				})
			).status,
		).toBe(422);
	});
});
