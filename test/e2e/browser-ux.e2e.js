'use strict';
// Simplify and the campaign picker as a user meets them in n8n's editor (Chromium through playwright-core): Contact
// → Get Many run from its panel shows the simplified contacts in the output panel, and the Campaign picker of
// Campaign → Get Status opens on the account's campaigns and searches them on SmartWats. Screenshots go to
// screenshots/browser-ux-*.png.

const fs = require('node:fs');
const path = require('node:path');

const { defaultSeed } = require('../fake-smartwats/seed');
const { signedInPage } = require('./lib/chromium');

const WORKFLOW = 'e2eBrowserUx';
const SEEDED_CAMPAIGN = 'New year greetings · 2025-01-01 04:30 UTC';
// The editor is a large bundle; on a machine shared by several test runs its first load can take minutes.
const PAGE_LOAD = { timeout: 180000, waitUntil: 'domcontentloaded' };
const state = {};

async function shot(ctx, name) {
	fs.mkdirSync(ctx.screenshotsDir, { recursive: true });
	await state.page.screenshot({ path: path.join(ctx.screenshotsDir, `browser-ux-${name}.png`) });
}

/** Opens the workflow and the panel of its node `name`. */
async function openNode(ctx, name) {
	const { page } = state;
	await page.goto(`${ctx.server.url}/workflow/${WORKFLOW}`, PAGE_LOAD);
	const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
	await node.waitFor({ state: 'visible' });
	await node.dblclick();
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'visible' });
	return page.locator('[data-test-id="ndv"]');
}

module.exports = {
	async before(ctx) {
		Object.assign(state, await signedInPage(ctx));
		state.pageErrors = [];
		state.page.on('pageerror', (error) => state.pageErrors.push(error.message));
	},
	async after() {
		await state.close?.();
	},
	cases: [
		{
			name: 'browser ux: Contact → Get Many, run from its panel, shows the simplified contacts',
			phase: 'server',
			uses: [WORKFLOW],
			async run(ctx) {
				const { expect } = ctx;
				const { page } = state;
				const ndv = await openNode(ctx, 'Contacts');
				const simplify = ndv.locator('[data-test-id="parameter-input-simplify"]');
				await simplify.waitFor({ state: 'visible' });
				expect.ok(
					(await simplify.locator('.is-checked').count()) > 0,
					'Simplify is not on in a new Contact → Get Many',
				);
				await ndv.locator('[data-test-id="node-execute-button"]').click();
				const output = ndv.locator('[data-test-id="output-panel"]');
				await output.locator('table').first().waitFor({ state: 'visible', timeout: 60000 });
				await page.waitForTimeout(500); // let the table finish laying out before photographing it
				await shot(ctx, '01-contacts-simplified');

				const text = await output.innerText();
				for (const shown of ['uid', 'phoneNumber', 'firstName', 'groups', 'Johan', 'VIP']) {
					expect.ok(
						text.includes(shown),
						`the output panel does not show ${shown}:\n${text.slice(0, 800)}`,
					);
				}
				for (const raw of ['wa_id', 'vendors__id', 'laravel_through_key']) {
					expect.ok(!text.includes(raw), `the output panel shows the raw column ${raw}`);
				}
				const journal = await ctx.sim.journal();
				expect.ok(
					journal.some((entry) => entry.method === 'GET' && entry.endpoint === 'contacts'),
					'running the node did not reach the simulator',
				);
				await page.keyboard.press('Escape');
			},
		},
		{
			name: "browser ux: the campaign picker opens on the account's campaigns and searches them on SmartWats",
			phase: 'server',
			uses: [WORKFLOW],
			async run(ctx) {
				const { expect } = ctx;
				const { page } = state;
				// More campaigns than one page of the picker (50), as an account that has used SmartWats for a while
				// has: the recent ones on top, so they are what the screenshot shows.
				const seed = defaultSeed();
				const [seeded] = seed.campaigns;
				const campaign = (title, scheduledAt, status = 1) => ({
					...seeded,
					_uid: undefined,
					title,
					scheduled_at: scheduledAt,
					status,
					created_at: scheduledAt,
					updated_at: scheduledAt,
					messages: [],
				});
				const older = Array.from({ length: 56 }, (_, index) =>
					campaign(
						`Weekly newsletter ${index + 1}`,
						`2024-0${1 + (index % 9)}-0${1 + (index % 9)}T09:00:00Z`,
					),
				);
				seed.campaigns = [
					campaign('Diwali offer', '2025-10-20T05:00:00Z'),
					campaign('Weekly VIP update', '2025-09-01T03:30:00Z'),
					campaign('Summer sale', '2025-05-15T06:00:00Z', 5),
					{ ...seeded, updated_at: '2025-01-01T04:30:00Z' },
					...older,
				];
				await ctx.sim.admin('POST', 'reset', { seed });

				const ndv = await openNode(ctx, 'Campaign status');
				await ndv.locator('[data-test-id="rlc-input"]').click();
				// The list is teleported out of the panel, so its entries are found page-wide.
				const items = page.locator('[data-test-id="rlc-item"]');
				const listed = async () => (await items.allInnerTexts()).map((name) => name.trim());
				const waitForList = async (done, what) => {
					const started = Date.now();
					while (!done(await listed())) {
						if (Date.now() - started > 60000) {
							await shot(ctx, `${what}-not-shown`);
							expect.fail(`the picker shows ${(await listed()).join(' | ') || 'nothing'}`);
						}
						await page.waitForTimeout(300);
					}
					await page.waitForTimeout(300); // let the list settle before photographing it
				};
				await waitForList((names) => names.length >= 50, '02-campaign-picker');
				await shot(ctx, '02-campaign-picker');
				const names = await listed();
				for (const name of [
					'Diwali offer · 2025-10-20 05:00 UTC',
					'Weekly VIP update · 2025-09-01 03:30 UTC',
					'Summer sale · 2025-05-15 06:00 UTC · archived',
					SEEDED_CAMPAIGN,
				]) {
					expect.ok(
						names.includes(name),
						`the picker lacks ${name}: ${names.slice(0, 8).join(' | ')} …`,
					);
				}

				// The search box has the focus when the list opens. n8n narrows what it has at once and, a second
				// later, asks SmartWats (there are more campaigns than one page).
				await ctx.sim.clearJournal();
				await page.keyboard.type('greet');
				const searched = { method: 'GET', endpoint: 'campaign', query: { search_term: 'greet' } };
				const started = Date.now();
				while (expect.calls(await ctx.sim.journal(), searched).length === 0) {
					if (Date.now() - started > 30000)
						expect.fail('typing in the picker did not search SmartWats');
					await page.waitForTimeout(300);
				}
				expect.like(
					expect.calls(await ctx.sim.journal(), searched)[0].query,
					{ page: '1', page_size: '50', search_term: 'greet' },
					'the search request',
				);
				await waitForList(
					(found) => found.length === 1 && found[0] === SEEDED_CAMPAIGN,
					'03-campaign-picker-search',
				);
				await shot(ctx, '03-campaign-picker-search');
				await page.keyboard.press('Escape');
			},
		},
		{
			name: 'browser ux: no uncaught errors in the editor',
			phase: 'server',
			async run(ctx) {
				const ours = state.pageErrors.filter(
					(message) => !ctx.n8n.knownEditorErrors.some((known) => message.includes(known)),
				);
				ctx.expect.ok(ours.length === 0, `the editor threw: ${ours.join(' | ')}`);
			},
		},
	],
};
