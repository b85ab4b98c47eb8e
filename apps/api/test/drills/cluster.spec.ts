import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseHosts } from '@luodi/config';
import { ensureDatabase, openDataSource, runMigrations } from '@luodi/persistence';
import {
  appEnv,
  CLI_MAIN,
  countByStatus,
  DEMO_TEST_PASSWORD,
  type DrillAnswer,
  drillFetch,
  duplicatedAlertRows,
  recordDrill,
  REPO_ROOT,
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
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectBody } from '../integration/support/fixtures';

const CLUSTER = join(REPO_ROOT, 'ops/cluster');
const CLUSTER_DATA = join(REPO_ROOT, '.data/cluster');
const CREATES_PER_SECOND = 2;
const CHECKS_PER_SECOND = 0.25;
/** The target of issue 18: each kill is recovered from, on its own, within this. */
const RECOVERY_BOUND_MS = 30_000;

function script(name: string, args: string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', [join(CLUSTER, name), ...args], { timeout: 240_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`ops/cluster/${name} failed (${error.message}):\n${stdout}${stderr}`));
      else resolve(`${stdout}${stderr}`);
    });
  });
}

function clusterEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(CLUSTER_DATA, 'cluster.env'), 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) env[line.slice(0, at)] = line.slice(at + 1);
  }
  return env;
}

/** The port of the primary a sentinel names (redis-cli), or null when it does not answer. */
function sentinelPrimaryPort(sentinelPort: number, name: string): Promise<number | null> {
  return new Promise((resolve) => {
    execFile(
      'redis-cli',
      ['-h', '127.0.0.1', '-p', String(sentinelPort), 'sentinel', 'get-master-addr-by-name', name],
      { timeout: 2_000 },
      (error, stdout) => {
        const port = Number(stdout.trim().split('\n')[1]);
        resolve(error || !Number.isInteger(port) || port <= 0 ? null : port);
      },
    );
  });
}

function pidOf(file: string): number {
  const pid = Number(readFileSync(join(CLUSTER_DATA, file), 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no pid in ${file}`);
  return pid;
}

/**
 * Drill (issue 18 item 5): the app on a MariaDB Galera cluster (three nodes) and a Redis primary +
 * replica watched by three Sentinels, all started by ops/cluster/up.sh from Debian's galera-4 and
 * redis-sentinel. Two APIs and one worker run with DATABASE_HOSTS and REDIS_SENTINELS while projects are
 * created (2/s, round-robin) and checks run; the database node everyone writes to is SIGKILLed, then
 * the Redis primary. The app must recover on its own within 30 s of each kill, keep every acknowledged
 * project and duplicate nothing. If the cluster cannot be started (galera-4 missing and not
 * installable), the drill fails with ops/cluster's message: it is never skipped.
 */
describe('drill: Galera cluster + Redis Sentinel, a database node and the Redis primary SIGKILLed', () => {
  const apis: RunningApi[] = [];
  const workers: RunningProcess[] = [];
  let check: DataSource | undefined;

  beforeAll(async () => {
    await script('down.sh', ['--wipe']);
    await script('up.sh');
  }, 300_000);

  afterAll(async () => {
    await Promise.all([...apis, ...workers].map((process) => process.stop('SIGKILL')));
    if (check?.isInitialized) await check.destroy();
    await script('down.sh', ['--wipe']).catch(() => undefined);
  }, 120_000);

  it('recovers within 30 s of each kill, loses and duplicates nothing', { timeout: 240_000 }, async () => {
    const startedAt = Date.now();
    const cluster = clusterEnv();
    const url = `mysql://root@127.0.0.1:${new URL(cluster['DATABASE_URL']!).port}/luodi_cluster_${uniqueSuffix()}`;
    await ensureDatabase(url);
    const hosts = databaseHosts({ DATABASE_HOSTS: cluster['DATABASE_HOSTS']!.split(',') });
    // The drill's own reads go through the same failover as the app (node 1 is killed).
    check = await openDataSource({ url, hosts, poolSize: 2 });
    await runMigrations(check);
    const env = appEnv(url, {
      DATABASE_HOSTS: cluster['DATABASE_HOSTS']!,
      REDIS_URL: cluster['REDIS_URL']!,
      REDIS_SENTINELS: cluster['REDIS_SENTINELS']!,
      REDIS_SENTINEL_NAME: cluster['REDIS_SENTINEL_NAME']!,
      DEMO_PASSWORD: DEMO_TEST_PASSWORD,
      HEARTBEAT_INTERVAL_MS: '1000',
      CHECKS_INTERVAL_MS: '2000',
      CLOCK_INTERVAL_MS: '2000',
      RELAY_INTERVAL_MS: '500',
      OUTBOX_REENQUEUE_MS: '3000',
      DATABASE_CONNECT_TIMEOUT_MS: '3000',
      WORKER_CONCURRENCY: '2',
    });
    const demo = await runNode(CLI_MAIN, ['demo:load'], env);
    if (demo.code !== 0) throw new Error(`demo:load failed:\n${demo.output}`);
    const setupMs = Date.now() - startedAt;

    for (let index = 0; index < 2; index += 1) apis.push(await startApi(env));
    workers.push(await startWorker(env));
    const login = await drillFetch(`${apis[0]!.baseUrl}/api/auth/login`, {
      method: 'POST',
      body: { username: 'bureau', password: DEMO_TEST_PASSWORD },
      timeoutMs: 15_000,
    });
    expect(login.status).toBe(200);
    const token = (login.body as { accessToken: string }).accessToken;
    const [department] = (await check.query('SELECT id FROM department ORDER BY id LIMIT 1')) as Array<{
      id: string;
    }>;
    let turn = 0;
    const creates = steadyLoad(CREATES_PER_SECOND, async (index) => {
      const target = turn++ % apis.length;
      const answer = await drillFetch(`${apis[target]!.baseUrl}/api/projects`, {
        method: 'POST',
        token,
        body: projectBody(String(department!.id), {
          name: `集群演练${index}`,
          investor: `演练投资${index}`,
          contractAmount: '100.00',
        }),
        timeoutMs: 30_000,
      });
      return { ...answer, target: String(target) };
    });
    const checks = steadyLoad(CHECKS_PER_SECOND, async () => {
      const target = turn++ % apis.length;
      const answer = await drillFetch(`${apis[target]!.baseUrl}/api/checks/run`, {
        method: 'POST',
        token,
        timeoutMs: 60_000,
      });
      return { ...answer, target: String(target) };
    });
    await sleep(8_000);

    // 1. SIGKILL the Galera node that every process writes to (the first of DATABASE_HOSTS).
    const dbKillAt = Date.now();
    process.kill(pidOf('db1/mariadbd.pid'), 'SIGKILL');
    const firstCreateAfter = (since: number) =>
      waitFor(
        'a project created after the kill',
        async () =>
          creates.answers.find((answer) => answer.sentAt > since && answer.status === 201)?.answeredAt ?? 0,
        RECOVERY_BOUND_MS + 15_000,
        100,
      ).catch(() => null);
    const dbRecoveredAt = await firstCreateAfter(dbKillAt);
    const heartbeatAfter = (since: number) =>
      waitFor(
        'a worker heartbeat after the kill (its BullMQ job ran)',
        async () => {
          const [row] = (await check!.query(
            'SELECT MAX(last_seen_at) AS at FROM worker_heartbeat',
          )) as Array<{
            at: Date | string | null;
          }>;
          const at = row?.at ? new Date(row.at).getTime() : 0;
          return at > since ? Date.now() : 0;
        },
        RECOVERY_BOUND_MS + 15_000,
        200,
      ).catch(() => null);
    const workerDbRecoveredAt = await heartbeatAfter(dbKillAt);
    await sleep(5_000);

    // 2. SIGKILL the Redis primary (the one the sentinels name).
    const redisPrimaryPort = Number(new URL(cluster['REDIS_URL']!).port);
    const redisKillAt = Date.now();
    process.kill(pidOf('redis1/redis.pid'), 'SIGKILL');
    // When the sentinels name the promoted replica (asked directly, every 100 ms).
    const failoverAt = await waitFor(
      'the sentinels to name a new primary',
      async () => {
        const port = await sentinelPrimaryPort(
          Number(cluster['REDIS_SENTINELS']!.split(',')[0]!.split(':')[1]),
          cluster['REDIS_SENTINEL_NAME']!,
        );
        return port !== null && port !== redisPrimaryPort ? Date.now() : 0;
      },
      RECOVERY_BOUND_MS + 15_000,
      100,
    ).catch(() => null);
    // Then every API reaches Redis again (health 200 also needs the worker's heartbeat to be fresh).
    const healthAfter = waitFor(
      'health 200 (queue reachable) on every API after the failover',
      async () => {
        const answers = await Promise.all(
          apis.map((api) => drillFetch(`${api.baseUrl}/api/health`, { timeoutMs: 5_000 })),
        );
        return answers.every((answer) => answer.status === 200) ? Date.now() : 0;
      },
      RECOVERY_BOUND_MS + 15_000,
      200,
    ).catch(() => null);
    const apiRedisRecoveredAt = await healthAfter;
    const workerRedisRecoveredAt = await heartbeatAfter(failoverAt ?? redisKillAt);
    await sleep(5_000);
    const [createAnswers, checkAnswers] = await Promise.all([creates.stop(), checks.stop()]);

    // Nothing acknowledged lost, nothing duplicated.
    const acknowledged = createAnswers
      .filter((answer) => answer.status === 201)
      .map((answer) => String((answer.body as { id: string }).id));
    const stored = new Set(
      (
        (await check.query('SELECT id FROM project WHERE id IN (?)', [acknowledged])) as Array<{ id: string }>
      ).map((row) => String(row.id)),
    );
    const lost = acknowledged.filter((id) => !stored.has(id));
    const duplicatedCodes = (await check.query(
      'SELECT code, COUNT(*) AS n FROM project GROUP BY code HAVING COUNT(*) > 1',
    )) as unknown[];
    const duplicatedNames = (await check.query(
      "SELECT name, COUNT(*) AS n FROM project WHERE name LIKE '集群演练%' GROUP BY name HAVING COUNT(*) > 1",
    )) as unknown[];
    const duplicates = await duplicatedAlertRows(check);
    const [alerts] = (await check.query('SELECT COUNT(*) AS n FROM alert')) as Array<{ n: string }>;
    const [deliveries] = (await check.query('SELECT COUNT(*) AS n FROM delivery')) as Array<{ n: string }>;
    const after = (answers: DrillAnswer[], from: number, to: number) =>
      countByStatus(answers.filter((answer) => answer.sentAt >= from && answer.sentAt < to));
    const figures = {
      cluster: { galeraNodes: 3, redis: 'primary + replica + 3 sentinels', apis: apis.length, workers: 1 },
      setupMs,
      databaseNodeKill: {
        firstCreateMs: dbRecoveredAt ? dbRecoveredAt - dbKillAt : null,
        workerHeartbeatMs: workerDbRecoveredAt ? workerDbRecoveredAt - dbKillAt : null,
        creates: after(createAnswers, dbKillAt, redisKillAt),
      },
      redisPrimaryKill: {
        sentinelFailoverMs: failoverAt ? failoverAt - redisKillAt : null,
        apiHealthMs: apiRedisRecoveredAt ? apiRedisRecoveredAt - redisKillAt : null,
        workerHeartbeatMs: workerRedisRecoveredAt ? workerRedisRecoveredAt - redisKillAt : null,
        creates: after(createAnswers, redisKillAt, Date.now()),
      },
      creates: countByStatus(createAnswers),
      checksRuns: countByStatus(checkAnswers),
      acknowledged: acknowledged.length,
      lost: lost.length,
      duplicated: {
        codes: duplicatedCodes.length,
        names: duplicatedNames.length,
        alerts: duplicates.alerts.length,
        deliveries: duplicates.deliveries.length,
        notifications: duplicates.notifications.length,
      },
      alerts: Number(alerts!.n),
      deliveries: Number(deliveries!.n),
      totalMs: Date.now() - startedAt,
    };
    recordDrill('cluster', figures);

    expect(dbRecoveredAt, 'a create succeeded after the database node kill').not.toBeNull();
    expect(dbRecoveredAt! - dbKillAt).toBeLessThanOrEqual(RECOVERY_BOUND_MS);
    expect(workerDbRecoveredAt, 'the worker wrote its heartbeat after the database node kill').not.toBeNull();
    expect(workerDbRecoveredAt! - dbKillAt).toBeLessThanOrEqual(RECOVERY_BOUND_MS);
    expect(failoverAt, 'the sentinels promoted the replica').not.toBeNull();
    expect(apiRedisRecoveredAt, 'every API reached Redis again').not.toBeNull();
    expect(apiRedisRecoveredAt! - redisKillAt).toBeLessThanOrEqual(RECOVERY_BOUND_MS);
    expect(workerRedisRecoveredAt, 'the worker ran BullMQ jobs again').not.toBeNull();
    expect(workerRedisRecoveredAt! - redisKillAt).toBeLessThanOrEqual(RECOVERY_BOUND_MS);
    expect(lost).toEqual([]);
    expect(duplicatedCodes).toEqual([]);
    expect(duplicatedNames).toEqual([]);
    expect(duplicates).toEqual({ alerts: [], deliveries: [], notifications: [] });
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);
    // The outages answer 503 (or 409 busy), never a 500 or a hang.
    for (const answer of [...createAnswers, ...checkAnswers]) {
      expect([200, 201, 409, 503], JSON.stringify(answer.body)).toContain(answer.status);
    }
  });
});
