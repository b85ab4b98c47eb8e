import { dropDatabase, ensureDatabase, openDataSource, runMigrations } from '@luodi/persistence';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll } from 'vitest';
import { serviceUrls, uniqueSuffix } from './environment';

export interface TestDatabase {
  name: string;
  url: string;
  /** A DataSource on the database (initialised lazily, closed by drop()). */
  dataSource(): Promise<DataSource>;
  drop(): Promise<void>;
}

/** The same server as the tests' base URL, another database name. */
export function databaseUrlFor(name: string): string {
  const url = new URL(serviceUrls().databaseUrl.replace(/^mariadb:/, 'mysql:'));
  url.pathname = `/${name}`;
  return url.toString();
}

/** Create a fresh database of our own (and, unless told otherwise, apply every migration). */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `luodi_test_${uniqueSuffix()}`;
  const url = databaseUrlFor(name);
  await ensureDatabase(url);
  let dataSource: DataSource | undefined;
  const open = async (): Promise<DataSource> => {
    if (!dataSource) {
      dataSource = await openDataSource({ url, poolSize: 4 });
    }
    return dataSource;
  };
  if (options.migrate !== false) await runMigrations(await open());
  return {
    name,
    url,
    dataSource: open,
    drop: async () => {
      if (dataSource?.isInitialized) await dataSource.destroy();
      await dropDatabase(url);
    },
  };
}

/**
 * A database of one spec file's own (migrated): created before its tests, `then` given it to keep,
 * dropped after them.
 */
export function useTestDatabase(then: (database: TestDatabase) => unknown): void {
  let created: TestDatabase | undefined;
  beforeAll(async () => {
    created = await createTestDatabase();
    await then(created);
  });
  afterAll(async () => {
    await created?.drop();
  });
}
