/**
 * The journal: every request under /api as it arrived and as it was answered, for tests that check what the node
 * sent. The admin API is never journaled.
 */
import { seeded } from '../fake-smartwats';
import { useSimulatorApi } from '../harness/simulator-client';

const api = useSimulatorApi();
const { post, get, admin } = api;
const { johan } = seeded.contacts;

describe('Journal', () => {
	it('records method, decoded endpoint, raw path, query, body, lower-case headers, status, response and time', async () => {
		await post(`contact/update/${johan.phone}`, { first_name: 'Johan' }, { query: { a: '1' } });
		const [entry] = api.sim.requestsTo(`contact/update/${johan.phone}`, 'POST');
		expect(entry).toMatchObject({
			seq: expect.any(Number),
			method: 'POST',
			endpoint: `contact/update/${johan.phone}`,
			rawPath: `/api/${api.sim.vendorUid}/contact/update/${johan.phone}?a=1`,
			query: { a: '1' },
			body: { first_name: 'Johan' },
			status: 200,
			response: {
				result: 'success',
				message: 'Contact details updated.',
				data: { contact_uid: johan.uid },
			},
			processed: true,
			at: expect.any(Number),
		});
		expect(entry.headers['content-type']).toBe('application/json');
		expect(api.sim.requestsTo(`contact/update/${johan.phone}`, 'GET')).toHaveLength(0);
		api.sim.clearJournal();
		expect(api.sim.journal).toHaveLength(0);
	});

	it('does not journal the admin API', async () => {
		await admin('GET', 'state');
		expect(api.sim.journal).toHaveLength(0);
	});

	it('is read and cleared over the admin API, optionally by endpoint', async () => {
		await get('contact/groups');
		await get('contacts');
		expect((await admin('GET', 'journal')).json).toHaveLength(2);
		expect((await admin('GET', 'journal?endpoint=contacts')).json).toMatchObject([
			{ endpoint: 'contacts' },
		]);
		expect((await admin('GET', 'journal?endpoint=contacts')).json).toHaveLength(1);
		await admin('DELETE', 'journal');
		expect(api.sim.journal).toHaveLength(0);
	});
});
