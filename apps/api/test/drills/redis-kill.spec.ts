import { QueueName, SchedulerId } from '@luodi/jobs';
import {
  countByStatus,
  DEMO_TEST_PASSWORD,
  type DrillAnswer,
  drillFetch,
  duplicatedAlertRows,
  type EventStreamReader,
  openEventStream,
  recordDrill,
  sleep,
  steadyLoad,
  useDeliveryStack,
  waitFor,
} from '@luodi/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { projectBody } from '../integration/support/fixtures';

const BEFORE = 200;
const DURING = 100;
const OUTAGE_MS = 10_000;

/**
 * Drill (issue 11): Redis killed with SIGKILL mid-run and restarted (its append-only file kept, as in
 * production). A Redis of the drill's own; the built API and worker on it, 200 alerts with a webhook
 * and an in-app delivery each being sent, 100 more raised while Redis is away. Afterwards the
 * schedulers are back, every delivery is sent, no webhook is called twice (but for a call in flight
 * at the kill), no notification is doubled, and the API answered no 500 meanwhile.
 */
describe('drill: Redis SIGKILL and restart under deliveries (private redis-server, AOF)', () => {
  let stream: EventStreamReader | undefined;

  const harness = useDeliveryStack({
    receiverDelayMs: 25,
    privateRedis: { appendonly: true },
    queue: QueueName.System,
    workerEnv: {
      HEARTBEAT_INTERVAL_MS: '1000',
      DELIVERY_ATTEMPTS: '8',
      DELIVERY_BACKOFF_MS: '200',
      WORKER_CONCURRENCY: '4',
    },
  });

  afterAll(() => {
    stream?.close();
  });

  it('schedulers and outbox recover: every delivery sent once, nothing doubled, no 500 from the API', async () => {
    const dataSource = await harness.stack.database.dataSource();
    const admin = await harness.stack.login('admin');
    const bureau = await harness.stack.login('bureau');
    stream = await openEventStream(`${harness.stack.api.baseUrl}/api/events?access_token=${admin}`);
    const first = await harness.insertPending(BEFORE, 7_000_000);

    const worker = await harness.startWorker();
    await waitFor(
      'some webhooks at the receiver',
      async () => harness.receiver.calls.length >= 40,
      60_000,
      20,
    );

    // The API's users meanwhile: reading projects, now and then signing in.
    const readers = steadyLoad(4, async (index) =>
      index % 4 === 3
        ? {
            ...(await drillFetch(`${harness.stack.api.baseUrl}/api/auth/login`, {
              method: 'POST',
              body: { username: 'leader', password: DEMO_TEST_PASSWORD },
              timeoutMs: 15_000,
            })),
            target: 'login',
          }
        : {
            ...(await drillFetch(`${harness.stack.api.baseUrl}/api/projects?page=1&pageSize=5`, {
              token: bureau,
              timeoutMs: 15_000,
            })),
            target: 'read',
          },
    );
    const health: DrillAnswer[] = [];

    const inFlightAtKill = harness.receiver.inFlight();
    const receivedBeforeKill = harness.receiver.calls.length;
    const killAt = Date.now();
    await harness.redis.stop();
    const second = await harness.insertPending(DURING, 7_100_000);
    await sleep(OUTAGE_MS / 2);
    health.push(await drillFetch(`${harness.stack.api.baseUrl}/api/health`, { timeoutMs: 15_000 }));
    const callsDuringOutage = harness.receiver.calls.filter(
      (call) => call.receivedAt > killAt + 1_000,
    ).length;
    await sleep(OUTAGE_MS - (Date.now() - killAt));
    const restartAt = Date.now();
    await harness.redis.start();
    const backAt = Date.now();

    const schedulersBackAt = await waitFor(
      'the schedulers after the restart',
      async () =>
        (await harness.queue.getJobSchedulersCount()) === Object.values(SchedulerId).length ? Date.now() : 0,
      30_000,
      250,
    ).catch(() => null);
    const webhookIds = [...first.webhook, ...second.webhook];
    const allSentAt = await waitFor(
      'every delivery sent after the restart',
      async () => {
        const [open] = (await dataSource.query(
          "SELECT COUNT(*) AS n FROM delivery WHERE status <> 'sent'",
        )) as Array<{ n: string }>;
        return Number(open!.n) === 0 ? Date.now() : 0;
      },
      75_000,
      250,
    ).catch(() => null);
    const firstCallAfter = harness.receiver.calls.find((call) => call.receivedAt >= backAt);
    const answers = await readers.stop();
    // A client that reconnects hears changes again: a project created now reaches its new stream.
    const reconnected = await openEventStream(
      `${harness.stack.api.baseUrl}/api/events?access_token=${admin}`,
    );
    const [department] = (await dataSource.query('SELECT id FROM department ORDER BY id LIMIT 1')) as Array<{
      id: string;
    }>;
    const created = await harness.stack.call('POST', '/api/projects', {
      token: bureau,
      body: projectBody(String(department!.id), {
        name: 'Redis 演练后项目',
        investor: '演练投资',
        contractAmount: '100.00',
      }),
    });
    const heardAgain = await waitFor(
      'a figures message on the reconnected stream',
      async () => reconnected.messages.some((message) => message.event === 'figures'),
      10_000,
      50,
    ).catch(() => false);
    reconnected.close();
    health.push(await drillFetch(`${harness.stack.api.baseUrl}/api/health`, { timeoutMs: 15_000 }));

    const seen = new Map<string, number>();
    for (const call of harness.receiver.calls)
      seen.set(call.idempotencyKey!, (seen.get(call.idempotencyKey!) ?? 0) + 1);
    const repeated = [...seen].filter(([, count]) => count > 1).map(([key]) => key);
    const missing = webhookIds.filter((id) => !seen.has(id));
    const [notifications] = (await dataSource.query(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT delivery_id) AS d FROM notification',
    )) as Array<{ n: string; d: string }>;
    // The worker's first checks also raise the demo district's own alerts: count every in-app delivery.
    const [inAppDeliveries] = (await dataSource.query(
      "SELECT COUNT(*) AS n FROM delivery WHERE channel = 'in_app'",
    )) as Array<{ n: string }>;
    const [statuses] = (await dataSource.query(
      "SELECT SUM(status = 'sent') AS sent, SUM(status = 'pending') AS pending, SUM(status = 'failed') AS failed FROM delivery",
    )) as Array<{ sent: string; pending: string; failed: string }>;
    const liveAlerts = new Set(
      stream.messages
        .filter((message) => message.event === 'alert')
        .map((message) => String((message.data as { alertId?: string }).alertId)),
    );
    const duringOutage = answers.filter(
      (answer) => answer.sentAt >= killAt && answer.answeredAt <= restartAt,
    );

    recordDrill('redis-kill', {
      outageMs: restartAt - killAt,
      restartToAnsweringMs: backAt - restartAt,
      deliveries: { beforeKill: BEFORE * 2, raisedDuringOutage: DURING * 2 },
      webhooks: {
        expected: webhookIds.length,
        receivedBeforeKill,
        inFlightAtKill: inFlightAtKill.length,
        callsDuringOutage,
        calls: harness.receiver.calls.length,
        distinct: seen.size,
        repeated: repeated.length,
        missing: missing.length,
      },
      inApp: {
        drillDeliveries: first.inApp.length + second.inApp.length,
        deliveries: Number(inAppDeliveries!.n),
        notifications: Number(notifications!.n),
        distinctNotifications: Number(notifications!.d),
        liveAlertMessagesOnStream: liveAlerts.size,
      },
      deliveryStatuses: {
        sent: Number(statuses!.sent),
        pending: Number(statuses!.pending),
        failed: Number(statuses!.failed),
      },
      schedulersBackAfterMs: schedulersBackAt ? schedulersBackAt - backAt : null,
      firstWebhookAfterRestartMs: firstCallAfter ? firstCallAfter.receivedAt - backAt : null,
      allSentAfterRestartMs: allSentAt ? allSentAt - backAt : null,
      api: {
        reads: countByStatus(answers.filter((answer) => answer.target === 'read')),
        logins: countByStatus(answers.filter((answer) => answer.target === 'login')),
        readsDuringOutage: countByStatus(duringOutage.filter((answer) => answer.target === 'read')),
        loginsDuringOutage: countByStatus(duringOutage.filter((answer) => answer.target === 'login')),
      },
      // The API ends its streams once its Redis subscription is back, so that clients reconnect and reload.
      streamEndedAfterRestartMs: stream.endedAt() ? stream.endedAt()! - backAt : null,
      reconnectedStreamHeardChange: heardAgain,
      healthDuringOutage: health[0]?.status,
      healthAfter: health[1]?.status,
      workerAlive: worker.child.exitCode === null && worker.child.signalCode === null,
    });

    expect(callsDuringOutage).toBe(0);
    // Live messages published while the API's subscription was away are gone: the API ends the open
    // streams when it is back, and the browsers reconnect and reload their lists (apps/web event-stream).
    expect(stream.endedAt()).not.toBeNull();
    expect(stream.endedAt()!).toBeGreaterThanOrEqual(killAt);
    expect(created.status).toBe(201);
    expect(heardAgain).toBe(true);
    expect(schedulersBackAt).not.toBeNull();
    expect((await harness.queue.getJobSchedulers()).map((scheduler) => scheduler.key).sort()).toEqual(
      Object.values(SchedulerId).sort(),
    );
    expect(allSentAt).not.toBeNull();
    expect(missing).toEqual([]);
    // A call repeats only if it was in flight when Redis died, and never more than twice.
    for (const key of repeated) expect(inFlightAtKill).toContain(key);
    expect(Math.max(...seen.values())).toBeLessThanOrEqual(2);
    expect(Number(notifications!.n)).toBe(Number(inAppDeliveries!.n));
    expect(Number(notifications!.d)).toBe(Number(notifications!.n));
    expect(await duplicatedAlertRows(dataSource)).toEqual({ alerts: [], deliveries: [], notifications: [] });
    // The API kept answering, never a 500 or a hang: reads need no Redis; sign-in fails closed with 429
    // while the throttle's counters are out of reach (it must not go unthrottled), and works again after.
    for (const answer of answers) {
      if (answer.target === 'read') expect(answer.status).toBe(200);
      else expect([200, 429]).toContain(answer.status);
    }
    expect(
      answers.filter((a) => a.target === 'login' && a.status === 200 && a.sentAt > backAt + 2_000).length,
    ).toBeGreaterThan(0);
    expect(
      answers.filter((a) => a.target === 'login' && a.status === 429 && a.sentAt > backAt + 2_000),
    ).toEqual([]);
    expect(health[0]).toMatchObject({ status: 503, body: { queue: 'down', db: 'up' } });
    expect(health[1]?.status).toBe(200);
    expect(worker.child.exitCode).toBeNull();
  });
});
