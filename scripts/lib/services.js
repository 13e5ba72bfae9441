'use strict';
// Throwaway PostgreSQL and Redis servers for n8n's queue mode: Debian's packages (installed with apt-get when
// missing), each run on 127.0.0.1, a free port and a fresh temp folder, stopped and removed when this process exits.
// The machine's own clusters and services are never started, stopped or read.

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { freePort, run, sleep, startProcess, stopProcess, onExit } = require('./proc');
const { RuntimeError, say, seconds } = require('./common');

const REDIS_SERVER = '/usr/bin/redis-server';
const POLICY_RC = '/usr/sbin/policy-rc.d';

function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return null;
	const versions = fs
		.readdirSync(root)
		.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(root, versions[0], 'bin') : null;
}

/**
 * Installs Debian packages with apt-get (as root). Package scripts are told not to start services (policy-rc.d
 * answering 101, put in place only for the install when the machine has none), so installing PostgreSQL or Redis
 * leaves no system cluster or daemon running.
 */
function aptInstall(packages, why) {
	if (process.getuid?.() !== 0) {
		throw new RuntimeError(
			`${why} needs ${packages.join(', ')}, which are not installed, and this is not root: run "sudo apt-get install -y ${packages.join(' ')}".`,
		);
	}
	say(`${why}: installing Debian's ${packages.join(', ')} with apt-get (a minute or two)…`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const ownPolicy = !fs.existsSync(POLICY_RC);
	if (ownPolicy) fs.writeFileSync(POLICY_RC, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	try {
		let result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
			stdio: 'inherit',
			env,
		});
		if (result.status !== 0) {
			spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
			result = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
				stdio: 'inherit',
				env,
			});
		}
		if (result.status !== 0)
			throw new RuntimeError(
				`apt-get install ${packages.join(' ')} failed (exit ${result.status}).`,
			);
	} finally {
		if (ownPolicy) fs.rmSync(POLICY_RC, { force: true });
	}
}

function ensurePackages() {
	const missing = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!fs.existsSync(REDIS_SERVER)) missing.push('redis-server');
	if (missing.length) aptInstall(missing, 'The queue-mode tier');
	const bin = postgresBinDir();
	if (!bin || !fs.existsSync(REDIS_SERVER))
		throw new RuntimeError('apt-get finished but postgres or redis-server is still missing.');
	return bin;
}

function userIds(name) {
	try {
		return {
			uid: Number(execFileSync('id', ['-u', name]).toString().trim()),
			gid: Number(execFileSync('id', ['-g', name]).toString().trim()),
		};
	} catch {
		throw new RuntimeError(`There is no "${name}" user (the postgresql package creates it).`);
	}
}

/** A temp folder removed when this process exits (whatever way it exits). */
function tempDir(prefix) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	onExit(() => fs.rmSync(dir, { recursive: true, force: true }));
	return dir;
}

/**
 * A PostgreSQL server on 127.0.0.1:<free port> with a fresh cluster in a temp folder, run as the `postgres` user
 * (initdb and postgres refuse root) with trust authentication on loopback and fsync off: a test database, never
 * the machine's own. Resolves to `{ host, port, user, database, dataDir, stop() }`.
 */
async function startPostgres({ binDir, logFile, timeoutMs = 60000 }) {
	const started = Date.now();
	const owner = process.getuid?.() === 0 ? userIds('postgres') : {};
	const dataDir = tempDir('smartwats-queue-pg-');
	if (owner.uid !== undefined) fs.chownSync(dataDir, owner.uid, owner.gid);
	const init = await run(
		path.join(binDir, 'initdb'),
		['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C.UTF-8'],
		{ ...owner, cwd: dataDir, env: { ...process.env, LC_ALL: 'C.UTF-8' }, timeoutMs: 120000 },
	);
	if (init.code !== 0)
		throw new RuntimeError(`initdb failed (exit ${init.code}):\n${init.stdout}\n${init.stderr}`);
	const port = await freePort();
	const child = startProcess(
		path.join(binDir, 'postgres'),
		[
			'-D',
			dataDir,
			'-h',
			'127.0.0.1',
			'-p',
			String(port),
			'-k',
			dataDir,
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		],
		{ ...owner, cwd: dataDir, env: { ...process.env, LC_ALL: 'C.UTF-8' }, logFile },
	);
	const pgIsReady = path.join(binDir, 'pg_isready');
	for (;;) {
		if (child.exitCode !== null)
			throw new RuntimeError(`postgres exited (code ${child.exitCode}):\n${child.tail()}`);
		const ready = await run(pgIsReady, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres'], {
			timeoutMs: 10000,
		});
		if (ready.code === 0) break;
		if (Date.now() - started > timeoutMs)
			throw new RuntimeError(
				`postgres was not ready within ${seconds(timeoutMs)}:\n${child.tail()}`,
			);
		await sleep(300);
	}
	return {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		database: 'postgres',
		dataDir,
		process: child,
		bootMs: Date.now() - started,
		stop: () => stopProcess(child, 10000),
	};
}

function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(2000);
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.on('error', () => resolve(false));
		socket.on('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/** A Redis server on 127.0.0.1:<free port>, in memory only (no RDB/AOF files). Resolves to `{ host, port, stop() }`. */
async function startRedis({ logFile, timeoutMs = 30000 }) {
	const started = Date.now();
	const dir = tempDir('smartwats-queue-redis-');
	const port = await freePort();
	const child = startProcess(
		REDIS_SERVER,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--protected-mode',
			'yes',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
		],
		{ cwd: dir, env: { ...process.env }, logFile },
	);
	while (!(await redisPing(port))) {
		if (child.exitCode !== null)
			throw new RuntimeError(`redis-server exited (code ${child.exitCode}):\n${child.tail()}`);
		if (Date.now() - started > timeoutMs)
			throw new RuntimeError(
				`redis-server was not ready within ${seconds(timeoutMs)}:\n${child.tail()}`,
			);
		await sleep(200);
	}
	return {
		host: '127.0.0.1',
		port,
		process: child,
		bootMs: Date.now() - started,
		stop: () => stopProcess(child, 5000),
	};
}

module.exports = { ensurePackages, startPostgres, startRedis };
