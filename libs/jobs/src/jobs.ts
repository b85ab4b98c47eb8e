import type { DefaultJobOptions } from 'bullmq';

/** Every queue Luodi uses. */
export const QueueName = {
  /** Housekeeping and recurring system jobs. */
  System: 'system',
  /** One job per outbox delivery (in-app, e-mail, webhook). */
  Deliveries: 'deliveries',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Every job name, with the queue it runs on. Each must have exactly one handler in the worker. */
export const JobName = {
  Heartbeat: 'heartbeat',
  /** Recompute the clocks of milestones whose next change has come (lights, 超时默认). */
  MilestoneClock: 'milestone-clock',
  /** The stall checks: raise, escalate and resolve alerts. */
  Checks: 'checks',
  /** Move pending outbox deliveries onto the deliveries queue. */
  Relay: 'relay',
  /** Send one delivery. */
  Deliver: 'deliver',
  /** Recompute the forecast's per item × department duration history (nightly). */
  DurationHistory: 'duration-history',
  /** Keep the start forecast of every project on a route not started yet (month-end). */
  ForecastSnapshot: 'forecast-snapshot',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.Heartbeat]: QueueName.System,
  [JobName.MilestoneClock]: QueueName.System,
  [JobName.Checks]: QueueName.System,
  [JobName.Relay]: QueueName.System,
  [JobName.Deliver]: QueueName.Deliveries,
  [JobName.DurationHistory]: QueueName.System,
  [JobName.ForecastSnapshot]: QueueName.System,
};

/** Payloads by job name. No secrets ever go into a payload. */
export interface JobPayloads {
  [JobName.Heartbeat]: Record<string, never>;
  [JobName.MilestoneClock]: Record<string, never>;
  [JobName.Checks]: Record<string, never>;
  [JobName.Relay]: Record<string, never>;
  /** Only the id: the delivery's target and content are read from the database. */
  [JobName.Deliver]: { deliveryId: string };
  /** The business date to compute as of (YYYY-MM-DD); the scheduled run omits it: today (Asia/Shanghai). */
  [JobName.DurationHistory]: { asOf?: string };
  /**
   * The month-end to keep (YYYY-MM-DD, a month's last day); the scheduled run omits it: today when it is
   * a month-end, else the previous one. `ifMissing`: only when nothing is kept for it yet (catch-up).
   */
  [JobName.ForecastSnapshot]: { monthEnd?: string; ifMissing?: boolean };
}

/** Fixed ids of recurring job schedulers: upserting by id means any number of workers make one. */
export const SchedulerId = {
  Heartbeat: 'heartbeat',
  MilestoneClock: 'milestone-clock',
  Checks: 'checks',
  Relay: 'relay',
  DurationHistory: 'duration-history',
  ForecastSnapshot: 'forecast-snapshot',
} as const;

/**
 * When the duration history is recomputed: nightly at 02:30 Asia/Shanghai, after the day's clocks
 * have moved on at midnight and the checks that follow them have run.
 */
export const DURATION_HISTORY_SCHEDULE = { pattern: '30 2 * * *', tz: 'Asia/Shanghai' } as const;

/**
 * When the month-end forecast snapshot is taken: on the last day of each month at 21:00 Asia/Shanghai
 * (cron `L`), after the working day's events are in. A worker that was down then catches up at start-up.
 */
export const FORECAST_SNAPSHOT_SCHEDULE = { pattern: '0 21 L * *', tz: 'Asia/Shanghai' } as const;

/**
 * The snapshot's own job options (scheduled and on-demand): a failure is retried (5 attempts, backoff
 * from a minute: the forecast reads the whole route table), and only a year of runs is kept.
 */
export const FORECAST_SNAPSHOT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 60_000 },
  removeOnComplete: { count: 12 },
  removeOnFail: { count: 50 },
} satisfies DefaultJobOptions;

/** The job id of a snapshot run for a month-end (one per month-end, never a colon). */
export function forecastSnapshotJobId(monthEnd: string): string {
  return `forecast-snapshot.${monthEnd}`;
}

/** The job id of an on-demand duration-history run as of a business date (one per date, never a colon). */
export function durationHistoryJobId(asOf: string): string {
  return `duration-history.${asOf}`;
}

/** The job id of a delivery's job: the delivery id and its resend generation (never a colon). */
export function deliveryJobId(deliveryId: string, generation: number): string {
  return `${deliveryId}.${generation}`;
}

/** The Redis channel of live changes (alerts) that the API's event streams relay to browsers. */
export function liveChannel(prefix: string): string {
  return `${prefix}:live`;
}

/** Attempts with exponential backoff, and bounded retention of finished jobs. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 10_000 },
};

export const ALL_JOB_NAMES: readonly JobName[] = Object.values(JobName);
export const ALL_QUEUE_NAMES: readonly QueueName[] = Object.values(QueueName);
