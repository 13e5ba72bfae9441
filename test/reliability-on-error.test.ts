/**
 * Every item accounted for in each of n8n's three On Error settings, and no send after a known failure: the node runs
 * in n8n-core's WorkflowExecute, so what is checked here is what n8n itself routes to the success output, the error
 * output or the execution's error.
 */
import type { IDataObject } from 'n8n-workflow';

import { JOHAN } from './harness/seed';
import { useSimulator } from './harness/simulator';

const handle = useSimulator();
const { run } = handle;

const sendText = {
	resource: 'message',
	operation: 'sendText',
	phoneNumber: '={{ $json.phone }}',
	text: 'Hi',
};
const phonesSent = () =>
	handle.sim.requestsTo('contact/send-message', 'POST').map((entry) => entry.body.phone_number);
/** What SmartWats answered each processed send, by phone number. */
const logUidSentTo = (phone: string) =>
	handle.sim
		.requestsTo('contact/send-message', 'POST')
		.find((entry) => entry.body.phone_number === phone && entry.status === 200)?.response.data
		.log_uid as string;

// Item 1 fails its check before any request, item 2 is refused by WhatsApp (a 999 number), items 0 and 3 go out.
const mixed = [
	{ phone: '919800000501' },
	{ phone: 'not a number' },
	{ phone: '999123456789' },
	{ phone: '919800000504' },
];
const badNumber = '\'Phone Number\' is not an international phone number: "not a number"';
const refusedByMeta = /^SmartWats: \(#131030\) Recipient phone number not in allowed list/;

describe('Reliability → On Error: Continue (regular output)', () => {
	it('outputs one item per input, in input order, the failed ones as { error, description, itemIndex }', async () => {
		const { items, errorItems, error } = await run(sendText, {
			items: mixed,
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(errorItems).toEqual([]);
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(items[0].json.status).toBe('accepted');
		expect(items[1].json).toEqual({
			error: badNumber,
			description: expect.stringContaining('country code'),
			itemIndex: 1,
		});
		expect(items[2].json).toEqual({
			error: expect.stringMatching(refusedByMeta),
			description: expect.stringContaining('WhatsApp (Meta) rejected the message'),
			itemIndex: 2,
		});
		expect(items[3].json.status).toBe('accepted');
		expect(phonesSent()).toEqual(['919800000501', '999123456789', '919800000504']);
	});
});

describe('Reliability → On Error: Continue (using error output)', () => {
	it('sends failed items to the error output with their description, and successes to the success output', async () => {
		const { items, errorItems, error } = await run(sendText, {
			items: mixed,
			onError: 'continueErrorOutput',
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.pairedItem, item.json.status])).toEqual([
			[{ item: 0 }, 'accepted'],
			[{ item: 3 }, 'accepted'],
		]);
		expect(errorItems.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
		// n8n adds the input item's fields, so the error branch knows whom the failed message was for.
		expect(errorItems[0].json).toEqual({
			phone: 'not a number',
			error: {
				message: badNumber,
				description: expect.stringContaining('country code'),
				itemIndex: 1,
			},
		});
		expect(errorItems[1].json).toEqual({
			phone: '999123456789',
			error: {
				message: expect.stringMatching(refusedByMeta),
				description: expect.stringContaining('WhatsApp (Meta) rejected the message'),
				itemIndex: 2,
				httpCode: '400',
			},
		});
	});

	it('leaves the error output empty when nothing fails', async () => {
		const { items, errorItems } = await run(sendText, {
			items: [{ phone: '919800000511' }, { phone: '919800000512' }],
			onError: 'continueErrorOutput',
		});
		expect(items).toHaveLength(2);
		expect(errorItems).toEqual([]);
	});

	it('sends every item to the error output when a Request Option is invalid, and nothing to SmartWats', async () => {
		const { items, errorItems } = await run(
			{ ...sendText, requestOptions: { parallelRequests: '={{ "many" }}' } },
			{
				items: [{ phone: '919800000521' }, { phone: '919800000522' }],
				onError: 'continueErrorOutput',
			},
		);
		expect(items).toEqual([]);
		expect(
			errorItems.map((item) => [item.pairedItem, (item.json.error as IDataObject).message]),
		).toEqual([
			[{ item: 0 }, '\'Parallel Requests\' must be a whole number from 1 to 20, got "many"'],
			[{ item: 1 }, '\'Parallel Requests\' must be a whole number from 1 to 20, got "many"'],
		]);
		expect(handle.sim.journal).toEqual([]);
	});
});

describe('Reliability → On Error: Stop Workflow', () => {
	it('fails the execution with the first failure, naming the item, and starts no item after it', async () => {
		const { items, error } = await run(sendText, { items: mixed });
		expect(items).toEqual([]);
		expect(error?.message).toBe(`${badNumber} [item 1]`);
		expect(error?.context?.itemIndex).toBe(1);
		expect(phonesSent()).toEqual(['919800000501']);
	});

	it('says which earlier items were already sent, with their log UIDs, and how to re-run safely', async () => {
		const { error } = await run(sendText, {
			items: [{ phone: '919800000531' }, { phone: '919800000532' }, { phone: '999123456789' }],
		});
		expect(error?.message).toMatch(refusedByMeta);
		expect(error?.message).toMatch(/ \[item 2\]$/);
		expect(error?.description).toContain(
			`Other items were already sent before the run stopped: item 0 (log_uid ${logUidSentTo('919800000531')}), item 1 (log_uid ${logUidSentTo('919800000532')}).`,
		);
		expect(error?.description).toContain('remove these items from its input');
		expect(error?.description).toContain('On Error setting to "Continue"');
	});

	it('says nothing about other items when none was carried out', async () => {
		const { error } = await run(sendText, {
			items: [{ phone: 'not a number' }, { phone: JOHAN.phone }],
		});
		expect(error?.message).toBe(`${badNumber} [item 0]`);
		expect(error?.description).not.toContain('before the run stopped');
		expect(phonesSent()).toEqual([]);
	});
});

describe('Reliability → Parallel Requests, Stop Workflow', () => {
	it('starts no item after a failure and lists the items already sent, with their log UIDs', async () => {
		// Paced 50 ms apart so the three first items reach SmartWats in order; the first two answer after 500 ms.
		handle.sim.addFault({
			endpoint: 'contact/send-message',
			delayMs: 500,
			process: true,
			times: 2,
		});
		const { error } = await run(
			{ ...sendText, requestOptions: { parallelRequests: 3, requestsPerMinute: 1200 } },
			{
				items: [
					{ phone: '919800000541' },
					{ phone: '919800000542' },
					{ phone: '999123456789' },
					{ phone: '919800000544' },
					{ phone: '919800000545' },
				],
			},
		);
		expect(phonesSent()).toEqual(['919800000541', '919800000542', '999123456789']);
		expect(error?.message).toMatch(refusedByMeta);
		expect(error?.message).toMatch(/ \[item 2\]$/);
		expect(error?.context?.itemIndex).toBe(2);
		expect(error?.description).toContain(
			`Other items were already sent before the run stopped: item 0 (log_uid ${logUidSentTo('919800000541')}), item 1 (log_uid ${logUidSentTo('919800000542')}).`,
		);
		expect(error?.context?.alreadyCarriedOut).toEqual([
			{ itemIndex: 0, logUid: logUidSentTo('919800000541') },
			{ itemIndex: 1, logUid: logUidSentTo('919800000542') },
		]);
	});

	it('holds back an item that had started but not yet sent: a failure found first stops it', async () => {
		// Items 0 and 1 start together; item 0 fails its check before item 1's request is written.
		const { error } = await run(
			{ ...sendText, requestOptions: { parallelRequests: 2 } },
			{ items: [{ phone: 'not a number' }, { phone: '919800000552' }, { phone: '919800000553' }] },
		);
		expect(error?.message).toBe(`${badNumber} [item 0]`);
		expect(phonesSent()).toEqual([]);
	});

	it('sends nothing more from an item waiting for its turn under Requests Per Minute once another item failed', async () => {
		// 6 a minute: item 0 goes at once and is refused, item 1's turn would come 10 s later.
		const { error } = await run(
			{ ...sendText, requestOptions: { parallelRequests: 2, requestsPerMinute: 6 } },
			{ items: [{ phone: '999123456789' }, { phone: '919800000562' }] },
		);
		expect(error?.message).toMatch(refusedByMeta);
		expect(error?.message).toMatch(/ \[item 0\]$/);
		expect(phonesSent()).toEqual(['999123456789']);
	});

	it('reports the first failure in input order, and another item whose answer was lost as possibly sent', async () => {
		// Paced 100 ms apart: item 0 (refused by WhatsApp) is answered after 600 ms; item 1 is carried out, but its
		// connection closes 100 ms later without an answer.
		handle.sim.addFault({ endpoint: 'contact/send-message', delayMs: 600, process: true });
		handle.sim.addFault({
			endpoint: 'contact/send-message',
			delayMs: 100,
			process: true,
			drop: true,
		});
		const { error } = await run(
			{ ...sendText, requestOptions: { parallelRequests: 2, requestsPerMinute: 600 } },
			{ items: [{ phone: '999123456789' }, { phone: '919800000572' }, { phone: '919800000573' }] },
		);
		expect(error?.message).toMatch(refusedByMeta);
		expect(error?.message).toMatch(/ \[item 0\]$/);
		expect(error?.description).toContain(
			'Item 1 may have been carried out too (no clear answer came back).',
		);
		expect(error?.context?.mayHaveBeenCarriedOut).toEqual([1]);
		expect(phonesSent()).toEqual(['999123456789', '919800000572']);
		expect(
			handle.sim.requestsTo('contact/send-message').filter((entry) => entry.processed),
		).toHaveLength(2);
	});

	it('outputs one item per input in input order, whichever answer comes back first', async () => {
		handle.sim.addFault({ endpoint: 'contact/send-message', method: 'POST', delayMs: 1000 });
		const phones = ['919800000201', '919800000202', '919800000203'];
		const { items, error } = await run(
			{ ...sendText, requestOptions: { parallelRequests: 3 } },
			{ items: phones.map((phone) => ({ phone })) },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.phone_number)).toEqual(phones);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});
