import { randomUUID } from 'node:crypto';
import { QueueName, SchedulerId } from '@luodi/jobs';
import {
  PrivateRedis,
  type RunningProcess,
  startStack,
  startWebhookReceiver,
  startWorker,
  type TestStack,
  waitFor,
  type WebhookReceiver,
} from '@luodi/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const WEBHOOKS = 400;

/**
 * FLUSHALL of the worker's Redis mid-run (issue 6): the outbox re-enqueues what Redis lost, nothing
 * is lost (every delivery ends `sent`), and the recurring schedulers come back. A Redis of the test's
 * own, so the flush touches nothing else.
 */
describe('delivery: FLUSHALL of Redis mid-run (private redis-server, real MariaDB)', () => {
  let redis: PrivateRedis;
  let stack: TestStack;
  let receiver: WebhookReceiver;
  let worker: RunningProcess | undefined;
  let connection: Redis;
  let queue: Queue;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    receiver = await startWebhookReceiver({ delayMs: 25 });
    stack = await startStack({ env: { REDIS_URL: redis.url } });
    connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    queue = new Queue(QueueName.System, { connection, prefix: stack.env['QUEUE_PREFIX'] });
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await queue?.close();
    connection?.disconnect();
    await receiver?.close();
    await stack?.stop();
    await redis?.stop();
  });

  it('after the flush the outbox re-enqueues, every delivery ends sent, and the schedulers are back', async () => {
    const dataSource = await stack.database.dataSource();
    const [project] = (await dataSource.query(
      'SELECT id, lead_department_id AS departmentId FROM project ORDER BY id LIMIT 1',
    )) as Array<{ id: string; departmentId: string }>;
    const now = new Date();
    const alertValues = Array.from({ length: WEBHOOKS }, (_, index) => [
      'milestone_overdue',
      'milestone',
      String(8_000_000 + index),
      project!.id,
      project!.departmentId,
      2,
      'open',
      '{}',
      now,
      now,
    ]);
    await dataSource.query(
      `INSERT INTO alert (kind, subject_type, subject_id, project_id, department_id, level, status, detail, raised_at, level_since) VALUES ${alertValues.map(() => '(?,?,?,?,?,?,?,?,?,?)').join(',')}`,
      alertValues.flat(),
    );
    const alertIds = (
      (await dataSource.query(
        "SELECT id FROM alert WHERE subject_type = 'milestone' AND subject_id >= 8000000 ORDER BY id",
      )) as Array<{ id: string }>
    ).map((row) => String(row.id));
    const recipient = `department:${project!.departmentId}`;
    const rows = alertIds.flatMap((alertId) => [
      [randomUUID(), alertId, 2, recipient, 'webhook', receiver.url, 'pending', 0, 0, now],
      [randomUUID(), alertId, 2, recipient, 'in_app', null, 'pending', 0, 0, now],
    ]);
    await dataSource.query(
      `INSERT INTO delivery (id, alert_id, level, recipient, channel, target, status, attempts, generation, created_at) VALUES ${rows.map(() => '(?,?,?,?,?,?,?,?,?,?)').join(',')}`,
      rows.flat(),
    );

    worker = await startWorker({
      ...stack.env,
      CHECKS_INTERVAL_MS: '3600000',
      CLOCK_INTERVAL_MS: '3600000',
      RELAY_INTERVAL_MS: '200',
      OUTBOX_REENQUEUE_MS: '2000',
      DELIVERY_ATTEMPTS: '5',
      DELIVERY_BACKOFF_MS: '100',
      WORKER_CONCURRENCY: '4',
    });
    expect((await queue.getJobSchedulers()).map((scheduler) => scheduler.key).sort()).toEqual(
      Object.values(SchedulerId).sort(),
    );
    await waitFor('some webhooks at the receiver', async () => receiver.calls.length >= 60, 60_000, 20);

    const flushedAt = Date.now();
    await connection.flushall();
    expect(await queue.getJobSchedulersCount()).toBe(0);
    const sentBefore = new Set(receiver.calls.map((call) => call.idempotencyKey)).size;
    expect(sentBefore).toBeLessThan(WEBHOOKS);

    // The schedulers come back by themselves (re-asserted every 15 s).
    await waitFor(
      'the schedulers after FLUSHALL',
      async () => {
        const keys = (await queue.getJobSchedulers()).map((scheduler) => scheduler.key).sort();
        return keys.length === Object.values(SchedulerId).length ? keys : undefined;
      },
      25_000,
      250,
    );
    expect(Date.now() - flushedAt).toBeLessThan(25_000);
    expect((await queue.getJobSchedulers()).map((scheduler) => scheduler.key).sort()).toEqual(
      Object.values(SchedulerId).sort(),
    );

    // Nothing lost: the relay re-enqueues what Redis forgot, and every delivery ends sent.
    await waitFor(
      'every delivery sent after the flush',
      async () => {
        const [open] = (await dataSource.query(
          "SELECT COUNT(*) AS n FROM delivery WHERE status <> 'sent'",
        )) as Array<{ n: string }>;
        return Number(open!.n) === 0;
      },
      45_000,
      250,
    );
    const webhookIds = (
      (await dataSource.query("SELECT id FROM delivery WHERE channel = 'webhook'")) as Array<{ id: string }>
    ).map((row) => row.id);
    const keys = new Set(receiver.calls.map((call) => call.idempotencyKey));
    expect([...keys].sort()).toEqual([...webhookIds].sort());
    const [notifications] = (await dataSource.query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT delivery_id) AS d FROM notification',
    )) as Array<{ n: string; d: string }>;
    const [inApp] = (await dataSource.query(
      "SELECT COUNT(*) AS n FROM delivery WHERE channel = 'in_app'",
    )) as Array<{ n: string }>;
    expect(Number(notifications!.n)).toBe(Number(notifications!.d));
    expect(Number(notifications!.n)).toBe(Number(inApp!.n));
    expect(worker.child.exitCode).toBeNull();
  });
});
