import { JobName, QueueName } from '@luodi/jobs';
import {
  duplicatedAlertRows,
  inAppCounts,
  type RunningProcess,
  startStack,
  startWorker,
  type TestStack,
  unsentDeliveries,
  waitFor,
} from '@luodi/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Idempotence of the checks across processes (issue 6): two workers scanning every second, plus two
 * `POST /api/checks/run` at once, leave exactly one alert per (subject, kind), one delivery per
 * (alert, level, recipient, channel) and one notification per in-app delivery.
 */
describe('alerts: two workers checking every second and two API runs at once never duplicate', () => {
  let stack: TestStack;
  const workers: RunningProcess[] = [];
  let connection: Redis;
  let queue: Queue;

  beforeAll(async () => {
    stack = await startStack();
    connection = new Redis(stack.env['REDIS_URL']!, { maxRetriesPerRequest: null });
    queue = new Queue(QueueName.System, { connection, prefix: stack.env['QUEUE_PREFIX'] });
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    connection?.disconnect();
    await stack?.stop();
  });

  it('exactly one alert per (subject, kind) and one delivery per (alert, level, recipient, channel)', async () => {
    const env = {
      ...stack.env,
      CHECKS_INTERVAL_MS: '1000',
      CLOCK_INTERVAL_MS: '1000',
      RELAY_INTERVAL_MS: '200',
      WORKER_CONCURRENCY: '4',
    };
    const bureau = await stack.login('bureau');
    // Both workers and two API runs race on the fresh demo, where the first scan raises many alerts.
    const [first, second, runA, runB] = await Promise.all([
      startWorker(env),
      startWorker(env),
      stack.call('POST', '/api/checks/run', { token: bureau }),
      stack.call('POST', '/api/checks/run', { token: bureau }),
    ]);
    workers.push(first, second);
    expect(runA.status, JSON.stringify(runA.body)).toBe(200);
    expect(runB.status, JSON.stringify(runB.body)).toBe(200);

    // Several scheduled scans, on both processes' queue, have completed.
    await waitFor(
      'at least 5 completed scheduled checks',
      async () => {
        const jobs = (await queue.getJobs(['completed'], 0, 200)).filter(
          (job) => job.name === JobName.Checks,
        );
        return jobs.length >= 5;
      },
      40_000,
      250,
    );
    // And everything raised has been delivered in-app.
    const dataSource = await stack.database.dataSource();
    await waitFor('every delivery sent', async () => (await unsentDeliveries(dataSource)) === 0, 30_000, 250);

    const [alerts] = (await dataSource.query('SELECT COUNT(*) AS n FROM alert')) as Array<{ n: string }>;
    expect(Number(alerts!.n)).toBeGreaterThan(5);
    expect(await duplicatedAlertRows(dataSource)).toEqual({ alerts: [], deliveries: [], notifications: [] });
    // Every alert event of a raise appears once per alert.
    const raisedTwice = (await dataSource.query(
      "SELECT alert_id, COUNT(*) AS n FROM alert_event WHERE type = 'raised' GROUP BY alert_id HAVING COUNT(*) > 1",
    )) as unknown[];
    expect(raisedTwice).toEqual([]);
    // A level is delivered to a recipient once: deliveries of each alert match its level's recipients.
    const inApp = await inAppCounts(dataSource);
    expect(inApp.notifications).toBe(inApp.distinctDeliveries);
    expect(inApp.notifications).toBe(inApp.inAppDeliveries);

    // Once settled, another run finds nothing to do.
    const again = await stack.call('POST', '/api/checks/run', { token: bureau });
    expect(again.body).toEqual({ raised: 0, escalated: 0, resolved: 0, deemedApproved: 0 });
    expect(first.child.exitCode).toBeNull();
    expect(second.child.exitCode).toBeNull();
  });
});
