import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from './migrations';

export interface DatabaseSettings {
  /** mysql://user:password@host:port/database */
  url: string;
  logging?: boolean;
  poolSize?: number;
  /** MySQL or MariaDB: TypeORM reads their schemas differently. Detected when not given. */
  flavor?: DatabaseFlavor;
}

export type DatabaseFlavor = 'mysql' | 'mariadb';

/** Ask the server what it is (MariaDB reports e.g. "10.11.6-MariaDB"). */
export async function detectDatabaseFlavor(url: string): Promise<DatabaseFlavor> {
  const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
  const connection = await createConnection({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    connectTimeout: 5_000,
  });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = String((rows as Array<{ version: string }>)[0]?.version ?? '');
    return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

/**
 * The one DataSource definition, shared by the API, the worker, the migration CLI and the tests.
 * Schema comes only from migrations: `synchronize` is always off.
 */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: settings.flavor ?? (settings.url.startsWith('mariadb:') ? 'mariadb' : 'mysql'),
    url: settings.url.replace(/^mariadb:/, 'mysql:'),
    charset: 'utf8mb4',
    timezone: 'Z',
    // DATE columns stay 'YYYY-MM-DD' strings (no time-zone shift); DECIMAL and BIGINT stay strings.
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    bigNumberStrings: true,
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: settings.logging ? ['error', 'warn', 'migration'] : ['error'],
    poolSize: settings.poolSize ?? 10,
    extra: { connectionLimit: settings.poolSize ?? 10, enableKeepAlive: true },
  };
}

export function createDataSource(settings: DatabaseSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}

/** Detect the server's flavor, then create and initialise the DataSource. */
export async function openDataSource(settings: DatabaseSettings): Promise<DataSource> {
  const flavor = settings.flavor ?? (await detectDatabaseFlavor(settings.url));
  const dataSource = createDataSource({ ...settings, flavor });
  await dataSource.initialize();
  return dataSource;
}
