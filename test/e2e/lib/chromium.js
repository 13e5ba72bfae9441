'use strict';
// Debian's Chromium for the browser check: installed with apt-get when missing (we run as root), launched through
// playwright-core (`npx playwright install` cannot download browsers here).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const CHROMIUM = process.env.SMARTWATS_CHROMIUM || '/usr/bin/chromium';

function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	process.stderr.write(
		`[browser] ${CHROMIUM} is missing; installing Debian's chromium with apt-get (about a minute).\n`,
	);
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			`Chromium is not installed at ${CHROMIUM} and this is not root: run "sudo apt-get install -y chromium".`,
		);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
		const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
		if (result.status !== 0)
			throw new Error(
				`apt-get ${args.join(' ')} failed (exit ${result.status}); cannot run the browser check.`,
			);
	}
	if (!fs.existsSync(CHROMIUM))
		throw new Error(`apt-get installed chromium but ${CHROMIUM} does not exist.`);
	return CHROMIUM;
}

/** Launches Chromium headless with a fresh profile. Resolves to `{ browser, close }`. */
async function launchChromium() {
	const executablePath = ensureChromium();
	const { chromium } = require('playwright-core');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smartwats-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath,
		headless: true,
		viewport: { width: 1440, height: 900 },
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
		],
	});
	return {
		context,
		async close() {
			await context.close().catch(() => {});
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

/**
 * Chromium with one page signed in to the running n8n as the demo owner (through the REST API; the page shares
 * its browser context's session cookie). Patient by default: on a shared, loaded machine the editor's first load
 * can take minutes. Resolves to `{ page, close }`.
 */
async function signedInPage(ctx, { timeoutMs = 90000, navigationTimeoutMs = 180000 } = {}) {
	const browser = await launchChromium();
	const page = await browser.context.newPage();
	page.setDefaultTimeout(timeoutMs);
	page.setDefaultNavigationTimeout(navigationTimeoutMs);
	const login = await page.request.post(`${ctx.server.url}/rest/login`, {
		data: { emailOrLdapLoginId: ctx.owner.email, password: ctx.owner.password },
	});
	if (!login.ok()) {
		await browser.close();
		throw new Error(`signing in as ${ctx.owner.email} failed: HTTP ${login.status()}`);
	}
	return { page, close: () => browser.close() };
}

module.exports = { ensureChromium, launchChromium, signedInPage, CHROMIUM };

if (require.main === module) {
	console.log(ensureChromium());
}
