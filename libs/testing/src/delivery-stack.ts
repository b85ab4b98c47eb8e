import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import {
  deliveryWorkerEnv,
  insertPendingDeliveries,
  startWebhookReceiver,
  type WebhookReceiver,
} from './alerts';
import { startWorker as startWorkerProcess, type RunningProcess } from './processes';
import { hookHandles } from './hook-handles';
import { PrivateRedis } from './redis-server';
import { startStack, type TestStack } from './stack';

export interface DeliveryStackOptions {
  /** How long the webhook receiver waits before it answers a call (keeps calls in flight). */
  receiverDelayMs: number;
  /** A redis-server of the file's own (to kill or flush), instead of the shared Redis. */
  privateRedis?: { appendonly?: boolean };
  /** Open this BullMQ queue (at the stack's prefix) on a connection of the file's own. */
  queue?: string;
  /** What the workers' environment changes in deliveryWorkerEnv's. */
  workerEnv?: Record<string, string>;
}

/** What a delivery test file works with (see useDeliveryStack). */
export interface DeliveryStack {
  readonly stack: TestStack;
  readonly receiver: WebhookReceiver;
  /** The file's own redis-server (only with `privateRedis`). */
  readonly redis: PrivateRedis;
  /** The connection and the queue of the `queue` option. */
  readonly connection: Redis;
  readonly queue: Queue;
  /** The workers' environment: deliveryWorkerEnv of the stack with `workerEnv`. */
  readonly workerEnv: Record<string, string>;
  /** Every worker startWorker started, in order (all SIGKILLed after the file). */
  readonly workers: RunningProcess[];
  /** Start a worker with `env` (the workerEnv by default). */
  startWorker(env?: Record<string, string>): Promise<RunningProcess>;
  /**
   * `count` alerts (subjects from `firstSubjectId` on) with their pending deliveries, the webhooks
   * (all, or the first `webhooks`) to the receiver: insertPendingDeliveries on the stack's database.
   */
  insertPending(
    count: number,
    firstSubjectId: number,
    webhooks?: number,
  ): ReturnType<typeof insertPendingDeliveries>;
}

/**
 * The hooks of a file that sends deliveries and kills or flushes things: a webhook receiver, a stack
 * (API only: the file starts its workers itself, then SIGKILLs them all after), optionally a private
 * Redis and a BullMQ queue to look into; everything stopped after the file, the Redis last.
 */
export function useDeliveryStack(options: DeliveryStackOptions): DeliveryStack {
  let stack: TestStack | undefined;
  let receiver: WebhookReceiver | undefined;
  let redis: PrivateRedis | undefined;
  let connection: Redis | undefined;
  let queue: Queue | undefined;
  const workers: RunningProcess[] = [];
  beforeAll(async () => {
    if (options.privateRedis) redis = await PrivateRedis.start(options.privateRedis);
    receiver = await startWebhookReceiver({ delayMs: options.receiverDelayMs });
    stack = await startStack(redis ? { env: { REDIS_URL: redis.url } } : {});
    if (options.queue) {
      connection = new Redis(stack.env['REDIS_URL']!, { maxRetriesPerRequest: null });
      queue = new Queue(options.queue, { connection, prefix: stack.env['QUEUE_PREFIX'] });
      if (redis) {
        // The file stops or flushes this Redis: the connection's errors meanwhile are expected.
        connection.on('error', () => undefined);
        queue.on('error', () => undefined);
      }
    }
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
    await queue?.close();
    connection?.disconnect();
    await receiver?.close();
    await stack?.stop();
    await redis?.destroy();
  });

  const workerEnv = () => (stack ? deliveryWorkerEnv(stack.env, options.workerEnv) : undefined);
  const handles: DeliveryStack = hookHandles<
    Omit<DeliveryStack, 'workers' | 'startWorker' | 'insertPending'>,
    Pick<DeliveryStack, 'workers' | 'startWorker' | 'insertPending'>
  >(
    'useDeliveryStack',
    {
      stack: () => stack,
      receiver: () => receiver,
      redis: () => redis,
      connection: () => connection,
      queue: () => queue,
      workerEnv,
    },
    {
      workers,
      async startWorker(env?: Record<string, string>) {
        const worker = await startWorkerProcess(env ?? handles.workerEnv);
        workers.push(worker);
        return worker;
      },
      async insertPending(count: number, firstSubjectId: number, webhooks?: number) {
        const dataSource = await handles.stack.database.dataSource();
        return insertPendingDeliveries(dataSource, {
          count,
          firstSubjectId,
          webhookUrl: handles.receiver.url,
          ...(webhooks === undefined ? {} : { webhooks }),
        });
      },
    },
  );
  return handles;
}
