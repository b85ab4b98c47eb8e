import { JobName, QueueName, SchedulerId } from '@luodi/jobs';
import {
  appEnv,
  createTestDatabase,
  type RunningProcess,
  serviceUrls,
  startWorker,
  type TestDatabase,
  waitFor,
} from '@luodi/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('worker: recurring heartbeat on BullMQ (real MariaDB + Redis, two processes)', () => {
  let database: TestDatabase;
  let env: Record<string, string>;
  let workers: RunningProcess[] = [];
  let connection: Redis;
  let queue: Queue;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = appEnv(database.url, { HEARTBEAT_INTERVAL_MS: '1000' });
    connection = new Redis(serviceUrls().redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue(QueueName.System, { connection, prefix: env['QUEUE_PREFIX'] });
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    connection?.disconnect();
    await database?.drop();
  });

  it('two workers started together leave exactly one heartbeat scheduler, and beats are written', async () => {
    workers = await Promise.all([startWorker(env), startWorker(env)]);

    // Exactly one scheduler per recurring job, however many workers upserted them.
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((scheduler) => scheduler.key).sort()).toEqual(Object.values(SchedulerId).sort());
    const heartbeat = schedulers.find((scheduler) => scheduler.key === SchedulerId.Heartbeat);
    expect(heartbeat?.name).toBe(JobName.Heartbeat);
    expect(heartbeat?.every).toBe(1000);

    const dataSource = await database.dataSource();
    // Each worker says it is alive at boot; then scheduled heartbeats keep the time moving.
    const rows = await waitFor('two workers in worker_heartbeat', async () => {
      const found = (await dataSource.query(
        'SELECT worker_id, last_seen_at FROM worker_heartbeat',
      )) as Array<{
        worker_id: string;
        last_seen_at: Date;
      }>;
      return found.length === 2 ? found : undefined;
    });
    const firstLatest = Math.max(...rows.map((row) => row.last_seen_at.getTime()));
    await waitFor('a scheduled heartbeat', async () => {
      const [latest] = (await dataSource.query(
        'SELECT MAX(last_seen_at) AS latest FROM worker_heartbeat',
      )) as Array<{
        latest: Date;
      }>;
      return latest && latest.latest.getTime() > firstLatest;
    });
    const completed = await waitFor('a completed heartbeat job', async () => {
      const jobs = (await queue.getJobs(['completed'])).filter((job) => job.name === JobName.Heartbeat);
      return jobs.length > 0 ? jobs : undefined;
    });
    expect(completed[0]?.name).toBe(JobName.Heartbeat);
    expect(await queue.getJobSchedulersCount()).toBe(Object.values(SchedulerId).length);
  });

  it('finishes on SIGTERM with exit code 0 (graceful shutdown)', async () => {
    const worker = workers.pop();
    expect(worker).toBeDefined();
    const code = await worker?.stop('SIGTERM');
    expect(code).toBe(0);
    expect(worker?.output()).toContain('SIGTERM received: finishing in-flight work');
    expect(worker?.output()).toContain('stopped cleanly');
  });

  it('refuses to start with a malformed REDIS_URL, naming it in one line', async () => {
    await expect(startWorker({ ...env, REDIS_URL: 'http://localhost' })).rejects.toThrow(
      /Invalid configuration: REDIS_URL must be a URL like redis:\/\/host:6379/,
    );
  });
});
