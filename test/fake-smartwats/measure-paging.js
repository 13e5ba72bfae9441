#!/usr/bin/env node
// @ts-check
'use strict';
/**
 * Measures the simulator at scale: how long seeding N contacts takes, and what Get Contacts costs per page size
 * (wall and CPU time per request, response size, and a whole Return All walk). Prints figures; asserts nothing.
 * CPU time is the steadier figure on a shared machine.
 *
 *   node test/fake-smartwats/measure-paging.js [--contacts 10000] [--sizes 100,500,1000,2500] [--repeat 5]
 *
 * The figures are the simulator's own cost on this machine (loopback, no rate limit): what a page size costs the
 * server and the wire, not what SmartWats' MySQL would. Run it on an idle machine for stable numbers.
 */
const { startSimulator, defaultSeed, generatedContact } = require('./index');

/** @param {string[]} argv */
function parseArgs(argv) {
	const options = { contacts: 10000, sizes: [100, 500, 1000, 2500], repeat: 5 };
	for (let index = 0; index < argv.length; index++) {
		const [flag, value] = [argv[index], argv[index + 1]];
		if (flag === '--contacts') options.contacts = Number(value);
		else if (flag === '--sizes') options.sizes = value.split(',').map(Number);
		else if (flag === '--repeat') options.repeat = Number(value);
		else throw new Error(`unknown option ${flag}`);
		index++;
	}
	return options;
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
/** @param {bigint} start */
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

/**
 * One Get Contacts call: wall time, CPU time (server and client share this process) and size.
 * @param {import('./index').Simulator} sim
 * @param {number} page
 * @param {number} pageSize
 */
async function getContacts(sim, page, pageSize) {
	const cpu = process.cpuUsage();
	const started = process.hrtime.bigint();
	const response = await fetch(
		`${sim.url}/${sim.vendorUid}/contacts?page=${page}&page_size=${pageSize}`,
		{ headers: { Authorization: `Bearer ${sim.token}`, Accept: 'application/json' } },
	);
	const body = Buffer.from(await response.arrayBuffer());
	const elapsed = ms(started);
	const list = JSON.parse(body.toString('utf8')).data.contactList;
	const used = process.cpuUsage(cpu);
	return {
		elapsed,
		cpu: (used.user + used.system) / 1000,
		bytes: body.length,
		rows: list.data.length,
		lastPage: list.last_page,
	};
}

/**
 * @param {unknown[]} cells
 * @param {number[]} widths
 */
const row = (cells, widths) =>
	cells.map((cell, index) => String(cell).padStart(widths[index])).join(' | ');

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const sim = await startSimulator({ rateLimit: false });
	try {
		let started = process.hrtime.bigint();
		sim.seedContacts(options.contacts);
		const seedMs = ms(started);
		const total = sim.state.contacts.length;

		const seed = defaultSeed();
		for (let k = 1; k <= options.contacts; k++) seed.contacts.push(generatedContact(k));
		started = process.hrtime.bigint();
		sim.reset(seed);
		const loadMs = ms(started);

		console.log(`contacts: ${total}`);
		console.log(`seedContacts(${options.contacts}): ${seedMs.toFixed(0)} ms`);
		console.log(
			`a seed of ${seed.contacts.length} contacts (--contacts, reset): ${loadMs.toFixed(0)} ms`,
		);
		console.log('');
		const headings = [
			'page_size',
			'ms/request (median)',
			'CPU ms/request (median)',
			'response bytes',
			'requests for all',
			'Return All ms',
		];
		const widths = headings.map((heading) => heading.length);
		console.log(headings.join(' | '));
		console.log(widths.map((width) => '-'.repeat(width)).join(' | '));
		await getContacts(sim, 1, 100); // warm up
		for (const size of options.sizes) {
			/** @type {number[]} */
			const times = [];
			/** @type {number[]} */
			const cpu = [];
			let first = await getContacts(sim, 1, size);
			for (let run = 0; run < options.repeat; run++) {
				first = await getContacts(sim, 1, size);
				times.push(first.elapsed);
				cpu.push(first.cpu);
			}
			started = process.hrtime.bigint();
			let requests = 0;
			let rows = 0;
			for (let page = 1; page <= first.lastPage; page++) {
				rows += (await getContacts(sim, page, size)).rows;
				requests++;
			}
			const walkMs = ms(started);
			if (rows !== sim.state.contacts.length) throw new Error(`walk read ${rows} rows`);
			const cells = [size, median(times).toFixed(1), median(cpu).toFixed(1), first.bytes];
			console.log(row([...cells, requests, walkMs.toFixed(0)], widths));
		}
		console.log('');
		console.log(`heap used: ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB`);
	} finally {
		await sim.close();
	}
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});
