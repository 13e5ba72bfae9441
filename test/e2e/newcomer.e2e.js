'use strict';
// A newcomer's first minutes in the demo, done the way the README tells them: the main "Execute workflow" button
// on the order-update example runs its sample row, and the command `npm run demo` prints makes the simulator send
// a customer's message to the trigger example's Test URL while the editor waits for a test event.
// Screenshots: screenshots/newcomer-*.png.

const fs = require('node:fs');
const path = require('node:path');
const { execFile } = require('node:child_process');

const { signedInPage } = require('./lib/chromium');
const { waitForRequest } = require('./lib/n8n-api');
const { handCommands } = require('../../scripts/lib/simulator');

const ORDER_UPDATE = 'swExOrderUpdate';
const TAG_REPLIED = 'swExTagReplied';
const state = {};

async function shot(ctx, name) {
	fs.mkdirSync(ctx.screenshotsDir, { recursive: true });
	await state.page.screenshot({ path: path.join(ctx.screenshotsDir, `newcomer-${name}.png`) });
}

/** Opens a workflow in the editor and returns its main "Execute workflow" button once the canvas is drawn. */
async function openWorkflow(ctx, id) {
	const { page } = state;
	await page.goto(`${ctx.server.url}/workflow/${id}`);
	const firstNode = ctx.workflow(id).nodes.find((n) => n.type !== 'n8n-nodes-base.stickyNote');
	await page
		.locator(`[data-test-id="canvas-node"][data-node-name="${firstNode.name}"]`)
		.waitFor({ state: 'visible' });
	return page.locator('[data-test-id="execute-workflow-button"]');
}

const buttonText = async (button) => (await button.innerText()).replace(/\s+/g, ' ').trim();

/** Runs a command line the way a person pasting it into a shell would; resolves to its stdout. */
function shell(command) {
	return new Promise((resolve, reject) => {
		execFile('sh', ['-c', command], { timeout: 60000 }, (error, stdout, stderr) =>
			error ? reject(new Error(`${command}\n→ ${error.message}\n${stderr}`)) : resolve(stdout),
		);
	});
}

module.exports = {
	async before(ctx) {
		Object.assign(state, await signedInPage(ctx));
	},
	async after() {
		await state.close?.();
	},
	cases: [
		{
			name: 'newcomer: Execute workflow on the order-update example sends its sample row',
			phase: 'server',
			uses: [ORDER_UPDATE],
			async run(ctx) {
				const button = await openWorkflow(ctx, ORDER_UPDATE);
				// With the Google Sheets trigger enabled the button would read "Execute workflow from New order row".
				ctx.expect.equal(await buttonText(button), 'Execute workflow', 'main button');
				await shot(ctx, '01-order-update');
				await button.click();
				const { entry, journal } = await waitForRequest(
					ctx.sim,
					ctx.expect.matches,
					{ method: 'POST', endpoint: 'contact/send-template-message' },
					60000,
				);
				ctx.expect.ok(
					entry,
					`Execute workflow sent no template; journal: ${ctx.expect.show(journal)}`,
				);
				ctx.expect.like(
					entry,
					{
						status: 200,
						body: { phone_number: '919845012345', template_name: 'order_update', field_2: '#1001' },
					},
					'the sample row as sent',
				);
				await state.page.waitForTimeout(1000);
				await shot(ctx, '02-order-update-executed');
			},
		},
		{
			name: "newcomer: the demo's command sends a test event to the trigger while Execute workflow waits",
			phase: 'server',
			uses: [TAG_REPLIED],
			async run(ctx) {
				const button = await openWorkflow(ctx, TAG_REPLIED);
				await button.click();
				await state.page
					.locator('[data-test-id="execute-workflow-button"]', {
						hasText: /Waiting for trigger event/i,
					})
					.waitFor({ state: 'visible' });
				await shot(ctx, '03-trigger-waiting');
				const trigger = ctx
					.workflow(TAG_REPLIED)
					.nodes.find((n) => n.type === ctx.nodeTypes.smartWatsTrigger);
				const command = handCommands(ctx.sim).webhook(
					ctx.server.webhookTestUrl(`${trigger.webhookId}/webhook`),
					'Where is my order?',
				);
				const answer = JSON.parse(await shell(command));
				ctx.expect.like(answer, { status: 200 }, `n8n's answer to ${command}`);
				const { entry, journal } = await waitForRequest(ctx.sim, ctx.expect.matches, {
					method: 'POST',
					endpoint: 'contact/assign-labels',
				});
				ctx.expect.ok(
					entry,
					`the test execution did not label the contact; journal: ${ctx.expect.show(journal)}`,
				);
				await state.page.waitForTimeout(1000);
				await shot(ctx, '04-trigger-executed');
			},
		},
		{
			name: "newcomer: the README's request to the simulator lists the groups",
			phase: 'server',
			async run(ctx) {
				const answer = JSON.parse(await shell(handCommands(ctx.sim).apiCall));
				ctx.expect.like(answer, { result: 'success' }, 'the simulator answer');
			},
		},
	],
};
