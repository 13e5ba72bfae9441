/**
 * The pickers and dropdowns, as the editor loads them (n8n-core's LoadOptionsContext over real HTTP), and the values
 * they leave in a workflow: the campaign picker of Campaign → Get Status (From List / By ID, and version 1's plain
 * Campaign UID), the template picker, the group and label dropdowns, and titles given instead of UIDs by an
 * expression or an AI agent.
 */
import type { INodeProperties } from 'n8n-workflow';

import { defaultSeed } from './fake-smartwats';
import { SmartWats } from '../nodes/SmartWats/SmartWats.node';
import { useSimulator } from './harness/simulator';
import { ASHA, GROUP_UIDS, JOHAN, LABEL_UIDS, SEEDED_CAMPAIGN_UID } from './harness/seed';

const handle = useSimulator();
const { run } = handle;

const LATEST = 1.1;

const requests = () => handle.sim.journal.map((entry) => `${entry.method} ${entry.endpoint}`);

/** The node's parameter `name` as the editor shows it for `resource` → `operation` at `version`. */
function parameter(
	name: string,
	resource: string,
	operation: string,
	version: number,
): INodeProperties | undefined {
	return new SmartWats().description.properties.find((property) => {
		const show = property.displayOptions?.show ?? {};
		const versions = (show['@version'] ?? []) as unknown[];
		const forVersion =
			versions.length === 0 ||
			versions.some((condition) =>
				typeof condition === 'number'
					? condition === version
					: version >= Number((condition as { _cnd: { gte: number } })._cnd.gte),
			);
		return (
			property.name === name &&
			(show.resource ?? []).includes(resource) &&
			(show.operation ?? []).includes(operation) &&
			forVersion
		);
	});
}

describe('Campaign → Get Status: the campaign picker', () => {
	it('offers From List (the default) and By ID', () => {
		const picker = parameter('campaign', 'campaign', 'getStatus', LATEST);
		expect(picker).toMatchObject({
			type: 'resourceLocator',
			required: true,
			default: { mode: 'list', value: '' },
		});
		expect(picker?.modes?.map((mode) => [mode.name, mode.displayName])).toEqual([
			['list', 'From List'],
			['id', 'By ID'],
		]);
		expect(picker?.modes?.[0].typeOptions).toEqual({
			searchListMethod: 'searchCampaigns',
			searchable: true,
		});
	});

	it('lists campaigns by title and schedule (UTC), inactive ones marked, valued by UID', async () => {
		const seed = defaultSeed();
		const campaign = seed.campaigns![0];
		seed.campaigns = [
			campaign,
			{
				...campaign,
				_uid: '0c6f2d1e-8a9b-4c0d-9e1f-2a3b4c5d6e02',
				title: 'Old offer',
				status: 5,
				scheduled_at: '2024-11-02T10:00:00Z',
			},
		];
		handle.sim.reset(seed);
		const page = await handle.searchList('searchCampaigns', { typeVersion: LATEST });
		expect(handle.sim.journal.map((entry) => [entry.endpoint, entry.query])).toEqual([
			['campaign', { page: '1', page_size: '50' }],
		]);
		expect(
			page.results
				.map(({ name, value }) => ({ name, value }))
				.sort((a, b) => a.name.localeCompare(b.name)),
		).toEqual([
			{ name: 'New year greetings · 2025-01-01 04:30 UTC', value: SEEDED_CAMPAIGN_UID },
			{
				name: 'Old offer · 2024-11-02 10:00 UTC · archived',
				value: '0c6f2d1e-8a9b-4c0d-9e1f-2a3b4c5d6e02',
			},
		]);
		expect(page.paginationToken).toBeUndefined();
	});

	it('searches on SmartWats and pages on with a token', async () => {
		const seed = defaultSeed();
		const campaign = seed.campaigns![0];
		seed.campaigns = Array.from({ length: 60 }, (_, index) => ({
			...campaign,
			_uid: undefined,
			title: `Weekly offer ${index + 1}`,
			messages: [],
		}));
		handle.sim.reset(seed);
		const first = await handle.searchList('searchCampaigns', { filter: 'weekly' });
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('2');
		const second = await handle.searchList('searchCampaigns', {
			filter: 'weekly',
			paginationToken: first.paginationToken,
		});
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
		expect(handle.sim.journal.map((entry) => entry.query)).toEqual([
			{ page: '1', page_size: '50', search_term: 'weekly' },
			{ page: '2', page_size: '50', search_term: 'weekly' },
		]);
		const values = [...first.results, ...second.results].map((result) => result.value);
		expect(new Set(values).size).toBe(60);
	});

	it.each([
		['picked from the list', { __rl: true, mode: 'list', value: SEEDED_CAMPAIGN_UID }],
		['given by ID', { __rl: true, mode: 'id', value: SEEDED_CAMPAIGN_UID }],
		['mapped by an expression', { __rl: true, mode: 'id', value: '={{ $json.campaignUid }}' }],
	])('reads the status of a campaign %s', async (_, campaign) => {
		const { items, error } = await run(
			{ resource: 'campaign', operation: 'getStatus', campaign, simplify: false },
			{ typeVersion: LATEST, items: [{ campaignUid: SEEDED_CAMPAIGN_UID }] },
		);
		expect(error).toBeUndefined();
		expect(requests()).toEqual([`GET campaign-status/${SEEDED_CAMPAIGN_UID}`]);
		expect(items[0].json).toMatchObject({
			campaignUid: SEEDED_CAMPAIGN_UID,
			campaignStatus: 'executed',
		});
	});

	it('leaves n8n to refuse a fixed ID that is not a campaign UID, naming the form, before anything is sent', async () => {
		await expect(
			run(
				{
					resource: 'campaign',
					operation: 'getStatus',
					campaign: { __rl: true, mode: 'id', value: 'New year greetings' },
				},
				{ typeVersion: LATEST },
			),
		).rejects.toThrow('A campaign UID looks like 0c6f2d1e-8a9b-4c0d-9e1f-2a3b4c5d6e01');
		expect(handle.sim.journal).toHaveLength(0);
	});

	it('refuses an expression that gives no campaign, per item, before sending anything', async () => {
		const { error } = await run(
			{
				resource: 'campaign',
				operation: 'getStatus',
				campaign: { __rl: true, mode: 'id', value: '={{ $json.campaignUid }}' },
			},
			{ typeVersion: LATEST, items: [{ campaignUid: ' ' }] },
		);
		expect(error?.message).toBe("'Campaign' is empty [item 0]");
		expect(error?.description).toMatch(/^Choose the campaign from the list, or give its UID/);
		expect(handle.sim.journal).toHaveLength(0);
	});

	it('keeps the Campaign UID text field of version 1 nodes, and what they stored in it', async () => {
		expect(parameter('campaign', 'campaign', 'getStatus', 1)).toBeUndefined();
		expect(parameter('campaignUid', 'campaign', 'getStatus', 1)).toMatchObject({ type: 'string' });
		expect(parameter('campaignUid', 'campaign', 'getStatus', LATEST)).toBeUndefined();
		const { items, error } = await run(
			{ resource: 'campaign', operation: 'getStatus', campaignUid: '={{ $json.uid }}' },
			{ typeVersion: 1, items: [{ uid: SEEDED_CAMPAIGN_UID }] },
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			campaignUid: SEEDED_CAMPAIGN_UID,
			campaignStatus: 'executed',
		});
	});
});

describe('Message → Send Template: the template picker', () => {
	it('lists approved templates by name, language and category, valued name|language', async () => {
		const page = await handle.searchList('searchTemplates', { filter: 'order' });
		expect(handle.sim.journal[0].query).toEqual({
			page: '1',
			page_size: '50',
			search_term: 'order',
		});
		expect(page.results.length).toBeGreaterThan(0);
		for (const { name, value } of page.results) {
			const [templateName, language] = String(value).split('|');
			expect(name).toMatch(new RegExp(`^${templateName} \\(${language}\\)( · [A-Z]+)?$`));
		}
		expect(page.results.map((result) => result.value)).toContain('order_update|en');
	});

	it('offers From List (the default) and By Name and Language, which $fromAI can fill', () => {
		const picker = parameter('template', 'message', 'sendTemplate', LATEST);
		expect(picker?.default).toEqual({ mode: 'list', value: '' });
		expect(picker?.modes?.map((mode) => mode.name)).toEqual(['list', 'name']);
	});
});

describe('Group and label dropdowns', () => {
	it.each([
		[
			'getGroups',
			['Customers', 'Leads', 'VIP'],
			[GROUP_UIDS.Customers, GROUP_UIDS.Leads, GROUP_UIDS.VIP],
		],
		['getGroupTitles', ['Customers', 'Leads', 'VIP'], ['Customers', 'Leads', 'VIP']],
		[
			'getLabels',
			['Cold', 'Hot', 'Replied'],
			[LABEL_UIDS.Cold, LABEL_UIDS.Hot, LABEL_UIDS.Replied],
		],
		['getLabelTitles', ['Cold', 'Hot', 'Replied'], ['Cold', 'Hot', 'Replied']],
	])('%s lists every entry by title, in alphabetical order', async (method, names, values) => {
		const options = await handle.loadOptions(method);
		expect(options.map((option) => option.name)).toEqual(names);
		expect(options.map((option) => option.value)).toEqual(values);
	});
});

describe('Contact → Add to Groups / Add Labels: titles instead of UIDs, as an expression or an AI agent gives them', () => {
	it('looks titles up, exactly or else ignoring case, and sends their UIDs', async () => {
		const { items, error } = await run({
			resource: 'contact',
			operation: 'addToGroups',
			phoneNumbers: ASHA.phone,
			groupIds: '={{ "VIP, customers" }}',
		});
		expect(error).toBeUndefined();
		expect(requests()).toEqual(['GET contact/groups', 'GET contact', 'POST contact/assign-groups']);
		expect(handle.sim.requestsTo('contact/assign-groups', 'POST')[0].body).toEqual({
			contacts_uid: [ASHA.uid],
			groups_uid: [GROUP_UIDS.VIP, GROUP_UIDS.Customers],
		});
		expect(items[0].json).toMatchObject({ changed: true });
	});

	it('takes UIDs and titles mixed', async () => {
		const { error } = await run({
			resource: 'contact',
			operation: 'addLabels',
			phoneNumbers: ASHA.phone,
			labelIds: `${LABEL_UIDS.Hot}, Replied`,
		});
		expect(error).toBeUndefined();
		expect(handle.sim.requestsTo('contact/assign-labels', 'POST')[0].body).toEqual({
			contacts_uid: [ASHA.uid],
			labels_uid: [LABEL_UIDS.Hot, LABEL_UIDS.Replied],
		});
	});

	it('names every title that matches nothing and changes nothing', async () => {
		const { error } = await run({
			resource: 'contact',
			operation: 'removeLabels',
			phoneNumbers: JOHAN.phone,
			labelIds: 'Hot, Warm, Lukewarm',
		});
		expect(error?.message).toBe(
			`'Label Names or IDs' names labels SmartWats does not have: "Warm", "Lukewarm" [item 0]`,
		);
		expect(error?.description).toMatch(/^Nothing was changed\./);
		expect(requests()).toEqual(['GET contact/labels-tags']);
	});

	it('checks UIDs picked from the list against the account, reading it once for all items', async () => {
		const { error } = await run(
			{
				resource: 'contact',
				operation: 'addToGroups',
				phoneNumbers: '={{ $json.phone }}',
				groupIds: [GROUP_UIDS.VIP],
			},
			{ items: [{ phone: ASHA.phone }, { phone: JOHAN.phone }] },
		);
		expect(error).toBeUndefined();
		expect(requests()).toEqual([
			'GET contact/groups',
			'GET contact',
			'POST contact/assign-groups',
			'GET contact',
			'POST contact/assign-groups',
		]);
	});
});
