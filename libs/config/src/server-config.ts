import { z } from 'zod';

/**
 * Server configuration, read once from the environment and validated at boot. A missing or malformed
 * variable stops start-up with one line per problem naming the variable and the rule.
 */
const mysqlUrl = z
  .string({ error: 'is required' })
  .refine((value) => /^(mysql|mariadb):\/\/[^/]+\/[A-Za-z0-9_]+(\?.*)?$/.test(value), {
    message: 'must be a URL like mysql://user:password@host:3306/database',
  });

const redisUrl = z
  .string({ error: 'is required' })
  .refine((value) => /^rediss?:\/\/[^/]+(\/\d+)?$/.test(value), {
    message: 'must be a URL like redis://host:6379 (optionally /db)',
  });

const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      const parsed = Number(value);
      if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return parsed;
    });

const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** host:port,host:port,… (DATABASE_HOSTS, REDIS_SENTINELS). */
const hostList = csv.refine((hosts) => hosts.every((item) => /^[A-Za-z0-9.-]+:\d{1,5}$/.test(item)), {
  message: 'must be a comma-separated list of host:port, like db1:3306,db2:3306',
});

export const serverConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: integer(1, 65535, 3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: mysqlUrl,
  REDIS_URL: redisUrl,
  /**
   * A database cluster (e.g. three MariaDB Galera nodes): its servers in order of preference. Every
   * process sends its connections to one of them at a time and moves to the next when it is away. User,
   * password and database come from DATABASE_URL (whose host is then not used by the api and worker).
   */
  DATABASE_HOSTS: hostList,
  /**
   * Redis Sentinel: the sentinels to ask where the primary named REDIS_SENTINEL_NAME is. When given,
   * every Redis client (queues, live channel, throttle) follows the primary through failovers;
   * REDIS_URL then only gives the password and db number.
   */
  REDIS_SENTINELS: hostList,
  REDIS_SENTINEL_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, { message: 'must be 1–64 letters, digits, ., _ or -' })
    .optional(),
  /**
   * Database connections per process (API or worker). Every request holds at most one at a time (a
   * transaction never asks the pool for a second one), so the size bounds concurrency, not correctness.
   */
  DATABASE_POOL_SIZE: integer(1, 200, 10),
  /** How long a query may wait for a free pooled connection before the request answers 503. */
  DATABASE_ACQUIRE_TIMEOUT_MS: integer(100, 120_000, 10_000),
  /** How long opening a new connection to the server may take. */
  DATABASE_CONNECT_TIMEOUT_MS: integer(500, 120_000, 10_000),
  /**
   * innodb_lock_wait_timeout of every connection (seconds): how long a transaction waits for a row
   * lock before giving up (it is then retried, and answered 409 when it keeps failing).
   */
  DATABASE_LOCK_WAIT_SECONDS: integer(1, 600, 10),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1–40 letters, digits, _ or -' })
    .default('luodi'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** json for servers (one line per event); pretty for a person at a terminal (npm start). */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  CORS_ORIGINS: csv.refine((origins) => origins.every((origin) => /^https?:\/\/[^/]+$/.test(origin)), {
    message: 'must be a comma-separated list of origins like https://luodi.example.gov.cn',
  }),
  WEB_ROOT: z.string().default('dist/apps/web'),
  BODY_LIMIT_BYTES: integer(1024, 50 * 1024 * 1024, 1024 * 1024),
  /** A request (headers and body) must arrive whole within this; slower ones get 408 and are closed. */
  REQUEST_TIMEOUT_MS: integer(1000, 3_600_000, 60_000),
  /** A connection idle this long is closed (the live stream pings every 25 s, so it stays open). */
  CONNECTION_TIMEOUT_MS: integer(30_000, 3_600_000, 120_000),
  HEARTBEAT_INTERVAL_MS: integer(1000, 3_600_000, 10_000),
  /** SMTP server for alert e-mail (smtp://user:password@host:587); without it, no e-mail deliveries. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+\/?$/, { message: 'must be a URL like smtp://user:password@host:587' })
    .optional(),
  SMTP_FROM: z.string().default('Luodi 落地 <luodi@localhost>'),
  /** How often the stall checks run, and the outbox relay looks for deliveries to send. */
  CHECKS_INTERVAL_MS: integer(1000, 3_600_000, 60_000),
  /** How many subjects a check compares and writes per transaction (alerts, events and outbox rows). */
  CHECKS_CHUNK_SIZE: integer(1, 5000, 500),
  RELAY_INTERVAL_MS: integer(200, 600_000, 2_000),
  /** A pending delivery enqueued this long ago without being sent is enqueued again (lost job). */
  OUTBOX_REENQUEUE_MS: integer(1000, 3_600_000, 30_000),
  DELIVERY_ATTEMPTS: integer(1, 20, 6),
  DELIVERY_BACKOFF_MS: integer(10, 600_000, 2_000),
  /** How often the worker recomputes the milestone clocks that are due. */
  CLOCK_INTERVAL_MS: integer(1000, 3_600_000, 60_000),
  WORKER_CONCURRENCY: integer(1, 64, 4),
  SHUTDOWN_GRACE_MS: integer(0, 120_000, 10_000),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
  /**
   * Tests only: the instant the process's clock starts from (it then runs on from there), so tests of
   * the built API and worker do not depend on today's date. Refused unless NODE_ENV=test.
   */
  /**
   * Tests only: the process kills itself (SIGKILL) right after a check run has committed this many
   * chunks, to show that a run dying between chunks loses nothing (0: never). Refused unless NODE_ENV=test.
   */
  LUODI_TEST_CHECKS_KILL_AFTER_CHUNK: integer(0, 1_000_000, 0),
  LUODI_FAKE_NOW: z
    .string()
    .optional()
    .refine(
      (value) =>
        value === undefined || (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))),
      {
        message: 'must be an ISO date-time like 2027-02-10T10:00:00+08:00',
      },
    ),
});

export type ServerConfig = z.infer<typeof serverConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Rules across variables (kept out of the schema so that it can still be extended and picked). */
function crossCheck<T extends ServerConfig>(config: T): T {
  if (config.REDIS_SENTINELS.length > 0 && !config.REDIS_SENTINEL_NAME) {
    throw new ConfigError([
      'Invalid configuration: REDIS_SENTINEL_NAME is required with REDIS_SENTINELS (the name the sentinels monitor)',
    ]);
  }
  return config;
}

/** Validate the environment; throws ConfigError with one line per problem. */
export function loadServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const result = serverConfigSchema.safeParse(env);
  if (result.success) return refuseFakeClockOutsideTests(crossCheck(result.data));
  throw new ConfigError(describeIssues(result.error.issues));
}

/** The database servers to use, in order: DATABASE_HOSTS, or none (the host of DATABASE_URL). */
export function databaseHosts(
  config: Pick<ServerConfig, 'DATABASE_HOSTS'>,
): Array<{ host: string; port: number }> {
  return config.DATABASE_HOSTS.map((item) => {
    const at = item.lastIndexOf(':');
    return { host: item.slice(0, at), port: Number(item.slice(at + 1)) };
  });
}

/** Connection options for an ioredis client (spread them into `new Redis({...})`). */
export interface RedisConnectionOptions {
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: Record<string, never>;
  sentinels?: Array<{ host: string; port: number }>;
  name?: string;
  sentinelRetryStrategy?: (attempt: number) => number;
  reconnectOnError?: (error: Error) => boolean | 1 | 2;
}

/**
 * Where Redis is, for every Redis client of the api and worker: REDIS_URL, or, with REDIS_SENTINELS,
 * the primary the sentinels name (asked again on every reconnect: a killed primary closes the socket,
 * the client asks the sentinels again until they name the promoted replica). A client still talking to
 * a former primary that became a replica gets READONLY: it reconnects and sends the command again.
 * ioredis's `failoverDetector` is left off on purpose: its "+switch-master" handler disconnects a
 * client that is in the middle of reconnecting, and ioredis then ends that client for good ("Connection
 * is closed": the worker's queues stopped for good in the drill).
 */
export function redisConnectionOptions(
  config: Pick<ServerConfig, 'REDIS_URL' | 'REDIS_SENTINELS' | 'REDIS_SENTINEL_NAME'>,
): RedisConnectionOptions {
  const url = new URL(config.REDIS_URL);
  const db = Number(url.pathname.replace(/^\//, '') || 0);
  const auth: RedisConnectionOptions = {
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    db,
  };
  if (config.REDIS_SENTINELS.length === 0) {
    return {
      host: url.hostname,
      port: Number(url.port || 6379),
      ...auth,
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    };
  }
  return {
    ...auth,
    sentinels: databaseHosts({ DATABASE_HOSTS: config.REDIS_SENTINELS }),
    name: config.REDIS_SENTINEL_NAME,
    sentinelRetryStrategy: (attempt) => Math.min(attempt * 200, 1_000),
    reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 2 : false),
  };
}

/** A fake clock and the test hooks are for tests only: anywhere else the configuration is refused at boot. */
function refuseFakeClockOutsideTests<
  T extends Pick<ServerConfig, 'NODE_ENV' | 'LUODI_FAKE_NOW'> & {
    LUODI_TEST_CHECKS_KILL_AFTER_CHUNK?: number;
  },
>(config: T): T {
  if (config.NODE_ENV === 'test') return config;
  const problems: string[] = [];
  if (config.LUODI_FAKE_NOW !== undefined) problems.push('LUODI_FAKE_NOW');
  if (config.LUODI_TEST_CHECKS_KILL_AFTER_CHUNK) problems.push('LUODI_TEST_CHECKS_KILL_AFTER_CHUNK');
  if (problems.length > 0)
    throw new ConfigError(
      problems.map(
        (name) =>
          `Invalid configuration: ${name} is honoured only when NODE_ENV=test (NODE_ENV is ${config.NODE_ENV})`,
      ),
    );
  return config;
}

/** The API's own settings on top of the shared ones: sign-in and sessions. */
export const apiConfigSchema = serverConfigSchema.extend({
  JWT_SECRET: z
    .string({ error: 'is required (a random string of at least 32 characters)' })
    .min(32, { message: 'must be at least 32 characters (use a long random string)' }),
  ACCESS_TOKEN_TTL_SECONDS: integer(60, 3600, 900),
  REFRESH_TOKEN_TTL_SECONDS: integer(600, 90 * 24 * 3600, 7 * 24 * 3600),
  LOGIN_MAX_FAILURES: integer(1, 100, 5),
  LOGIN_WINDOW_SECONDS: integer(10, 3600, 60),
  /**
   * How long the cockpit's figures may be served from memory (0: never). Any change of a project,
   * funds, key work, milestone or alert clears them at once on every API instance (live messages).
   */
  FIGURES_CACHE_SECONDS: integer(0, 3600, 30),
  /**
   * How long an Excel import may take to upload its file. The instance's one import slot is taken
   * before the body is read; a client sending slowly (or stopping) loses it after this (408).
   */
  IMPORT_UPLOAD_SECONDS: integer(5, 3600, 120),
});

export type ApiConfig = z.infer<typeof apiConfigSchema>;

function describeIssues(issues: z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const name = issue.path.join('.') || 'environment';
    const message =
      issue.code === 'invalid_value' ? `must be one of ${issue.values.join(', ')}` : issue.message;
    return `Invalid configuration: ${name} ${message}`;
  });
}

/** Validate the API's environment; throws ConfigError with one line per problem. */
export function loadApiConfig(env: Record<string, string | undefined>): ApiConfig {
  const result = apiConfigSchema.safeParse(env);
  if (result.success) return refuseFakeClockOutsideTests(crossCheck(result.data));
  throw new ConfigError(describeIssues(result.error.issues));
}

/** Only what the CLI needs (the database, and the clock of the demo loader). */
export function loadDatabaseConfig(
  env: Record<string, string | undefined>,
): Pick<ServerConfig, 'DATABASE_URL' | 'NODE_ENV' | 'LUODI_FAKE_NOW'> {
  const result = serverConfigSchema
    .pick({ DATABASE_URL: true, NODE_ENV: true, LUODI_FAKE_NOW: true })
    .safeParse(env);
  if (result.success) return refuseFakeClockOutsideTests(result.data);
  throw new ConfigError(describeIssues(result.error.issues));
}

/** A URL with its password replaced, safe for logs. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
