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

export const serverConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: integer(1, 65535, 3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: mysqlUrl,
  REDIS_URL: redisUrl,
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

/** Validate the environment; throws ConfigError with one line per problem. */
export function loadServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const result = serverConfigSchema.safeParse(env);
  if (result.success) return refuseFakeClockOutsideTests(result.data);
  throw new ConfigError(describeIssues(result.error.issues));
}

/** A fake clock is for tests only: anywhere else the configuration is refused at boot. */
function refuseFakeClockOutsideTests<T extends Pick<ServerConfig, 'NODE_ENV' | 'LUODI_FAKE_NOW'>>(
  config: T,
): T {
  if (config.LUODI_FAKE_NOW !== undefined && config.NODE_ENV !== 'test')
    throw new ConfigError([
      `Invalid configuration: LUODI_FAKE_NOW is honoured only when NODE_ENV=test (NODE_ENV is ${config.NODE_ENV})`,
    ]);
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
  if (result.success) return refuseFakeClockOutsideTests(result.data);
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
