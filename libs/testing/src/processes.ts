import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, REPO_ROOT, serviceUrls, uniqueSuffix, waitFor } from './environment';

export const API_MAIN = join(REPO_ROOT, 'dist/apps/api/apps/api/src/main.js');
export const WORKER_MAIN = join(REPO_ROOT, 'dist/apps/worker/apps/worker/src/main.js');
export const CLI_MAIN = join(REPO_ROOT, 'dist/apps/api/apps/api/src/cli.js');

export interface RunningProcess {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

function startNode(main: string, env: Record<string, string>): RunningProcess {
  if (!existsSync(main)) throw new Error(`${main} is missing: build first (npm run build)`);
  const child = spawn(process.execPath, [main], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolveExit) =>
    child.on('exit', (code, signal) => resolveExit(code ?? signal ?? 'unknown')),
  );
  return {
    child,
    output: () => output,
    exited,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** A signing key made per test run (never a constant in the repo). */
const TEST_JWT_SECRET = randomBytes(48).toString('base64url');

/** Environment for an app process on the test services, with its own queue prefix. */
export function appEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: serviceUrls().redisUrl,
    QUEUE_PREFIX: `t${uniqueSuffix()}`,
    JWT_SECRET: TEST_JWT_SECRET,
    // Tests change rows by SQL and read the figures at once: no figures cache unless a test asks.
    FIGURES_CACHE_SECONDS: '0',
    ...extra,
  };
}

export interface RunningApi extends RunningProcess {
  baseUrl: string;
}

/** Start the built API on a free port and wait until it answers. */
export async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const port = await freePort();
  const running = startNode(API_MAIN, { HOST: '127.0.0.1', PORT: String(port), ...env });
  const baseUrl = `http://127.0.0.1:${port}`;
  await Promise.race([
    waitFor('the API to listen', async () => (await fetch(`${baseUrl}/api/health`)).status > 0, 60_000),
    running.exited.then((code) => {
      throw new Error(`api exited (${code}) before listening:\n${running.output()}`);
    }),
  ]);
  return { ...running, baseUrl };
}

/** Start the built worker and wait until it says it runs. */
export async function startWorker(env: Record<string, string>): Promise<RunningProcess> {
  const running = startNode(WORKER_MAIN, { LOG_LEVEL: 'info', ...env });
  await Promise.race([
    waitFor('the worker to start', async () => running.output().includes('worker started'), 60_000),
    running.exited.then((code) => {
      throw new Error(`worker exited (${code}) before starting:\n${running.output()}`);
    }),
  ]);
  return running;
}

/** Run a node entry point to completion. */
export async function runNode(
  main: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | string; output: string }> {
  const child = spawn(process.execPath, [main, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | string>((resolveExit) =>
    child.on('exit', (exitCode, signal) => resolveExit(exitCode ?? signal ?? 'unknown')),
  );
  return { code, output };
}
