import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable';

function withCode(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

describe('isDatabaseUnavailable', () => {
  it.each([
    [
      'a refused connection',
      withCode('connect ECONNREFUSED 127.0.0.1:3306', { code: 'ECONNREFUSED', errno: -111 }),
    ],
    [
      'a lost connection',
      withCode('Connection lost: The server closed the connection.', {
        code: 'PROTOCOL_CONNECTION_LOST',
        fatal: true,
      }),
    ],
    ['too many connections', withCode('Too many connections', { code: 'ER_CON_COUNT_ERROR', errno: 1040 })],
    [
      'a server shutting down',
      withCode('Server shutdown in progress', { code: 'ER_SERVER_SHUTDOWN', errno: 1053 }),
    ],
    ['a connect timeout', withCode('connect ETIMEDOUT', { code: 'ETIMEDOUT' })],
    [
      'a pool acquire timeout',
      withCode('no pool connection within 5000 ms', { code: 'POOL_ACQUIRE_TIMEOUT' }),
    ],
    [
      'a closed connection (mysql2, no code)',
      new Error("Can't add new command when connection is in closed state"),
    ],
    ['a closed pool', new Error('Pool is closed.')],
  ])('is true for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('looks through TypeORM query errors and causes', () => {
    const driverError = withCode('Connection lost', { code: 'PROTOCOL_CONNECTION_LOST' });
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], driverError))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: withCode('x', { errno: 2013 }) }))).toBe(true);
  });

  it.each([
    [
      'a duplicate key',
      withCode("Duplicate entry 'x' for key 'code'", { code: 'ER_DUP_ENTRY', errno: 1062 }),
    ],
    [
      'a lock wait timeout',
      withCode('Lock wait timeout exceeded', { code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 }),
    ],
    [
      'a syntax error',
      withCode('You have an error in your SQL syntax', { code: 'ER_PARSE_ERROR', errno: 1064 }),
    ],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
    ['a string', 'ECONNREFUSED'],
  ])('is false for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('survives a cycle of causes', () => {
    const error = new Error('a') as Error & { cause?: unknown };
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
