'use strict';
// The shipped examples (examples/*.json), run from their Manual Trigger ("try it") branch against the simulator.

module.exports = [
	{
		name: 'example: order update template for a new sheet row',
		workflow: 'swExOrderUpdate',
		check({ expect, result, journal }) {
			expect.success(result);
			const call = expect.call(journal, {
				method: 'POST',
				endpoint: 'contact/send-template-message',
			});
			expect.like(
				call.body,
				{
					phone_number: '919845012345',
					template_name: 'order_update',
					template_language: 'en',
					header_image: 'https://shop.example.com/images/order-banner.jpg',
					field_1: 'Asha',
					field_2: '#1001',
					button_1: 'orders/1001',
					copy_code: 'THANKYOU10',
					contact: { first_name: 'Asha' },
				},
				'request body',
			);
			expect.like(call, { status: 200, response: { result: 'success' } }, 'simulator answer');
			const [item] = expect.output(result, 'Send order update', 1);
			expect.like(item, { phone_number: '919845012345', wamid: /^wamid\./ }, 'node output');
		},
	},
	{
		name: 'example: weekly campaign is created for the VIP group and its status read',
		workflow: 'swExWeeklyCampaign',
		check({ expect, result, journal }) {
			expect.success(result);
			const create = expect.call(journal, { method: 'POST', endpoint: 'campaign/schedule' });
			expect.like(
				create.body,
				{
					title: /^Weekly offer \d{4}-\d{2}-\d{2}$/,
					template_name: 'festive_offer',
					template_language: 'en',
					contact_group: 'VIP',
					timezone: 'Asia/Kolkata',
					schedule_at: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
					expire_at: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
					field_1: '{first_name}',
					field_2: '20%',
				},
				'campaign/schedule body',
			);
			const [created] = expect.output(result, 'Create campaign', 1);
			expect.ok(
				typeof created.campaignUid === 'string' && created.campaignUid.length > 0,
				`no campaignUid in ${expect.show(created)}`,
			);
			expect.call(journal, { method: 'GET', endpoint: `campaign-status/${created.campaignUid}` });
			const [status] = expect.output(result, 'Campaign status', 1);
			expect.like(
				status,
				{ campaignUid: created.campaignUid, campaignStatus: 'upcoming' },
				'campaign status output',
			);
		},
	},
	{
		name: 'example: contacts table lists every contact with groups and labels as text',
		workflow: 'swExContactsTable',
		check({ expect, result, journal }) {
			expect.success(result);
			const pages = expect.calls(journal, { method: 'GET', endpoint: 'contacts' });
			expect.ok(pages.length >= 1, 'no GET contacts request');
			const rows = expect.output(result, 'Contacts table');
			expect.ok(rows.length > 0, 'the table is empty');
			for (const row of rows) {
				expect.equal(
					Object.keys(row).sort(),
					['Email', 'Groups', 'Labels', 'Language', 'Name', 'Opted out', 'Phone'],
					'table columns',
				);
				expect.like(
					row,
					{
						Phone: /^\d{9,15}$/,
						Groups: (v) => typeof v === 'string',
						'Opted out': (v) => typeof v === 'boolean',
					},
					'table row',
				);
			}
		},
	},
	{
		name: 'example: a reply from a customer adds the Replied label to their contact',
		phase: 'server',
		publish: ['swExTagReplied'],
		async run(ctx) {
			const { expect, sim } = ctx;
			const { waitForRequest } = require('./lib/n8n-api');
			const trigger = ctx
				.workflow('swExTagReplied')
				.nodes.find((n) => n.type === ctx.nodeTypes.smartWatsTrigger);
			const phone = '919876543210'; // Johan in the simulator's seed, labelled Hot
			const answer = await sim.webhook({
				url: ctx.server.webhookUrl(`${trigger.webhookId}/webhook`),
				kind: 'incoming_text',
				overrides: { phoneNumber: phone, text: 'Thanks!' },
			});
			expect.ok(
				(answer?.status ?? answer?.response?.status) === 200,
				`n8n answered the webhook with ${expect.show(answer)}`,
			);
			const { entry, journal } = await waitForRequest(sim, expect.matches, {
				method: 'POST',
				endpoint: 'contact/assign-labels',
			});
			expect.ok(
				entry,
				`no label was assigned; the simulator received:\n${journal.map((e) => `${e.method} ${e.endpoint}`).join('\n')}`,
			);
			expect.call(journal, {
				method: 'GET',
				endpoint: 'contact/labels-tags',
				query: { search_term: 'Replied' },
			});
			const label = journal.find((e) => e.endpoint === 'contact/labels-tags').response.data
				.contactList.data[0];
			expect.like(
				entry.body,
				{ contacts_uid: [(v) => typeof v === 'string' && v.length > 0], labels_uid: [label._uid] },
				'assign-labels body',
			);
		},
	},
];
