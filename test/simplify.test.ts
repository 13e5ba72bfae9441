/**
 * Simplify on Contact → Get / Get Many and Campaign → Get Many / Get Status: the fields a workflow builder uses, in
 * camelCase, with groups and labels as titles; the raw SmartWats rows when it is off. On by default from node
 * version 1.1; version 1 nodes (workflows built before it existed) keep their raw output unless turned on.
 */
import type { IDataObject } from 'n8n-workflow';

import { defaultSeed } from './fake-smartwats';
import { SmartWats } from '../nodes/SmartWats/SmartWats.node';
import { useSimulator } from './harness/simulator';
import { JOHAN, PRIYA, SEEDED_CAMPAIGN_UID } from './harness/seed';

const handle = useSimulator();
const { run } = handle;

const LATEST = 1.1;

const contactGet = { resource: 'contact', operation: 'get', phoneNumber: JOHAN.phone };
const contactGetMany = { resource: 'contact', operation: 'getAll', returnAll: true };

/** The raw row SmartWats answered the first request with, under `data.<key>`. */
function answered(key: string): IDataObject {
	return handle.sim.journal[0].response.data[key];
}

describe('Contact → Get with Simplify', () => {
	it('returns the fields a workflow builder uses, with groups and labels as titles', async () => {
		const { items, error } = await run(contactGet, { typeVersion: LATEST });
		expect(error).toBeUndefined();
		const raw = answered('contact');
		expect(items.map((item) => item.json)).toEqual([
			{
				uid: JOHAN.uid,
				phoneNumber: JOHAN.phone,
				firstName: 'Johan',
				lastName: 'Doe',
				email: 'johndoe@example.com',
				languageCode: 'en',
				countryId: raw.countries__id,
				groups: ['VIP', 'Customers'],
				labels: ['Hot'],
				optedOut: false,
				aiBot: false,
				replyBot: true,
				createdAt: raw.created_at,
				updatedAt: raw.updated_at,
			},
		]);
		expect(raw.countries__id).toEqual(expect.any(Number));
	});

	it('trims names SmartWats stored from the WhatsApp profile, and gives null for what is empty', async () => {
		const seed = defaultSeed();
		seed.contacts = [
			{
				wa_id: '919812300001',
				first_name: '  Mira',
				last_name: '',
				email: null,
				language_code: null,
			},
		];
		handle.sim.reset(seed);
		const { items } = await run(
			{ ...contactGet, phoneNumber: '919812300001' },
			{ typeVersion: LATEST },
		);
		expect(items[0].json).toMatchObject({
			phoneNumber: '919812300001',
			firstName: 'Mira',
			lastName: null,
			email: null,
			languageCode: null,
			countryId: null,
			groups: [],
			labels: [],
		});
	});

	it('returns the raw row when turned off', async () => {
		const { items } = await run({ ...contactGet, simplify: false }, { typeVersion: LATEST });
		expect(items.map((item) => item.json)).toEqual([answered('contact')]);
	});

	it('leaves version 1 nodes with the raw row they were built on, unless turned on there', async () => {
		const old = await run(contactGet, { typeVersion: 1 });
		expect(old.items.map((item) => item.json)).toEqual([answered('contact')]);

		handle.sim.clearJournal();
		const optedIn = await run({ ...contactGet, simplify: true }, { typeVersion: 1 });
		expect(optedIn.items[0].json).toMatchObject({ uid: JOHAN.uid, groups: ['VIP', 'Customers'] });
		expect(optedIn.items[0].json).not.toHaveProperty('_uid');
	});
});

describe('Contact → Get Many with Simplify', () => {
	it('simplifies every row, paired with its input item', async () => {
		const { items, error } = await run(contactGetMany, { typeVersion: LATEST });
		expect(error).toBeUndefined();
		const rows = answered('contactList').data as IDataObject[];
		expect(items).toHaveLength(rows.length);
		expect(items.map((item) => item.json.uid)).toEqual(rows.map((row) => row._uid));
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const priya = items.find((item) => item.json.uid === PRIYA.uid)?.json;
		expect(priya).toMatchObject({
			firstName: 'Priya',
			optedOut: true,
			groups: ['VIP'],
			labels: [],
		});
		for (const { json } of items) {
			expect(Object.keys(json).sort()).toEqual(
				[
					'aiBot',
					'countryId',
					'createdAt',
					'email',
					'firstName',
					'groups',
					'labels',
					'languageCode',
					'lastName',
					'optedOut',
					'phoneNumber',
					'replyBot',
					'uid',
					'updatedAt',
				].sort(),
			);
		}
	});

	it('gives a contact the same shape as Contact → Get does', async () => {
		const many = await run(contactGetMany, { typeVersion: LATEST });
		const one = await run(contactGet, { typeVersion: LATEST });
		expect(many.items.find((item) => item.json.uid === JOHAN.uid)?.json).toEqual(one.items[0].json);
	});

	it('returns the raw rows when turned off', async () => {
		const { items } = await run({ ...contactGetMany, simplify: false }, { typeVersion: LATEST });
		expect(items.map((item) => item.json)).toEqual(answered('contactList').data);
	});
});

describe('Campaign → Get Many with Simplify', () => {
	it('returns each campaign with its status in words and its contact count as a number', async () => {
		const seed = defaultSeed();
		const campaign = seed.campaigns![0];
		seed.campaigns = [
			campaign,
			{ ...campaign, _uid: undefined, title: 'Old offer', status: 5 },
			{ ...campaign, _uid: undefined, title: 'Stopped offer', status: 6 },
		];
		handle.sim.reset(seed);
		const { items, error } = await run(
			{ resource: 'campaign', operation: 'getAll', returnAll: true },
			{ typeVersion: LATEST },
		);
		expect(error).toBeUndefined();
		const rows = answered('campaignList').data as IDataObject[];
		const seeded = rows.find((row) => row._uid === SEEDED_CAMPAIGN_UID)!;
		expect(items.find((item) => item.json.uid === SEEDED_CAMPAIGN_UID)?.json).toEqual({
			uid: SEEDED_CAMPAIGN_UID,
			title: 'New year greetings',
			status: 'active',
			templateName: 'welcome',
			templateLanguage: 'en',
			scheduledAt: seeded.scheduled_at,
			timezone: 'Asia/Kolkata',
			totalContacts: Number(seeded.total_contacts),
			createdAt: seeded.created_at,
			updatedAt: seeded.updated_at,
		});
		expect(typeof seeded.total_contacts).toBe('string');
		expect(Object.fromEntries(items.map((item) => [item.json.title, item.json.status]))).toEqual({
			'New year greetings': 'active',
			'Old offer': 'archived',
			'Stopped offer': 'aborted',
		});
	});

	it('returns the raw rows when turned off, and for version 1 nodes', async () => {
		const off = await run(
			{ resource: 'campaign', operation: 'getAll', returnAll: true, simplify: false },
			{ typeVersion: LATEST },
		);
		expect(off.items.map((item) => item.json)).toEqual(answered('campaignList').data);
		handle.sim.clearJournal();
		const old = await run({ resource: 'campaign', operation: 'getAll', returnAll: true });
		expect(old.items.map((item) => item.json)).toEqual(answered('campaignList').data);
	});
});

describe('Campaign → Get Status with Simplify', () => {
	const getStatus = {
		resource: 'campaign',
		operation: 'getStatus',
		campaign: { __rl: true, mode: 'id', value: SEEDED_CAMPAIGN_UID },
	};

	it('returns the state and one count per message status', async () => {
		const { items, error } = await run(getStatus, { typeVersion: LATEST });
		expect(error).toBeUndefined();
		const status = handle.sim.campaignStatus(SEEDED_CAMPAIGN_UID)!;
		expect(items.map((item) => item.json)).toEqual([
			{
				campaignUid: SEEDED_CAMPAIGN_UID,
				title: 'New year greetings',
				status: 'executed',
				statusText: 'Executed',
				scheduledAt: (status.campaign as IDataObject).scheduled_at,
				inQueue: 0,
				accepted: status.acceptedCount,
				sent: status.totalSent,
				delivered: 2,
				read: 1,
				failed: 1,
				expired: 0,
			},
		]);
	});

	it('returns everything SmartWats sent when turned off', async () => {
		const { items } = await run({ ...getStatus, simplify: false }, { typeVersion: LATEST });
		expect(items[0].json).toEqual({
			campaignUid: SEEDED_CAMPAIGN_UID,
			...handle.sim.campaignStatus(SEEDED_CAMPAIGN_UID),
		});
	});
});

describe('Which operations offer Simplify', () => {
	it.each([
		['group', 'contactList'],
		['label', 'contactList'],
		['template', 'templateList'],
	])('%s → Get Many rows carry fewer than ten fields, so it has none', async (resource, key) => {
		const { items } = await run(
			{ resource, operation: 'getAll', returnAll: true, simplify: true },
			{ typeVersion: LATEST },
		);
		const rows = answered(key).data as IDataObject[];
		expect(rows.length).toBeGreaterThan(0);
		expect(Math.max(...rows.map((row) => Object.keys(row).length))).toBeLessThan(10);
		expect(items.map((item) => item.json)).toEqual(rows);
	});

	it('those whose rows carry more than ten fields', () => {
		const offered = new SmartWats().description.properties
			.filter((property) => property.name === 'simplify')
			.flatMap((property) =>
				(property.displayOptions?.show?.resource ?? []).flatMap((resource) =>
					(property.displayOptions?.show?.operation ?? []).map(
						(operation) => `${resource} ${operation}`,
					),
				),
			);
		expect([...new Set(offered)].sort()).toEqual([
			'campaign getAll',
			'campaign getStatus',
			'contact get',
			'contact getAll',
		]);
	});
});
