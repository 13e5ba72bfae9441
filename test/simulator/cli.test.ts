/**
 * The simulator as a program: closing with connections open, and cli.js, which the demo, the benchmarks and the
 * real-n8n tier start as a separate process.
 */
import { DEFAULT_TOKEN, startRecorder, startSimulator } from '../fake-smartwats';
import { openKeepAliveConnection, runScript } from '../harness/node-io';

describe('Lifecycle', () => {
	it('closes even with keep-alive connections open, dropping them', async () => {
		const other = await startSimulator({ rateLimit: false });
		const connection = await openKeepAliveConnection(`${other.url}/`);
		try {
			await other.close();
			// close() resolving at all proves it did not wait for the idle client; the connection is gone too.
			await connection.closed;
		} finally {
			connection.destroy();
		}
	});
});

describe('cli.js', () => {
	it('prints one JSON line, serves the API with the given options and stops on SIGTERM', async () => {
		const cli = runScript('test/fake-smartwats/cli.js', [
			'--port',
			'0',
			'--no-rate-limit',
			'--contacts',
			'3',
			'--vendor-uid',
			'cli-vendor',
		]);
		try {
			const info = JSON.parse(await cli.firstLine);
			expect(Object.keys(info)).toEqual(['url', 'vendorUid', 'token', 'adminUrl']);
			expect(info).toMatchObject({
				vendorUid: 'cli-vendor',
				token: DEFAULT_TOKEN,
				url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/api$/),
			});
			const response = await fetch(`${info.url}/cli-vendor/contacts`, {
				headers: { Authorization: `Bearer ${info.token}` },
			});
			expect(await response.json()).toMatchObject({ data: { contactList: { total: 8 } } });
			expect(response.headers.get('x-ratelimit-limit')).toBeNull();
			cli.kill('SIGTERM');
			expect(await cli.exited).toBe(0);
		} finally {
			cli.kill('SIGKILL');
		}
	});

	it('takes --webhook-url and the media options', async () => {
		const receiver = await startRecorder();
		const cli = runScript('test/fake-smartwats/cli.js', [
			'--port',
			'0',
			'--no-rate-limit',
			'--webhook-url',
			`${receiver.url}/from-cli`,
			'--large-media-bytes',
			'1000',
			'--slow-media-ms',
			'10',
		]);
		try {
			const info = JSON.parse(await cli.firstLine);
			const settings = await fetch(`${info.adminUrl}/media`).then((response) => response.json());
			expect(settings).toMatchObject({ largeMediaBytes: 1000, slowMediaMs: 10 });
			await fetch(`${info.url}/${info.vendorUid}/contact/create`, {
				method: 'POST',
				headers: {
					Authorization: `Bearer ${info.token}`,
					'Content-Type': 'application/json',
					Accept: 'application/json',
				},
				body: JSON.stringify({ phone_number: '919700000123', first_name: 'Meera' }),
			});
			expect(receiver.requests.map((request) => request.path)).toEqual(['/from-cli']);
			cli.kill('SIGTERM');
			expect(await cli.exited).toBe(0);
		} finally {
			cli.kill('SIGKILL');
			await receiver.close();
		}
	});
});
