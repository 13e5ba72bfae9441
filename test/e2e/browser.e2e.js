'use strict';
// The browser check: Chromium (Debian's, through playwright-core) signs in to the running n8n, opens an example
// workflow and its SmartWats node, reads the Resource and Operation dropdowns, and runs the credential test against
// the simulator. Screenshots go to screenshots/ (the browser-*.png files); look at them after a run.

const fs = require('node:fs');
const path = require('node:path');

const { launchChromium } = require('./lib/chromium');
const { OWNER } = require('../../scripts/n8n-runtime');

const state = {};

async function shot(ctx, name) {
	fs.mkdirSync(ctx.screenshotsDir, { recursive: true });
	const file = path.join(ctx.screenshotsDir, `browser-${name}.png`);
	await state.page.screenshot({ path: file });
	return file;
}

/** An example with the SmartWats node, preferring one that sends a message; else any imported workflow with it. */
function workflowToOpen(ctx) {
	const type = ctx.nodeTypes.smartWats;
	const entries = [...ctx.instance.workflows.values()];
	const withNode = entries.filter(({ workflow }) => workflow.nodes.some((n) => n.type === type));
	const sendsMessage = ({ workflow }) =>
		workflow.nodes.some(
			(n) => n.type === type && (n.parameters.resource ?? 'message') === 'message',
		);
	const examples = withNode.filter(({ file }) => file.includes(`${path.sep}examples${path.sep}`));
	const example = examples.find(sendsMessage) || examples[0];
	const chosen = example || withNode[0];
	if (!chosen) throw new Error(`no imported workflow contains ${type}`);
	return { workflow: chosen.workflow, node: chosen.workflow.nodes.find((n) => n.type === type) };
}

/** Texts of the visible options of the open element-plus dropdown. */
async function visibleOptions(page) {
	await page
		.locator('.el-select-dropdown__item:visible')
		.first()
		.waitFor({ state: 'visible', timeout: 10000 });
	await page.waitForTimeout(300); // let the dropdown finish opening before reading and photographing it
	return await page.$$eval('.el-select-dropdown__item', (items) =>
		items
			.filter((item) => item.offsetParent !== null)
			.map((item) => item.innerText.split('\n')[0].trim()),
	);
}

function smartWatsUi(ctx) {
	const ui = ctx.pkg.ui.smartWats;
	if (!ui) throw new Error('the package has no smartWats node description');
	return ui;
}

module.exports = {
	async before(ctx) {
		state.browser = await launchChromium();
		state.page = await state.browser.context.newPage();
		// The editor's first page load parses megabytes of JavaScript: over 30 s on a busy 2-core machine.
		state.page.setDefaultTimeout(90000);
		state.consoleErrors = [];
		state.page.on('pageerror', (error) => state.consoleErrors.push(error.message));
		state.target = workflowToOpen(ctx);
	},
	async after() {
		await state.browser?.close();
	},
	cases: [
		{
			name: 'browser: signs in as the demo owner',
			phase: 'server',
			async run(ctx) {
				const { page } = state;
				await page.goto(`${ctx.server.url}/signin`);
				await page.fill('input[name="emailOrLdapLoginId"]', OWNER.email);
				await page.fill('input[name="password"]', OWNER.password);
				await shot(ctx, '01-signin');
				await page.click('[data-test-id="form-submit-button"]');
				await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
				ctx.expect.ok(
					!page.url().includes('/setup'),
					`n8n asked for owner setup instead of signing in: ${page.url()}`,
				);
			},
		},
		{
			name: 'browser: an example workflow opens and shows the SmartWats node',
			phase: 'server',
			async run(ctx) {
				const { page, target } = state;
				await page.goto(`${ctx.server.url}/workflow/${target.workflow.id}`);
				const node = page.locator(
					`[data-test-id="canvas-node"][data-node-name="${target.node.name}"]`,
				);
				await node.waitFor({ state: 'visible' });
				ctx.expect.equal(
					await node.getAttribute('data-node-type'),
					ctx.nodeTypes.smartWats,
					'node type on the canvas',
				);
				// A node whose type n8n does not know is drawn with a "?" placeholder and an install hint.
				const unknown = await page
					.locator('text=/Install this node|node is not currently installed/i')
					.count();
				ctx.expect.ok(unknown === 0, 'n8n shows the SmartWats node as not installed');
				await page.waitForTimeout(500);
				await shot(ctx, '02-workflow');
			},
		},
		{
			name: 'browser: the node panel renders Resource and Operation with the SmartWats resources',
			phase: 'server',
			async run(ctx) {
				const { page, target } = state;
				const ui = smartWatsUi(ctx);
				await page
					.locator(`[data-test-id="canvas-node"][data-node-name="${target.node.name}"]`)
					.dblclick();
				await page.waitForSelector('[data-test-id="ndv"]', { state: 'visible' });
				const resourceInput = page.locator(
					'[data-test-id="ndv"] [data-test-id="parameter-input-resource"]',
				);
				const operationInput = page.locator(
					'[data-test-id="ndv"] [data-test-id="parameter-input-operation"]',
				);
				await resourceInput.waitFor({ state: 'visible' });
				await operationInput.waitFor({ state: 'visible' });
				await shot(ctx, '03-node-panel');

				await resourceInput.click();
				const resources = await visibleOptions(page);
				await shot(ctx, '04-resource-options');
				const expected = ui.resources.map((r) => r.name);
				const missing = expected.filter((name) => !resources.includes(name));
				ctx.expect.ok(
					missing.length === 0,
					`Resource dropdown lacks ${missing.join(', ')}; it shows ${resources.join(', ')}`,
				);
				await page.keyboard.press('Escape');

				const resourceValue = target.node.parameters.resource ?? 'message';
				const resource = ui.resources.find((r) => r.value === resourceValue);
				await operationInput.click();
				const operations = await visibleOptions(page);
				await shot(ctx, '05-operation-options');
				const missingOps = resource.operations
					.map((o) => o.name)
					.filter((name) => !operations.includes(name));
				ctx.expect.ok(
					missingOps.length === 0,
					`Operation dropdown (${resource.name}) lacks ${missingOps.join(', ')}; it shows ${operations.join(', ')}`,
				);
				await page.keyboard.press('Escape');
			},
		},
		{
			name: 'browser: the credential test succeeds against the simulator',
			phase: 'server',
			async run(ctx) {
				const { page } = state;
				await page.locator('[data-test-id="ndv"] [data-test-id="credential-edit-button"]').click();
				const modal = page.locator('[data-test-id="editCredential-modal"]');
				await modal.waitFor({ state: 'visible' });
				const success = modal.locator('[data-test-id="credentials-config-container-test-success"]');
				const failure = modal.getByText(/Couldn.t connect with these settings/i);
				// n8n tests a saved credential when its dialog opens; "Retry" runs the test again on request.
				await success.or(failure).first().waitFor({ state: 'visible', timeout: 30000 });
				if (await success.isVisible()) {
					await ctx.sim.clearJournal();
					const retry = success.getByRole('button');
					await retry.click();
					// While the test runs the button shows a spinner instead of its label.
					const started = Date.now();
					await page.waitForTimeout(200);
					while (
						!(await failure.isVisible()) &&
						!/^\s*retry\s*$/i.test((await retry.innerText().catch(() => '')) || '')
					) {
						if (Date.now() - started > 30000)
							ctx.expect.fail('the credential test did not finish within 30 s');
						await page.waitForTimeout(200);
					}
				}
				await shot(ctx, '06-credential-test');
				if (await failure.isVisible()) {
					const details = await modal.innerText();
					ctx.expect.fail(`n8n reports the credential test failed:\n${details.slice(0, 600)}`);
				}
				const journal = await ctx.sim.journal();
				ctx.expect.ok(
					journal.some((e) => e.method === 'GET' && e.endpoint === 'contact/groups'),
					`the credential test did not reach the simulator (journal: ${journal.map((e) => `${e.method} ${e.endpoint}`).join(', ') || 'empty'})`,
				);
				await page.keyboard.press('Escape');
			},
		},
		{
			name: 'browser: no uncaught errors in the editor',
			phase: 'server',
			async run(ctx) {
				const ours = state.consoleErrors.filter(
					(message) => !ctx.n8n.knownEditorErrors.some((known) => message.includes(known)),
				);
				ctx.expect.ok(ours.length === 0, `the editor threw: ${ours.join(' | ')}`);
			},
		},
	],
};
