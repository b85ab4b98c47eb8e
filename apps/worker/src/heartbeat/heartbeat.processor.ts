import { hostname } from 'node:os';
import { Injectable, Logger } from '@nestjs/common';
import { JobName } from '@luodi/jobs';
import { WorkerHeartbeatRepository, type WorkerIdentity } from '@luodi/persistence';
import { OnJob } from '../jobs/on-job.decorator';

/** Forget worker processes not seen for a week. */
const FORGET_AFTER_MS = 7 * 24 * 3600 * 1000;

@Injectable()
export class HeartbeatProcessor {
  private readonly logger = new Logger(HeartbeatProcessor.name);
  readonly identity: WorkerIdentity;

  constructor(private readonly heartbeats: WorkerHeartbeatRepository) {
    const startedAt = new Date();
    this.identity = {
      workerId: `${hostname()}:${process.pid}:${startedAt.getTime()}`.slice(0, 191),
      hostname: hostname().slice(0, 191),
      pid: process.pid,
      startedAt,
    };
  }

  /** Write this worker's last-seen time. Repeat-safe: an upsert that never moves the time back. */
  @OnJob(JobName.Heartbeat)
  async beat(): Promise<{ workerId: string }> {
    const now = new Date();
    await this.heartbeats.beat(this.identity, now);
    const forgotten = await this.heartbeats.pruneSeenBefore(new Date(now.getTime() - FORGET_AFTER_MS));
    if (forgotten > 0) this.logger.log(`forgot ${forgotten} worker(s) not seen for a week`);
    return { workerId: this.identity.workerId };
  }
}
