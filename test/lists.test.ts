/**
 * Group, Label and Template → Get Many against the simulator: the exact query that reaches SmartWats (page,
 * page_size, search_term), paging for Return All and Limit, one output item per row as SmartWats sent it, and
 * what the user sees when SmartWats refuses.
 */
import { defaultSeed } from './fake-smartwats';
import { useSimulator } from './harness/simulator';

const handle = useSimulator();
const { run } = handle;

/** The rows SmartWats answered with, page after page, for the requests to `endpoint`. */
function rowsAnswered(endpoint: string, paginatorKey: string): unknown[] {
	return handle.sim
		.requestsTo(endpoint, 'GET')
		.flatMap((entry) => entry.response.data[paginatorKey].data);
}

const lists = [
	{
		name: 'Group',
		resource: 'group',
		endpoint: 'contact/groups',
		key: 'contactList',
		search: 'top',
		found: ['VIP'],
	},
	{
		name: 'Label',
		resource: 'label',
		endpoint: 'contact/labels-tags',
		key: 'contactList',
		search: 'o',
		found: ['Cold', 'Hot'],
	},
	{
		name: 'Template',
		resource: 'template',
		endpoint: 'contact/template-list',
		key: 'templateList',
		search: 'MARKETING',
		found: ['welcome', 'promo_header_text', 'product_carousel', 'festive_offer'],
	},
];

describe.each(lists)('$name → Get Many', ({ resource, endpoint, key, search, found }) => {
	it('asks for one page of Limit rows and outputs each row as an item', async () => {
		const { items, error } = await run({ resource, operation: 'getAll', limit: 2 });
		expect(error).toBeUndefined();
		const requests = handle.sim.requestsTo(endpoint, 'GET');
		expect(requests).toHaveLength(1);
		expect(requests[0].query).toEqual({ page: '1', page_size: '2' });
		expect(items.map((item) => item.json)).toEqual(rowsAnswered(endpoint, key));
		expect(items).toHaveLength(2);
		expect(items[0].json._uid).toEqual(expect.any(String));
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('with Return All asks for pages of 1,000 and passes Search as search_term', async () => {
		const { items, error } = await run({
			resource,
			operation: 'getAll',
			returnAll: true,
			search: ` ${search} `,
		});
		expect(error).toBeUndefined();
		const requests = handle.sim.requestsTo(endpoint, 'GET');
		expect(requests.map((entry) => entry.query)).toEqual([
			{ page: '1', page_size: '1000', search_term: search },
		]);
		const names = items.map((item) => String(item.json.title ?? item.json.template_name));
		expect(names.sort()).toEqual([...found].sort());
	});
});

describe('Group, Label and Template → Get Many: every page, or none', () => {
	const manyGroups = () => {
		const seed = defaultSeed();
		// Newest first: group 1 is the oldest.
		const extra = Array.from({ length: 227 }, (_, index) => ({
			title: `Segment ${index + 1}`,
			created_at: new Date(Date.UTC(2025, 2, 1) + index * 60_000).toISOString(),
		}));
		handle.sim.reset({ ...seed, groups: [...(seed.groups ?? []), ...extra] });
	};

	it('Return All reads every page by number until the last one', async () => {
		manyGroups();
		const { items, error } = await run({
			resource: 'group',
			operation: 'getAll',
			returnAll: true,
			requestOptions: { pageSize: 100 },
		});
		expect(error).toBeUndefined();
		expect(handle.sim.requestsTo('contact/groups', 'GET').map((entry) => entry.query)).toEqual([
			{ page: '1', page_size: '100' },
			{ page: '2', page_size: '100' },
			{ page: '3', page_size: '100' },
		]);
		expect(items).toHaveLength(230);
		expect(new Set(items.map((item) => item.json._uid)).size).toBe(230);
		expect(items[0].json.title).toBe('Segment 227');
		expect(items.map((item) => item.json)).toEqual(rowsAnswered('contact/groups', 'contactList'));
	});

	it('a Limit within one page asks for exactly that many rows in one request', async () => {
		manyGroups();
		const { items } = await run({
			resource: 'group',
			operation: 'getAll',
			returnAll: false,
			limit: 150,
		});
		expect(handle.sim.requestsTo('contact/groups', 'GET').map((entry) => entry.query)).toEqual([
			{ page: '1', page_size: '150' },
		]);
		expect(items).toHaveLength(150);
		expect(items.map((item) => item.json)).toEqual(
			rowsAnswered('contact/groups', 'contactList').slice(0, 150),
		);
	});

	it('lists only approved templates, every one of them with Return All', async () => {
		const seed = defaultSeed();
		const extra = Array.from({ length: 104 }, (_, index) => ({
			template_name: `reminder_${index + 1}`,
			language: 'en',
			category: 'UTILITY',
			status: 'APPROVED',
		}));
		handle.sim.reset({ ...seed, templates: [...(seed.templates ?? []), ...extra] });
		const { items } = await run({
			resource: 'template',
			operation: 'getAll',
			returnAll: true,
			requestOptions: { pageSize: 100 },
		});
		expect(handle.sim.requestsTo('contact/template-list', 'GET')).toHaveLength(2);
		expect(items).toHaveLength(112);
		expect(items.some((item) => item.json.template_name === 'summer_sale')).toBe(false);
		expect(Object.keys(items[0].json).sort()).toEqual(
			[
				'_id',
				'_uid',
				'category',
				'created_at',
				'language',
				'status',
				'template_id',
				'template_name',
				'updated_at',
			].sort(),
		);
	});

	it('outputs nothing for an item whose search matches nothing', async () => {
		const { items, error } = await run({
			resource: 'label',
			operation: 'getAll',
			returnAll: true,
			search: 'no such label',
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
	});
});

describe('Template and Label → Get Many when SmartWats refuses', () => {
	it('shows the HTTP-200 "failed" answer with the hint for it', async () => {
		const { error } = await run(
			{ resource: 'template', operation: 'getAll', returnAll: true },
			{ credentials: { accessToken: 'not-the-token' } },
		);
		expect(error?.message).toBe('SmartWats: Invalid Token [item 0]');
		expect(error?.description).toContain('Settings → API Access & Webhook');
		expect(handle.sim.requestsTo('contact/template-list')).toHaveLength(1);
	});

	it('with Continue On Fail, one item per input: the failure for the one SmartWats refused, the rows for the other', async () => {
		handle.sim.addFault({
			endpoint: 'contact/labels-tags',
			method: 'GET',
			times: 1,
			json: { result: 'failed', message: 'Vendor account is not in active state', data: [] },
		});
		const { items, error } = await run(
			{ resource: 'label', operation: 'getAll', returnAll: true, search: '={{ $json.search }}' },
			{ items: [{ search: 'Hot' }, { search: 'Cold' }], continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json)).toEqual([
			{
				error: 'SmartWats: Vendor account is not in active state',
				description: 'Ask your SmartWats administrator to reactivate the account.',
				itemIndex: 0,
			},
			expect.objectContaining({ title: 'Cold' }),
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(
			handle.sim.requestsTo('contact/labels-tags').map((entry) => entry.query.search_term),
		).toEqual(['Hot', 'Cold']);
	});
});
