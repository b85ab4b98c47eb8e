import { Injectable, Logger } from '@nestjs/common';
import { isIsoDate } from '@luodi/domain';
import { JobName, type JobPayloads } from '@luodi/jobs';
import { DurationHistoryService, type DurationHistorySummary } from '@luodi/server-core';
import type { Job } from 'bullmq';
import { OnJob } from '../jobs/on-job.decorator';

/**
 * Recomputes the forecast's duration history (routes-and-forecast §3) as of today, or as of the
 * payload's date: the whole set in one transaction, so a repeat gives the same table and a crash
 * leaves the previous complete set.
 */
@Injectable()
export class DurationHistoryProcessor {
  private readonly logger = new Logger(DurationHistoryProcessor.name);

  constructor(private readonly histories: DurationHistoryService) {}

  @OnJob(JobName.DurationHistory)
  async recompute(job: Job<JobPayloads[typeof JobName.DurationHistory]>): Promise<DurationHistorySummary> {
    const asOf = job.data?.asOf;
    if (asOf !== undefined && !isIsoDate(asOf)) throw new Error(`duration-history: not a date: ${asOf}`);
    const summary = await this.histories.recompute(asOf ?? this.histories.today());
    this.logger.log(
      `duration history as of ${summary.asOf}: ${summary.histories} item × department histories, ${summary.finished} decided, ${summary.censored} open`,
    );
    return summary;
  }
}
