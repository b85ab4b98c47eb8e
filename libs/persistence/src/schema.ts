import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';

const MIGRATION_LOCK = 'luodi_schema_migrations';

function databaseNameOf(url: string): string {
  const name = new URL(url.replace(/^mariadb:/, 'mysql:')).pathname.replace(/^\//, '');
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`invalid database name in DATABASE_URL: "${name}"`);
  return name;
}

/** A connection to the server of the URL, on no database (to create or drop the URL's database). */
function serverConnection(url: string) {
  const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
  return createConnection({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
  });
}

/** Create the database named in the URL when it does not exist yet (utf8mb4). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  const connection = await serverConnection(url);
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}

/** Drop the database named in the URL (tests only: they drop only what they created). */
export async function dropDatabase(url: string): Promise<void> {
  const connection = await serverConnection(url);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${databaseNameOf(url)}\``);
  } finally {
    await connection.end();
  }
}

/**
 * Apply pending migrations under a database-wide named lock, so that several API instances starting
 * at once apply each migration exactly once. Returns the names of the migrations applied.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [lock] = (await runner.query('SELECT GET_LOCK(?, 120) AS acquired', [MIGRATION_LOCK])) as Array<{
      acquired: number | string | null;
    }>;
    if (Number(lock?.acquired) !== 1) throw new Error('could not acquire the migration lock within 120 s');
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * The SQL that would bring the database in line with the entities. Empty when the migrations
 * (already applied) describe exactly the entities — the drift check of CI.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sqlInMemory = await dataSource.driver.createSchemaBuilder().log();
  return sqlInMemory.upQueries.map((query) => query.query);
}
