'use strict';
// The SmartWats Trigger in n8n 2.40.7's editor (Chromium): the canvas shows the selected events by name under the
// node, and the node panel shows the setup notice next to the panels and buttons it names. Screenshots go to
// screenshots/trigger-editor-*.png.

const fs = require('node:fs');
const path = require('node:path');

const { launchChromium } = require('./lib/chromium');
const { OWNER } = require('../../scripts/n8n-runtime');

/** Its trigger selects all three events, in the order the subtitle lists them. */
const WORKFLOW = 'e2eTrigSecretCred';
const NODE = 'SmartWats Trigger';
const state = {};

async function shot(ctx, name) {
	fs.mkdirSync(ctx.screenshotsDir, { recursive: true });
	await state.page.screenshot({
		path: path.join(ctx.screenshotsDir, `trigger-editor-${name}.png`),
	});
}

module.exports = {
	async before(ctx) {
		state.browser = await launchChromium();
		state.page = await state.browser.context.newPage();
		// Patience, not a measure: on a shared, loaded machine the editor's first load can take minutes.
		state.page.setDefaultTimeout(60000);
		state.page.setDefaultNavigationTimeout(180000);
		// Signed in through the REST API: the page shares the session cookie of its browser context.
		const login = await state.page.request.post(`${ctx.server.url}/rest/login`, {
			data: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
		});
		if (!login.ok()) throw new Error(`signing in failed: HTTP ${login.status()}`);
	},
	async after() {
		await state.browser?.close();
	},
	cases: [
		{
			name: 'trigger editor: the canvas names the selected events under the node',
			phase: 'server',
			uses: [WORKFLOW],
			async run(ctx) {
				const { page } = state;
				await page.goto(`${ctx.server.url}/workflow/${WORKFLOW}`);
				const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE}"]`);
				await node.waitFor({ state: 'visible', timeout: 180000 });
				const subtitle = 'Incoming Message, Message Status Update, Contact Created or Updated';
				// The subtitle is evaluated after the node is drawn.
				let text = await node.innerText();
				for (
					const started = Date.now();
					!text.includes(subtitle) && Date.now() - started < 10000;

				) {
					await page.waitForTimeout(250);
					text = await node.innerText();
				}
				await shot(ctx, '01-canvas');
				ctx.expect.ok(
					text.includes(subtitle),
					`the node on the canvas shows ${JSON.stringify(text)}, not the subtitle ${JSON.stringify(subtitle)}`,
				);
				ctx.expect.ok(
					!/incomingMessage|messageStatus/.test(text),
					`internal values on the canvas: ${text}`,
				);
			},
		},
		{
			name: "trigger editor: the node panel's notice names the Webhook URLs panel and the Execute step button it sits next to",
			phase: 'server',
			uses: [WORKFLOW],
			async run(ctx) {
				const { page } = state;
				await page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE}"]`).dblclick();
				const ndv = page.locator('[data-test-id="ndv"]');
				await ndv.waitFor({ state: 'visible' });
				const notice = ndv.getByText('SmartWats does not register webhooks through its API');
				await notice.waitFor({ state: 'visible' });
				await shot(ctx, '02-node-panel');
				for (const label of ['Webhook URLs', 'Execute step']) {
					const count = await ndv.getByText(label, { exact: true }).count();
					ctx.expect.ok(count > 0, `the node panel shows no "${label}" that the notice names`);
				}
				const noticeText = await notice.innerText();
				for (const label of [
					'Webhook URLs',
					'Production URL',
					'Test URL',
					'Execute step',
					'Publish',
				])
					ctx.expect.ok(
						noticeText.includes(label),
						`the notice does not name "${label}": ${noticeText}`,
					);
			},
		},
	],
};
