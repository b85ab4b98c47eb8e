import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** The repository root: tests run from it (npm test and vitest are started there). */
export const REPO_ROOT = resolve(process.env['LUODI_REPO_ROOT'] ?? process.cwd());

function servicesEnvFile(): Record<string, string> {
  const file = join(REPO_ROOT, '.data', 'services.env');
  if (!existsSync(file)) return {};
  const entries = readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1], match[2]] as const);
  return Object.fromEntries(entries);
}

/**
 * Where the tests' MariaDB and Redis are: the URLs ops/services/up.sh resolved (it starts private
 * instances when none answer). Tests only ever create and drop their own databases and queue prefixes.
 */
export function serviceUrls(): { databaseUrl: string; redisUrl: string } {
  const file = servicesEnvFile();
  const databaseUrl =
    process.env['LUODI_TEST_DATABASE_URL'] ?? file['DATABASE_URL'] ?? 'mysql://root@127.0.0.1:3306/luodi';
  const redisUrl = process.env['LUODI_TEST_REDIS_URL'] ?? file['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  return { databaseUrl, redisUrl };
}

/** A short random suffix for names that must not collide with anything else on the servers. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolveSleep) => setTimeout(resolveSleep, intervalMs));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`,
  );
}

/**
 * The instant the tests take as "now": LUODI_FAKE_NOW of the test run when set (e.g.
 * `LUODI_FAKE_NOW=2027-02-10T10:00:00+08:00 npx vitest …`), else the system clock. Stacks started
 * by the kit get the same LUODI_FAKE_NOW, so the built API and worker agree with the test on today.
 */
export function testNow(): Date {
  const fakeNow = process.env['LUODI_FAKE_NOW'];
  return fakeNow ? new Date(fakeNow) : new Date();
}

/** The environment that hands the test run's fake clock on to a spawned process (empty without one). */
export function fakeNowEnv(): Record<string, string> {
  const fakeNow = process.env['LUODI_FAKE_NOW'];
  return fakeNow ? { LUODI_FAKE_NOW: fakeNow } : {};
}
