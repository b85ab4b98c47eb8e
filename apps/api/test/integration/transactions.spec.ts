import {
  type DatabaseSettings,
  inTransaction,
  openDataSource,
  POOL_ACQUIRE_TIMEOUT,
  POOL_IN_TRANSACTION,
} from '@luodi/persistence';
import { createTestDatabase, type TestDatabase } from '@luodi/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The DataSource's pool rules on real MariaDB: the lock wait timeout set on every connection, no
 * second connection from inside a transaction, a bounded wait for a free connection, and lock
 * errors run again by inTransaction().
 */
describe('pool and transaction rules of the DataSource (real MariaDB)', () => {
  let database: TestDatabase;
  const opened: DataSource[] = [];

  const open = async (settings: Omit<DatabaseSettings, 'url'>) => {
    const dataSource = await openDataSource({ url: database.url, ...settings });
    opened.push(dataSource);
    return dataSource;
  };

  const errorCode = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return 'no error';
    } catch (error) {
      return (
        (error as { code?: string; driverError?: { code?: string } }).driverError?.code ??
        (error as { code?: string }).code
      );
    }
  };

  /**
   * A writer whose lock waits end after 1 s, and a transaction of another connection (runner) that
   * holds the counter row's lock until the test commits or rolls it back.
   */
  const counterLockedByAnother = async () => {
    const blocker = await open({ poolSize: 1 });
    const writer = await open({ poolSize: 1, lockWaitSeconds: 1 });
    const runner = blocker.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query('SELECT n FROM counter WHERE id = 1 FOR UPDATE');
    return { writer, runner };
  };

  /** Add one to the counter in inTransaction() with `attempts` attempts, calling `onAttempt` on each. */
  const incrementCounter = (writer: DataSource, attempts: number, onAttempt: () => void) =>
    inTransaction(
      writer,
      async (manager) => {
        onAttempt();
        await manager.query('UPDATE counter SET n = n + 1 WHERE id = 1');
      },
      { attempts },
    );

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    const dataSource = await database.dataSource();
    await dataSource.query('CREATE TABLE counter (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB');
    await dataSource.query('INSERT INTO counter VALUES (1, 0)');
  });

  afterAll(async () => {
    for (const dataSource of opened) if (dataSource.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  it('every pooled connection has the configured innodb_lock_wait_timeout', async () => {
    const dataSource = await open({ poolSize: 3, lockWaitSeconds: 7 });
    // Three transactions at once hold three different connections.
    const values = await Promise.all(
      Array.from({ length: 3 }, () =>
        dataSource.transaction(async (manager) => {
          const [row] = (await manager.query(
            'SELECT @@SESSION.innodb_lock_wait_timeout AS wait, CONNECTION_ID() AS id, SLEEP(0.2) AS s',
          )) as Array<{ wait: string | number; id: string | number }>;
          return { wait: Number(row!.wait), id: String(row!.id) };
        }),
      ),
    );
    expect(new Set(values.map((value) => value.id)).size).toBe(3);
    expect(values.map((value) => value.wait)).toEqual([7, 7, 7]);
  });

  it('a query through the pool inside a transaction is refused (POOL_IN_TRANSACTION); the manager works', async () => {
    const dataSource = await open({ poolSize: 4 });
    const inside = await dataSource.transaction(async (manager) => {
      const refused = await errorCode(dataSource.query('SELECT 1'));
      const nested = await errorCode(dataSource.transaction((other) => other.query('SELECT 1')));
      const [row] = (await manager.query('SELECT 2 AS two')) as Array<{ two: number }>;
      return { refused, nested, two: Number(row!.two) };
    });
    expect(inside).toEqual({ refused: POOL_IN_TRANSACTION, nested: POOL_IN_TRANSACTION, two: 2 });
    // Outside the transaction the pool serves as always.
    expect(await dataSource.query('SELECT 3 AS three')).toEqual([{ three: 3 }]);
  });

  it('a wait for a free connection ends after the acquire timeout; the pool works again after', async () => {
    const dataSource = await open({ poolSize: 1, acquireTimeoutMs: 300 });
    const holder = dataSource.createQueryRunner();
    await holder.connect();
    await holder.query('SELECT 1');
    const started = Date.now();
    expect(await errorCode(dataSource.query('SELECT 1'))).toBe(POOL_ACQUIRE_TIMEOUT);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await holder.release();
    expect(await dataSource.query('SELECT 4 AS four')).toEqual([{ four: 4 }]);
    expect(await dataSource.query('SELECT 5 AS five')).toEqual([{ five: 5 }]);
  });

  it('a lock wait timeout (1205) is run again by inTransaction and then succeeds', async () => {
    const { writer, runner } = await counterLockedByAnother();
    const release = setTimeout(() => void runner.commitTransaction().then(() => runner.release()), 1_500);
    let attempts = 0;
    try {
      await incrementCounter(writer, 5, () => (attempts += 1));
    } finally {
      clearTimeout(release);
      if (!runner.isReleased) {
        if (runner.isTransactionActive) await runner.commitTransaction();
        await runner.release();
      }
    }
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(await writer.query('SELECT n FROM counter WHERE id = 1')).toEqual([{ n: 1 }]);
  });

  it('after the last attempt the lock error is thrown as it is (the API answers 409 busy)', async () => {
    const { writer, runner } = await counterLockedByAnother();
    let attempts = 0;
    try {
      const code = await errorCode(incrementCounter(writer, 2, () => (attempts += 1)));
      expect(code).toBe('ER_LOCK_WAIT_TIMEOUT');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    expect(attempts).toBe(2);
  });
});
