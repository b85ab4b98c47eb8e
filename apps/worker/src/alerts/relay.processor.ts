import { Inject, Injectable } from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
import { deliveryJobId, JobName } from '@luodi/jobs';
import { DeliveryRepository } from '@luodi/persistence';
import { SERVER_CONFIG } from '@luodi/server-core';
import { JobRuntimeService } from '../jobs/job-runtime.service';
import { OnJob } from '../jobs/on-job.decorator';

const BATCH = 500;

/**
 * The outbox relay: pending deliveries onto the deliveries queue, the delivery id as job id (a job
 * still queued is not added twice). A delivery enqueued long ago and still pending is enqueued again —
 * its job was lost (Redis flushed or failed over) — and the id keeps it from being doubled.
 */
@Injectable()
export class RelayProcessor {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly runtime: JobRuntimeService,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  @OnJob(JobName.Relay)
  async relay(): Promise<{ enqueued: number }> {
    let enqueued = 0;
    for (let round = 0; round < 20; round += 1) {
      const now = new Date();
      const pending = await this.deliveries.toEnqueue(
        new Date(now.getTime() - this.config.OUTBOX_REENQUEUE_MS),
        BATCH,
      );
      if (pending.length === 0) break;
      const queue = this.runtime.queueOf(JobName.Deliver);
      for (const delivery of pending) {
        if (!delivery.enqueuedAt) continue;
        // Enqueued before and still pending: if its job ended failed in the queue (e.g. its worker
        // was killed twice, so the queue gave up on it), only a new job id brings it back.
        const job = await queue.getJob(deliveryJobId(delivery.id, delivery.generation));
        if (job && (await job.isFailed())) {
          delivery.generation = await this.deliveries.nextGeneration(delivery.id);
        }
      }
      await queue.addBulk(
        pending.map((delivery) => ({
          name: JobName.Deliver,
          data: { deliveryId: delivery.id },
          opts: {
            jobId: deliveryJobId(delivery.id, delivery.generation),
            attempts: this.config.DELIVERY_ATTEMPTS,
            backoff: { type: 'exponential', delay: this.config.DELIVERY_BACKOFF_MS },
          },
        })),
      );
      await this.deliveries.markEnqueued(
        pending.map((delivery) => delivery.id),
        now,
      );
      enqueued += pending.length;
      if (pending.length < BATCH) break;
    }
    return { enqueued };
  }
}
