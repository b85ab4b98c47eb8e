#!/usr/bin/env node
// npm run restore -- FILE [--force]
//
// Brings a backup of `npm run backup` back into the database of DATABASE_URL (created when missing):
//   1. checks the file (format, the dump's sha256 against the manifest);
//   2. refuses a database that has tables (exit 2) unless --force, which drops them first — that is
//      irreversible, so on a terminal (not CI) it asks for the database name as well; it never asks
//      when CI is set or stdin is not a terminal: --force is the consent there;
//   3. loads the dump with the mariadb (or mysql) client;
//   4. checks that every table has the manifest's row count and the audit head is the manifest's;
//   5. applies the migrations this code has that the backup did not (cli.js migrate, needs the build);
//   6. verifies the audit hash chain (cli.js audit:verify).
// Redis: nothing is restored (see the manifest's redis.decision); the worker re-enqueues the pending
// deliveries from the outbox and re-asserts its schedulers. A warning names keys already under
// QUEUE_PREFIX. Node built-ins and mysql2 only.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import mysql from 'mysql2/promise';
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
} from './lib.mjs';

const CLI = join(REPO_ROOT, 'dist', 'apps', 'api', 'apps', 'api', 'src', 'cli.js');
const USAGE = 'usage: npm run restore -- FILE [--force]';

function parseArgs(argv) {
  let file;
  let force = false;
  for (const arg of argv) {
    if (arg === '--force') force = true;
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg.startsWith('-')) die(`restore: unknown option "${arg}" (${USAGE})`, 2);
    else if (file) die(`restore: one backup file at a time (${USAGE})`, 2);
    else file = resolve(arg);
  }
  if (!file) die(`restore: which backup? (${USAGE})`, 2);
  if (!existsSync(file)) die(`restore: ${file} does not exist`, 2);
  return { file, force };
}

const step = (message) => process.stderr.write(`restore: ${message}\n`);

function runCli(args, env) {
  if (!existsSync(CLI)) die(`restore: ${CLI} is missing; build first (npm run build)`);
  return spawnSync(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, encoding: 'utf8' });
}

async function confirm(database) {
  const interactive = process.stdin.isTTY && process.stderr.isTTY && !process.env.CI;
  if (!interactive) return;
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await prompt.question(
    `restore: --force drops every table of "${database}" (irreversible). Type the database name to go on: `,
  );
  prompt.close();
  if (answer.trim() !== database) die('restore: not confirmed; nothing changed', 2);
}

async function main() {
  const { file, force } = parseArgs(process.argv.slice(2));
  const config = settings();
  const db = parseDatabaseUrl(config.databaseUrl);
  const client = findTool('mariadb', 'mysql');
  if (!client)
    die('restore: the mariadb (or mysql) client is missing; install it: apt-get install mariadb-client');

  // 1. the file
  const work = mkdtempSync(join(tmpdir(), 'luodi-restore-'));
  const options = clientOptions(db);
  let connection;
  try {
    const tar = spawnSync('tar', ['-xf', file, '-C', work, MANIFEST_NAME, DUMP_NAME], { encoding: 'utf8' });
    if (tar.status !== 0) die(`restore: ${file} is not a Luodi backup (tar: ${tar.stderr.trim()})`, 2);
    const manifest = JSON.parse(readFileSync(join(work, MANIFEST_NAME), 'utf8'));
    if (manifest.format !== FORMAT) die(`restore: unknown backup format "${manifest.format}"`, 2);
    const dumpFile = join(work, DUMP_NAME);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(dumpFile)) hash.update(chunk);
    const sha256 = hash.digest('hex');
    if (sha256 !== manifest.files?.[DUMP_NAME]?.sha256)
      die(`restore: ${DUMP_NAME} does not match the manifest's sha256: the file is damaged`, 1);
    step(
      `${file}: ${manifest.database.name} of ${manifest.createdAt}, ${manifest.database.totalRows} rows, ` +
        `migration head ${manifest.database.migrationHead}, audit head #${manifest.database.auditHead.seq}`,
    );

    // 2. the target database: created when missing, refused when it has tables (unless --force)
    connection = await mysql.createConnection({
      host: db.host,
      port: db.port,
      user: db.user,
      password: db.password || undefined,
      socketPath: db.socket,
      multipleStatements: false,
    });
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${db.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    const [existing] = await connection.query(
      'SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
      [db.database],
    );
    const [routines] = await connection.query(
      'SELECT ROUTINE_NAME AS name, ROUTINE_TYPE AS type FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?',
      [db.database],
    );
    if (existing.length > 0 || routines.length > 0) {
      if (!force)
        die(
          `restore: database "${db.database}" (${mask(config.databaseUrl)}) is not empty ` +
            `(${existing.length} tables); restore refuses to overwrite it. Pass --force to drop its tables ` +
            'first (irreversible), or point DATABASE_URL at a new database. Nothing changed.',
          2,
        );
      await confirm(db.database);
      step(`--force: dropping ${existing.length} tables of "${db.database}"`);
      await connection.query(`USE \`${db.database}\``);
      await connection.query('SET FOREIGN_KEY_CHECKS = 0');
      for (const table of existing)
        await connection.query(
          `DROP ${table.type === 'VIEW' ? 'VIEW' : 'TABLE'} IF EXISTS \`${table.name}\``,
        );
      for (const routine of routines)
        await connection.query(
          `DROP ${routine.type === 'FUNCTION' ? 'FUNCTION' : 'PROCEDURE'} IF EXISTS \`${routine.name}\``,
        );
      await connection.query('SET FOREIGN_KEY_CHECKS = 1');
    }

    // 3. load
    const started = Date.now();
    step(`loading into ${mask(config.databaseUrl)} with ${client} …`);
    const load = spawn(
      client,
      [
        `--defaults-extra-file=${options.file}`,
        '--default-character-set=utf8mb4',
        '--binary-mode',
        db.database,
      ],
      { stdio: ['pipe', 'inherit', 'pipe'] },
    );
    let loadErrors = '';
    load.stderr.on('data', (chunk) => (loadErrors += chunk.toString()));
    const loaded = new Promise((resolveExit) =>
      load.on('close', (code, signal) => resolveExit(code ?? signal)),
    );
    await pipeline(createReadStream(dumpFile), createGunzip(), load.stdin);
    const code = await loaded;
    if (code !== 0) die(`restore: loading failed (${code}):\n${loadErrors.trim()}`);
    step(`loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    // 4. row counts and audit head equal the manifest's
    await connection.query(`USE \`${db.database}\``);
    const problems = [];
    const [tables] = await connection.query(
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'",
      [db.database],
    );
    const present = new Set(tables.map((table) => table.name));
    for (const [table, rows] of Object.entries(manifest.database.tables)) {
      if (!present.has(table)) {
        problems.push(`table ${table} is missing`);
        continue;
      }
      const [[{ count }]] = await connection.query(`SELECT COUNT(*) AS count FROM \`${table}\``);
      if (Number(count) !== rows) problems.push(`${table}: ${count} rows, the manifest says ${rows}`);
    }
    const [[head]] = await connection.query('SELECT last_seq, last_hash FROM audit_head WHERE id = 1');
    if (
      !head ||
      Number(head.last_seq) !== manifest.database.auditHead.seq ||
      head.last_hash !== manifest.database.auditHead.hash
    )
      problems.push('the audit head differs from the manifest');
    // The chain must end at its head: an entry past it (a dump not taken in one snapshot) would make
    // the next append collide with it.
    const [[{ last }]] = await connection.query('SELECT COALESCE(MAX(seq), 0) AS last FROM audit_log');
    if (head && Number(last) !== Number(head.last_seq))
      problems.push(
        `audit_log ends at #${last} but its head says #${head.last_seq}: the dump is not one snapshot`,
      );
    if (problems.length)
      die(`restore: the restored database does not match the backup:\n  ${problems.join('\n  ')}`);
    step(
      `row counts of ${Object.keys(manifest.database.tables).length} tables and the audit head equal the manifest`,
    );
    await connection.end();
    connection = undefined;

    // 5. migrations newer than the backup, 6. the audit chain
    const env = { ...process.env, DATABASE_URL: config.databaseUrl };
    const migrated = runCli(['migrate'], env);
    if (migrated.status !== 0) die(`restore: migrations failed:\n${migrated.stdout}${migrated.stderr}`);
    step(
      `migrations: ${/applied [A-Za-z0-9, ]+|schema is up to date/.exec(migrated.stdout + migrated.stderr)?.[0] ?? 'done'}`,
    );
    const verified = runCli(['audit:verify'], env);
    if (verified.status !== 0)
      die(`restore: the audit chain does not verify:\n${verified.stdout}${verified.stderr}`);
    step(`audit chain: ${verified.stdout.trim()}`);

    // Redis: nothing to restore; say what is already there
    const redis = redisConnect(config.redisUrl);
    try {
      await redis.ready;
      let cursor = '0';
      let found = false;
      do {
        const [next, keys] = await redis.command(
          'SCAN',
          cursor,
          'MATCH',
          `${config.queuePrefix}:*`,
          'COUNT',
          1000,
        );
        cursor = next;
        found = keys.length > 0;
      } while (!found && cursor !== '0');
      if (found)
        step(
          `note: Redis already holds keys under "${config.queuePrefix}:"; for a clean start use an empty Redis ` +
            'or a new QUEUE_PREFIX (see the manifest: redis.decision)',
        );
    } catch (error) {
      step(
        `note: Redis not reachable (${error instanceof Error ? error.message : String(error)}); start it before the worker`,
      );
    } finally {
      redis.close();
    }
    step('done: start the worker to re-enqueue pending deliveries from the outbox');
  } finally {
    await connection?.end().catch(() => undefined);
    options.cleanup();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch(exitOn);
