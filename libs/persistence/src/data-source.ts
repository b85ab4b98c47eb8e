import { DataSource, type DataSourceOptions } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { ALL_MIGRATIONS } from './migrations';

export interface DatabaseSettings {
  /** mysql://user:password@host:port/database */
  url: string;
  logging?: boolean;
  poolSize?: number;
}

/**
 * The one DataSource definition, shared by the API, the worker, the migration CLI and the tests.
 * Schema comes only from migrations: `synchronize` is always off.
 */
export function dataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'mysql',
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
