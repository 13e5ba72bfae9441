'use strict';
// Child processes for the runtime scripts: spawn with captured output, free ports, and a registry that stops
// every process group we started when this process exits (normally, by Ctrl-C or by an uncaught error).

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');

const children = new Set();
const cleanupHooks = [];
let handlersInstalled = false;
let shuttingDown = false;

function killGroup(child, signal) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	try {
		// Every child is spawned detached, i.e. as the leader of its own process group: n8n starts a task-runner
		// child of its own, and a negative pid reaches it too.
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			/* already gone */
		}
	}
}

function killAllSync() {
	for (const hook of cleanupHooks.splice(0)) {
		try {
			hook();
		} catch {
			/* best effort */
		}
	}
	for (const child of children) killGroup(child, 'SIGKILL');
	children.clear();
}

function installHandlers() {
	if (handlersInstalled) return;
	handlersInstalled = true;
	process.on('exit', killAllSync);
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(signal, () => {
			if (shuttingDown) return;
			shuttingDown = true;
			process.stderr.write(`\nReceived ${signal}, stopping child processes…\n`);
			stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
		});
	}
}

/** Registers a synchronous function to run when the process exits (e.g. removing a temp dir). */
function onExit(fn) {
	installHandlers();
	cleanupHooks.push(fn);
}

/**
 * Starts a long-running child in its own process group and registers it for cleanup.
 * Output goes to `logFile` (appended) and, when `echo` is set, also to this process's stderr. `uid`/`gid` run it as
 * another user (PostgreSQL refuses root).
 */
function startProcess(command, args, { cwd, env, logFile, echo = false, onLine, uid, gid } = {}) {
	installHandlers();
	const child = spawn(command, args, {
		cwd,
		env,
		uid,
		gid,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	children.add(child);
	const log = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
	const tail = [];
	for (const stream of [child.stdout, child.stderr]) {
		let buffered = '';
		stream.on('data', (chunk) => {
			const text = chunk.toString();
			log?.write(text);
			if (echo) process.stderr.write(text);
			buffered += text;
			const lines = buffered.split('\n');
			buffered = lines.pop();
			for (const line of lines) {
				tail.push(line);
				if (tail.length > 200) tail.shift();
				onLine?.(line);
			}
		});
	}
	child.on('exit', () => {
		children.delete(child);
		log?.end();
	});
	child.tail = () => tail.join('\n');
	child.exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal })),
	);
	return child;
}

/** Stops one child (SIGTERM to its group, SIGKILL after `graceMs`). */
async function stopProcess(child, graceMs = 10000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	killGroup(child, 'SIGTERM');
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
	await child.exited;
	clearTimeout(timer);
	// The group may still hold a grandchild (n8n's task runner) after the leader exited.
	try {
		process.kill(-child.pid, 'SIGKILL');
	} catch {
		/* group empty */
	}
	children.delete(child);
}

async function stopAll() {
	await Promise.all([...children].map((child) => stopProcess(child, 5000)));
	killAllSync();
}

/**
 * Runs a command to completion and returns `{ code, signal, stdout, stderr, ms }`. Never throws for a non-zero
 * exit; callers decide. `timeoutMs` kills the process group.
 */
function run(
	command,
	args,
	{ cwd, env, timeoutMs = 0, input, inherit = false, logFile, uid, gid } = {},
) {
	installHandlers();
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(command, args, {
			cwd,
			env,
			uid,
			gid,
			detached: true,
			stdio: [
				input === undefined ? 'ignore' : 'pipe',
				inherit ? 'inherit' : 'pipe',
				inherit ? 'inherit' : 'pipe',
			],
		});
		children.add(child);
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (c) => (stdout += c));
		child.stderr?.on('data', (c) => (stderr += c));
		if (input !== undefined) child.stdin.end(input);
		let timedOut = false;
		const timer =
			timeoutMs > 0
				? setTimeout(() => {
						timedOut = true;
						killGroup(child, 'SIGKILL');
					}, timeoutMs)
				: null;
		child.on('error', (error) => {
			children.delete(child);
			reject(error);
		});
		child.on('close', (code, signal) => {
			if (timer) clearTimeout(timer);
			children.delete(child);
			// The task runner n8n starts may outlive the CLI process; take the whole group down.
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* group empty */
			}
			const result = { code, signal, stdout, stderr, ms: Date.now() - started, timedOut };
			if (logFile) {
				fs.appendFileSync(
					logFile,
					`$ ${command} ${args.join(' ')}\n# exit ${code}${signal ? ` (${signal})` : ''} after ${result.ms} ms${timedOut ? ' (timed out)' : ''}\n${stdout}${stderr ? `\n--- stderr ---\n${stderr}` : ''}\n\n`,
				);
			}
			resolve(result);
		});
	});
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** True once a signal asked this process to stop (children exiting then is expected). */
const isShuttingDown = () => shuttingDown;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = {
	startProcess,
	stopProcess,
	stopAll,
	run,
	freePort,
	sleep,
	onExit,
	isShuttingDown,
};
