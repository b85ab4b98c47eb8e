// Helpers shared by the benches under ops/bench: where the repository and the services are, the
// built CLI and API, free ports, percentiles and what the machine is.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CLI_MAIN = join(ROOT, 'dist/apps/api/apps/api/src/cli.js');
export const API_MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');
export const WORKER_MAIN = join(ROOT, 'dist/apps/worker/apps/worker/src/main.js');
export const RESULTS_DIR = join(ROOT, 'ops/bench/results');

/** The project's own dependencies (mysql2, @node-rs/argon2 …), resolved from the repository root. */
export const requireFromRoot = createRequire(join(ROOT, 'package.json'));

export const log = (text) => process.stdout.write(`${text}\n`);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a bench's `main`; a failure is printed with its stack and exits with status 1. */
export function runMain(main) {
  main().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}

/** Writes a bench's result as pretty JSON to `ops/bench/results/<name>` and returns the file's path. */
export function writeResult(name, result) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, name);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/**
 * The environment every bench starts the built API or worker with: its own database and queue
 * prefix, a fresh JWT secret, warnings only, production mode. Benches add their own settings.
 */
export function benchEnv({ databaseUrl, redisUrl, queuePrefix }) {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: randomBytes(48).toString('base64url'),
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
}

/** `--name value` pairs and bare words (positional) of the command line. */
export function parseArgs(argv = process.argv.slice(2)) {
  const options = {};
  const positional = [];
  for (let index = 0; index < argv.length; index += 1) {
    const value = argv[index];
    if (value.startsWith('--')) {
      const next = argv[index + 1];
      if (next === undefined || next.startsWith('--')) options[value.slice(2)] = 'true';
      else {
        options[value.slice(2)] = next;
        index += 1;
      }
    } else positional.push(value);
  }
  return { options, positional };
}

/**
 * Where MariaDB and Redis are: DATABASE_URL / REDIS_URL from the environment, else the URLs
 * ops/services/up.sh resolved (.data/services.env), else the defaults of ops/services.
 */
export function serviceUrls() {
  const file = join(ROOT, '.data', 'services.env');
  const saved = existsSync(file)
    ? Object.fromEntries(
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim()))
          .filter(Boolean)
          .map((match) => [match[1], match[2]]),
      )
    : {};
  return {
    databaseUrl: process.env.DATABASE_URL ?? saved.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/luodi',
    redisUrl: process.env.REDIS_URL ?? saved.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}

/** The server URL with another database. */
export function databaseUrl(serverUrl, database) {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The demo users' password in every bench's database (DEMO_PASSWORD). */
export const BENCH_PASSWORD = 'bench only Demo Passphrase';

/**
 * A bench's own database `luodi_bench_<name>_<stamp>` on the services' MariaDB, with the environment
 * to run the built CLI, API and worker on it: benchEnv (queue prefix `bench<name><stamp>`), the
 * demo users' BENCH_PASSWORD, and the bench's `settings`. `load()` migrates it, loads the demo
 * district and opens a connection (multiple statements allowed) with the machine's description;
 * `drop(connection)` drops the database and closes the connection.
 */
export function benchDatabase(name, settings = {}) {
  const services = serviceUrls();
  const stamp = Date.now().toString(36);
  const database = `luodi_bench_${name}_${stamp}`;
  const url = databaseUrl(services.databaseUrl, database);
  const env = {
    ...benchEnv({ databaseUrl: url, redisUrl: services.redisUrl, queuePrefix: `bench${name}${stamp}` }),
    DEMO_PASSWORD: BENCH_PASSWORD,
    ...settings,
  };
  return {
    database,
    url,
    env,
    async load() {
      cli('migrate', env);
      cli('demo:load', env);
      const mysql = requireFromRoot('mysql2/promise');
      const db = await mysql.createConnection({ uri: url, multipleStatements: true });
      return { db, machine: await machineInfo(db) };
    },
    async drop(db) {
      await db.query(`DROP DATABASE \`${database}\``);
      await db.end();
    },
  };
}

/** Value at percentile p (nearest rank) of the values; null when there are none. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Run a command of the built CLI (migrate, demo:load …) with the given environment. */
export function cli(command, env) {
  if (!existsSync(CLI_MAIN)) throw new Error(`${CLI_MAIN} is missing: build first (npm run build)`);
  const result = spawnSync(process.execPath, [CLI_MAIN, command], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`${command} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

/**
 * Start the built API on a free port of 127.0.0.1 with the given environment and wait until it
 * answers /api/health. Returns its base URL and a stop() that ends it (and only it).
 */
export async function startApi(env, { timeoutMs = 60_000 } = {}) {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: build first (npm run build)`);
  const port = await freePort();
  const child = spawn(process.execPath, [API_MAIN], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the API exited before listening:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).status > 0) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`the API did not listen within ${timeoutMs} ms:\n${output}`);
    }
    await sleep(200);
  }
  return {
    baseUrl,
    pid: child.pid,
    output: () => output,
    /** SIGTERM, then SIGKILL after `graceMs` (a process busy in a long synchronous loop never hears SIGTERM). */
    stop: async (graceMs = 10_000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Sign in through the API and return the access token. */
export async function login(baseUrl, username, password) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await response.json();
  if (response.status !== 200)
    throw new Error(`login ${username}: ${response.status} ${JSON.stringify(body)}`);
  return body.accessToken;
}

/** What the figures were measured on: cores, memory, load, Node and the database server. */
export async function machineInfo(connection) {
  const [[server]] = await connection.query(
    'SELECT VERSION() AS version, @@innodb_buffer_pool_size AS bufferPool, @@innodb_flush_method AS flushMethod',
  );
  const [one, five, fifteen] = loadavg();
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverageAtStart: [one, five, fifteen].map((value) => Math.round(value * 100) / 100),
    node: process.version,
    database: String(server.version),
    innodbBufferPoolMiB: Math.round(Number(server.bufferPool) / 2 ** 20),
    innodbFlushMethod: String(server.flushMethod),
  };
}
