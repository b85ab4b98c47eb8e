import { QueueName, SchedulerId } from '@luodi/jobs';
import {
  deliveryWorkerEnv,
  inAppCounts,
  insertPendingDeliveries,
  PrivateRedis,
  type RunningProcess,
  startStack,
  startWebhookReceiver,
  startWorker,
  type TestStack,
  unsentDeliveries,
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
    await insertPendingDeliveries(dataSource, {
      count: WEBHOOKS,
      firstSubjectId: 8_000_000,
      webhookUrl: receiver.url,
    });

    worker = await startWorker(deliveryWorkerEnv(stack.env, { WORKER_CONCURRENCY: '4' }));
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
      async () => (await unsentDeliveries(dataSource)) === 0,
      45_000,
      250,
    );
    const webhookIds = (
      (await dataSource.query("SELECT id FROM delivery WHERE channel = 'webhook'")) as Array<{ id: string }>
    ).map((row) => row.id);
    const keys = new Set(receiver.calls.map((call) => call.idempotencyKey));
    expect([...keys].sort()).toEqual([...webhookIds].sort());
    const inApp = await inAppCounts(dataSource);
    expect(inApp.notifications).toBe(inApp.distinctDeliveries);
    expect(inApp.notifications).toBe(inApp.inAppDeliveries);
    expect(worker.child.exitCode).toBeNull();
  });
});
