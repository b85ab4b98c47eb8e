import {
  duplicatedAlertRows,
  inAppCounts,
  unsentDeliveries,
  useDeliveryStack,
  waitFor,
} from '@luodi/testing';
import { describe, expect, it } from 'vitest';

const WEBHOOKS = 1000;

/**
 * kill -9 of a worker in the middle of a batch of 1 000 webhook deliveries (issue 6): after a restart
 * every delivery arrives, each call carries its delivery id as idempotency key, the only repeats are
 * the calls in flight at the kill, and in-app notifications are never doubled.
 */
describe('delivery: kill -9 mid-batch of 1 000 webhooks, then restart (real MariaDB + Redis)', () => {
  // The checks are not under test here: only the one run at boot.
  const harness = useDeliveryStack({ receiverDelayMs: 30 });

  // BullMQ gives an in-flight job of a killed process back only once its lock (6 s, set by the
  // worker) has expired and a stalled check (every 3 s) has seen it.
  it(
    'every delivery arrives once, but for the calls in flight at the kill; notifications never doubled',
    { timeout: 180_000 },
    async () => {
      const dataSource = await harness.stack.database.dataSource();
      // Alerts (on milestone ids no milestone has, so no check touches them) and their outbox rows in the
      // shape the checks write: one webhook and one in-app delivery per alert, status pending.
      const { alertIds } = await harness.insertPending(WEBHOOKS, 9_000_000);
      expect(alertIds).toHaveLength(WEBHOOKS);
      const webhookIds = new Set(
        (
          (await dataSource.query("SELECT id FROM delivery WHERE channel = 'webhook'")) as Array<{
            id: string;
          }>
        ).map((row) => row.id),
      );
      expect(webhookIds.size).toBe(WEBHOOKS);

      await harness.startWorker();
      // Mid-batch: stop answering, let the answered calls be recorded, then note what is in flight and kill.
      await waitFor(
        'a third of the webhooks at the receiver',
        async () => harness.receiver.calls.length >= 300,
        60_000,
        20,
      );
      harness.receiver.hold();
      await new Promise((resolveSettle) => setTimeout(resolveSettle, 500));
      const inFlightAtKill = harness.receiver.inFlight();
      const receivedBeforeKill = harness.receiver.calls.length;
      await harness.workers[0]!.stop('SIGKILL');
      expect(inFlightAtKill.length).toBeGreaterThan(0);
      expect(receivedBeforeKill).toBeLessThan(WEBHOOKS);
      harness.receiver.resume();

      await harness.startWorker();
      const distinct = await waitFor(
        'every webhook delivery at the receiver and sent',
        async () => {
          const keys = new Set(harness.receiver.calls.map((call) => call.idempotencyKey));
          if (keys.size < WEBHOOKS) return undefined;
          return (await unsentDeliveries(dataSource)) === 0 ? keys : undefined;
        },
        100_000,
        250,
      );

      // Every delivery arrived, and nothing but deliveries: the keys are exactly the delivery ids.
      expect([...distinct].sort()).toEqual([...webhookIds].sort());
      for (const call of harness.receiver.calls) {
        expect(call.idempotencyKey).toBe(call.deliveryIdHeader);
        expect(call.body['deliveryId']).toBe(call.idempotencyKey);
      }
      // The only repeats are calls that were in flight at the kill.
      const seen = new Map<string, number>();
      for (const call of harness.receiver.calls)
        seen.set(call.idempotencyKey!, (seen.get(call.idempotencyKey!) ?? 0) + 1);
      const repeated = [...seen].filter(([, count]) => count > 1).map(([key]) => key);
      expect(repeated.length).toBeLessThanOrEqual(inFlightAtKill.length);
      for (const key of repeated) expect(inFlightAtKill).toContain(key);
      expect(Math.max(...seen.values())).toBeLessThanOrEqual(2);

      // In-app: one notification per in-app delivery, never two.
      const inApp = await inAppCounts(dataSource);
      expect(inApp.notifications).toBe(inApp.distinctDeliveries);
      expect(inApp.notifications).toBe(inApp.inAppDeliveries);
      expect(await duplicatedAlertRows(dataSource)).toEqual({
        alerts: [],
        deliveries: [],
        notifications: [],
      });
    },
  );
});
