'use strict';
// The SmartWats node as an AI agent's tool in real n8n. There is no LLM here, so the agent is n8n's own AI Agent
// with its OpenAI Chat Model pointed at a local stand-in (lib/fake-chat-model.js) that answers each turn with the
// tool calls a model would make. Everything between the model and SmartWats is n8n's: the tool variant generated
// from the package (smartWatsTool), the tool schemas built from the $fromAI() calls in its parameters, the agent
// loop, the engine running each tool node with the model's arguments, and the node's requests to the simulator.

const { startFakeChatModel, toolResults } = require('./lib/fake-chat-model');

const ASHA = { phone: '919845012345', uid: '8e2b4d6f-1a3c-4e5f-8a7b-9c0d1e2f3a41' };
const HOT_LABEL_UID = 'c41d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e01';
const CAMPAIGN_UID = '0c6f2d1e-8a9b-4c0d-9e1f-2a3b4c5d6e01';
const CHAT_MODEL_CREDENTIAL = { id: 'fakeChatModelCred1', name: 'Local fake chat model' };

let model;

/**
 * What the model does: first label the contact (the number as a person would type it, the label by title), then
 * look the contact up and read the campaign (the campaign picker filled "By ID"), then answer with what the tools
 * returned.
 */
function script(request, turn) {
	const offered = new Set((request.tools || []).map((tool) => tool.function.name));
	for (const name of ['Add_labels', 'Get_contact', 'Campaign_status']) {
		if (!offered.has(name))
			return { content: `tool ${name} was not offered (offered: ${[...offered].join(', ')})` };
	}
	if (turn === 0) {
		return {
			toolCalls: [
				{ name: 'Add_labels', arguments: { phoneNumbers: '+91 98450 12345', labels: 'Hot' } },
			],
		};
	}
	if (turn === 1) {
		return {
			toolCalls: [
				{ name: 'Get_contact', arguments: { phoneNumber: '+91 98450 12345' } },
				{ name: 'Campaign_status', arguments: { campaignUid: CAMPAIGN_UID } },
			],
		};
	}
	const results = toolResults(request);
	const contact = JSON.parse(results.Get_contact || '[{}]');
	const status = JSON.parse(results.Campaign_status || '[{}]');
	const first = (value) => (Array.isArray(value) ? value[0] : value) || {};
	return {
		content: `${first(contact).firstName} now has the labels ${(first(contact).labels || []).join(', ')}; the campaign ${first(status).title} is ${first(status).status}.`,
	};
}

/** A node's items as the engine recorded them, whichever connection type its run was recorded under. */
function ranWith(result, nodeName) {
	const runs = result.runData[nodeName] || [];
	return runs.map((run) => {
		const data = run.data || {};
		const key = Object.keys(data)[0];
		return { error: run.error, items: key ? (data[key][0] || []).map((item) => item.json) : [] };
	});
}

module.exports = [
	{
		name: 'tool: n8n registers the SmartWats Tool, with the pickers, Simplify and a description for the model',
		phase: 'server',
		async run(ctx) {
			const { expect } = ctx;
			const response = await ctx.api('GET', '../types/nodes.json');
			expect.equal(response.status, 200, 'status of /types/nodes.json');
			const tool = response.body.find((type) => type.name === `${ctx.pkg.name}.smartWatsTool`);
			expect.ok(tool, `n8n lists no ${ctx.pkg.name}.smartWatsTool`);
			expect.like(tool, {
				displayName: 'SmartWats Tool',
				outputs: ['ai_tool'],
				defaultVersion: 1.1,
			});
			expect.ok(
				tool.properties.some((p) => p.name === 'descriptionType') &&
					tool.properties.some((p) => p.name === 'toolDescription'),
				'the tool lacks the Tool Description fields n8n adds for the model',
			);
			const campaign = tool.properties.find((p) => p.name === 'campaign');
			expect.like(
				campaign,
				{ type: 'resourceLocator', modes: [{ name: 'list' }, { name: 'id' }] },
				"the tool's Campaign picker",
			);
			expect.ok(
				tool.properties.some((p) => p.name === 'simplify' && p.default === true),
				'the tool lacks Simplify on by default',
			);
		},
	},
	{
		name: 'tool: an AI agent labels a contact, looks it up and reads a campaign through the SmartWats Tool, every parameter from $fromAI',
		workflow: 'e2eToolAgent',
		async before(ctx) {
			model = await startFakeChatModel(script);
			await ctx.instance.importCredentials([
				{
					...CHAT_MODEL_CREDENTIAL,
					type: 'openAiApi',
					data: { apiKey: 'sk-local-fake-model', url: model.url, header: false },
				},
			]);
		},
		async check(ctx) {
			const { expect, result, journal } = ctx;
			try {
				expect.success(result);

				// What n8n offered the model: one tool per SmartWats Tool node, its description the operation's
				// action, its arguments the $fromAI() keys with their descriptions.
				expect.ok(
					model.requests.length === 3,
					`the model was asked ${model.requests.length} times, expected 3`,
				);
				const tools = Object.fromEntries(
					model.requests[0].tools.map(({ function: f }) => [f.name, f]),
				);
				expect.like(
					tools,
					{
						Add_labels: {
							description: 'Add labels to contacts in SmartWats',
							parameters: {
								properties: {
									phoneNumbers: { type: 'string', description: /WhatsApp numbers/ },
									labels: { type: 'string', description: /Titles of the labels/ },
								},
							},
						},
						Get_contact: {
							description: 'Get a contact in SmartWats',
							parameters: { properties: { phoneNumber: { type: 'string' } } },
						},
						Campaign_status: {
							description: 'Get the status of a campaign in SmartWats',
							parameters: { properties: { campaignUid: { type: 'string' } } },
						},
					},
					'tools offered to the model',
				);

				// What the tools did in SmartWats: the label found by its title, the number normalised.
				expect.call(journal, { method: 'GET', endpoint: 'contact/labels-tags' });
				expect.call(journal, {
					method: 'POST',
					endpoint: 'contact/assign-labels',
					body: { contacts_uid: [ASHA.uid], labels_uid: [HOT_LABEL_UID] },
				});
				expect.calls(
					journal,
					{ method: 'GET', endpoint: 'contact', query: { phone_number_or_email: ASHA.phone } },
					2,
				);
				expect.call(journal, { method: 'GET', endpoint: `campaign-status/${CAMPAIGN_UID}` });

				// What the tools answered: Simplify's fields (on by default in a new tool), not database columns.
				const [contactRun] = ranWith(result, 'Get contact');
				expect.ok(contactRun && !contactRun.error, `Get contact: ${expect.show(contactRun)}`);
				expect.like(contactRun.items, [
					{
						uid: ASHA.uid,
						phoneNumber: ASHA.phone,
						firstName: 'Asha',
						groups: ['Leads'],
						labels: (labels) => [...labels].sort().join() === 'Cold,Hot',
					},
				]);
				expect.ok(!('_uid' in contactRun.items[0]), 'Get contact returned the raw row');
				expect.like(ranWith(result, 'Campaign status')[0].items, [
					{ campaignUid: CAMPAIGN_UID, title: 'New year greetings', status: 'executed' },
				]);
				const answered = toolResults(model.requests[2]);
				expect.ok(
					/"firstName":\s*"Asha"/.test(answered.Get_contact || '') &&
						!/vendors__id/.test(answered.Get_contact || ''),
					`the model got from Get contact: ${answered.Get_contact}`,
				);

				expect.like(
					expect.output(result, 'AI Agent', 1)[0],
					{
						output:
							/^Asha now has the labels (Cold, Hot|Hot, Cold); the campaign New year greetings is executed\.$/,
					},
					"the agent's answer",
				);
			} finally {
				await model.close();
			}
		},
	},
];
