import { randomUUID } from 'node:crypto';
import { deliveryJobId, QueueName } from '@luodi/jobs';
import {
  recordDrill,
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

/**
 * Fast recovery (issue 18): a worker killed with SIGKILL in the middle of a job, a second worker
 * running. The second one takes the job once its lock has expired and a stalled check has seen it,
 * completes it, and nothing is lost or duplicated: the only repeat is the call that was in flight.
 * The time from the kill to the completed job is recorded (test-artifacts/drills), not asserted.
 */
describe('worker: SIGKILL mid-job, a second worker takes the job over (real MariaDB + Redis)', () => {
  let stack: TestStack;
  let receiver: WebhookReceiver;
  const workers: RunningProcess[] = [];
  let workerEnv: Record<string, string>;
  let connection: Redis;
  let queue: Queue;

  beforeAll(async () => {
    receiver = await startWebhookReceiver({ delayMs: 5 });
    stack = await startStack();
    workerEnv = {
      ...stack.env,
      CHECKS_INTERVAL_MS: '3600000',
      CLOCK_INTERVAL_MS: '3600000',
      RELAY_INTERVAL_MS: '200',
      // The relay must not bring the job back itself: recovery here is BullMQ's alone.
      OUTBOX_REENQUEUE_MS: '600000',
      DELIVERY_ATTEMPTS: '5',
      DELIVERY_BACKOFF_MS: '100',
      WORKER_CONCURRENCY: '4',
    };
    connection = new Redis(stack.env['REDIS_URL']!, { maxRetriesPerRequest: null });
    queue = new Queue(QueueName.Deliveries, { connection, prefix: stack.env['QUEUE_PREFIX'] });
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
    await queue?.close();
    connection?.disconnect();
    await receiver?.close();
    await stack?.stop();
  });

  it('the job is completed by the other worker, once, with nothing lost', { timeout: 120_000 }, async () => {
    const dataSource = await stack.database.dataSource();
    const [project] = (await dataSource.query(
      'SELECT id, lead_department_id AS departmentId FROM project ORDER BY id LIMIT 1',
    )) as Array<{ id: string; departmentId: string }>;
    const now = new Date();
    await dataSource.query(
      `INSERT INTO alert (kind, subject_type, subject_id, project_id, department_id, level, status, detail, raised_at, level_since)
       VALUES ('milestone_overdue', 'milestone', '6000000', ?, ?, 2, 'open', '{}', ?, ?)`,
      [project!.id, project!.departmentId, now, now],
    );
    const [alert] = (await dataSource.query(
      "SELECT id FROM alert WHERE subject_type = 'milestone' AND subject_id = 6000000",
    )) as Array<{ id: string }>;
    const deliveryId = randomUUID();
    await dataSource.query(
      `INSERT INTO delivery (id, alert_id, level, recipient, channel, target, status, attempts, generation, created_at)
       VALUES (?, ?, 2, ?, 'webhook', ?, 'pending', 0, 0, ?)`,
      [deliveryId, alert!.id, `department:${project!.departmentId}`, receiver.url, now],
    );

    // Worker A takes the job and is stuck in its call; worker B is up; then A is killed.
    receiver.hold();
    workers.push(await startWorker(workerEnv));
    await waitFor('the call in flight', async () => receiver.inFlight().includes(deliveryId), 60_000, 20);
    workers.push(await startWorker(workerEnv));
    const killedAt = Date.now();
    await workers[0]!.stop('SIGKILL');
    receiver.resume();

    const sentAt = await waitFor(
      'the delivery sent by the other worker',
      async () => {
        const [row] = (await dataSource.query('SELECT status FROM delivery WHERE id = ?', [
          deliveryId,
        ])) as Array<{ status: string }>;
        return row?.status === 'sent' ? Date.now() : undefined;
      },
      90_000,
      50,
    );
    const job = await queue.getJob(deliveryJobId(deliveryId, 0));
    expect(job).toBeDefined();
    expect(await job!.getState()).toBe('completed');
    const calls = receiver.calls.filter((call) => call.idempotencyKey === deliveryId);
    // The call in flight at the kill and the one the other worker made: nothing more, nothing lost.
    expect(calls).toHaveLength(2);
    const retakenAt = calls[1]!.receivedAt;
    const [sent] = (await dataSource.query(
      "SELECT COUNT(*) AS n FROM delivery WHERE status = 'sent'",
    )) as Array<{
      n: string;
    }>;
    expect(Number(sent!.n)).toBeGreaterThanOrEqual(1);
    recordDrill('worker-sigkill-recovery', {
      lockMs: 6000,
      lockRenewMs: 2000,
      stalledCheckMs: 3000,
      killToRetakenMs: retakenAt - killedAt,
      killToCompletedMs: (job!.finishedOn ?? sentAt) - killedAt,
      killToSentSeenMs: sentAt - killedAt,
      stalledCounter: job!.stalledCounter,
      withinTenSeconds: (job!.finishedOn ?? sentAt) - killedAt <= 10_000,
    });
  });
});
