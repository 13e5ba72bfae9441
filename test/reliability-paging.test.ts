/**
 * Return All in few requests, paging that cannot loop or repeat, and Requests Per Minute that paces every request
 * this n8n process makes to one SmartWats host, across runs and executions.
 */
import { faults } from './fake-smartwats';
import { useSimulator } from './harness/simulator';

const handle = useSimulator();
const { run } = handle;

const listContacts = { resource: 'contact', operation: 'getAll' };
const contactReads = () => handle.sim.requestsTo('contacts', 'GET');
const pageSizes = () => contactReads().map((entry) => Number(entry.query.page_size));
const uidsOf = (items: Array<{ json: { _uid?: unknown } }>) => items.map((item) => item.json._uid);

describe('Reliability → Return All in few requests', () => {
	it('returns all of 2,506 contacts in 3 requests of 1,000 rows', async () => {
		handle.sim.seedContacts(2501);
		const { items, error } = await run({ ...listContacts, returnAll: true });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2506);
		expect(new Set(uidsOf(items)).size).toBe(2506);
		expect(contactReads().length).toBeLessThanOrEqual(5);
		expect(pageSizes()).toEqual([1000, 1000, 1000]);
	});

	it('asks for fewer rows per request when Rows Per Page is lowered for a slow server', async () => {
		handle.sim.seedContacts(245);
		const { items } = await run({
			...listContacts,
			returnAll: true,
			requestOptions: { pageSize: 100 },
		});
		expect(items).toHaveLength(250);
		expect(pageSizes()).toEqual([100, 100, 100]);
	});

	it('asks for just enough with a Limit', async () => {
		handle.sim.seedContacts(2000);
		const { items } = await run({ ...listContacts, returnAll: false, limit: 1500 });
		expect(items).toHaveLength(1500);
		expect(pageSizes()).toEqual([1000, 1000]);
		handle.sim.clearJournal();
		const { items: few } = await run({ ...listContacts, returnAll: false, limit: 7 });
		expect(few).toHaveLength(7);
		expect(pageSizes()).toEqual([7]);
	});
});

describe('Reliability → paging that cannot loop or repeat', () => {
	const pagesOf10 = { ...listContacts, returnAll: true, requestOptions: { pageSize: 10 } };
	beforeEach(() => handle.sim.seedContacts(25));

	it('stops with a clear error when SmartWats sends the same page again', async () => {
		handle.sim.addFault({ ...faults.pagingRepeats, endpoint: 'contacts' });
		const { items, error } = await run(pagesOf10);
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'SmartWats sent page 1 when page 2 of GET contacts was asked for [item 0]',
		);
		expect(contactReads()).toHaveLength(2);
	});

	it('stops with a clear error when the pages never end and come round again', async () => {
		handle.sim.addFault({ ...faults.pagingEndless, endpoint: 'contacts' });
		const { error } = await run(pagesOf10);
		expect(error?.message).toBe(
			'SmartWats sent page 4 of GET contacts with only rows it had already sent [item 0]',
		);
		expect(contactReads()).toHaveLength(4);
	});

	it('treats an answer without the paginator as a failure, not as an empty list', async () => {
		handle.sim.addFault({ ...faults.pagingMissing, endpoint: 'contacts' });
		const { items, error } = await run(pagesOf10);
		expect(items).toEqual([]);
		expect(error?.message).toBe(
			'SmartWats answered GET contacts without the list of results [item 0]',
		);
		expect(error?.description).toContain('data.contactList');
	});

	it('outputs a row the server sends twice only once', async () => {
		handle.sim.addFault({ ...faults.pagingDuplicates, endpoint: 'contacts' });
		const { items, error } = await run(pagesOf10);
		expect(error).toBeUndefined();
		expect(
			contactReads().map(
				(entry) =>
					(entry.response as { data: { contactList: { data: unknown[] } } }).data.contactList.data
						.length,
			),
		).toEqual([10, 11, 11]);
		expect(items).toHaveLength(30);
		expect(new Set(uidsOf(items)).size).toBe(30);
	});

	it('gives up after 1,000 pages, however many more SmartWats announces', async () => {
		handle.sim.seedContacts(1000);
		const { error } = await run({
			...listContacts,
			returnAll: true,
			requestOptions: { pageSize: 1 },
		});
		expect(error?.message).toBe(
			'SmartWats kept announcing more pages after 1000 pages of GET contacts [item 0]',
		);
		expect(contactReads()).toHaveLength(1000);
	});
});

describe('Reliability → Requests Per Minute paces the host, not the run', () => {
	const sendText = {
		resource: 'message',
		operation: 'sendText',
		phoneNumber: '={{ $json.phone }}',
		text: 'Hi',
		// One request every 750 ms: at most 3 in any 2-second window of the simulator's limiter.
		requestOptions: { requestsPerMinute: 80 },
	};
	const throttled = () =>
		handle.sim.requestsTo('contact/send-message').filter((entry) => entry.status === 429);

	it('keeps its pace across runs of the node, as inside Loop Over Items', async () => {
		handle.sim.setRateLimit({ limit: 4, windowMs: 2000 });
		for (let index = 0; index < 8; index++) {
			const { items } = await run(sendText, { items: [{ phone: `9198000007${10 + index}` }] });
			expect(items[0].json.status).toBe('accepted');
		}
		expect(handle.sim.requestsTo('contact/send-message')).toHaveLength(8);
		expect(throttled()).toEqual([]);
	});

	it('paces two executions running at the same time together', async () => {
		handle.sim.setRateLimit({ limit: 4, windowMs: 2000 });
		const batch = (first: number) =>
			Array.from({ length: 4 }, (_, index) => ({ phone: `9198000008${first + index}` }));
		const results = await Promise.all([
			run(sendText, { items: batch(10) }),
			run(sendText, { items: batch(20) }),
		]);
		for (const { items } of results)
			expect(items.map((item) => item.json.status)).toEqual([
				'accepted',
				'accepted',
				'accepted',
				'accepted',
			]);
		expect(handle.sim.requestsTo('contact/send-message')).toHaveLength(8);
		expect(throttled()).toEqual([]);
	});
});
