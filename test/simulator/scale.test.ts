/**
 * The simulator at the size Return All meets in real accounts: 10,000 contacts, pages of 1,000 and more (§8: no
 * maximum page_size). Correctness only; the cost per page size is measured by
 * `node test/fake-smartwats/measure-paging.js`, never asserted here.
 */
import { defaultSeed, generatedContact, seeded, startSimulator } from '../fake-smartwats';
import type { Simulator } from '../fake-smartwats';
import { simulatorClient } from '../harness/simulator-client';

// One simulator for the whole file, never reset: seeding 10,000 contacts once is enough.
let sim: Simulator;
const { get } = simulatorClient(() => sim);

beforeAll(async () => {
	sim = await startSimulator({ rateLimit: false });
	sim.seedContacts(10_000);
});

afterAll(async () => {
	await sim.close();
});

const list = async (query: Record<string, string>) =>
	(await get('contacts', query)).data.contactList;

describe('§8 and §20 Get Contacts at 10,000 contacts', () => {
	it('seedContacts(10000) adds 10,000 distinct numbers after the seeded five', () => {
		const phones = sim.state.contacts.map((contact) => contact.wa_id);
		expect(phones).toHaveLength(10_005);
		expect(new Set(phones).size).toBe(10_005);
		expect(phones.slice(5, 7)).toEqual([generatedContact(1).wa_id, generatedContact(2).wa_id]);
		expect(phones[10_004]).toBe('917000010000');
	});

	it('pages of 2,500 return every contact once, in order, in 5 requests', async () => {
		const phones: string[] = [];
		let last = Infinity;
		for (let page = 1; page <= last; page++) {
			const current = await list({ page: String(page), page_size: '2500' });
			expect(current).toMatchObject({ current_page: page, per_page: 2500, total: 10_005 });
			last = current.last_page;
			phones.push(...current.data.map((row) => row.wa_id));
		}
		expect(last).toBe(5);
		expect(phones).toEqual(sim.state.contacts.map((contact) => contact.wa_id));
	});

	it('has no maximum page_size: 20,000 answers everything in one page', async () => {
		const all = await list({ page_size: '20000' });
		expect({ rows: all.data.length, last: all.last_page, next: all.next_page_url }).toEqual({
			rows: 10_005,
			last: 1,
			next: null,
		});
	});

	it('shapes only the page it answers, with the right groups and labels on each row', async () => {
		const first = await list({ page_size: '1000' });
		expect(first.data).toHaveLength(1000);
		const johan = first.data.find((row) => row.wa_id === seeded.contacts.johan.phone);
		expect(johan?.groups.map((group) => group._id)).toEqual([
			seeded.groups.vip.id,
			seeded.groups.customers.id,
		]);
		expect(johan?.labels.map((label) => label.title)).toEqual(['Hot']);
		expect(first.data[500]).toMatchObject({
			groups: [],
			labels: [],
			full_name: expect.any(String),
		});
	});

	it('searches the 10,000 and pages the matches', async () => {
		const matches = await list({ search_term: 'aarav', page_size: '500', page: '2' });
		const expected = sim.state.contacts.filter((contact) => contact.first_name === 'Aarav');
		expect(matches.total).toBe(expected.length);
		expect(matches.data.map((row) => row.wa_id)).toEqual(
			expected.slice(500, 1000).map((contact) => contact.wa_id),
		);
	});

	it('loads a seed of 10,000 contacts (what --contacts 10000 does) and comes back to it on reset', async () => {
		const seed = defaultSeed();
		for (let k = 1; k <= 10_000; k++) seed.contacts.push(generatedContact(k));
		const big = await startSimulator({ rateLimit: false, seed });
		try {
			big.seedContacts(1);
			big.reset();
			expect(big.state.contacts).toHaveLength(10_005);
			expect(big.seedContacts(1)[0].wa_id).toBe(generatedContact(10_001).wa_id);
		} finally {
			await big.close();
		}
	});
});
