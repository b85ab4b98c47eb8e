import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_MIGRATIONS, dropDatabase, openDataSource } from '@luodi/persistence';
import {
  appEnv,
  createTestDatabase,
  databaseUrlFor,
  DEMO_TEST_PASSWORD,
  REPO_ROOT,
  serviceUrls,
  startApi,
  startStack,
  uniqueSuffix,
  type RunningApi,
  type TestStack,
} from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addFunds,
  changeStage,
  createProject,
  departmentIds,
  loginAll,
  shanghaiToday,
  type Tokens,
} from './support/fixtures';

/** Run one of the npm scripts' entry points (ops/backup/*.mjs) as `npm run backup|restore` would. */
function script(
  name: 'backup' | 'restore',
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'ops', 'backup', `${name}.mjs`), ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', CI: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolveExit) =>
    child.on('close', (code, signal) => resolveExit({ code: code ?? signal ?? 'unknown', stdout, stderr })),
  );
}

function readManifest(file: string): Promise<any> {
  return new Promise((resolveManifest, reject) => {
    const tar = spawn('tar', ['-xOf', file, 'manifest.json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    tar.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    tar.on('close', (code) =>
      code === 0 ? resolveManifest(JSON.parse(text)) : reject(new Error(`tar ${code}`)),
    );
  });
}

async function tableCounts(url: string): Promise<Record<string, number>> {
  const dataSource = await openDataSource({ url, poolSize: 1 });
  try {
    const tables = (await dataSource.query(
      "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'",
    )) as Array<{ name: string }>;
    const counts: Record<string, number> = {};
    for (const { name } of tables) {
      const [{ count }] = (await dataSource.query(`SELECT COUNT(*) AS count FROM \`${name}\``)) as Array<{
        count: string;
      }>;
      counts[name] = Number(count);
    }
    return counts;
  } finally {
    await dataSource.destroy();
  }
}

describe('backup and restore: npm run backup → npm run restore into a new database, same figures', () => {
  let stack: TestStack;
  let tokens: Tokens;
  let backupDir: string;
  let backupFile: string;
  let restoredApi: RunningApi | undefined;
  const restoredName = `luodi_test_${uniqueSuffix()}`;
  const restoredUrl = databaseUrlFor(restoredName);
  const today = shanghaiToday();
  const lastYear = Number(today.slice(0, 4)) - 1;
  let figuresBefore: { summary: unknown; lastYearSummary: unknown; projects: number; signed: number };
  let departmentsWrittenDuringBackup = 0;

  const figures = async (call: TestStack['call'], leader: string, admin: string) => {
    const summary = await call('GET', '/api/dashboard/summary', { token: leader });
    const lastYearSummary = await call('GET', `/api/dashboard/summary?year=${lastYear}`, { token: leader });
    const projects = await call('GET', '/api/projects?pageSize=1', { token: admin });
    const signed = await call('GET', '/api/projects?pageSize=1&stage=signed', { token: admin });
    for (const answer of [summary, lastYearSummary, projects, signed]) expect(answer.status).toBe(200);
    // `asOf` is the moment the figures were computed; every figure is of the same business date.
    const withoutMoment = ({ asOf: _moment, ...rest }: Record<string, unknown>) => rest;
    return {
      summary: withoutMoment(summary.body),
      lastYearSummary: withoutMoment(lastYearSummary.body),
      projects: projects.body.total as number,
      signed: signed.body.total as number,
    };
  };

  beforeAll(async () => {
    backupDir = mkdtempSync(join(tmpdir(), 'luodi-backup-test-'));
    stack = await startStack();
    tokens = await loginAll(stack);
    // The demo district plus changes of our own: new projects, a stage change, funds, a department.
    const departments = await departmentIds(stack);
    const zrzyj = departments.get('ZRZYJ')!;
    const first = await createProject(stack, tokens.bureau, zrzyj, {
      contractAmount: '4321.09',
      talksStartedAt: `${lastYear}-01-15`,
    });
    await changeStage(stack, tokens.bureau, first.id, { stage: 'signed', at: `${lastYear}-03-10` });
    await addFunds(stack, tokens.bureau, first.id, { amount: '1200.50', at: `${lastYear}-04-01` });
    await createProject(stack, tokens.bureau, departments.get('FGJ')!, { contractAmount: '88.80' });
    const renamed = await stack.call('PATCH', `/api/departments/${zrzyj}`, {
      token: tokens.admin,
      body: { name: '自然资源局（备份测试）' },
    });
    expect(renamed.status).toBe(200);
    figuresBefore = await figures(stack.call, tokens.leader, tokens.admin);
  });

  afterAll(async () => {
    await restoredApi?.stop();
    await stack?.stop();
    await dropDatabase(restoredUrl).catch(() => undefined);
    if (backupDir) rmSync(backupDir, { recursive: true, force: true });
  });

  it('writes one file whose manifest describes the snapshot, while writes go on (single transaction)', async () => {
    // Steady writes (each with its audit entry) during the dump: a dump that is not one snapshot would
    // catch audit_log and audit_head at different moments, and the restored chain would not verify.
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const answer = await stack.call('POST', '/api/departments', {
          token: tokens.admin,
          body: {
            code: `BK${departmentsWrittenDuringBackup + 1}`,
            name: `备份期间新增${departmentsWrittenDuringBackup + 1}`,
          },
        });
        expect(answer.status, JSON.stringify(answer.body)).toBe(201);
        departmentsWrittenDuringBackup += 1;
      }
    })();
    const backup = await script('backup', ['--out', backupDir], {
      DATABASE_URL: stack.database.url,
      REDIS_URL: serviceUrls().redisUrl,
      QUEUE_PREFIX: stack.env['QUEUE_PREFIX']!,
    }).finally(() => (writing = false));
    await writer;
    expect(backup.code, backup.stderr).toBe(0);
    backupFile = backup.stdout.trim().split('\n').at(-1)!;
    expect(backupFile).toMatch(new RegExp(`^${backupDir}/luodi-\\d{8}T\\d{6}Z(-\\d+)?\\.tar$`));
    expect(departmentsWrittenDuringBackup).toBeGreaterThan(0);

    const manifest = await readManifest(backupFile);
    const source = await tableCounts(stack.database.url);
    expect(manifest).toMatchObject({
      format: 'luodi-backup/1',
      app: { name: 'luodi' },
      database: { name: stack.database.name, migrationHead: expect.stringMatching(/^[A-Z]\w+\d{13}$/) },
      redis: { saved: false, decision: expect.stringContaining('Nothing in Redis is the source of truth') },
    });
    // Every table is listed; those nobody wrote during the dump have exactly the source's rows.
    expect(Object.keys(manifest.database.tables).sort()).toEqual(Object.keys(source).sort());
    for (const [table, rows] of Object.entries(source)) {
      if (table === 'department' || table === 'audit_log' || table === 'audit_head') continue;
      expect(manifest.database.tables[table], table).toBe(rows);
    }
    expect(manifest.database.tables['department']).toBeLessThanOrEqual(source['department']!);
    expect(manifest.database.tables['audit_log']).toBe(manifest.database.auditHead.seq);
    expect(manifest.database.migrations).toBe(source['schema_migrations']);
    expect(manifest.database.tables['project']).toBeGreaterThan(0);
  });

  it('restores into a new empty database: row counts equal the manifest, the chain verifies', async () => {
    const restore = await script('restore', [backupFile], {
      DATABASE_URL: restoredUrl,
      REDIS_URL: serviceUrls().redisUrl,
      QUEUE_PREFIX: `t${uniqueSuffix()}`,
    });
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stderr).toContain('row counts of');
    expect(restore.stderr).toMatch(/audit chain: ok: \d+ entries verified/);

    const manifest = await readManifest(backupFile);
    const restored = await tableCounts(restoredUrl);
    expect(restored).toEqual(manifest.database.tables);
  });

  it('refuses to overwrite a database that is not empty (exit 2, nothing changed); --force replaces it', async () => {
    const nameOf = async (code: string) => {
      const dataSource = await openDataSource({ url: restoredUrl, poolSize: 1 });
      try {
        const [row] = (await dataSource.query('SELECT name FROM department WHERE code = ?', [
          code,
        ])) as Array<{
          name: string;
        }>;
        return row?.name;
      } finally {
        await dataSource.destroy();
      }
    };
    const marker = await openDataSource({ url: restoredUrl, poolSize: 1 });
    await marker.query("UPDATE department SET name = '恢复之后改过' WHERE code = 'ZRZYJ'");
    await marker.destroy();
    const marked = await tableCounts(restoredUrl);

    const refused = await script('restore', [backupFile], { DATABASE_URL: restoredUrl });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not empty');
    expect(refused.stderr).toContain('--force');
    expect(await nameOf('ZRZYJ')).toBe('恢复之后改过');
    expect(await tableCounts(restoredUrl)).toEqual(marked);

    const forced = await script('restore', [backupFile, '--force'], { DATABASE_URL: restoredUrl });
    expect(forced.code, forced.stderr).toBe(0);
    expect(await nameOf('ZRZYJ')).toBe('自然资源局（备份测试）');
    const manifest = await readManifest(backupFile);
    expect(await tableCounts(restoredUrl)).toEqual(manifest.database.tables);
  });

  it('the API on the restored database: the audit chain verifies, the figures equal those before', async () => {
    restoredApi = await startApi(appEnv(restoredUrl));
    const call: TestStack['call'] = async (method, path, options = {}) => {
      const headers: Record<string, string> = {};
      if (options.token) headers['authorization'] = `Bearer ${options.token}`;
      const response = await fetch(`${restoredApi!.baseUrl}${path}`, { method, headers });
      return { status: response.status, body: await response.json(), headers: response.headers };
    };
    const login = async (username: string) => {
      const response = await fetch(`${restoredApi!.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_TEST_PASSWORD }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { accessToken: string }).accessToken;
    };
    const [admin, leader] = [await login('admin'), await login('leader')];

    const verify = await call('GET', '/api/audit/verify', { token: admin });
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ ok: true });
    expect(verify.body.count).toBeGreaterThan(0);

    // Nothing written during the backup touched projects or figures, so they equal those before.
    expect(await figures(call, leader, admin)).toEqual(figuresBefore);
  });

  it('applies the migrations the backup predates, after the row counts are checked', async () => {
    const older = await createTestDatabase();
    const target = databaseUrlFor(`luodi_test_${uniqueSuffix()}`);
    try {
      const dataSource = await older.dataSource();
      await dataSource.undoLastMigration();
      const last = new (ALL_MIGRATIONS.at(-1)!)().name ?? ALL_MIGRATIONS.at(-1)!.name;
      const backup = await script('backup', ['--out', backupDir], { DATABASE_URL: older.url });
      expect(backup.code, backup.stderr).toBe(0);
      const file = backup.stdout.trim().split('\n').at(-1)!;
      expect((await readManifest(file)).database.migrations).toBe(ALL_MIGRATIONS.length - 1);

      const restore = await script('restore', [file], { DATABASE_URL: target });
      expect(restore.code, restore.stderr).toBe(0);
      expect(restore.stderr).toContain(`migrations: applied ${last}`);
      expect((await tableCounts(target))['schema_migrations']).toBe(ALL_MIGRATIONS.length);
    } finally {
      await older.drop();
      await dropDatabase(target).catch(() => undefined);
    }
  });
});
