#!/usr/bin/env node
'use strict';
/**
 * npm run demo [-- --keep] [-- --port 5678] [-- --n8n 1.123.81]
 *
 * A local n8n with this package installed as a community package, the example workflows imported, a SmartWats
 * credential pointing at the simulator (or at the real SmartWats when SMARTWATS_BASE_URL, SMARTWATS_VENDOR_UID and
 * SMARTWATS_ACCESS_TOKEN are set), running on 127.0.0.1 until Ctrl-C.
 *
 * --keep   reuse .e2e/demo from the last run (your own workflows and executions stay); default: start fresh
 * --port   the editor port (default 5678, or a free one if 5678 is taken); the simulator takes 5680 if free
 * --n8n    another n8n version (default 2.40.7)
 */

const net = require('node:net');
const path = require('node:path');

const SIMULATOR_PORT = 5680;

const rt = require('./lib/n8n-runtime');

function argValue(name) {
	const index = process.argv.indexOf(name);
	return index === -1 ? undefined : process.argv[index + 1];
}

function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** The first example with a SmartWats Trigger (and its fixed webhookId), for the "try the trigger" hint. */
function triggerExample(instance, pkg) {
	for (const { workflow } of instance.workflows.values()) {
		const trigger = workflow.nodes.find(
			(node) => node.type === `${pkg.name}.smartWatsTrigger` && node.webhookId,
		);
		if (trigger) return { workflow, trigger };
	}
	return null;
}

async function main() {
	const started = Date.now();
	const keep = process.argv.includes('--keep');
	const examples = rt.workflowFiles('examples');
	// Fixed ports when free, so the URLs in the README work as written.
	const prepared = await rt.prepare('demo', {
		workflows: examples,
		rateLimit: true,
		fresh: !keep,
		simulatorPort: (await portIsFree(SIMULATOR_PORT)) ? SIMULATOR_PORT : undefined,
	});
	const { instance, sim, credential } = prepared;

	const wanted = Number(argValue('--port') ?? 5678);
	const port = (await portIsFree(wanted)) ? wanted : undefined;
	rt.say('Starting n8n …');
	const server = await instance.start({ port });

	const line = '─'.repeat(72);
	const out = (text = '') => process.stdout.write(`${text}\n`);
	out();
	out(line);
	out(
		` n8n ${prepared.n8n.version} with ${prepared.pkg.name}@${prepared.pkg.version} is running (ready after ${rt.seconds(Date.now() - started)})`,
	);
	out(line);
	out(`  Open      ${server.url}`);
	out(`  Email     ${rt.OWNER.email}`);
	out(`  Password  ${rt.OWNER.password}`);
	out();
	if (credential.target === 'real') {
		out(`  Credential "${credential.name}" → the real SmartWats at ${credential.data.baseUrl}`);
		out('  Careful: running the examples sends real WhatsApp messages.');
	} else {
		out(`  Credential "${credential.name}" → the SmartWats simulator at ${sim.url}`);
		out(`  What the simulator received: ${sim.adminUrl}/journal`);
		out('  To use your real SmartWats account instead, stop this and run:');
		out(
			'    SMARTWATS_BASE_URL=https://…/api SMARTWATS_VENDOR_UID=… SMARTWATS_ACCESS_TOKEN=… npm run demo',
		);
	}
	out();
	out(`  Example workflows (${examples.length}):`);
	for (const file of examples) {
		const { workflow } = instance.workflows.get(require(file).id) ?? { workflow: require(file) };
		out(`    • ${workflow.name}  →  ${server.url}/workflow/${workflow.id}`);
	}
	const withTrigger = triggerExample(instance, prepared.pkg);
	if (sim && withTrigger) {
		const commands = rt.handCommands(sim);
		out();
		out(`  Try the trigger: open "${withTrigger.workflow.name}" and press Execute workflow;`);
		out('  while n8n waits for a test event, send it a customer message from the simulator:');
		out(
			`    ${commands.webhook(server.webhookTestUrl(`${withTrigger.trigger.webhookId}/webhook`))}`,
		);
		out();
		out("  Call the simulator yourself (the credential's token):");
		out(`    ${commands.apiCall}`);
	}
	out();
	out(`  n8n's log: ${path.relative(process.cwd(), path.join(instance.logDir, 'n8n-start.log'))}`);
	out('  Press Ctrl-C to stop.');
	out(line);

	const { code, signal } = await server.process.exited;
	if (rt.isShuttingDown()) return; // Ctrl-C: the signal handler stops everything and exits
	rt.say(
		`n8n stopped unexpectedly (exit code ${code}, signal ${signal}). Last output:\n${server.process.tail()}`,
	);
	await rt.stopAll();
	process.exit(1);
}

main().catch(async (error) => {
	process.stderr.write(`\nnpm run demo failed: ${error.message}\n`);
	if (!(error instanceof rt.RuntimeError)) process.stderr.write(`${error.stack}\n`);
	await rt.stopAll();
	process.exit(1);
});
