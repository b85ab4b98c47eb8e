#!/usr/bin/env node
// npm run backup [-- --out DIR]
//
// One file, <DIR>/luodi-<UTC timestamp>.tar (default DIR: <repo>/.data/backups, or LUODI_BACKUP_DIR),
// mode 600 (it holds password hashes and session hashes), with two members:
//   dump.sql.gz    mariadb-dump --single-transaction (one consistent snapshot, no locks held against
//                  the running api/worker) --routines --triggers --hex-blob, one INSERT per row, of the
//                  database in DATABASE_URL, without CREATE DATABASE (restore picks the target)
//   manifest.json  app version and commit, migration head, row count of every table and the audit
//                  chain head — all read from the dump itself, so they describe exactly that snapshot —
//                  the dump's sha256, and the Redis decision (nothing there is the source of truth;
//                  see REDIS_DECISION) with an inventory of the keys under QUEUE_PREFIX.
// Prints the file's path as the last line of stdout. Node built-ins only.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import {
  clientOptions,
  die,
  exitOn,
  DUMP_NAME,
  findTool,
  FORMAT,
  MANIFEST_NAME,
  mask,
  parseDatabaseUrl,
  redisConnect,
  REPO_ROOT,
  settings,
  stamp,
} from './lib.mjs';

export const REDIS_DECISION = [
  'Nothing in Redis is the source of truth, so no Redis data is saved.',
  'Queues (BullMQ): every notification is a delivery row of the outbox in MariaDB; the worker relay enqueues pending deliveries (job id = delivery id) and enqueues again those pending longer than OUTBOX_REENQUEUE_MS; the recurring job schedulers are re-asserted by the worker every 15 s.',
  'Login-failure counters and access-denied marks are rate-limit windows (LOGIN_WINDOW_SECONDS, 60 s): losing them only restarts a window, keeping them would lock users out for a window that has long passed.',
  'Live messages are Redis pub/sub: nothing is stored.',
  'Restore onto an empty Redis or a new QUEUE_PREFIX: a job left from after the backup, with the same id, would otherwise keep a delivery that was pending at backup time from being sent.',
].join(' ');

function parseArgs(argv) {
  let out = process.env.LUODI_BACKUP_DIR || join(REPO_ROOT, '.data', 'backups');
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--out' && argv[i + 1]) out = argv[(i += 1)];
    else if (argv[i] === '-h' || argv[i] === '--help') {
      process.stdout.write('usage: npm run backup [-- --out DIR]\n');
      process.exit(0);
    } else die(`backup: unknown argument "${argv[i]}" (usage: npm run backup [-- --out DIR])`, 2);
  }
  return { out: resolve(out) };
}

/**
 * Watches the dump as it streams by (one INSERT per row, --skip-extended-insert): rows per table, the
 * rows of schema_migrations and of audit_head, the server version and whether the dump completed.
 */
function dumpWatcher() {
  const tables = {};
  const migrations = [];
  let auditHead;
  let serverVersion;
  let completed = false;
  let carry = Buffer.alloc(0);
  const INSERT = Buffer.from('INSERT INTO `');
  const look = (line) => {
    if (line.length > INSERT.length && line.subarray(0, INSERT.length).equals(INSERT)) {
      const end = line.indexOf('` VALUES ', INSERT.length);
      const table = line.toString('utf8', INSERT.length, end);
      tables[table] = (tables[table] ?? 0) + 1;
      if (table === 'schema_migrations') {
        const match = /VALUES \((\d+),(\d+),'([^']*)'\);$/.exec(line.toString('utf8'));
        if (match) migrations.push({ id: Number(match[1]), timestamp: Number(match[2]), name: match[3] });
      } else if (table === 'audit_head') {
        const match = /VALUES \(1,(\d+),'([0-9a-f]{64})'\);$/.exec(line.toString('utf8'));
        if (match) auditHead = { seq: Number(match[1]), hash: match[2] };
      }
      return;
    }
    if (line[0] !== 0x2d && line[0] !== 0x43) return; // "-" or "C"
    const text = line.toString('utf8', 0, Math.min(line.length, 300));
    const created = /^CREATE TABLE `([^`]+)`/.exec(text);
    if (created) tables[created[1]] ??= 0;
    const version = /^-- Server version\s+(.+)$/.exec(text);
    if (version) serverVersion = version[1].trim();
    if (text.startsWith('-- Dump completed')) completed = true;
  };
  const transform = new Transform({
    transform(chunk, _encoding, done) {
      let data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      let start = 0;
      for (let end = data.indexOf(0x0a, start); end >= 0; end = data.indexOf(0x0a, start)) {
        look(data.subarray(start, end));
        start = end + 1;
      }
      carry = Buffer.from(data.subarray(start));
      data = undefined;
      done(null, chunk);
    },
    flush(done) {
      if (carry.length) look(carry);
      done();
    },
  });
  return {
    transform,
    result: () => ({ tables, migrations, auditHead, serverVersion, completed }),
  };
}

async function redisInventory(redisUrl, prefix) {
  const redis = redisConnect(redisUrl);
  try {
    await redis.ready;
    const keys = {};
    let cursor = '0';
    let total = 0;
    do {
      const [next, batch] = await redis.command('SCAN', cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      for (const key of batch) {
        const kind = key.slice(prefix.length + 1).split(':')[0] || '(none)';
        keys[kind] = (keys[kind] ?? 0) + 1;
        total += 1;
      }
    } while (cursor !== '0');
    return { reachable: true, totalKeys: total, keysByKind: keys };
  } catch (error) {
    return { reachable: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    redis.close();
  }
}

function gitCommit() {
  const result = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  const config = settings();
  const db = parseDatabaseUrl(config.databaseUrl);
  const dumpTool = findTool('mariadb-dump', 'mysqldump');
  if (!dumpTool)
    die('backup: mariadb-dump (or mysqldump) is missing; install it: apt-get install mariadb-client', 1);

  mkdirSync(out, { recursive: true, mode: 0o700 });
  const name = `luodi-${stamp()}`;
  let file = join(out, `${name}.tar`);
  for (let n = 2; existsSync(file); n += 1) file = join(out, `${name}-${n}.tar`);
  const work = join(out, `.${name}.${process.pid}.tmp`);
  mkdirSync(work, { recursive: true, mode: 0o700 });
  const options = clientOptions(db);
  try {
    process.stderr.write(`backup: dumping ${mask(config.databaseUrl)} with ${dumpTool} …\n`);
    const started = Date.now();
    const dump = spawn(
      dumpTool,
      [
        `--defaults-extra-file=${options.file}`,
        '--single-transaction',
        '--routines',
        '--triggers',
        '--hex-blob',
        '--skip-extended-insert',
        '--no-autocommit',
        '--no-tablespaces',
        '--default-character-set=utf8mb4',
        '--tz-utc',
        db.database,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let dumpErrors = '';
    dump.stderr.on('data', (chunk) => (dumpErrors += chunk.toString()));
    const exited = new Promise((resolveExit) =>
      dump.on('close', (code, signal) => resolveExit(code ?? signal)),
    );
    const watcher = dumpWatcher();
    const dumpFile = join(work, DUMP_NAME);
    const hash = createHash('sha256');
    await pipeline(
      dump.stdout,
      watcher.transform,
      createGzip({ level: 6 }),
      new Transform({
        transform(chunk, _encoding, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      }),
      createWriteStream(dumpFile, { mode: 0o600 }),
    );
    const code = await exited;
    const seen = watcher.result();
    if (code !== 0 || !seen.completed)
      die(
        `backup: ${dumpTool} failed (${code}${seen.completed ? '' : ', the dump is incomplete'}):\n${dumpErrors.trim()}`,
      );
    if (!seen.auditHead || seen.migrations.length === 0)
      die(
        `backup: ${db.database} has no Luodi schema (no audit_head or schema_migrations rows); nothing to back up`,
      );

    // One snapshot: the chain (1, 2, 3 … without gaps) ends exactly at its head.
    if ((seen.tables['audit_log'] ?? 0) !== seen.auditHead.seq)
      die(
        `backup: the dump holds ${seen.tables['audit_log'] ?? 0} audit entries but the audit head says ` +
          `#${seen.auditHead.seq}: it is not one consistent snapshot`,
      );
    const sha256 = hash.digest('hex');
    const head = seen.migrations.reduce((last, row) => (row.id > last.id ? row : last));
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    const manifest = {
      format: FORMAT,
      createdAt: new Date().toISOString(),
      app: { name: pkg.name, version: pkg.version, commit: gitCommit() },
      node: process.version,
      database: {
        name: db.database,
        server: seen.serverVersion ?? null,
        dumpTool: spawnSync(dumpTool, ['--version'], { encoding: 'utf8' }).stdout.trim(),
        migrationHead: head.name,
        migrations: seen.migrations.length,
        auditHead: seen.auditHead,
        totalRows: Object.values(seen.tables).reduce((sum, rows) => sum + rows, 0),
        tables: Object.fromEntries(Object.entries(seen.tables).sort(([a], [b]) => a.localeCompare(b))),
      },
      redis: {
        saved: false,
        decision: REDIS_DECISION,
        queuePrefix: config.queuePrefix,
        atBackup: await redisInventory(config.redisUrl, config.queuePrefix),
      },
      files: { [DUMP_NAME]: { bytes: statSync(dumpFile).size, sha256 } },
    };
    await writeFile(join(work, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    const partial = `${file}.partial`;
    const tar = spawnSync('tar', ['-cf', partial, '-C', work, MANIFEST_NAME, DUMP_NAME], {
      encoding: 'utf8',
    });
    if (tar.status !== 0) die(`backup: tar failed: ${tar.stderr}`);
    chmodSync(partial, 0o600);
    renameSync(partial, file);
    process.stderr.write(
      `backup: ${manifest.database.totalRows} rows in ${Object.keys(seen.tables).length} tables, migration head ${head.name}, ` +
        `audit head #${seen.auditHead.seq}, ${statSync(file).size} bytes in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    process.stdout.write(`${file}\n`);
  } finally {
    options.cleanup();
    rmSync(work, { recursive: true, force: true });
    rmSync(`${file}.partial`, { force: true });
  }
}

main().catch(exitOn);
