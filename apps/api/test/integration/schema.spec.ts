import { openDataSource, pendingSchemaChanges } from '@luodi/persistence';
import { CLI_MAIN, createTestDatabase, runNode, type TestDatabase } from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('schema from migrations (real MariaDB)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('applies every migration to an empty database through the CLI, twice without harm', async () => {
    const first = await runNode(CLI_MAIN, ['migrate'], { DATABASE_URL: database.url });
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/applied \w+\d{13}/);
    const second = await runNode(CLI_MAIN, ['migrate'], { DATABASE_URL: database.url });
    expect(second.code, second.output).toBe(0);
    expect(second.output).toContain('schema is up to date');

    const dataSource = await database.dataSource();
    const tables = (await dataSource.query('SHOW TABLES')) as Array<Record<string, string>>;
    const names = tables.map((row) => Object.values(row)[0]);
    expect(names).toEqual(expect.arrayContaining(['schema_migrations', 'worker_heartbeat']));
    const [{ charset }] = (await dataSource.query(
      'SELECT DEFAULT_CHARACTER_SET_NAME AS charset FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [database.name],
    )) as Array<{ charset: string }>;
    expect(charset).toBe('utf8mb4');
  });

  it('has entities that agree with the migrations (drift check)', async () => {
    const dataSource = await database.dataSource();
    expect(await pendingSchemaChanges(dataSource)).toEqual([]);
    const check = await runNode(CLI_MAIN, ['migration:check'], { DATABASE_URL: database.url });
    expect(check.code, check.output).toBe(0);
  });

  it('applies each migration once when two processes migrate at the same time', async () => {
    const other = await createTestDatabase({ migrate: false });
    try {
      const [a, b] = await Promise.all([
        runNode(CLI_MAIN, ['migrate'], { DATABASE_URL: other.url }),
        runNode(CLI_MAIN, ['migrate'], { DATABASE_URL: other.url }),
      ]);
      expect([a.code, b.code]).toEqual([0, 0]);
      const dataSource = await openDataSource({ url: other.url, poolSize: 1 });
      const rows = (await dataSource.query('SELECT name FROM schema_migrations')) as Array<{ name: string }>;
      await dataSource.destroy();
      expect(rows.length).toBe(new Set(rows.map((row) => row.name)).size);
      expect(rows.length).toBeGreaterThan(0);
    } finally {
      await other.drop();
    }
  });

  it('refuses to run with a malformed DATABASE_URL, naming it', async () => {
    const result = await runNode(CLI_MAIN, ['migrate'], { DATABASE_URL: 'postgres://nope' });
    expect(result.code).toBe(1);
    expect(result.output.trim()).toBe(
      'Invalid configuration: DATABASE_URL must be a URL like mysql://user:password@host:3306/database',
    );
  });
});
