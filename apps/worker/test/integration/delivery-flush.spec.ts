import { QueueName, SchedulerId } from '@luodi/jobs';
import { inAppCounts, unsentDeliveries, useDeliveryStack, waitFor } from '@luodi/testing';
import { describe, expect, it } from 'vitest';

const WEBHOOKS = 400;

/**
 * FLUSHALL of the worker's Redis mid-run (issue 6): the outbox re-enqueues what Redis lost, nothing
 * is lost (every delivery ends `sent`), and the recurring schedulers come back. A Redis of the test's
 * own, so the flush touches nothing else.
 */
describe('delivery: FLUSHALL of Redis mid-run (private redis-server, real MariaDB)', () => {
  const harness = useDeliveryStack({
    receiverDelayMs: 25,
    privateRedis: {},
    queue: QueueName.System,
    workerEnv: { WORKER_CONCURRENCY: '4' },
  });

  it('after the flush the outbox re-enqueues, every delivery ends sent, and the schedulers are back', async () => {
    const dataSource = await harness.stack.database.dataSource();
    await harness.insertPending(WEBHOOKS, 8_000_000);

    const worker = await harness.startWorker();
    expect((await harness.queue.getJobSchedulers()).map((scheduler) => scheduler.key).sort()).toEqual(
      Object.values(SchedulerId).sort(),
    );
    await waitFor(
      'some webhooks at the receiver',
      async () => harness.receiver.calls.length >= 60,
      60_000,
      20,
    );

    const flushedAt = Date.now();
    await harness.connection.flushall();
    expect(await harness.queue.getJobSchedulersCount()).toBe(0);
    const sentBefore = new Set(harness.receiver.calls.map((call) => call.idempotencyKey)).size;
    expect(sentBefore).toBeLessThan(WEBHOOKS);

    // The schedulers come back by themselves (re-asserted every 15 s).
    await waitFor(
      'the schedulers after FLUSHALL',
      async () => {
        const keys = (await harness.queue.getJobSchedulers()).map((scheduler) => scheduler.key).sort();
        return keys.length === Object.values(SchedulerId).length ? keys : undefined;
      },
      25_000,
      250,
    );
    expect(Date.now() - flushedAt).toBeLessThan(25_000);
    expect((await harness.queue.getJobSchedulers()).map((scheduler) => scheduler.key).sort()).toEqual(
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
    const keys = new Set(harness.receiver.calls.map((call) => call.idempotencyKey));
    expect([...keys].sort()).toEqual([...webhookIds].sort());
    const inApp = await inAppCounts(dataSource);
    expect(inApp.notifications).toBe(inApp.distinctDeliveries);
    expect(inApp.notifications).toBe(inApp.inAppDeliveries);
    expect(worker.child.exitCode).toBeNull();
  });
});
