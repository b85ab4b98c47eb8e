import { createTestDatabase, type TestDatabase } from './database';
import { fakeNowEnv } from './environment';
import {
  appEnv,
  CLI_MAIN,
  runNode,
  startApi,
  startWorker,
  type RunningApi,
  type RunningProcess,
} from './processes';

/** The password every demo user gets in tests (DEMO_PASSWORD); it meets the password policy. */
export const DEMO_TEST_PASSWORD = 'test-only Demo Passphrase 2026';

export interface TestStack {
  database: TestDatabase;
  env: Record<string, string>;
  api: RunningApi;
  worker?: RunningProcess;
  /** Sign in and return the access token (and the whole answer). */
  login(username: string, password?: string): Promise<string>;
  /** fetch against the API with JSON in and out. */
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  stop(): Promise<void>;
}

/**
 * A whole stack of the test's own: a fresh database with the migrations and the demo district, the
 * built API (and the worker when asked), on the shared MariaDB/Redis but with its own database and
 * queue prefix.
 */
export async function startStack(
  options: { worker?: boolean; env?: Record<string, string> } = {},
): Promise<TestStack> {
  const database = await createTestDatabase();
  const env = appEnv(database.url, { DEMO_PASSWORD: DEMO_TEST_PASSWORD, ...fakeNowEnv(), ...options.env });
  const demo = await runNode(CLI_MAIN, ['demo:load'], env);
  if (demo.code !== 0) throw new Error(`demo:load failed:\n${demo.output}`);
  const api = await startApi(env);
  const worker = options.worker ? await startWorker(env) : undefined;

  const call: TestStack['call'] = async (method, path, callOptions = {}) => {
    // Error messages in English (`field: rule`), which many tests read; a test of the Chinese
    // messages passes its own Accept-Language.
    const headers: Record<string, string> = { 'accept-language': 'en', ...callOptions.headers };
    if (callOptions.token) headers['authorization'] = `Bearer ${callOptions.token}`;
    if (callOptions.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${api.baseUrl}${path}`, {
      method,
      headers,
      body: callOptions.body === undefined ? undefined : JSON.stringify(callOptions.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body, headers: response.headers };
  };

  return {
    database,
    env,
    api,
    worker,
    call,
    login: async (username, password = DEMO_TEST_PASSWORD) => {
      const answer = await call('POST', '/api/auth/login', { body: { username, password } });
      if (answer.status !== 200)
        throw new Error(`login ${username}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return (answer.body as { accessToken: string }).accessToken;
    },
    stop: async () => {
      await Promise.all([api.stop(), worker?.stop()]);
      await database.drop();
    },
  };
}
