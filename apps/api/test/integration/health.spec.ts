import {
  appEnv,
  createTestDatabase,
  PrivateRedis,
  startApi,
  type RunningApi,
  type TestDatabase,
  waitFor,
} from '@luodi/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

async function health(api: RunningApi): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${api.baseUrl}/api/health`, { headers: { 'accept-language': 'en' } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('GET /api/health (real MariaDB, a Redis of the test own)', () => {
  let database: TestDatabase;
  let redis: PrivateRedis;
  let api: RunningApi;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await PrivateRedis.start();
    api = await startApi(appEnv(database.url, { REDIS_URL: redis.url }));
  });
  afterAll(async () => {
    await api?.stop();
    await redis?.stop();
    await database?.drop();
  });

  it('answers 200 with db and queue up (no worker seen yet)', async () => {
    const { status, body } = await health(api);
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      db: 'up',
      queue: 'up',
      worker: { status: 'unknown', lastSeenAt: null, ageSeconds: null },
    });
  });

  it('answers 503 naming the queue while Redis is unreachable, and 200 again when it is back', async () => {
    await redis.stop();
    const down = await waitFor('503', async () => {
      const answer = await health(api);
      return answer.status === 503 ? answer : undefined;
    });
    expect(down.body).toMatchObject({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'service_down',
      params: { down: 'queue' },
      message: 'down: queue',
      status: 'error',
      db: 'up',
      queue: 'down',
    });

    await redis.start();
    const back = await waitFor(
      '200 again',
      async () => {
        const answer = await health(api);
        return answer.status === 200 ? answer : undefined;
      },
      20_000,
    );
    expect(back.body).toMatchObject({ status: 'ok', queue: 'up' });
  });

  it('sends security headers and a request id', async () => {
    const response = await fetch(`${api.baseUrl}/api/health`, {
      headers: { 'X-Request-Id': 'test-request-0001' },
    });
    expect(response.headers.get('x-request-id')).toBe('test-request-0001');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const generated = await fetch(`${api.baseUrl}/api/health`);
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown API route with a JSON 404 envelope', async () => {
    const response = await fetch(`${api.baseUrl}/api/no-such-route`, {
      headers: { 'accept-language': 'en' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      statusCode: 404,
      error: 'Not Found',
      code: 'route_not_found',
      params: { method: 'GET', path: '/api/no-such-route' },
      message: 'Cannot GET /api/no-such-route',
    });
    const chinese = await fetch(`${api.baseUrl}/api/no-such-route`);
    expect(await chinese.json()).toMatchObject({
      code: 'route_not_found',
      message: '没有这个接口：GET /api/no-such-route',
    });
  });

  it('serves the OpenAPI document', async () => {
    const response = await fetch(`${api.baseUrl}/api/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toContain('/api/health');
  });
});

describe('API process lifecycle', () => {
  it('refuses to start without DATABASE_URL, in one line naming it', async () => {
    await expect(startApi({ REDIS_URL: 'redis://127.0.0.1:6379' })).rejects.toThrow(
      /Invalid configuration: DATABASE_URL is required\n/,
    );
  });

  it('stops cleanly on SIGTERM (exit code 0)', async () => {
    const database = await createTestDatabase();
    try {
      const api = await startApi(appEnv(database.url, { LOG_LEVEL: 'info' }));
      expect((await fetch(`${api.baseUrl}/api/health`)).status).toBe(200);
      expect(await api.stop('SIGTERM')).toBe(0);
      expect(api.output()).toContain('stopped cleanly');
    } finally {
      await database.drop();
    }
  });
});
