/**
 * Bad input gets a clear error naming the field, before any request: numbers are numbers, text is text (and within
 * WhatsApp's limits), yes/no is yes/no, and no value can point a request at another path.
 */
import { JOHAN, SEEDED_CAMPAIGN_UID } from './harness/seed';
import { useSimulator } from './harness/simulator';

const handle = useSimulator();
const { run } = handle;

const sendText = {
	resource: 'message',
	operation: 'sendText',
	phoneNumber: JOHAN.phone,
	text: 'Hi',
};
const sendTemplate = {
	resource: 'message',
	operation: 'sendTemplate',
	phoneNumber: JOHAN.phone,
	template: { __rl: true, mode: 'name', value: 'welcome|en' },
	bodyParameters: { parameter: [{ value: '{first_name}' }] },
};
const sendInteractive = {
	resource: 'message',
	operation: 'sendInteractive',
	phoneNumber: JOHAN.phone,
	bodyText: 'Pick one',
	interactiveType: 'button',
	replyButtons: { button: [{ label: 'Yes' }] },
};
const listContacts = { resource: 'contact', operation: 'getAll' };

/** Runs the node and checks that it failed naming the field, without a single request to SmartWats. */
async function expectRefused(
	parameters: Record<string, unknown>,
	message: string | RegExp,
	items?: Array<Record<string, unknown>>,
) {
	const { error, items: output } = await run(parameters, { items });
	expect(output).toEqual([]);
	if (typeof message === 'string') expect(error?.message).toBe(message);
	else expect(error?.message).toMatch(message);
	expect(error?.description).toBeTruthy();
	expect(handle.sim.journal).toEqual([]);
	return error;
}

describe('Reliability → numbers are numbers', () => {
	it.each([
		['text', '={{ "abc" }}', 'got "abc"'],
		['NaN', '={{ 0 / 0 }}', 'got null'],
		['zero', 0, 'got 0'],
		['a negative number', -2, 'got -2'],
		['a fraction', 1.5, 'got 1.5'],
		['an absurdly large number', 500, 'got 500'],
		['a list', '={{ [2] }}', 'got [2]'],
	])('refuses Parallel Requests given as %s, processing no item', async (_, value, got) => {
		await expectRefused(
			{ ...sendText, requestOptions: { parallelRequests: value } },
			`'Parallel Requests' must be a whole number from 1 to 20, ${got} [item 0]`,
			[{}, {}, {}],
		);
	});

	it.each([
		[
			'Requests Per Minute',
			'requestsPerMinute',
			-1,
			"'Requests Per Minute' must be 0 (off) or a number from 1 to 10000, got -1",
		],
		[
			'Requests Per Minute',
			'requestsPerMinute',
			'={{ "fast" }}',
			'\'Requests Per Minute\' must be 0 (off) or a number from 1 to 10000, got "fast"',
		],
		[
			'Requests Per Minute',
			'requestsPerMinute',
			1e9,
			"'Requests Per Minute' must be 0 (off) or a number from 1 to 10000, got 1000000000",
		],
		['Timeout', 'timeout', 0, "'Timeout (Seconds)' must be a number from 1 to 3600, got 0"],
		[
			'Timeout',
			'timeout',
			'={{ "30s" }}',
			'\'Timeout (Seconds)\' must be a number from 1 to 3600, got "30s"',
		],
		['Timeout', 'timeout', 86400, "'Timeout (Seconds)' must be a number from 1 to 3600, got 86400"],
	])('refuses %s = %p before any request', async (_, key, value, message) => {
		await expectRefused({ ...sendText, requestOptions: { [key]: value } }, `${message} [item 0]`);
	});

	it('refuses Rows Per Page of 0 before any request', async () => {
		await expectRefused(
			{ ...listContacts, returnAll: true, requestOptions: { pageSize: 0 } },
			"'Rows Per Page' must be a whole number from 1 to 5000, got 0 [item 0]",
		);
	});

	it.each([
		['text', '={{ "ten" }}', 'got "ten"'],
		['zero', 0, 'got 0'],
		['a fraction', 2.5, 'got 2.5'],
	])('refuses a Limit given as %s before any request', async (_, value, got) => {
		await expectRefused(
			{ ...listContacts, returnAll: false, limit: value },
			`'Limit' must be a whole number from 1 to 1000000, ${got} [item 0]`,
		);
	});

	it('refuses a template Button Position that is not a whole number from 0 to 9', async () => {
		await expectRefused(
			{
				...sendTemplate,
				buttonParameters: { button: [{ index: '={{ "second" }}', value: 'orders/1' }] },
			},
			`'Button Position' must be a whole number from 0 to 9, got "second" [item 0]`,
		);
	});

	it('refuses a header latitude that is not a number', async () => {
		await expectRefused(
			{
				...sendTemplate,
				headerType: 'location',
				locationLatitude: '={{ "north" }}',
				locationLongitude: 72.8,
				locationName: 'Gateway',
				locationAddress: 'Mumbai',
			},
			`'Latitude' must be a number from -90 to 90, got "north" [item 0]`,
		);
	});

	it('accepts a number given as text, as a spreadsheet column gives it', async () => {
		const { items, error } = await run(
			{
				...sendText,
				phoneNumber: '={{ $json.phone }}',
				requestOptions: { parallelRequests: '={{ "2" }}' },
			},
			{ items: [{ phone: '919800000601' }, { phone: '919800000602' }] },
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.status)).toEqual(['accepted', 'accepted']);
	});

	it('with Continue On Fail, outputs an invalid Request Option as every item’s failure', async () => {
		const { items } = await run(
			{ ...sendText, requestOptions: { timeout: -5 } },
			{ items: [{}, {}], continueOnFail: true },
		);
		expect(items.map((item) => item.json)).toEqual([
			{
				error: "'Timeout (Seconds)' must be a number from 1 to 3600, got -5",
				description: expect.any(String),
				itemIndex: 0,
			},
			{
				error: "'Timeout (Seconds)' must be a number from 1 to 3600, got -5",
				description: expect.any(String),
				itemIndex: 1,
			},
		]);
		expect(handle.sim.journal).toEqual([]);
	});
});

describe('Reliability → text is text', () => {
	it.each([
		['an object', '={{ { text: "Hi" } }}', `'Text' is an object, not text: {"text":"Hi"} [item 0]`],
		['a list', '={{ ["Hi", "there"] }}', `'Text' is a list, not text: ["Hi","there"] [item 0]`],
	])(
		'refuses a message text that is %s instead of sending "[object Object]"',
		async (_, value, message) => {
			await expectRefused({ ...sendText, text: value }, message);
		},
	);

	it('sends a text of exactly 4,096 characters and refuses one more', async () => {
		const { error } = await run({ ...sendText, text: 'a'.repeat(4096) });
		expect(error).toBeUndefined();
		handle.sim.clearJournal();
		await expectRefused(
			{ ...sendText, text: 'a'.repeat(4097) },
			"'Text' has 4097 characters; WhatsApp allows 4096 [item 0]",
		);
	});

	it('counts characters as WhatsApp does: an emoji is one', async () => {
		const { error } = await run({
			...sendInteractive,
			replyButtons: { button: [{ label: '👍'.repeat(20) }] },
		});
		expect(error).toBeUndefined();
	});

	it.each([
		[
			'a caption over 1,024 characters',
			{
				resource: 'message',
				operation: 'sendMedia',
				phoneNumber: JOHAN.phone,
				mediaType: 'image',
				mediaUrl: 'https://example.com/a.jpg',
				options: { caption: 'c'.repeat(1025) },
			},
			"'Caption' has 1025 characters; WhatsApp allows 1024",
		],
		[
			'an interactive body over 1,024 characters',
			{ ...sendInteractive, bodyText: 'b'.repeat(1025) },
			"'Body Text' has 1025 characters; WhatsApp allows 1024",
		],
		[
			'an interactive header over 60 characters',
			{ ...sendInteractive, interactiveHeader: 'text', headerText: 'h'.repeat(61) },
			"'Header Text' has 61 characters; WhatsApp allows 60",
		],
		[
			'a footer over 60 characters',
			{ ...sendInteractive, options: { footerText: 'f'.repeat(61) } },
			"'Footer Text' has 61 characters; WhatsApp allows 60",
		],
		[
			'a list row title over 24 characters',
			{
				...sendInteractive,
				interactiveType: 'list',
				listButtonText: 'Open',
				listRows: { row: [{ rowId: 'r1', title: 't'.repeat(25), description: 'd' }] },
			},
			"'Row 1 Title' has 25 characters; WhatsApp allows 24",
		],
		[
			'a list section title over 24 characters',
			{
				...sendInteractive,
				interactiveType: 'list',
				listButtonText: 'Open',
				listRows: { row: [{ section: 's'.repeat(25), rowId: 'r1', title: 'T', description: 'd' }] },
			},
			"'Row 1 Section Title' has 25 characters; WhatsApp allows 24",
		],
		[
			'a template body value over 1,024 characters',
			{ ...sendTemplate, bodyParameters: { parameter: [{ value: 'v'.repeat(1025) }] } },
			"'Body Parameter 1' has 1025 characters; WhatsApp allows 1024",
		],
		[
			'a template header value over 60 characters',
			{
				...sendTemplate,
				template: { __rl: true, mode: 'name', value: 'promo_header_text|en' },
				headerType: 'text',
				headerText: 'h'.repeat(61),
			},
			"'Header Text Value' has 61 characters; WhatsApp allows 60",
		],
		[
			'a coupon code over 15 characters',
			{ ...sendTemplate, copyCode: 'SAVE'.repeat(4) },
			"'Coupon Code' has 16 characters; WhatsApp allows 15",
		],
		[
			'a new contact’s first name over 150 characters',
			{ ...sendText, newContact: { firstName: 'n'.repeat(151) } },
			"'First Name' has 151 characters; WhatsApp allows 150",
		],
	])('refuses %s, naming the field and the limit', async (_, parameters, message) => {
		await expectRefused(parameters, `${message} [item 0]`);
	});

	it('refuses a list of phone numbers that holds an object', async () => {
		await expectRefused(
			{
				resource: 'contact',
				operation: 'addToGroups',
				phoneNumbers: '={{ [{ phone: "919876543210" }] }}',
				groupIds: ['7a1c9e2d-3b4f-4a5c-9d6e-7f8091a2b3c1'],
			},
			/^'Phone Numbers' holds an object where text is expected: \{"phone":"919876543210"\} \[item 0\]$/,
		);
	});
});

describe('Reliability → yes/no is yes/no', () => {
	it('reads the text "false" from an expression as false, not as SmartWats would (true)', async () => {
		const { error } = await run({
			resource: 'contact',
			operation: 'create',
			phoneNumber: '919700000061',
			additionalFields: { aiBot: '={{ "false" }}' },
		});
		expect(error).toBeUndefined();
		expect(handle.sim.requestsTo('contact/create')[0].body.enable_ai_bot).toBe(false);
	});

	it('refuses a yes/no value that is neither', async () => {
		await expectRefused(
			{
				resource: 'contact',
				operation: 'create',
				phoneNumber: '919700000062',
				additionalFields: { optedOut: '={{ "maybe" }}' },
			},
			`'Opted Out' must be true or false, got "maybe" [item 0]`,
		);
	});
});

describe('Reliability → paths stay inside the API', () => {
	it.each(['.', '..'])('refuses the Campaign UID "%s" before any request', async (uid) => {
		await expectRefused(
			{ resource: 'campaign', operation: 'getStatus', campaignUid: uid },
			`'Campaign UID' cannot be "${uid}" [item 0]`,
		);
	});

	it('refuses an empty Campaign UID before any request', async () => {
		await expectRefused(
			{ resource: 'campaign', operation: 'getStatus', campaignUid: '={{ "" }}' },
			`'Campaign UID' is empty [item 0]`,
		);
	});

	it.each(['.', '..', ' '])(
		'refuses the Vendor UID "%s" in the credential before any request',
		async (vendorUid) => {
			const { error } = await run(sendText, { credentials: { vendorUid } });
			expect(error?.message).toBe(
				vendorUid.trim() === ''
					? 'The Vendor UID in the SmartWats API credential is empty [item 0]'
					: `The Vendor UID in the SmartWats API credential cannot be "${vendorUid}" [item 0]`,
			);
			expect(error?.description).toContain('Nothing was sent');
			expect(handle.sim.journal).toEqual([]);
		},
	);

	it('encodes a vendor UID with a slash so it cannot reach another path', async () => {
		const { error } = await run(sendText, {
			credentials: { vendorUid: `../${handle.sim.vendorUid}` },
		});
		expect(error).toBeDefined();
		expect(
			handle.sim.requestsTo('contact/send-message').filter((entry) => entry.processed),
		).toHaveLength(0);
	});

	it('still reaches a real campaign', async () => {
		const { items, error } = await run({
			resource: 'campaign',
			operation: 'getStatus',
			campaignUid: SEEDED_CAMPAIGN_UID,
		});
		expect(error).toBeUndefined();
		expect(items[0].json.campaignUid).toBe(SEEDED_CAMPAIGN_UID);
	});
});
