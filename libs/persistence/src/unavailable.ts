/**
 * Is this error the database being away (stopped, restarting, unreachable, out of connections) rather
 * than something wrong with the request or the code? Such a request may succeed if retried shortly:
 * the API answers it 503 with Retry-After, never 500. Walks TypeORM's `driverError` and `cause`.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const candidate = current as { code?: unknown; errno?: unknown; message?: unknown };
    if (typeof candidate.code === 'string' && UNAVAILABLE_CODES.has(candidate.code)) return true;
    if (typeof candidate.errno === 'number' && UNAVAILABLE_ERRNOS.has(candidate.errno)) return true;
    if (
      typeof candidate.message === 'string' &&
      UNAVAILABLE_MESSAGES.some((m) => m.test(candidate.message as string))
    )
      return true;
    const next = current as { driverError?: unknown; cause?: unknown };
    current = next.driverError ?? next.cause;
  }
  return false;
}

/** Node's socket errors and mysql2's protocol codes for a lost or refused connection, and the server's own. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'CR_SERVER_GONE_ERROR',
  'CR_SERVER_LOST',
  'CR_CONNECTION_ERROR',
  'CR_CONN_HOST_ERROR',
  // A pool that handed out no connection in time (an acquire timeout of ours or of the driver).
  'POOL_ACQUIRE_TIMEOUT',
]);

/**
 * The same by MySQL/MariaDB error number (1040 too many connections, 1053 shutdown, 1927 killed, 2006/2013
 * gone/lost; 1047 is a Galera node that is not part of the cluster's primary component: "WSREP has not
 * yet prepared node for application use").
 */
const UNAVAILABLE_ERRNOS = new Set([1040, 1047, 1053, 1203, 1927, 2002, 2003, 2006, 2013]);

/** mysql2 raises these without a code. */
const UNAVAILABLE_MESSAGES = [
  /^Can't add new command when connection is in closed state$/,
  /^Can't write in closed state$/,
  /^Pool is closed\.$/,
  /^No connections available\.$/,
  /^Queue limit reached\.$/,
  /^connect ETIMEDOUT$/,
];
