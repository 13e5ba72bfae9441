/**
 * Groups and labels: Get Contact Groups (§24), Get Contact Labels and Tags (§25), and assigning and unassigning
 * them by UID (§27–§30).
 */
import { defaultSeed, seeded } from '../fake-smartwats';
import { useSimulatorApi } from '../harness/simulator-client';

const api = useSimulatorApi();
const { post, get } = api;
const { johan, asha } = seeded.contacts;
const { vip, leads } = seeded.groups;
const { hot, cold } = seeded.labels;

describe('§24 Get Contact Groups', () => {
	it('lists groups newest first under data.contactList with the message "Contacts List."', async () => {
		const response = await get('contact/groups');
		expect(response.message).toBe('Contacts List.');
		const rows = response.data.contactList.data;
		expect(rows.map((row) => row.title)).toEqual(['Customers', 'Leads', 'VIP']);
		expect(Object.keys(rows[0])).toEqual([
			'_id',
			'_uid',
			'status',
			'title',
			'description',
			'vendors__id',
			'created_at',
			'updated_at',
		]);
		expect(
			(await get('contact/groups', { search_term: 'top' })).data.contactList.data.map(
				(row) => row.title,
			),
		).toEqual(['VIP']);
	});

	it('includes archived groups', async () => {
		const seed = defaultSeed();
		seed.groups.push({ title: 'Old customers', status: 5, created_at: '2024-06-01T00:00:00Z' });
		api.sim.reset(seed);
		const titles = (await get('contact/groups')).data.contactList.data.map(
			(row) => `${row.title}:${row.status}`,
		);
		expect(titles).toEqual(['Customers:1', 'Leads:1', 'VIP:1', 'Old customers:5']);
	});
});

describe('§25 Get Contact Labels and Tags', () => {
	it('lists labels newest first with their colours', async () => {
		const rows = (await get('contact/labels-tags')).data.contactList.data;
		expect(rows.map((row) => row.title)).toEqual(['Replied', 'Cold', 'Hot']);
		expect(Object.keys(rows[0])).toEqual([
			'_id',
			'_uid',
			'status',
			'title',
			'text_color',
			'bg_color',
			'vendors__id',
			'created_at',
			'updated_at',
		]);
		expect((await get('contact/labels-tags', { search_term: 'Repl' })).data.contactList.total).toBe(
			1,
		);
	});
});

describe('§27–§30 Assign and unassign groups and labels', () => {
	it('refuses strings where arrays of UIDs are required', async () => {
		const response = await post('contact/assign-groups', {
			contacts_uid: `${johan.uid},${asha.uid}`,
			groups_uid: leads.uid,
		});
		expect(response.status).toBe(422);
		expect(response.json).toEqual({
			message: 'The contacts uid field must be an array. (and 1 more error)',
			errors: {
				contacts_uid: ['The contacts uid field must be an array.'],
				groups_uid: ['The groups uid field must be an array.'],
			},
		});
		expect(
			(await post('contact/assign-labels', { contacts_uid: [], labels_uid: [hot.uid] })).errors,
		).toEqual({ contacts_uid: ['The contacts uid field is required.'] });
	});

	it('assigns groups additively, skipping unknown contacts, and answers "No changes" when nothing is new (§27)', async () => {
		const body = { contacts_uid: [johan.uid, 'unknown-uid'], groups_uid: [leads.uid] };
		expect((await post('contact/assign-groups', body)).json).toEqual({
			result: 'success',
			message: 'Groups assigned successfully.',
			data: [],
		});
		expect(api.groupTitles(johan.phone)).toEqual(['Customers', 'Leads', 'VIP']);
		expect((await post('contact/assign-groups', body)).json).toEqual({
			result: 'failed',
			message: 'No changes',
			data: [],
		});
		expect(
			(await post('contact/assign-groups', { contacts_uid: [johan.uid], groups_uid: ['nope'] }))
				.message,
		).toBe('Invalid groups uid.');
	});

	it('unassigns groups with the documented failures (§28)', async () => {
		const unassign = (contacts: string[], groups: string[]) =>
			post('contact/unassign-groups', { contacts_uid: contacts, groups_uid: groups });
		expect((await unassign([johan.uid], [vip.uid])).message).toBe(
			'Groups unassigned successfully.',
		);
		expect(api.groupTitles(johan.phone)).toEqual(['Customers']);
		expect((await unassign([johan.uid], [vip.uid])).message).toBe('No changes');
		expect((await unassign(['nope'], [vip.uid])).message).toBe('Invalid contacts uid.');
		expect((await unassign([johan.uid], ['nope'])).message).toBe('Invalid groups uid.');
	});

	it('assigns and unassigns labels with the documented failures (§29, §30)', async () => {
		const labels = (
			endpoint: 'assign-labels' | 'unassign-labels',
			contacts: string[],
			uids: string[],
		) => post(`contact/${endpoint}`, { contacts_uid: contacts, labels_uid: uids });
		expect((await labels('assign-labels', [asha.uid], [hot.uid, cold.uid])).message).toBe(
			'Labels assigned successfully.',
		);
		expect(api.labelTitles(asha.phone)).toEqual(['Cold', 'Hot']);
		expect((await labels('assign-labels', [asha.uid], [hot.uid])).message).toBe('No changes');
		expect((await labels('assign-labels', ['nope'], [hot.uid])).message).toBe(
			'Invalid contacts uid.',
		);
		expect((await labels('assign-labels', [asha.uid], ['nope'])).message).toBe(
			'Invalid labels uid.',
		);
		expect((await labels('unassign-labels', [asha.uid], [cold.uid])).json).toEqual({
			result: 'success',
			message: 'Labels unassigned successfully.',
			data: [],
		});
		expect((await labels('unassign-labels', [asha.uid], [cold.uid])).message).toBe('No changes');
		expect((await labels('unassign-labels', [asha.uid], ['nope'])).message).toBe(
			'Invalid labels uid.',
		);
	});
});
