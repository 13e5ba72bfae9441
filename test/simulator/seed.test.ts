/**
 * The simulator's defaults and its seed: what a fresh simulator holds, and the seed's records by name (`seeded`).
 */
import {
	DEFAULT_TOKEN,
	DEFAULT_VENDOR_UID,
	defaultSeed,
	seeded,
	startSimulator,
} from '../fake-smartwats';
import type { SeedData } from '../fake-smartwats';
import { useSimulatorApi } from '../harness/simulator-client';

const api = useSimulatorApi();
const { johan, asha, ravi, priya, karan } = seeded.contacts;

describe('Defaults', () => {
	it('exports the default vendor UID and a 64-character alphanumeric token, and binds to 127.0.0.1', () => {
		expect(DEFAULT_VENDOR_UID).toBe('0b7c1f1e-5a4e-4c2b-9a61-3f0e2d8c7a10');
		expect(DEFAULT_TOKEN).toMatch(/^[A-Za-z0-9]{64}$/);
		expect(api.sim.vendorUid).toBe(DEFAULT_VENDOR_UID);
		expect(api.sim.token).toBe(DEFAULT_TOKEN);
		expect(api.sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
		expect(api.sim.adminUrl).toBe(api.sim.url.replace(/\/api$/, '/__sim'));
	});
});

describe('Default seed', () => {
	it('seeds groups, labels, contacts, team members, numbers, a Test Contact and templates covering every parameter kind', () => {
		const seed = defaultSeed();
		const state = api.sim.state;
		expect(state.groups.map((group) => group.title).sort()).toEqual(['Customers', 'Leads', 'VIP']);
		expect(state.labels.map((label) => label.title).sort()).toEqual(['Cold', 'Hot', 'Replied']);
		expect(state.contacts.map((contact) => contact.wa_id)).toEqual([
			johan.phone,
			asha.phone,
			ravi.phone,
			priya.phone,
			karan.phone,
		]);
		expect(api.groupTitles(johan.phone)).toEqual(['Customers', 'VIP']);
		expect(api.labelTitles(johan.phone)).toEqual(['Hot']);
		expect(
			state.teamMembers.find((member) => member.email === 'agent@example.com')?.mobile_number,
		).toBe('919800000001');
		expect(state.phoneNumbers.find((phone) => phone.is_default)?.id).toBe('123456789012345');
		expect(state.testContact).toBe(karan.uid);
		expect(
			state.templates.map(
				(template) => `${template.template_name}|${template.language}|${template.status}`,
			),
		).toEqual([
			'order_update|en|APPROVED',
			'welcome|en|APPROVED',
			'hello_world|en_US|APPROVED',
			'invoice_ready|en|APPROVED',
			'store_location|en|APPROVED',
			'promo_header_text|en|APPROVED',
			'product_carousel|en_US|APPROVED',
			'festive_offer|en|APPROVED',
			'summer_sale|en|PENDING',
		]);
		// defaultSeed() hands out copies.
		seed.groups.push({ title: 'Mutated' });
		expect(defaultSeed().groups).toHaveLength(3);
	});

	it('starts from a custom seed and goes back to it on reset', async () => {
		const seed: SeedData = {
			groups: [{ title: 'Only group' }],
			contacts: [{ wa_id: '447700900123', first_name: 'Ann', groups: ['Only group'] }],
		};
		const other = await startSimulator({
			rateLimit: false,
			seed,
			vendorUid: 'vendor-x',
			token: 'T'.repeat(64),
		});
		try {
			expect(other.state.contacts.map((contact) => contact.wa_id)).toEqual(['447700900123']);
			other.seedContacts(2);
			other.reset();
			expect(other.state.contacts).toHaveLength(1);
			expect(other.getContact('447700900123')?.groups.map((group) => group.title)).toEqual([
				'Only group',
			]);
		} finally {
			await other.close();
		}
	});
});

describe('The seed by name (seeded)', () => {
	it('names every record of the default seed', () => {
		const seed = defaultSeed();
		const lower = (text: string | undefined) => String(text).toLowerCase();
		expect(Object.keys(seeded.contacts)).toEqual(seed.contacts.map((row) => lower(row.first_name)));
		expect(Object.keys(seeded.groups).sort()).toEqual(
			seed.groups.map((row) => lower(row.title)).sort(),
		);
		expect(Object.keys(seeded.labels).sort()).toEqual(
			seed.labels.map((row) => lower(row.title)).sort(),
		);
		expect(Object.keys(seeded.templates)).toEqual(seed.templates.map((row) => row.template_name));
		expect(Object.keys(seeded.teamMembers)).toEqual(
			seed.teamMembers.map((row) => lower(row.email?.split('@')[0])),
		);
		expect(Object.keys(seeded.phoneNumbers)).toEqual(
			seed.phoneNumbers.map((row) => lower(row.verified_name?.split(' ').pop())),
		);
		expect(Object.keys(seeded.customFields)).toEqual(
			seed.customFields.map((row) => row.input_name),
		);
		expect(Object.values(seeded.campaigns).map((campaign) => campaign.title)).toEqual(
			seed.campaigns.map((row) => row.title),
		);
	});

	it('gives each record the _id and UID a fresh simulator gives it', () => {
		const state = api.sim.state;
		for (const contact of Object.values(seeded.contacts)) {
			const row = api.sim.getContact(contact.uid);
			expect(row).toMatchObject({
				_id: contact.id,
				wa_id: contact.phone,
				first_name: contact.firstName,
				last_name: contact.lastName,
				full_name: contact.fullName,
				email: contact.email,
				language_code: contact.languageCode,
				whatsapp_opt_out: contact.optedOut ? 1 : null,
				disable_ai_bot: contact.aiBotEnabled ? 0 : 1,
			});
			expect(row?.groups.map((group) => group.title).sort()).toEqual([...contact.groups].sort());
			expect(row?.labels.map((label) => label.title).sort()).toEqual([...contact.labels].sort());
			const assigned = state.teamMembers.find((member) => member._id === row?.assigned_users__id);
			expect(assigned?.email ?? null).toBe(contact.assignedTo);
		}
		for (const [key, group] of Object.entries(seeded.groups)) {
			expect(state.groups.find((row) => row._uid === group.uid)).toMatchObject({
				_id: group.id,
				title: group.title,
				description: group.description,
			});
			expect(key).toBe(group.title.toLowerCase());
		}
		for (const label of Object.values(seeded.labels))
			expect(state.labels.find((row) => row._uid === label.uid)).toMatchObject({
				_id: label.id,
				title: label.title,
			});
		for (const member of Object.values(seeded.teamMembers))
			expect(state.teamMembers.find((row) => row._uid === member.uid)).toMatchObject({
				_id: member.id,
				email: member.email,
				mobile_number: member.mobile,
				vendors__id: member.otherVendor ? 2 : 1,
			});
		for (const [name, template] of Object.entries(seeded.templates))
			expect(state.templates.find((row) => row._uid === template.uid)).toMatchObject({
				_id: template.id,
				template_name: name,
				language: template.language,
				status: template.status,
			});
		expect(state.phoneNumbers.find((phone) => phone.is_default)?.id).toBe(
			seeded.phoneNumbers.store.id,
		);
		expect(state.campaigns[0]).toMatchObject({
			_id: seeded.campaigns.newYear.id,
			_uid: seeded.campaigns.newYear.uid,
		});
		expect(state.customFields.map((field) => [field._id, field.input_name])).toEqual([
			[seeded.customFields.BDay.id, 'BDay'],
			[seeded.customFields.City.id, 'City'],
		]);
		expect(state.testContact).toBe(seeded.testContact.uid);
		expect(seeded.vendor.uid).toBe(api.sim.vendorUid);
		expect(Object.isFrozen(seeded.contacts.johan.groups)).toBe(true);
	});
});
