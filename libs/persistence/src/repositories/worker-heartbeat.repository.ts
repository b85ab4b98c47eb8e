import type { DataSource } from 'typeorm';
import { WorkerHeartbeatEntity } from '../entities/worker-heartbeat.entity';

export interface WorkerIdentity {
  workerId: string;
  hostname: string;
  pid: number;
  startedAt: Date;
}

/** All SQL on `worker_heartbeat`. */
export class WorkerHeartbeatRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Record that the worker is alive now (insert or update: repeat-safe). */
  async beat(worker: WorkerIdentity, at: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO worker_heartbeat (worker_id, hostname, pid, started_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE last_seen_at = GREATEST(last_seen_at, VALUES(last_seen_at))`,
      [worker.workerId, worker.hostname, worker.pid, worker.startedAt, at],
    );
  }

  /** The most recent heartbeat of any worker, or null. */
  async latestSeenAt(): Promise<Date | null> {
    const row = await this.dataSource
      .getRepository(WorkerHeartbeatEntity)
      .createQueryBuilder('heartbeat')
      .select('MAX(heartbeat.lastSeenAt)', 'latest')
      .getRawOne<{ latest: Date | string | null }>();
    if (!row?.latest) return null;
    return row.latest instanceof Date ? row.latest : new Date(`${row.latest.replace(' ', 'T')}Z`);
  }

  /** Forget workers not seen since `before` (old processes). */
  async pruneSeenBefore(before: Date): Promise<number> {
    const result = await this.dataSource
      .getRepository(WorkerHeartbeatEntity)
      .createQueryBuilder()
      .delete()
      .where('last_seen_at < :before', { before })
      .execute();
    return result.affected ?? 0;
  }

  async count(): Promise<number> {
    return this.dataSource.getRepository(WorkerHeartbeatEntity).count();
  }
}
