import { describe, expect, it } from 'vitest';
import { toErrorBody } from './error-envelope.filter';

/** Database lock and pool errors as the API answers them: never a 500. */
describe('toErrorBody: lock and pool errors', () => {
  const queryFailed = (code: string, errno: number) =>
    Object.assign(new Error('query failed'), { driverError: { code, errno } });

  it.each([
    ['ER_LOCK_WAIT_TIMEOUT', 1205],
    ['ER_LOCK_DEADLOCK', 1213],
  ])('%s (%i) is 409 with the stable code "busy", zh-CN first', (code, errno) => {
    const body = toErrorBody(queryFailed(code, errno));
    expect(body).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'busy' });
    expect(body.message).toMatch(/^数据正被其他请求修改/);
  });

  it('no free pooled connection in time is 503 "database_busy"', () => {
    const error = Object.assign(new Error('no free database connection within 10000 ms'), {
      code: 'POOL_ACQUIRE_TIMEOUT',
    });
    expect(toErrorBody(error)).toMatchObject({ statusCode: 503, code: 'database_busy' });
  });

  it('another database error stays a 500 (logged)', () => {
    expect(toErrorBody(queryFailed('ER_BAD_FIELD_ERROR', 1054)).statusCode).toBe(500);
  });
});
