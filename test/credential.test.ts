import { testCredential } from './harness/engine';
import { useSimulator } from './harness/simulator';

const handle = useSimulator();

describe('SmartWats API credential test', () => {
	it('succeeds with the right token, tolerating a trailing slash on the base URL', async () => {
		const result = await testCredential({
			...handle.credentials,
			baseUrl: `${handle.credentials.baseUrl}/`,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection tested successfully' });
		const [request] = handle.sim.requestsTo('contact/groups', 'GET');
		expect(request.query).toEqual({ page_size: '1' });
		expect(request.headers.authorization).toBe(`Bearer ${handle.sim.token}`);
	});

	it('fails with a wrong token although the API answers HTTP 200', async () => {
		const result = await testCredential({ ...handle.credentials, accessToken: 'x'.repeat(64) });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('rejected the access token or vendor UID');
		expect(handle.sim.requestsTo('contact/groups')[0].status).toBe(200);
	});

	it('fails with a wrong vendor UID', async () => {
		const result = await testCredential({ ...handle.credentials, vendorUid: 'another-vendor' });
		expect(result.status).toBe('Error');
	});
});
