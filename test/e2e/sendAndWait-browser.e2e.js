'use strict';
// The response pages of Send and Wait for Response in Chromium with a phone-sized screen: the link from the
// WhatsApp message is opened, photographed, answered by tapping, and the execution resumes. Screenshots go to
// screenshots/send-and-wait-*.png; look at them after a run.

const fs = require('node:fs');
const path = require('node:path');

const { launchChromium } = require('./lib/chromium');
const { askThroughWebhook, waitForSuccess } = require('./lib/send-and-wait');

const NODE = 'Ask on WhatsApp';
const PHONE = { width: 390, height: 844 };

const state = {};

async function shot(ctx, name) {
	fs.mkdirSync(ctx.screenshotsDir, { recursive: true });
	await state.page.screenshot({
		path: path.join(ctx.screenshotsDir, `send-and-wait-${name}.png`),
		fullPage: true,
	});
}

/** The page must fit the phone's width: nothing wider than the screen, text and buttons big enough to tap. */
async function checkPhoneLayout(ctx) {
	const layout = await state.page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		fontSize: parseFloat(getComputedStyle(document.body).fontSize),
		smallestControl: Math.min(
			...[...document.querySelectorAll('button, input, select, textarea')].map(
				(element) => element.getBoundingClientRect().height,
			),
		),
	}));
	ctx.expect.ok(
		layout.scrollWidth <= PHONE.width,
		`the page scrolls sideways: ${layout.scrollWidth}px wide on a ${PHONE.width}px screen`,
	);
	ctx.expect.ok(layout.fontSize >= 16, `body text is ${layout.fontSize}px`);
	ctx.expect.ok(layout.smallestControl >= 44, `a control is ${layout.smallestControl}px high`);
}

module.exports = {
	async before() {
		state.browser = await launchChromium();
		state.page = await state.browser.context.newPage();
		await state.page.setViewportSize(PHONE);
		state.page.setDefaultTimeout(30000);
		state.pageErrors = [];
		state.page.on('pageerror', (error) => state.pageErrors.push(error.message));
	},
	async after() {
		await state.browser?.close();
	},
	cases: [
		{
			name: 'send and wait (browser): the approval page on a phone; tapping Decline resumes the execution',
			phase: 'server',
			publish: ['e2eSawApproval'],
			async run(ctx) {
				const { page } = state;
				const { waiting, url } = await askThroughWebhook(ctx, 'e2eSawApproval', {
					phone: '919876543210',
					amount: '₹1,200',
					order: '#1001',
				});
				await page.goto(url);
				await page.getByRole('button', { name: 'Approve' }).waitFor();
				await checkPhoneLayout(ctx);
				await shot(ctx, 'approval');
				await page.getByRole('button', { name: 'Decline' }).click();
				await page.getByText('Got it, thanks').waitFor();
				await shot(ctx, 'answer-recorded');
				const done = await waitForSuccess(ctx, waiting.id);
				ctx.expect.like(done.output(NODE), [{ data: { approved: false } }], `${NODE} output`);
			},
		},
		{
			name: 'send and wait (browser): the free text page on a phone; the typed answer resumes the execution',
			phase: 'server',
			publish: ['e2eSawFreeText'],
			async run(ctx) {
				const { page } = state;
				const { waiting, url } = await askThroughWebhook(ctx, 'e2eSawFreeText', {
					phone: '919845012345',
				});
				await page.goto(url);
				await page.locator('textarea').waitFor();
				await checkPhoneLayout(ctx);
				await shot(ctx, 'free-text');
				await page.locator('textarea').fill('Tomorrow between 9 and 11');
				await page.getByRole('button', { name: 'Submit' }).click();
				await page.getByText('Got it, thanks').waitFor();
				const done = await waitForSuccess(ctx, waiting.id);
				ctx.expect.like(
					done.output(NODE),
					[{ data: { text: 'Tomorrow between 9 and 11' } }],
					`${NODE} output`,
				);
			},
		},
		{
			name: 'send and wait (browser): the custom form on a phone; the filled-in fields resume the execution',
			phase: 'server',
			publish: ['e2eSawForm'],
			async run(ctx) {
				const { page } = state;
				const { waiting, url } = await askThroughWebhook(ctx, 'e2eSawForm', {
					phone: '919900112233',
				});
				await page.goto(url);
				await page.getByLabel('Amount').waitFor();
				await checkPhoneLayout(ctx);
				await shot(ctx, 'form');
				await page.getByLabel('Amount').fill('1200');
				await page.getByLabel('Refund to').selectOption('Bank transfer');
				await page.getByLabel('Note (optional)').fill('Same account as the payment');
				await page.getByRole('button', { name: 'Send details' }).click();
				await page.getByText('Got it, thanks').waitFor();
				const done = await waitForSuccess(ctx, waiting.id);
				ctx.expect.like(
					done.output(NODE),
					[
						{
							data: {
								Amount: 1200,
								'Refund to': 'Bank transfer',
								Note: 'Same account as the payment',
							},
						},
					],
					`${NODE} output`,
				);
			},
		},
		{
			name: 'send and wait (browser): no script errors on the pages',
			phase: 'server',
			async run(ctx) {
				ctx.expect.equal(state.pageErrors, [], 'errors thrown in the pages');
			},
		},
	],
};
