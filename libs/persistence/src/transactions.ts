import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Transactions and the pool. Inside a transaction every query must go through the transaction's
 * EntityManager: a query that asks the pool for another connection while the transaction holds one
 * can wait for ever once every connection is held by such a transaction (a pool of N deadlocks under
 * N parallel requests). The DataSource marks the code running inside `transaction(...)` and the pool
 * refuses (POOL_IN_TRANSACTION) a connection asked for from there, so the mistake fails at once in
 * tests instead of hanging a busy server.
 */
export const transactionScope = new AsyncLocalStorage<{ depth: number }>();

/** The error of a pool connection asked for from inside a transaction. */
export const POOL_IN_TRANSACTION = 'POOL_IN_TRANSACTION';

/** Lock errors after which the whole transaction can simply run again. */
const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);

/** The MySQL error code of a failed query (TypeORM keeps it in driverError), if any. */
export function databaseErrorCode(error: unknown): string | undefined {
  const value = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = value?.driverError?.code ?? value?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A deadlock (1213) or a lock wait timeout (1205): the transaction was rolled back, run it again. */
export function isLockError(error: unknown): boolean {
  const code = databaseErrorCode(error);
  return code !== undefined && RETRYABLE.has(code);
}

/** A unique key won by another insert (1062): looking again finds the other row. */
export function isDuplicateKey(error: unknown): boolean {
  return databaseErrorCode(error) === 'ER_DUP_ENTRY';
}

export interface TransactionOptions {
  /** Runs in all (default 3); after the last, the lock error is thrown (the API answers 409 busy). */
  attempts?: number;
  /** Errors other than lock errors that mean "run again" (e.g. a unique key won by another insert). */
  retryIf?: (error: unknown) => boolean;
  /**
   * The transaction's isolation level (default: the server's, REPEATABLE READ). READ COMMITTED takes
   * no gap locks: bulk writers that lock many keys that may not exist yet (a check's chunk of alerts)
   * then wait on rows, not on ranges shared with every other writer, and settle a race on a unique key
   * by a duplicate-key error (retryIf) instead of deadlock storms.
   */
  isolation?: 'READ COMMITTED' | 'REPEATABLE READ';
}

/**
 * Run `work` in one transaction, again (a bounded number of times, after a short random pause) when
 * it was chosen as a deadlock victim or waited too long for a row lock. `work` must do nothing but
 * database work through `manager`, since it may run more than once.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await (options.isolation
        ? dataSource.transaction(options.isolation, work)
        : dataSource.transaction(work));
    } catch (error) {
      const again = isLockError(error) || (options.retryIf?.(error) ?? false);
      if (!again || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(Math.random() * 20 * attempt)));
    }
  }
}

/**
 * `inTransaction` for services (injected like a repository), so that they need no DataSource: a
 * service holds the rules, the transaction's manager goes on to the repositories.
 */
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  /** `inTransaction`: one transaction, run again after a deadlock or lock wait timeout. */
  run<T>(work: (manager: EntityManager) => Promise<T>, options?: TransactionOptions): Promise<T> {
    return inTransaction(this.dataSource, work, options);
  }

  /** One transaction, run once (for work that must not run twice, or whose caller decides). */
  runOnce<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The manager for work outside any transaction (each query takes a pool connection of its own). */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}
