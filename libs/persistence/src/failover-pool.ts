import { isDatabaseUnavailable } from './unavailable';

/** One database server of a cluster (e.g. a Galera node), as given in DATABASE_HOSTS. */
export interface DatabaseHost {
  host: string;
  port: number;
}

type ConnectionCallback = (error: Error | null, connection?: unknown) => void;

/** The part of mysql2's pool that TypeORM's driver uses. */
export interface FailoverPoolMember {
  getConnection(callback: ConnectionCallback): void;
  end(callback?: (error?: Error | null) => void): unknown;
}

/** Told when the pool moves its writes from one host to the next. */
export type HostChangeListener = (from: DatabaseHost, to: DatabaseHost, error: Error) => void;

/** Errors that mean "this host is away", not "this request failed" (the wait for a free connection is not one). */
function hostDown(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'POOL_ACQUIRE_TIMEOUT' || code === 'POOL_IN_TRANSACTION') return false;
  return isDatabaseUnavailable(error);
}

/**
 * A pool over several servers of one cluster that sends every connection to ONE of them at a time:
 * the first host of the list while it answers, the next one when a connection to it cannot be made
 * (refused, lost, timed out, a Galera node not ready), and so on round the list. It stays on the host
 * that works (no failback): every process ends up on the same surviving node, which keeps Galera's
 * certification conflicts rare (those that happen are deadlock errors 1213 and inTransaction() runs the
 * transaction again). Queries in flight on a host that dies fail (503 for the API, the job retried);
 * the next connection asked for goes to the next host. One mysql2 pool per host, made when first used.
 */
export function failoverPool(
  hosts: DatabaseHost[],
  makePool: (host: DatabaseHost) => FailoverPoolMember,
  onHostChange?: HostChangeListener,
): FailoverPoolMember & { currentHost(): DatabaseHost } {
  if (hosts.length === 0) throw new Error('failoverPool needs at least one host');
  const pools = new Map<number, FailoverPoolMember>();
  let current = 0;
  const poolOf = (index: number) => {
    let pool = pools.get(index);
    if (!pool) {
      pool = makePool(hosts[index] as DatabaseHost);
      pools.set(index, pool);
    }
    return pool;
  };
  const acquire = (callback: ConnectionCallback, tried: number) => {
    const index = current;
    poolOf(index).getConnection((error, connection) => {
      if (!error) {
        callback(null, connection);
        return;
      }
      if (!hostDown(error) || tried + 1 >= hosts.length) {
        callback(error);
        return;
      }
      // Another request may have moved on already; only the first to see this host fail moves.
      if (current === index) {
        current = (index + 1) % hosts.length;
        onHostChange?.(hosts[index] as DatabaseHost, hosts[current] as DatabaseHost, error);
      }
      acquire(callback, tried + 1);
    });
  };
  return {
    getConnection: (callback: ConnectionCallback) => acquire(callback, 0),
    end: (callback?: (error?: Error | null) => void) => {
      Promise.all(
        [...pools.values()].map((pool) => new Promise<void>((resolve) => pool.end(() => resolve()))),
      ).then(() => callback?.(null), callback);
    },
    currentHost: () => hosts[current] as DatabaseHost,
  };
}
