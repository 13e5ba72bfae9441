'use strict';
// Reliability in a real n8n, the package installed as a community package: n8n's own engine routes failed items
// (On Error), stops a run (no send after a known failure), and the node's HTTP calls go through n8n's own request
// helper (redirects, the Timeout as a deadline, pacing across the runs of Loop Over Items).

const SEND = { method: 'POST', endpoint: 'contact/send-message' };
const BAD_NUMBER = /^'Phone Number' is not an international phone number: "not a number"/;
const REFUSED_BY_META = /^SmartWats: \(#131030\) Recipient phone number not in allowed list/;
const MAY_HAVE_BEEN = 'may or may not have been carried out';

/** The log UID SmartWats answered to the send to `phone`. */
function logUidSentTo(expect, journal, phone) {
	const entry = expect.call(journal, { ...SEND, body: { phone_number: phone }, status: 200 });
	return entry.response.data.log_uid;
}

function phonesSent(journal) {
	return journal
		.filter((entry) => entry.method === SEND.method && entry.endpoint === SEND.endpoint)
		.map((entry) => entry.body.phone_number);
}

module.exports = [
	{
		name: 'reliability: On Error "Continue (regular output)" keeps one item per input, failed ones with their description',
		workflow: 'e2eRelOnErrRegular',
		check({ expect, result, journal }) {
			expect.success(result);
			const items = expect.output(result, 'SmartWats', 4);
			expect.like(items[0], { status: 'accepted', phone_number: '919800000901' }, 'item 0');
			expect.like(
				items[1],
				{ error: BAD_NUMBER, description: /country code/, itemIndex: 1 },
				'item 1',
			);
			expect.like(
				items[2],
				{ error: REFUSED_BY_META, description: /WhatsApp \(Meta\) rejected/, itemIndex: 2 },
				'item 2',
			);
			expect.like(items[3], { status: 'accepted', phone_number: '919800000904' }, 'item 3');
			expect.equal(
				phonesSent(journal),
				['919800000901', '999123456789', '919800000904'],
				'numbers sent',
			);
		},
	},
	{
		name: 'reliability: On Error "Continue (using error output)" routes failed items to the error output',
		workflow: 'e2eRelOnErrOutput',
		check({ expect, result }) {
			expect.success(result);
			expect.like(
				result.output('SmartWats', 0),
				[
					{ status: 'accepted', phone_number: '919800000901' },
					{ status: 'accepted', phone_number: '919800000904' },
				],
				'success output',
			);
			expect.like(
				result.output('SmartWats', 1),
				[
					{
						phone: 'not a number',
						error: { message: BAD_NUMBER, description: /country code/, itemIndex: 1 },
					},
					{
						phone: '999123456789',
						error: {
							message: REFUSED_BY_META,
							description: /WhatsApp \(Meta\) rejected/,
							itemIndex: 2,
							httpCode: '400',
						},
					},
				],
				'error output',
			);
			expect.output(result, 'Sent', 2);
			expect.output(result, 'Failed', 2);
		},
	},
	{
		name: 'reliability: On Error "Stop Workflow" fails naming the item and lists the item already sent',
		workflow: 'e2eRelOnErrStop',
		check({ expect, result, journal }) {
			const error = expect.failure(result, BAD_NUMBER);
			expect.ok(/ \[item 1\]$/.test(error.message), `message names the item: ${error.message}`);
			const logUid = logUidSentTo(expect, journal, '919800000901');
			expect.ok(
				error.description.includes(
					`Other items were already sent before the run stopped: item 0 (log_uid ${logUid}).`,
				),
				`description lists item 0: ${error.description}`,
			);
			expect.equal(phonesSent(journal), ['919800000901'], 'numbers sent');
		},
	},
	{
		name: 'reliability: with Parallel Requests, no item starts after a failure and the items already sent are listed',
		workflow: 'e2eRelParallelStop',
		async before({ sim }) {
			// The first two sends (items 0 and 1, paced 50 ms apart) are answered after 500 ms.
			await sim.faults({ endpoint: 'contact/send-message', delayMs: 500, process: true, times: 2 });
		},
		check({ expect, result, journal }) {
			const error = expect.failure(result, REFUSED_BY_META);
			expect.ok(/ \[item 2\]$/.test(error.message), `message names the item: ${error.message}`);
			expect.equal(
				phonesSent(journal),
				['919800000941', '919800000942', '999123456789'],
				'numbers sent',
			);
			const listed = `Other items were already sent before the run stopped: item 0 (log_uid ${logUidSentTo(expect, journal, '919800000941')}), item 1 (log_uid ${logUidSentTo(expect, journal, '919800000942')}).`;
			expect.ok(error.description.includes(listed), `description: ${error.description}`);
			expect.ok(
				error.description.includes('remove these items from its input'),
				'description says how to re-run safely',
			);
		},
	},
	{
		name: 'reliability: Parallel Requests given as text stops the run naming the field, before any request',
		workflow: 'e2eRelNumbers',
		check({ expect, result, journal }) {
			expect.failure(result, /'Parallel Requests' must be a whole number from 1 to 20, got "many"/);
			expect.equal(journal, [], 'requests to SmartWats');
		},
	},
	{
		name: 'reliability: a send answered with a redirect is not followed; nothing reaches the other origin',
		workflow: 'e2eRelRedirectSend',
		async before(ctx) {
			ctx.recorder = await ctx.sim.admin('POST', 'recorders');
			await ctx.sim.faults({
				preset: 'redirect',
				args: [307, `${ctx.recorder.url}/api/collect`],
				endpoint: 'contact/send-message',
			});
		},
		async check({ expect, result, journal, sim, recorder }) {
			const error = expect.failure(
				result,
				`SmartWats redirected the request to ${recorder.url}/api/collect (HTTP 307)`,
			);
			expect.ok(error.description.includes(MAY_HAVE_BEEN), `description: ${error.description}`);
			expect.journal(journal, [{ ...SEND, status: 307 }]);
			const received = await sim.admin('GET', `recorders/${recorder.id}`);
			await sim.admin('DELETE', `recorders/${recorder.id}`);
			expect.equal(received, [], 'requests that reached the other origin');
		},
	},
	{
		name: 'reliability: a read redirected within the same origin is followed',
		workflow: 'e2eRelRedirectRead',
		async before({ sim }) {
			await sim.faults({
				preset: 'redirect',
				args: [302, `/api/${sim.vendorUid}/contact/groups?page=1&page_size=50`],
				endpoint: 'contact/groups',
			});
		},
		check({ expect, result, journal }) {
			expect.success(result);
			expect.like(
				expect.output(result, 'SmartWats', 3),
				[{ title: 'Customers' }, { title: 'Leads' }, { title: 'VIP' }],
				'groups',
			);
			expect.journal(journal, [
				{ method: 'GET', endpoint: 'contact/groups', status: 302 },
				{ method: 'GET', endpoint: 'contact/groups', status: 200 },
			]);
		},
	},
	{
		name: 'reliability: an answer trickling in past the Timeout is cut off at the Timeout',
		workflow: 'e2eRelDeadline',
		async before({ sim }) {
			await sim.faults({ preset: 'trickle', args: [8000], endpoint: 'contact/send-message' });
		},
		check({ expect, result, journal }) {
			const error = expect.failure(result, 'SmartWats did not answer within 2 seconds [item 0]');
			expect.ok(error.description.includes(MAY_HAVE_BEEN), `description: ${error.description}`);
			expect.journal(journal, [{ ...SEND, processed: true }]);
		},
	},
	{
		name: 'reliability: Requests Per Minute paces every run of the node inside Loop Over Items',
		workflow: 'e2eRelLoopPacing',
		async before({ sim }) {
			// 60 a minute is one request a second: at most 2 in any 2-second window, under this limit of 3.
			await sim.admin('POST', 'rate-limit', { limit: 3, windowMs: 2000 });
		},
		check({ expect, result, journal }) {
			expect.success(result);
			const sends = expect.calls(journal, SEND, 6);
			expect.equal(
				sends.filter((entry) => entry.status === 429),
				[],
				'requests throttled by SmartWats',
			);
		},
	},
];
