import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  databaseHosts,
  loadServerConfig,
  redactUrl,
  redisConnectionOptions,
} from './server-config';

const valid = { DATABASE_URL: 'mysql://root@127.0.0.1:3306/luodi', REDIS_URL: 'redis://127.0.0.1:6379' };

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadServerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadServerConfig', () => {
  it('applies defaults', () => {
    const config = loadServerConfig(valid);
    expect(config.PORT).toBe(3000);
    expect(config.QUEUE_PREFIX).toBe('luodi');
    expect(config.CORS_ORIGINS).toEqual([]);
  });

  it('database pool settings: defaults, and bounds named per variable', () => {
    const config = loadServerConfig(valid);
    expect(config).toMatchObject({
      DATABASE_POOL_SIZE: 10,
      DATABASE_ACQUIRE_TIMEOUT_MS: 10_000,
      DATABASE_CONNECT_TIMEOUT_MS: 10_000,
      DATABASE_LOCK_WAIT_SECONDS: 10,
    });
    expect(loadServerConfig({ ...valid, DATABASE_POOL_SIZE: '1' }).DATABASE_POOL_SIZE).toBe(1);
    expect(problemsOf({ ...valid, DATABASE_POOL_SIZE: '0', DATABASE_LOCK_WAIT_SECONDS: '1.5' })).toEqual([
      'Invalid configuration: DATABASE_POOL_SIZE must be a whole number from 1 to 200',
      'Invalid configuration: DATABASE_LOCK_WAIT_SECONDS must be a whole number from 1 to 600',
    ]);
  });

  it('names a missing variable and the rule', () => {
    expect(problemsOf({ REDIS_URL: valid.REDIS_URL })).toEqual([
      'Invalid configuration: DATABASE_URL is required',
    ]);
  });

  it('names a malformed URL and a bad port', () => {
    const problems = problemsOf({ ...valid, DATABASE_URL: 'postgres://x/y', PORT: '70000' });
    expect(problems).toContain(
      'Invalid configuration: DATABASE_URL must be a URL like mysql://user:password@host:3306/database',
    );
    expect(problems).toContain('Invalid configuration: PORT must be a whole number from 1 to 65535');
  });

  it('lists the allowed values of an enum', () => {
    expect(problemsOf({ ...valid, LOG_LEVEL: 'loud' })[0]).toMatch(
      /^Invalid configuration: LOG_LEVEL must be one of/,
    );
  });

  it('parses the CORS allow-list', () => {
    expect(
      loadServerConfig({ ...valid, CORS_ORIGINS: 'https://a.gov.cn, http://localhost:5173' }).CORS_ORIGINS,
    ).toEqual(['https://a.gov.cn', 'http://localhost:5173']);
    expect(problemsOf({ ...valid, CORS_ORIGINS: '*' })[0]).toMatch(/CORS_ORIGINS/);
  });

  it('honours LUODI_FAKE_NOW only when NODE_ENV=test, and only as an ISO date-time', () => {
    const fakeNow = '2027-02-10T10:00:00+08:00';
    expect(loadServerConfig({ ...valid, NODE_ENV: 'test', LUODI_FAKE_NOW: fakeNow }).LUODI_FAKE_NOW).toBe(
      fakeNow,
    );
    expect(loadServerConfig(valid).LUODI_FAKE_NOW).toBeUndefined();
    expect(problemsOf({ ...valid, NODE_ENV: 'production', LUODI_FAKE_NOW: fakeNow })).toEqual([
      'Invalid configuration: LUODI_FAKE_NOW is honoured only when NODE_ENV=test (NODE_ENV is production)',
    ]);
    expect(problemsOf({ ...valid, LUODI_FAKE_NOW: fakeNow })[0]).toMatch(/LUODI_FAKE_NOW is honoured only/);
    expect(problemsOf({ ...valid, NODE_ENV: 'test', LUODI_FAKE_NOW: 'tomorrow' })).toEqual([
      'Invalid configuration: LUODI_FAKE_NOW must be an ISO date-time like 2027-02-10T10:00:00+08:00',
    ]);
  });
});

describe('check settings', () => {
  it('chunks checks by 500 subjects unless told, and honours the kill hook only in tests', () => {
    expect(loadServerConfig(valid).CHECKS_CHUNK_SIZE).toBe(500);
    expect(loadServerConfig({ ...valid, CHECKS_CHUNK_SIZE: '200' }).CHECKS_CHUNK_SIZE).toBe(200);
    expect(problemsOf({ ...valid, CHECKS_CHUNK_SIZE: '0' })[0]).toMatch(/CHECKS_CHUNK_SIZE/);
    expect(
      loadServerConfig({ ...valid, NODE_ENV: 'test', LUODI_TEST_CHECKS_KILL_AFTER_CHUNK: '3' })
        .LUODI_TEST_CHECKS_KILL_AFTER_CHUNK,
    ).toBe(3);
    expect(problemsOf({ ...valid, NODE_ENV: 'production', LUODI_TEST_CHECKS_KILL_AFTER_CHUNK: '3' })).toEqual(
      [
        'Invalid configuration: LUODI_TEST_CHECKS_KILL_AFTER_CHUNK is honoured only when NODE_ENV=test (NODE_ENV is production)',
      ],
    );
  });
});

describe('redactUrl', () => {
  it('hides the password', () => {
    expect(redactUrl('mysql://luodi:s3cret@db:3306/luodi')).toBe('mysql://luodi:***@db:3306/luodi');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});

describe('cluster settings (DATABASE_HOSTS, REDIS_SENTINELS)', () => {
  it('reads the database hosts in order', () => {
    const config = loadServerConfig({ ...valid, DATABASE_HOSTS: 'db1:3306, 10.0.0.2:3307' });
    expect(databaseHosts(config)).toEqual([
      { host: 'db1', port: 3306 },
      { host: '10.0.0.2', port: 3307 },
    ]);
    expect(databaseHosts(loadServerConfig(valid))).toEqual([]);
  });

  it('refuses a host list without ports, naming the variable', () => {
    expect(problemsOf({ ...valid, DATABASE_HOSTS: 'db1,db2:3306' })).toEqual([
      'Invalid configuration: DATABASE_HOSTS must be a comma-separated list of host:port, like db1:3306,db2:3306',
    ]);
    expect(problemsOf({ ...valid, REDIS_SENTINELS: 's1:26379;s2' })[0]).toMatch(
      /^Invalid configuration: REDIS_SENTINELS /,
    );
  });

  it('requires the monitored name with sentinels', () => {
    expect(problemsOf({ ...valid, REDIS_SENTINELS: 's1:26379' })).toEqual([
      'Invalid configuration: REDIS_SENTINEL_NAME is required with REDIS_SENTINELS (the name the sentinels monitor)',
    ]);
  });

  it('gives ioredis the URL without sentinels, and the sentinels (with the URL password and db) with them', () => {
    expect(
      redisConnectionOptions(loadServerConfig({ ...valid, REDIS_URL: 'redis://:s%40cret@r1:6380/2' })),
    ).toEqual({
      host: 'r1',
      port: 6380,
      password: 's@cret',
      db: 2,
    });
    const options = redisConnectionOptions(
      loadServerConfig({
        ...valid,
        REDIS_URL: 'redis://:pw@ignored:6379/1',
        REDIS_SENTINELS: 's1:26379,s2:26380',
        REDIS_SENTINEL_NAME: 'luodi',
      }),
    );
    expect(options).toMatchObject({
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26380 },
      ],
      name: 'luodi',
      password: 'pw',
      db: 1,
    });
    expect(options.host).toBeUndefined();
    expect(options).not.toHaveProperty('failoverDetector');
    // A former primary (now a replica) answers writes with READONLY: reconnect and resend.
    expect(
      options.reconnectOnError?.(new Error('READONLY You can’t write against a read only replica.')),
    ).toBe(2);
    expect(options.reconnectOnError?.(new Error('ERR unknown command'))).toBe(false);
  });
});
