'use strict';
/**
 * Throw-away PostgreSQL and Redis for n8n's queue mode (n8n does not support SQLite there). Each binds to 127.0.0.1
 * on a port chosen at run time, keeps its data in a temp folder that stop() removes, and never touches the
 * distribution's own services. Debian's packages are installed by scripts/scale/install-services.sh.
 *
 *   const pg = await startPostgres();     // { host, port, database, user, password, env(), psql(sql), dump(), stop() }
 *   const redis = await startRedis();     // { host, port, stop() }
 *
 * PostgreSQL refuses to run as root: as root, initdb and postgres run as the `postgres` system user (spawn's uid/gid).
 */
const { spawn, spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const HOST = '127.0.0.1';

/* ------------------------------------------------------------------ processes */

const running = new Set();
process.on('exit', () => {
	for (const child of running) {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// gone
		}
	}
});

/**
 * Spawns a long-running service in its own process group with output to logFile. Handle: { pid, exited, stop() }.
 * stop() sends `stopSignal` to the group, then SIGKILL after timeoutMs.
 */
function spawnService(
	cmd,
	args,
	{ logFile, stopSignal = 'SIGTERM', uid, gid, env = process.env, cwd } = {},
) {
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(cmd, args, {
		cwd,
		env,
		stdio: ['ignore', fd, fd],
		detached: true,
		...(uid !== undefined ? { uid, gid } : {}),
	});
	fs.closeSync(fd);
	running.add(child);
	let exitedWith = null;
	const exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => {
			exitedWith = { code, signal };
			running.delete(child);
			resolve(exitedWith);
		}),
	);
	const signalGroup = (signal) => {
		try {
			process.kill(-child.pid, signal);
		} catch {
			// already gone
		}
	};
	return {
		pid: child.pid,
		exited,
		hasExited: () => exitedWith !== null,
		async stop({ timeoutMs = 15000 } = {}) {
			if (exitedWith) return exitedWith;
			signalGroup(stopSignal);
			const timer = setTimeout(() => signalGroup('SIGKILL'), timeoutMs);
			const result = await exited;
			clearTimeout(timer);
			signalGroup('SIGKILL'); // anything left in the group
			return result;
		},
	};
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, HOST, () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function tail(file, n = 30) {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
	} catch {
		return '';
	}
}

async function waitFor(what, check, { timeoutMs = 60000, handle, logFile } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return;
		if (handle && handle.hasExited())
			throw new Error(`${what} exited before it was ready:\n${tail(logFile)}`);
		if (Date.now() > deadline)
			throw new Error(`${what} not ready after ${timeoutMs} ms:\n${tail(logFile)}`);
		await sleep(200);
	}
}

/* ------------------------------------------------------------------ PostgreSQL */

/** The bin folder of the newest installed PostgreSQL (/usr/lib/postgresql/<major>/bin), or throws. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((d) => /^\d+$/.test(d))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	for (const major of majors) {
		const dir = path.join(root, major, 'bin');
		if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres')))
			return dir;
	}
	throw new Error(
		'PostgreSQL not found in /usr/lib/postgresql: run scripts/scale/install-services.sh',
	);
}

/** uid/gid to run PostgreSQL as: the `postgres` system user when we are root, else ourselves. */
function postgresUser() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((l) => l.startsWith('postgres:'));
	if (!line)
		throw new Error(
			'running as root but there is no "postgres" user (install Debian\'s postgresql package)',
		);
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/**
 * initdb into a temp folder and start `postgres` on 127.0.0.1:<free port> with a superuser `n8n` (random password)
 * and a database `n8n`. Durability is switched off: the data is thrown away anyway.
 */
async function startPostgres({ database = 'n8n', user = 'n8n' } = {}) {
	const bin = postgresBinDir();
	const owner = postgresUser();
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scale-pg-'));
	const dataDir = path.join(root, 'data');
	const socketDir = path.join(root, 'socket');
	const logFile = path.join(root, 'postgres.log');
	const password = crypto.randomBytes(18).toString('base64url');
	const pwFile = path.join(root, 'pwfile');
	fs.mkdirSync(socketDir);
	fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
	fs.writeFileSync(logFile, '');
	if (owner.uid !== undefined)
		for (const p of [root, socketDir, pwFile, logFile]) fs.chownSync(p, owner.uid, owner.gid);

	const init = spawnSync(
		path.join(bin, 'initdb'),
		[
			'-D',
			dataDir,
			'-U',
			user,
			`--pwfile=${pwFile}`,
			'--auth-host=scram-sha-256',
			'--auth-local=trust',
			'-E',
			'UTF8',
			'--locale=C.UTF-8',
			'--no-sync',
		],
		{ encoding: 'utf8', cwd: root, ...owner },
	);
	fs.rmSync(pwFile, { force: true });
	if (init.status !== 0) {
		fs.rmSync(root, { recursive: true, force: true });
		throw new Error(
			`initdb failed (exit ${init.status}):\n${(init.stdout || '') + (init.stderr || '')}`.slice(
				-3000,
			),
		);
	}

	const port = await freePort();
	const handle = spawnService(
		path.join(bin, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-k',
			socketDir,
			'-c',
			`listen_addresses=${HOST}`,
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
			'-c',
			'max_connections=200',
		],
		// SIGINT is PostgreSQL's "fast" shutdown (SIGTERM would wait for n8n's pooled connections to close).
		{ logFile, stopSignal: 'SIGINT', cwd: root, ...owner },
	);
	const clientEnv = { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' };
	const connArgs = ['-h', HOST, '-p', String(port), '-U', user];
	const psqlRaw = (db, sql) =>
		spawnSync(
			path.join(bin, 'psql'),
			[...connArgs, '-d', db, '-v', 'ON_ERROR_STOP=1', '-At', '-c', sql],
			{ encoding: 'utf8', env: clientEnv },
		);
	try {
		await waitFor('postgres', () => psqlRaw('postgres', 'select 1').status === 0, {
			handle,
			logFile,
		});
		const created = psqlRaw('postgres', `CREATE DATABASE ${database}`);
		if (created.status !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
	} catch (error) {
		await handle.stop();
		fs.rmSync(root, { recursive: true, force: true });
		throw error;
	}

	return {
		host: HOST,
		port,
		database,
		user,
		password,
		logFile,
		/** n8n's DB_* settings for this instance. */
		env() {
			return {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: HOST,
				DB_POSTGRESDB_PORT: String(port),
				DB_POSTGRESDB_DATABASE: database,
				DB_POSTGRESDB_USER: user,
				DB_POSTGRESDB_PASSWORD: password,
			};
		},
		/** Runs SQL; resolves the rows as arrays of column strings (psql -At, '|' separated). Throws on error. */
		query(sql) {
			const result = psqlRaw(database, sql);
			if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
			return result.stdout
				.split('\n')
				.filter((l) => l !== '')
				.map((l) => l.split('|'));
		},
		/** `pg_dump --data-only` of the database as text: every row of every table. */
		dump() {
			const result = spawnSync(
				path.join(bin, 'pg_dump'),
				[...connArgs, '--data-only', '--no-owner', database],
				{
					encoding: 'utf8',
					env: clientEnv,
					maxBuffer: 1024 * 1024 * 1024,
				},
			);
			if (result.status !== 0) throw new Error(`pg_dump failed: ${result.stderr}`);
			return result.stdout;
		},
		async stop() {
			await handle.stop();
			fs.rmSync(root, { recursive: true, force: true });
		},
	};
}

/* ------------------------------------------------------------------ Redis */

/** Sends PING over RESP; resolves true on +PONG. */
function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: HOST, port });
		let answer = '';
		const done = (ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (d) => {
			answer += d.toString();
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

/** `redis-server` on 127.0.0.1:<free port>, nothing persisted, working folder in a temp dir. */
async function startRedis() {
	const which = spawnSync('bash', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
	const binary = which.status === 0 ? which.stdout.trim() : '';
	if (!binary) throw new Error('redis-server not found: run scripts/scale/install-services.sh');
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scale-redis-'));
	const logFile = path.join(root, 'redis.log');
	const port = await freePort();
	const handle = spawnService(
		binary,
		[
			'--port',
			String(port),
			'--bind',
			HOST,
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			root,
			'--daemonize',
			'no',
			'--protected-mode',
			'yes',
			'--loglevel',
			'warning',
		],
		{ logFile, cwd: root },
	);
	try {
		await waitFor('redis-server', () => redisPing(port), { handle, logFile });
	} catch (error) {
		await handle.stop();
		fs.rmSync(root, { recursive: true, force: true });
		throw error;
	}
	return {
		host: HOST,
		port,
		logFile,
		async stop() {
			await handle.stop();
			fs.rmSync(root, { recursive: true, force: true });
		},
	};
}

module.exports = { startPostgres, startRedis, spawnService, freePort, waitFor, tail, sleep, HOST };
