// Shared by backup.mjs and restore.mjs: where the services are, how to call the MariaDB clients, a tiny
// Redis client. Node built-ins (and mysql2 from node_modules in restore.mjs) only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FORMAT = 'luodi-backup/1';
export const DUMP_NAME = 'dump.sql.gz';
export const MANIFEST_NAME = 'manifest.json';

/** A planned stop: the message for the operator and the exit code (2: refused or bad usage, 1: failed). */
export class Stop extends Error {
  constructor(message, code) {
    super(message);
    this.exitCode = code;
  }
}

/** Stop with a message (thrown, so `finally` blocks still remove temporary files). */
export function die(message, code = 1) {
  throw new Stop(message, code);
}

/** The scripts' top level: print a Stop's message and leave with its code; anything else is a bug. */
export function exitOn(error) {
  if (error instanceof Stop) {
    process.stderr.write(`${error.message}\n`);
    process.exit(error.exitCode);
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}

function envFile(file) {
  if (!existsSync(file)) return {};
  const entries = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (match) entries[match[1]] = match[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return entries;
}

/**
 * DATABASE_URL / REDIS_URL / QUEUE_PREFIX as the app would see them: the environment first, then what
 * ops/services/up.sh resolved (.data/services.env), then <repo>/.env, then npm start's defaults.
 */
export function settings() {
  const services = envFile(join(REPO_ROOT, '.data', 'services.env'));
  const dotenv = envFile(join(REPO_ROOT, '.env'));
  const pick = (name, fallback) => process.env[name] || services[name] || dotenv[name] || fallback;
  return {
    databaseUrl: pick('DATABASE_URL', 'mysql://root@127.0.0.1:3306/luodi'),
    redisUrl: pick('REDIS_URL', 'redis://127.0.0.1:6379'),
    queuePrefix: pick('QUEUE_PREFIX', 'luodi'),
  };
}

export function mask(url) {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/** The parts of a mysql:// (or mariadb://) URL the command-line clients need. */
export function parseDatabaseUrl(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    die(`DATABASE_URL is not a URL: ${mask(raw)}`, 2);
  }
  if (!/^(mysql|mariadb):$/.test(url.protocol)) die(`DATABASE_URL must be mysql://…, not ${mask(raw)}`, 2);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_$-]{1,64}$/.test(database))
    die(`DATABASE_URL names no usable database ("${database}"): ${mask(raw)}`, 2);
  return {
    host: (url.hostname || '127.0.0.1').replace(/^\[(.*)\]$/, '$1'),
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password || ''),
    database,
    socket: url.searchParams.get('socketPath') ?? url.searchParams.get('socket') ?? undefined,
  };
}

/** The first of `names` found on PATH (or in /usr/sbin, /usr/bin). */
export function findTool(...names) {
  for (const name of names) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
    for (const dir of ['/usr/bin', '/usr/sbin', '/usr/local/bin']) {
      if (existsSync(join(dir, name))) return join(dir, name);
    }
  }
  return undefined;
}

/**
 * A private directory with an option file for the MariaDB/MySQL clients, so the password never shows
 * in the process list. Call cleanup() when done.
 */
export function clientOptions(db) {
  const dir = mkdtempSync(join(tmpdir(), 'luodi-backup-'));
  const file = join(dir, 'client.cnf');
  const lines = ['[client]', `host=${db.host}`, `port=${db.port}`, `user=${db.user}`];
  if (db.password) lines.push(`password="${db.password.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  if (db.socket) lines.push(`socket=${db.socket}`);
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  return { file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `YYYYMMDDTHHMMSSZ` for file names. */
export function stamp(date = new Date()) {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

// ------------------------------------------------------------------------------------------- Redis

function encode(args) {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(String(arg))}\r\n${arg}\r\n`).join('')}`;
}

/** Parse one RESP value at `offset`; undefined when the buffer does not hold all of it yet. */
function parseReply(buffer, offset = 0) {
  const end = buffer.indexOf('\r\n', offset);
  if (end < 0) return undefined;
  const type = String.fromCharCode(buffer[offset]);
  const line = buffer.toString('utf8', offset + 1, end);
  const next = end + 2;
  if (type === '+' || type === ':') return { value: type === ':' ? Number(line) : line, next };
  if (type === '-') return { value: new Error(line), next };
  if (type === '$') {
    const length = Number(line);
    if (length < 0) return { value: null, next };
    if (buffer.length < next + length + 2) return undefined;
    return { value: buffer.toString('utf8', next, next + length), next: next + length + 2 };
  }
  if (type === '*') {
    const count = Number(line);
    const items = [];
    let position = next;
    for (let i = 0; i < count; i += 1) {
      const item = parseReply(buffer, position);
      if (!item) return undefined;
      items.push(item.value);
      position = item.next;
    }
    return { value: items, next: position };
  }
  throw new Error(`unexpected Redis reply type ${type}`);
}

/** A minimal Redis connection: `command(...args)` resolves with the reply (one command at a time). */
export function redisConnect(raw, timeoutMs = 5_000) {
  const url = new URL(raw);
  const socket = net.connect({ host: url.hostname || '127.0.0.1', port: Number(url.port || 6379) });
  socket.setTimeout(timeoutMs);
  let buffer = Buffer.alloc(0);
  let waiting;
  const fail = (error) => {
    if (waiting) waiting.reject(error);
    waiting = undefined;
  };
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (!waiting) return;
    const reply = parseReply(buffer);
    if (!reply) return;
    buffer = buffer.subarray(reply.next);
    const { resolve, reject } = waiting;
    waiting = undefined;
    if (reply.value instanceof Error) reject(reply.value);
    else resolve(reply.value);
  });
  socket.on('error', fail);
  socket.on('timeout', () => {
    fail(new Error('Redis did not answer in time'));
    socket.destroy();
  });
  socket.on('close', () => fail(new Error('Redis closed the connection')));
  const command = (...args) =>
    new Promise((resolve, reject) => {
      waiting = { resolve, reject };
      socket.write(encode(args));
    });
  const ready = new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  }).then(async () => {
    const password = decodeURIComponent(url.password || '');
    const user = decodeURIComponent(url.username || '');
    if (password) await (user ? command('AUTH', user, password) : command('AUTH', password));
    const db = url.pathname.replace(/^\//, '');
    if (db) await command('SELECT', db);
  });
  return { ready, command, close: () => socket.end() };
}
