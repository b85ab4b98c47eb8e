/**
 * Pure rules for the service health report: which parts are up, how stale a worker heartbeat may be,
 * and the overall verdict. The API gathers the raw observations; these functions judge them.
 */
export type PartState = 'up' | 'down';
export type WorkerState = 'up' | 'stale' | 'unknown';

export interface HealthObservation {
  dbUp: boolean;
  queueUp: boolean;
  /** The most recent worker heartbeat, or null when no worker was ever seen. */
  workerLastSeenAt: Date | null;
  now: Date;
  /** How often workers write their heartbeat. */
  heartbeatIntervalMs: number;
}

export interface WorkerHealth {
  status: WorkerState;
  lastSeenAt: string | null;
  ageSeconds: number | null;
}

export interface HealthVerdict {
  status: 'ok' | 'error';
  db: PartState;
  queue: PartState;
  worker: WorkerHealth;
  /** Parts whose failure makes the API unable to serve (they turn the answer into 503). */
  down: Array<'db' | 'queue'>;
}

/** A worker is considered alive while its last heartbeat is younger than this many intervals. */
export const HEARTBEAT_TOLERANCE_INTERVALS = 3;

export function judgeWorker(lastSeenAt: Date | null, now: Date, heartbeatIntervalMs: number): WorkerHealth {
  if (!lastSeenAt) return { status: 'unknown', lastSeenAt: null, ageSeconds: null };
  const ageMs = Math.max(0, now.getTime() - lastSeenAt.getTime());
  const status: WorkerState = ageMs <= heartbeatIntervalMs * HEARTBEAT_TOLERANCE_INTERVALS ? 'up' : 'stale';
  return { status, lastSeenAt: lastSeenAt.toISOString(), ageSeconds: Math.round(ageMs / 1000) };
}

/**
 * The database and the queue are required for the API to work: either one down makes the report
 * `error` (HTTP 503). A missing or stale worker is reported but does not take the API out of a load
 * balancer: requests still work, only background jobs wait.
 */
export function judgeHealth(observation: HealthObservation): HealthVerdict {
  const down: Array<'db' | 'queue'> = [];
  if (!observation.dbUp) down.push('db');
  if (!observation.queueUp) down.push('queue');
  return {
    status: down.length === 0 ? 'ok' : 'error',
    db: observation.dbUp ? 'up' : 'down',
    queue: observation.queueUp ? 'up' : 'down',
    worker: judgeWorker(observation.workerLastSeenAt, observation.now, observation.heartbeatIntervalMs),
    down,
  };
}
