'use strict';
// Starts the SmartWats simulator CLI (test/fake-smartwats/cli.js) as a child process and talks to its admin API.

const fs = require('node:fs');
const path = require('node:path');

const { freePort, startProcess, stopProcess } = require('./proc');

const REPO = path.resolve(__dirname, '..', '..');
// SMARTWATS_SIMULATOR_CLI: another simulator with the same CLI contract (for developing the runner itself).
const CLI =
	process.env.SMARTWATS_SIMULATOR_CLI || path.join(REPO, 'test', 'fake-smartwats', 'cli.js');

async function adminRequest(adminUrl, method, endpoint, body) {
	const response = await fetch(`${adminUrl}/${endpoint}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok)
		throw new Error(
			`simulator ${method} ${endpoint} → HTTP ${response.status}: ${text.slice(0, 300)}`,
		);
	try {
		return text ? JSON.parse(text) : null;
	} catch {
		return text;
	}
}

/**
 * Starts the simulator on a free port (or `port`). Resolves to
 * `{ url, vendorUid, token, adminUrl, journal(), clearJournal(), reset(), state(), faults(spec), clearFaults(),
 *    webhook(body), stop() }`.
 */
async function startSimulator({ port, rateLimit = false, logFile, timeoutMs = 20000 } = {}) {
	if (!fs.existsSync(CLI)) {
		throw new Error(
			`The SmartWats simulator is missing: ${path.relative(REPO, CLI)} does not exist.`,
		);
	}
	port ??= await freePort();
	const args = [CLI, '--port', String(port)];
	if (!rateLimit) args.push('--no-rate-limit');
	let resolveInfo;
	const infoLine = new Promise((resolve) => (resolveInfo = resolve));
	const child = startProcess(process.execPath, args, {
		cwd: REPO,
		env: { ...process.env },
		logFile,
		onLine: (line) => {
			const trimmed = line.trim();
			if (!trimmed.startsWith('{')) return;
			try {
				const info = JSON.parse(trimmed);
				if (info.url && info.adminUrl) resolveInfo(info);
			} catch {
				/* not the info line */
			}
		},
	});
	let timer;
	const info = await Promise.race([
		infoLine,
		child.exited.then(({ code, signal }) => {
			throw new Error(
				`The simulator exited (code ${code}, signal ${signal}) before printing its URL:\n${child.tail()}`,
			);
		}),
		new Promise((_, reject) => {
			timer = setTimeout(
				() =>
					reject(
						new Error(`The simulator printed no URL within ${timeoutMs} ms:\n${child.tail()}`),
					),
				timeoutMs,
			);
		}),
	]).finally(() => clearTimeout(timer));

	const admin = (method, endpoint, body) => adminRequest(info.adminUrl, method, endpoint, body);
	return {
		...info,
		port,
		process: child,
		journal: () => admin('GET', 'journal'),
		clearJournal: () => admin('DELETE', 'journal'),
		reset: () => admin('POST', 'reset'),
		state: () => admin('GET', 'state'),
		faults: (spec) => admin('POST', 'faults', spec),
		clearFaults: () => admin('DELETE', 'faults'),
		webhook: (body) => admin('POST', 'webhook', body),
		admin,
		stop: () => stopProcess(child, 3000),
	};
}

/**
 * Commands a person can paste into a shell (the demo prints them, an e2e case runs them):
 * `apiCall` lists the groups with the demo credential's token; `webhook(url, text)` makes the simulator post an
 * incoming WhatsApp message to `url`, e.g. a SmartWats Trigger's Test URL, the way SmartWats does.
 */
function handCommands(sim) {
	const quote = (text) => `'${String(text).replace(/'/g, `'\\''`)}'`;
	return {
		apiCall: `curl -s -H ${quote(`Authorization: Bearer ${sim.token}`)} ${sim.url}/${sim.vendorUid}/contact/groups`,
		webhook: (url, text = 'Hello from the simulator') =>
			`curl -s -X POST ${sim.adminUrl}/webhook -H 'content-type: application/json' -d ${quote(
				JSON.stringify({ url, kind: 'incoming_text', overrides: { text } }),
			)}`,
	};
}

module.exports = { startSimulator, handCommands, SIMULATOR_CLI: CLI };
