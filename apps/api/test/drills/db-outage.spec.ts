import { ensureDatabase } from '@luodi/persistence';
import {
  appEnv,
  CLI_MAIN,
  countByStatus,
  DEMO_TEST_PASSWORD,
  type DrillAnswer,
  drillFetch,
  PrivateMariaDb,
  recordDrill,
  runNode,
  type RunningApi,
  type RunningProcess,
  sleep,
  startApi,
  startWorker,
  steadyLoad,
  uniqueSuffix,
  waitFor,
} from '@luodi/testing';
import { createConnection } from 'mysql2/promise';
import { projectBody } from '../integration/support/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const OUTAGE_MS = 20_000;

function percentiles(values: number[]): { p50: number; p99: number } | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}

function timeline(answers: DrillAnswer[], origin: number): string[] {
  const seconds = new Map<number, Record<string, number>>();
  for (const answer of answers) {
    const second = Math.floor((answer.sentAt - origin) / 1000);
    const counts = seconds.get(second) ?? {};
    counts[String(answer.status)] = (counts[String(answer.status)] ?? 0) + 1;
    seconds.set(second, counts);
  }
  return [...seconds]
    .sort(([a], [b]) => a - b)
    .map(
      ([second, counts]) =>
        `${second}:${Object.entries(counts)
          .map(([status, n]) => `${status}×${n}`)
          .join(',')}`,
    );
}
const WRITES_PER_SECOND = 10;
/** The drill's client gives up on an answer after this long: anything slower counts as a hang. */
const REQUEST_TIMEOUT_MS = 15_000;
const RECOVERY_LIMIT_MS = 10_000;

/**
 * Drill (issue 11): MariaDB stopped for 20 s under steady writes. A MariaDB server of the drill's own
 * (the shared one is never stopped), the built API and worker on it, a client creating projects at
 * 10 per second. While the database is away every answer is 503 with a stable code and Retry-After
 * (never 500, never a hang), health says 503 naming the database; when it returns, the API answers
 * 2xx again within 10 s, and every acknowledged project is in the database.
 */
describe('drill: MariaDB stopped for 20 s under steady writes (private mariadbd)', () => {
  let mariadb: PrivateMariaDb;
  let api: RunningApi;
  let worker: RunningProcess;
  let databaseUrl: string;

  beforeAll(async () => {
    mariadb = await PrivateMariaDb.create();
    databaseUrl = mariadb.urlFor(`luodi_drill_${uniqueSuffix()}`);
    await ensureDatabase(databaseUrl);
    const env = appEnv(databaseUrl, {
      DEMO_PASSWORD: DEMO_TEST_PASSWORD,
      HEARTBEAT_INTERVAL_MS: '1000',
      CHECKS_INTERVAL_MS: '2000',
      RELAY_INTERVAL_MS: '500',
    });
    for (const command of ['migrate', 'demo:load']) {
      const result = await runNode(CLI_MAIN, [command], env);
      if (result.code !== 0) throw new Error(`${command} failed:\n${result.output}`);
    }
    api = await startApi(env);
    worker = await startWorker(env);
  });

  afterAll(async () => {
    await Promise.all([api?.stop('SIGKILL'), worker?.stop('SIGKILL')]);
    await mariadb?.destroy();
  });

  it('answers 503 (never 500, never a hang) while it is away, recovers within 10 s, loses no acknowledged write', async () => {
    const login = await drillFetch(`${api.baseUrl}/api/auth/login`, {
      method: 'POST',
      body: { username: 'bureau', password: DEMO_TEST_PASSWORD },
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    expect(login.status).toBe(200);
    const token = (login.body as { accessToken: string }).accessToken;
    const admin = await createConnection({ uri: databaseUrl });
    const [departments] = (await admin.query('SELECT id FROM department ORDER BY id LIMIT 1')) as unknown as [
      Array<{ id: string }>,
    ];
    await admin.end();
    const leadDepartmentId = String(departments[0]!.id);

    const runId = uniqueSuffix().slice(-8);
    const writer = steadyLoad(WRITES_PER_SECOND, (index) =>
      drillFetch(`${api.baseUrl}/api/projects`, {
        method: 'POST',
        token,
        // Explicit codes: this drill is about the database going away, not about the code allocator.
        body: projectBody(leadDepartmentId, {
          code: `DRILL-${runId}-${index}`,
          name: `演练项目${index}`,
          investor: `演练投资有限公司${index}`,
          contractAmount: '100.00',
        }),
        timeoutMs: REQUEST_TIMEOUT_MS,
      }),
    );
    const health = steadyLoad(4, () =>
      drillFetch(`${api.baseUrl}/api/health`, { timeoutMs: REQUEST_TIMEOUT_MS }),
    );

    await sleep(4_000);
    const stopAt = Date.now();
    await mariadb.stop('SIGTERM');
    const downAt = Date.now();
    await sleep(OUTAGE_MS - (downAt - stopAt));
    const restartAt = Date.now();
    await mariadb.start();
    const backAt = Date.now();
    // Writes go on until the API has been answering 2xx for a while (or the bound is reached).
    await waitFor(
      'writes acknowledged again after the database returned',
      async () => writer.answers.filter((a) => a.status === 201 && a.sentAt > backAt).length >= 30,
      30_000,
      250,
    ).catch(() => undefined);
    const [writes, probes] = await Promise.all([writer.stop(), health.stop()]);

    const during = (answer: DrillAnswer) => answer.sentAt >= downAt && answer.answeredAt <= restartAt;
    const outageWrites = writes.filter(during);
    const firstOkAfter = writes
      .filter((answer) => answer.status === 201 && answer.answeredAt >= backAt)
      .sort((a, b) => a.answeredAt - b.answeredAt)[0];
    const firstHealthyAfter = probes
      .filter((answer) => answer.status === 200 && answer.answeredAt >= backAt)
      .sort((a, b) => a.answeredAt - b.answeredAt)[0];
    const acknowledged = writes
      .filter((answer) => answer.status === 201)
      .map((answer) => String((answer.body as { id: string }).id));
    const check = await createConnection({ uri: databaseUrl });
    const [stored] = (await check.query('SELECT id, code FROM project WHERE id IN (?)', [
      acknowledged,
    ])) as unknown as [Array<{ id: string; code: string }>];
    const [duplicateCodes] = (await check.query(
      'SELECT code FROM project GROUP BY code HAVING COUNT(*) > 1',
    )) as unknown as [unknown[]];
    await check.end();
    const storedIds = new Set(stored.map((row) => String(row.id)));
    const lost = acknowledged.filter((id) => !storedIds.has(id));
    const slowest503 = Math.max(0, ...outageWrites.map((a) => a.answeredAt - a.sentAt));
    const errorCodes = [
      ...new Set(
        writes
          .filter((answer) => answer.status === 503)
          .map((answer) => (answer.body as { code?: string } | null)?.code),
      ),
    ];
    const recoveryMs = firstOkAfter ? firstOkAfter.answeredAt - backAt : null;

    recordDrill('db-outage', {
      outageMs: restartAt - downAt,
      stopToExitMs: downAt - stopAt,
      restartToAnsweringMs: backAt - restartAt,
      writesPerSecond: WRITES_PER_SECOND,
      writes: { total: writes.length, byStatus: countByStatus(writes) },
      writesDuringOutage: { total: outageWrites.length, byStatus: countByStatus(outageWrites) },
      slowestAnswerDuringOutageMs: slowest503,
      // Requests sent before the stop and still queued in the API when it came get 503 too.
      writeLatencyBeforeStopMs: percentiles(
        writes.filter((answer) => answer.answeredAt < stopAt).map((a) => a.answeredAt - a.sentAt),
      ),
      errorCodes503: errorCodes,
      health: {
        byStatus: countByStatus(probes),
        duringOutage: countByStatus(probes.filter(during)),
        firstOkAfterBackMs: firstHealthyAfter ? firstHealthyAfter.answeredAt - backAt : null,
      },
      recoveryMs,
      // A few answers other than 201/503, with their time relative to the stop, to say what went wrong.
      unexpected: writes
        .filter((answer) => answer.status !== 201 && answer.status !== 503)
        .slice(0, 5)
        .map((answer) => ({
          status: answer.status,
          sentAfterStopMs: answer.sentAt - stopAt,
          body: answer.body,
        })),
      // Per second from the stop: the statuses answered, e.g. "-2:201×10" … "21:503×4,201×6".
      timeline: timeline(writes, stopAt),
      acknowledged: acknowledged.length,
      lost: lost.length,
      duplicatedCodes: duplicateCodes.length,
      workerAlive: worker.child.exitCode === null && worker.child.signalCode === null,
    });

    // Only 201 and 503 at any time: no 500, no hang past the client's bound, no dropped connection.
    expect(Object.keys(countByStatus(writes)).sort()).toEqual(['201', '503']);
    expect(outageWrites.length).toBeGreaterThan(OUTAGE_MS / 1000);
    expect(outageWrites.every((answer) => answer.status === 503)).toBe(true);
    for (const answer of writes.filter((a) => a.status === 503)) {
      expect(answer.body).toMatchObject({ statusCode: 503, code: 'database_unavailable' });
      expect(answer.headers?.get('retry-after')).toMatch(/^\d+$/);
    }
    // Health names the database while it is away, and is 200 again once it is back.
    const healthDuring = probes.filter(during);
    expect(healthDuring.length).toBeGreaterThan(0);
    expect(healthDuring.every((answer) => answer.status === 503)).toBe(true);
    expect(healthDuring.at(-1)?.body).toMatchObject({ db: 'down' });
    expect(firstHealthyAfter).toBeDefined();
    // Recovery within 10 s of the database answering again, and nothing acknowledged is missing.
    expect(recoveryMs).not.toBeNull();
    expect(recoveryMs!).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
    expect(lost).toEqual([]);
    expect(duplicateCodes).toEqual([]);
    // The worker lived through it and beats again.
    expect(worker.child.exitCode).toBeNull();
    await waitFor(
      'a worker heartbeat after the outage',
      async () => {
        const answer = await drillFetch(`${api.baseUrl}/api/health`, { timeoutMs: 5_000 });
        const lastSeenAt = (answer.body as { worker?: { lastSeenAt?: string } }).worker?.lastSeenAt;
        return lastSeenAt && Date.parse(lastSeenAt) > backAt;
      },
      15_000,
      500,
    );
  });
});
