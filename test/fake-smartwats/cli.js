#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Runs the SmartWats simulator as a process:
 *
 *   node test/fake-smartwats/cli.js [--port 5680] [--host 127.0.0.1] [--vendor-uid X] [--token Y]
 *        [--rate-limit 60] [--rate-window-ms 60000] [--no-rate-limit] [--contacts N] [--webhook-url URL]
 *        [--large-media-bytes N] [--slow-media-ms N]
 *
 * Prints one JSON line {"url","vendorUid","token","adminUrl"} to stdout (the only output, so callers can parse it)
 * and runs until SIGTERM/SIGINT.
 */
const { startSimulator, defaultSeed, DEFAULT_VENDOR_UID, DEFAULT_TOKEN } = require('./index');
const { generatedContact } = require('./seed');

const USAGE =
	'usage: node test/fake-smartwats/cli.js [--port 5680] [--host 127.0.0.1] [--vendor-uid X] [--token Y] ' +
	'[--rate-limit 60] [--rate-window-ms 60000] [--no-rate-limit] [--contacts N] [--webhook-url URL] ' +
	'[--large-media-bytes N] [--slow-media-ms N]';

/**
 * @param {string[]} argv
 */
function parseArgs(argv) {
	/**
	 * @type {{ port: number, host: string, vendorUid: string, token: string, limit: number, windowMs: number,
	 *   rateLimit: boolean, contacts: number, webhookUrl?: string, largeMediaBytes?: number, slowMediaMs?: number }}
	 */
	const options = {
		port: 5680,
		host: '127.0.0.1',
		vendorUid: DEFAULT_VENDOR_UID,
		token: DEFAULT_TOKEN,
		limit: 60,
		windowMs: 60000,
		rateLimit: true,
		contacts: 0,
		webhookUrl: undefined,
		largeMediaBytes: undefined,
		slowMediaMs: undefined,
	};
	/**
	 * @param {string} name
	 * @param {string | undefined} value
	 */
	const number = (name, value) => {
		const parsed = Number(value);
		if (value === undefined || !Number.isInteger(parsed) || parsed < 0)
			throw new Error(`${name} needs a whole number, got ${value}`);
		return parsed;
	};
	/**
	 * @param {string} name
	 * @param {string | undefined} value
	 */
	const text = (name, value) => {
		if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
		return value;
	};
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		const [flag, inline] = arg.includes('=')
			? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
			: [arg, undefined];
		const value = () => (inline !== undefined ? inline : argv[++index]);
		switch (flag) {
			case '--port':
				options.port = number(flag, value());
				break;
			case '--host':
				options.host = text(flag, value());
				break;
			case '--vendor-uid':
				options.vendorUid = text(flag, value());
				break;
			case '--token':
				options.token = text(flag, value());
				break;
			case '--rate-limit':
				options.limit = number(flag, value());
				break;
			case '--rate-window-ms':
				options.windowMs = number(flag, value());
				break;
			case '--no-rate-limit':
				options.rateLimit = false;
				break;
			case '--contacts':
				options.contacts = number(flag, value());
				break;
			case '--webhook-url':
				options.webhookUrl = text(flag, value());
				break;
			case '--large-media-bytes':
				options.largeMediaBytes = number(flag, value());
				break;
			case '--slow-media-ms':
				options.slowMediaMs = number(flag, value());
				break;
			case '--help':
			case '-h':
				process.stdout.write(`${USAGE}\n`);
				process.exit(0);
				break;
			default:
				throw new Error(`unknown option ${arg}`);
		}
	}
	if (options.rateLimit && (options.limit < 1 || options.windowMs < 1))
		throw new Error('--rate-limit and --rate-window-ms must be at least 1');
	return options;
}

async function main() {
	let options;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		process.stderr.write(`${error.message}\n${USAGE}\n`);
		process.exit(2);
	}
	// Extra contacts go into the seed, so they survive POST /__sim/reset.
	const seed = defaultSeed();
	for (let k = 1; k <= options.contacts; k++) seed.contacts.push(generatedContact(k));
	const sim = await startSimulator({
		seed,
		port: options.port,
		host: options.host,
		vendorUid: options.vendorUid,
		token: options.token,
		rateLimit: options.rateLimit ? { limit: options.limit, windowMs: options.windowMs } : false,
		webhookUrl: options.webhookUrl,
		largeMediaBytes: options.largeMediaBytes,
		slowMediaMs: options.slowMediaMs,
	});
	process.stdout.write(
		`${JSON.stringify({ url: sim.url, vendorUid: sim.vendorUid, token: sim.token, adminUrl: sim.adminUrl })}\n`,
	);

	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		sim.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

main().catch((error) => {
	// The message only: a stack could carry option values.
	process.stderr.write(`the simulator could not start: ${error.message}\n`);
	process.exit(1);
});
