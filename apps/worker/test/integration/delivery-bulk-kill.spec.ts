import { liveChannel } from '@luodi/jobs';
import { duplicatedAlertRows, useDeliveryStack, waitFor } from '@luodi/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const IN_APP = 4000;
const WEBHOOKS = 400;
/** The relay's in-app batch: what one uncommitted transaction may hold at a kill. */
const BATCH = 500;
const CONCURRENCY = 16;

/**
 * SIGKILL of the worker while the relay sends in-app deliveries in batches and webhooks go out by
 * addBulk (issue 18): after a restart nothing is lost. What may repeat, and nothing else:
 * - a live (SSE) message of an in-app delivery whose batch was published but not committed at the kill
 *   (at most one batch, BATCH deliveries, each repeated once); notifications are never doubled;
 * - a webhook call in flight at the kill (at most the CONCURRENCY jobs that were running), once.
 */
describe('delivery: SIGKILL mid-batch of the bulk relay (real MariaDB + Redis)', () => {
  let subscriber: Redis;
  const messages: Array<{ alertId: string; at: number }> = [];

  const harness = useDeliveryStack({
    receiverDelayMs: 20,
    workerEnv: { WORKER_CONCURRENCY: String(CONCURRENCY) },
  });

  beforeAll(async () => {
    subscriber = new Redis(harness.stack.env['REDIS_URL']!);
    await subscriber.subscribe(liveChannel(harness.stack.env['QUEUE_PREFIX']!));
    subscriber.on('message', (_channel: string, text: string) => {
      const message = JSON.parse(text) as { change?: string; alertId?: string };
      if (message.change === 'notified' && message.alertId)
        messages.push({ alertId: String(message.alertId), at: Date.now() });
    });
  });

  afterAll(() => {
    subscriber?.disconnect();
  });

  it(
    'nothing is lost; only the uncommitted batch repeats its live messages, only in-flight webhooks repeat',
    { timeout: 180_000 },
    async () => {
      const dataSource = await harness.stack.database.dataSource();
      const { alertIds, webhook } = await harness.insertPending(IN_APP, 7_000_000, WEBHOOKS);
      expect(alertIds).toHaveLength(IN_APP);
      expect(webhook).toHaveLength(WEBHOOKS);

      await harness.startWorker();
      await waitFor('a quarter of the in-app messages', async () => messages.length >= IN_APP / 4, 60_000, 5);
      await harness.workers[0]!.stop('SIGKILL');
      const messagesAtKill = messages.length;
      // Let messages already on the wire arrive and MariaDB roll back the dead connection's transaction.
      await new Promise((resolveSettle) => setTimeout(resolveSettle, 1000));
      const publishedBeforeRestart = new Set(messages.map((message) => message.alertId));
      const pendingAfterKill = new Set(
        (
          (await dataSource.query(
            "SELECT alert_id AS alertId FROM delivery WHERE channel = 'in_app' AND status = 'pending'",
          )) as Array<{ alertId: string }>
        ).map((row) => String(row.alertId)),
      );
      // In flight: published, yet not committed as sent.
      const inFlightInApp = [...publishedBeforeRestart].filter((alertId) => pendingAfterKill.has(alertId));
      const [webhookCallsAtKill] = [harness.receiver.calls.length];

      await harness.startWorker();
      await waitFor(
        'every delivery sent and every webhook at the receiver',
        async () => {
          const [open] = (await dataSource.query(
            "SELECT COUNT(*) AS n FROM delivery WHERE status <> 'sent'",
          )) as Array<{ n: string }>;
          const keys = new Set(harness.receiver.calls.map((call) => call.idempotencyKey));
          return Number(open!.n) === 0 && keys.size >= WEBHOOKS && messages.length >= IN_APP
            ? true
            : undefined;
        },
        100_000,
        250,
      );
      await new Promise((resolveSettle) => setTimeout(resolveSettle, 500));

      // The kill came mid-run: some in-app deliveries were still to send.
      expect(messagesAtKill).toBeLessThan(IN_APP);
      expect(pendingAfterKill.size).toBeGreaterThan(0);

      // In-app: every alert's live message arrived; repeats only for the uncommitted batch, once.
      // (The checks' run at boot may notify about the demo data's own alerts: only ours are counted.)
      const ours = new Set(alertIds);
      const seen = new Map<string, number>();
      for (const message of messages)
        if (ours.has(message.alertId)) seen.set(message.alertId, (seen.get(message.alertId) ?? 0) + 1);
      expect([...seen.keys()].sort()).toEqual([...alertIds].sort());
      const repeated = [...seen].filter(([, count]) => count > 1).map(([alertId]) => alertId);
      for (const alertId of repeated) expect(inFlightInApp).toContain(alertId);
      expect(inFlightInApp.length).toBeLessThanOrEqual(BATCH);
      expect(Math.max(...seen.values())).toBeLessThanOrEqual(2);
      const [notifications] = (await dataSource.query(
        `SELECT COUNT(*) AS n, COUNT(DISTINCT n.delivery_id) AS distinctDeliveries FROM notification n
          JOIN alert a ON a.id = n.alert_id WHERE a.subject_type = 'milestone' AND a.subject_id >= 7000000`,
      )) as Array<{ n: string; distinctDeliveries: string }>;
      expect(Number(notifications!.n)).toBe(IN_APP);
      expect(Number(notifications!.distinctDeliveries)).toBe(IN_APP);

      // Webhooks: every delivery arrived; repeats only of jobs running at the kill, once.
      const calls = new Map<string, number>();
      for (const call of harness.receiver.calls)
        calls.set(call.idempotencyKey!, (calls.get(call.idempotencyKey!) ?? 0) + 1);
      expect(calls.size).toBe(WEBHOOKS);
      const repeatedCalls = [...calls].filter(([, count]) => count > 1);
      expect(repeatedCalls.length).toBeLessThanOrEqual(CONCURRENCY);
      expect(Math.max(...calls.values())).toBeLessThanOrEqual(2);
      expect(await duplicatedAlertRows(dataSource)).toEqual({
        alerts: [],
        deliveries: [],
        notifications: [],
      });
      process.stdout.write(
        `bulk relay kill: ${messagesAtKill} live messages and ${webhookCallsAtKill} webhook calls before the kill, ${inFlightInApp.length} in-app in flight, ${repeated.length} live messages and ${repeatedCalls.length} webhook calls repeated\n`,
      );
    },
  );
});
