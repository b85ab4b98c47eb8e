import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { type ServerConfig, redisConnectionOptions } from '@luodi/config';
import {
  ALL_QUEUE_NAMES,
  checkJobHandlers,
  DEFAULT_JOB_OPTIONS,
  DURATION_HISTORY_SCHEDULE,
  FORECAST_SNAPSHOT_JOB_OPTIONS,
  FORECAST_SNAPSHOT_SCHEDULE,
  forecastSnapshotJobId,
  JOB_QUEUE,
  JobName,
  type QueueName,
  SchedulerId,
} from '@luodi/jobs';
import { businessDateOf, previousMonthEnd } from '@luodi/domain';
import { Clock, SERVER_CONFIG } from '@luodi/server-core';
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { ON_JOB } from './on-job.decorator';

type Handler = (job: Job) => Promise<unknown>;

/** Recurring jobs, each under a fixed scheduler id so that any number of workers keep exactly one. */
function schedules(config: ServerConfig) {
  return [
    {
      id: SchedulerId.Heartbeat,
      name: JobName.Heartbeat,
      every: config.HEARTBEAT_INTERVAL_MS,
    },
    {
      id: SchedulerId.MilestoneClock,
      name: JobName.MilestoneClock,
      every: config.CLOCK_INTERVAL_MS,
    },
    { id: SchedulerId.Checks, name: JobName.Checks, every: config.CHECKS_INTERVAL_MS },
    { id: SchedulerId.Relay, name: JobName.Relay, every: config.RELAY_INTERVAL_MS },
    // Nightly (a cron pattern in Asia/Shanghai), not every few seconds.
    { id: SchedulerId.DurationHistory, name: JobName.DurationHistory, ...DURATION_HISTORY_SCHEDULE },
    // Monthly, on the last day's evening; retried with backoff (unlike the every-few-seconds jobs).
    {
      id: SchedulerId.ForecastSnapshot,
      name: JobName.ForecastSnapshot,
      ...FORECAST_SNAPSHOT_SCHEDULE,
      opts: FORECAST_SNAPSHOT_JOB_OPTIONS,
    },
  ] as const;
}

/** Recurring jobs keep a short history only (they run every few seconds). */
const RECURRING_JOB_OPTIONS = {
  ...DEFAULT_JOB_OPTIONS,
  attempts: 1,
  removeOnComplete: { count: 50 },
  removeOnFail: { count: 200 },
};

/** Re-assert the schedulers this often: after Redis lost its data (FLUSHALL, a failover) they return. */
const SCHEDULER_REFRESH_MS = 15_000;

/**
 * A job's lock lasts JOB_LOCK_MS and is renewed every JOB_LOCK_RENEW_MS while the job runs; a worker
 * that died (SIGKILL, a lost machine) leaves its jobs locked until the lock expires, and the stalled-job
 * check (at most once per STALLED_CHECK_MS across all workers) gives them back to the queue at its first
 * pass after the expiry. Worst case after a kill: 6 s + 3 s = 9 s until another worker takes the job
 * (BullMQ's defaults, 30 s + 30 s, made it up to a minute). The price: a renewal every 2 s per worker
 * (one Redis script for all its active jobs) and one stalled check every 3 s per queue — negligible
 * for Redis; and an event loop blocked longer than 4 s (lock minus renewal period) loses its locks, so
 * its jobs are repeated elsewhere. Jobs are idempotent, so that costs a repeat, never a duplicate.
 */
const JOB_LOCK_MS = 6_000;
const JOB_LOCK_RENEW_MS = 2_000;
const STALLED_CHECK_MS = 3_000;

/**
 * Runs the BullMQ queues: finds the @OnJob handlers, checks that every job has exactly one, upserts
 * the recurring schedulers and starts one BullMQ Worker per queue. On shutdown, workers close first
 * (in-flight jobs finish; anything not finished returns to the queue after its lock expires).
 */
@Injectable()
export class JobRuntimeService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRuntimeService.name);
  private readonly handlers = new Map<string, Handler>();
  private readonly queues = new Map<QueueName, Queue>();
  private readonly workers: Worker[] = [];
  private connection?: Redis;
  private schedulerTimer?: NodeJS.Timeout;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.collectHandlers();
    this.connection = new Redis({ ...redisConnectionOptions(this.config), maxRetriesPerRequest: null });
    this.connection.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    for (const queueName of ALL_QUEUE_NAMES) {
      this.queues.set(
        queueName,
        new Queue(queueName, {
          connection: this.connection,
          prefix: this.config.QUEUE_PREFIX,
          defaultJobOptions: DEFAULT_JOB_OPTIONS,
        }),
      );
    }
    await this.upsertSchedulers();
    await this.catchUpSnapshot();
    this.schedulerTimer = setInterval(() => {
      this.upsertSchedulers().catch((error: Error) => this.logger.warn(`schedulers: ${error.message}`));
    }, SCHEDULER_REFRESH_MS);
    this.schedulerTimer.unref();
    for (const queueName of ALL_QUEUE_NAMES) {
      const worker = new Worker(queueName, (job) => this.dispatch(job), {
        connection: this.connection,
        prefix: this.config.QUEUE_PREFIX,
        concurrency: this.config.WORKER_CONCURRENCY,
        lockDuration: JOB_LOCK_MS,
        lockRenewTime: JOB_LOCK_RENEW_MS,
        stalledInterval: STALLED_CHECK_MS,
      });
      worker.on('failed', (job, error) =>
        this.logger.warn(
          `job ${job?.name}#${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`,
        ),
      );
      worker.on('error', (error) => this.logger.error(`worker error on ${queueName}: ${error.message}`));
      this.workers.push(worker);
    }
    this.logger.log(
      `running queues ${ALL_QUEUE_NAMES.join(', ')} with ${this.handlers.size} job handlers on ${hostname()} (pid ${process.pid})`,
    );
  }

  /** Upsert every recurring job under its fixed id (idempotent: any number of workers, any number of times). */
  private async upsertSchedulers(): Promise<void> {
    for (const schedule of schedules(this.config)) {
      await this.queueOf(schedule.name).upsertJobScheduler(
        schedule.id,
        'every' in schedule ? { every: schedule.every } : { pattern: schedule.pattern, tz: schedule.tz },
        {
          name: schedule.name,
          data: {},
          opts: 'opts' in schedule ? { ...RECURRING_JOB_OPTIONS, ...schedule.opts } : RECURRING_JOB_OPTIONS,
        },
      );
    }
  }

  /**
   * A worker that was down at the last month-end loses nothing: at start-up the previous month-end's
   * snapshot is queued with `ifMissing` (taken only when none is kept for it), under the month-end's
   * deterministic job id, so that several workers starting together queue it once.
   */
  private async catchUpSnapshot(): Promise<void> {
    const monthEnd = previousMonthEnd(businessDateOf(this.clock.now()));
    await this.queueOf(JobName.ForecastSnapshot).add(
      JobName.ForecastSnapshot,
      { monthEnd, ifMissing: true },
      { ...FORECAST_SNAPSHOT_JOB_OPTIONS, jobId: forecastSnapshotJobId(monthEnd) },
    );
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    if (this.schedulerTimer) clearInterval(this.schedulerTimer);
    this.logger.log(`shutting down${signal ? ` on ${signal}` : ''}: letting in-flight jobs finish`);
    await Promise.all(this.workers.map((worker) => worker.close()));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    await this.connection?.quit().catch(() => undefined);
  }

  queueOf(name: JobName): Queue {
    const queue = this.queues.get(JOB_QUEUE[name]);
    if (!queue) throw new Error(`no queue for job ${name}`);
    return queue;
  }

  private async dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`no handler for job "${job.name}"`);
    return handler(job);
  }

  private collectHandlers(): void {
    const found: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method = (instance as Record<string, unknown>)[methodName];
        if (typeof method !== 'function') continue;
        const jobName = this.reflector.get<string | undefined>(ON_JOB, method);
        if (!jobName) continue;
        found.push(jobName);
        this.handlers.set(jobName, (job: Job) =>
          (method as (job: Job) => Promise<unknown>).call(instance, job),
        );
      }
    }
    const problems = checkJobHandlers(found);
    if (problems.length > 0) throw new Error(`job handler check failed: ${problems.join('; ')}`);
  }
}
