import { Inject, Injectable } from '@nestjs/common';
import type { ServerConfig } from '@luodi/config';
import { deliveryJobId, JobName } from '@luodi/jobs';
import { DeliveryRepository } from '@luodi/persistence';
import { SERVER_CONFIG } from '@luodi/server-core';
import { JobRuntimeService } from '../jobs/job-runtime.service';
import { OnJob } from '../jobs/on-job.decorator';
import { LivePublisher } from './live.publisher';

const BATCH = 500;

/**
 * The outbox relay. In-app deliveries are sent here, in batches of BATCH: one transaction claims them,
 * adds their notifications and marks them sent (one INSERT, one UPDATE), and their live messages go out
 * in one Redis pipeline before the commit. E-mail and webhook deliveries go onto the deliveries queue, the delivery id as job id (a job
 * still queued is not added twice). A delivery enqueued long ago and still pending is enqueued again —
 * its job was lost (Redis flushed or failed over) — and the id keeps it from being doubled.
 */
@Injectable()
export class RelayProcessor {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly runtime: JobRuntimeService,
    private readonly live: LivePublisher,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
  ) {}

  @OnJob(JobName.Relay)
  async relay(): Promise<{ sent: number; enqueued: number }> {
    const sent = await this.sendInApp();
    const enqueued = await this.enqueue();
    return { sent, enqueued };
  }

  /** In-app deliveries, batch after batch (at most 20 per run, like the enqueueing). */
  private async sendInApp(): Promise<number> {
    let sent = 0;
    for (let round = 0; round < 20; round += 1) {
      const count = await this.deliveries.sendInAppBatch(BATCH, new Date(), (batch) =>
        this.live.publishMany(
          batch.map((item) => ({
            type: 'alert',
            change: 'notified',
            alertId: item.alertId,
            kind: item.kind,
            level: item.level,
            status: item.alertStatus,
            departmentId: item.departmentId,
            recipient: item.recipient,
          })),
        ),
      );
      sent += count;
      if (count < BATCH) break;
    }
    return sent;
  }

  private async enqueue(): Promise<number> {
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
    return enqueued;
  }
}
