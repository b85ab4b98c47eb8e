import { createConnection } from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ALL_ENTITIES } from './entities';
import { type DatabaseHost, failoverPool, type HostChangeListener } from './failover-pool';
import { ALL_MIGRATIONS } from './migrations';
import { POOL_IN_TRANSACTION, transactionScope } from './transactions';
import { CONNECTION_TIME_ZONE } from './sql-literals';

export interface DatabaseSettings {
  /** mysql://user:password@host:port/database */
  url: string;
  logging?: boolean;
  poolSize?: number;
  /** How long a query waits for a free pooled connection before failing (POOL_ACQUIRE_TIMEOUT). */
  acquireTimeoutMs?: number;
  /** How long opening a connection to the server may take. */
  connectTimeoutMs?: number;
  /** innodb_lock_wait_timeout (seconds) set on every connection of the pool when it is opened. */
  lockWaitSeconds?: number;
  /**
   * A pool connection asked for inside a transaction (a query not made through the transaction's
   * manager): 'throw' refuses it with POOL_IN_TRANSACTION (default), 'allow' lets it through.
   */
  poolInTransaction?: 'throw' | 'allow';
  /** MySQL or MariaDB: TypeORM reads their schemas differently. Detected when not given. */
  flavor?: DatabaseFlavor;
  /**
   * Servers of a cluster (DATABASE_HOSTS), tried in this order instead of the URL's host: connections go
   * to one at a time and move to the next when it is away (failover-pool.ts). User, password and
   * database still come from `url`.
   */
  hosts?: DatabaseHost[];
  /** Told when the connections move to another host of `hosts`. */
  onHostChange?: HostChangeListener;
}

export type DatabaseFlavor = 'mysql' | 'mariadb';

/** Ask the server what it is (MariaDB reports e.g. "10.11.6-MariaDB"). */
export async function detectDatabaseFlavor(url: string, hosts: DatabaseHost[] = []): Promise<DatabaseFlavor> {
  const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
  const candidates =
    hosts.length > 0 ? hosts : [{ host: parsed.hostname, port: Number(parsed.port || 3306) }];
  let connection: Awaited<ReturnType<typeof createConnection>> | undefined;
  for (const [index, candidate] of candidates.entries()) {
    try {
      connection = await createConnection({
        host: candidate.host,
        port: candidate.port,
        user: decodeURIComponent(parsed.username),
        password: decodeURIComponent(parsed.password),
        connectTimeout: 5_000,
      });
      break;
    } catch (error) {
      // A cluster: ask the next server when this one is away.
      if (index === candidates.length - 1) throw error;
    }
  }
  if (!connection) throw new Error('no database host to ask');
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
    timezone: CONNECTION_TIME_ZONE,
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
    connectTimeout: settings.connectTimeoutMs ?? 10_000,
    extra: { connectionLimit: settings.poolSize ?? 10, enableKeepAlive: true },
  };
}

/** The error a query gets when no pooled connection came free in time (answered 503 by the API). */
export const POOL_ACQUIRE_TIMEOUT = 'POOL_ACQUIRE_TIMEOUT';

type ConnectionCallback = (error: Error | null, connection?: PooledConnection) => void;
interface PooledConnection {
  query(sql: string, callback: (error: Error | null) => void): unknown;
  release(): void;
}
interface Pool {
  getConnection(callback: ConnectionCallback): void;
  on(event: 'connection', listener: (connection: PooledConnection) => void): unknown;
  end(callback?: (error?: Error | null) => void): unknown;
}

/**
 * mysql2's pool has neither an acquire timeout (a query waits for a free connection for ever) nor an
 * initial SQL per connection. Both are added where the pool is made: every new connection first sets
 * its lock wait timeout, and a wait for a free connection longer than `acquireTimeoutMs` fails with
 * POOL_ACQUIRE_TIMEOUT (the connection, when it comes later, goes straight back to the pool). And a
 * connection asked for from inside a transaction is refused (see transactions.ts).
 */
function tunePool(pool: Pool, settings: DatabaseSettings): Pool {
  const lockWait = settings.lockWaitSeconds;
  if (lockWait !== undefined) {
    if (!Number.isInteger(lockWait) || lockWait < 1) throw new Error('lockWaitSeconds must be >= 1');
    pool.on('connection', (connection) => {
      // Queued before any query of the borrower, so it runs first on this connection.
      connection.query(`SET SESSION innodb_lock_wait_timeout = ${lockWait}`, () => undefined);
    });
  }
  const timeout = settings.acquireTimeoutMs;
  const refuseInTransaction = (settings.poolInTransaction ?? 'throw') === 'throw';
  const acquire = pool.getConnection.bind(pool);
  pool.getConnection = (callback: ConnectionCallback) => {
    if (refuseInTransaction && transactionScope.getStore()) {
      const error = new Error(
        "a query asked the pool for a second connection inside a transaction: run it through the transaction's EntityManager",
      ) as Error & { code: string };
      error.code = POOL_IN_TRANSACTION;
      process.nextTick(() => callback(error));
      return;
    }
    if (timeout === undefined) {
      acquire(callback);
      return;
    }
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      const error = new Error(`no free database connection within ${timeout} ms`) as Error & {
        code: string;
      };
      error.code = POOL_ACQUIRE_TIMEOUT;
      callback(error);
    }, timeout);
    acquire((error, connection) => {
      if (settled) {
        connection?.release();
        return;
      }
      settled = true;
      clearTimeout(timer);
      callback(error, connection);
    });
  };
  return pool;
}

/** Mark the work of every `dataSource.transaction(...)` as running inside a transaction. */
function markTransactions(dataSource: DataSource): void {
  const manager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  (manager as { transaction: unknown }).transaction = (...args: unknown[]) => {
    // transaction(work) or transaction(isolationLevel, work); DataSource passes both, one undefined.
    const index = args.findIndex((arg) => typeof arg === 'function');
    if (index >= 0) {
      const work = args[index] as (inner: unknown) => Promise<unknown>;
      const depth = (transactionScope.getStore()?.depth ?? 0) + 1;
      args[index] = (inner: unknown) => transactionScope.run({ depth }, () => work(inner));
    }
    return transaction(...args);
  };
}

export function createDataSource(settings: DatabaseSettings): DataSource {
  const dataSource = new DataSource(dataSourceOptions(settings));
  // The driver loaded mysql2 when the DataSource was made; the pool is made on initialize().
  const driver = dataSource.driver as unknown as { mysql?: { createPool(options: unknown): Pool } };
  const mysql = driver.mysql;
  if (mysql) {
    driver.mysql = Object.assign(Object.create(mysql) as typeof mysql, {
      createPool: (options: unknown) => {
        const hosts = settings.hosts ?? [];
        if (hosts.length === 0) return tunePool(mysql.createPool(options), settings);
        return failoverPool(
          hosts,
          (host) =>
            tunePool(
              mysql.createPool({ ...(options as object), host: host.host, port: host.port }),
              settings,
            ),
          settings.onHostChange,
        );
      },
    });
  }
  markTransactions(dataSource);
  return dataSource;
}

/** Detect the server's flavor, then create and initialise the DataSource. */
export async function openDataSource(settings: DatabaseSettings): Promise<DataSource> {
  const flavor = settings.flavor ?? (await detectDatabaseFlavor(settings.url, settings.hosts));
  const dataSource = createDataSource({ ...settings, flavor });
  await dataSource.initialize();
  return dataSource;
}
