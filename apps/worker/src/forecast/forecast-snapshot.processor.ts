import { Injectable, Logger } from '@nestjs/common';
import { isMonthEnd, snapshotMonthEnd } from '@luodi/domain';
import { JobName, type JobPayloads } from '@luodi/jobs';
import { ForecastSnapshotService, type ForecastSnapshotSummary } from '@luodi/server-core';
import type { Job } from 'bullmq';
import { OnJob } from '../jobs/on-job.decorator';

/**
 * Keeps the month-end start forecasts (routes-and-forecast §3): the scheduled run on a month's last
 * evening keeps that day's; a run delayed past midnight, or the start-up catch-up (`ifMissing`), the
 * previous month-end's. Repeat-safe: rows already kept for a project and month-end stay as they are.
 */
@Injectable()
export class ForecastSnapshotProcessor {
  private readonly logger = new Logger(ForecastSnapshotProcessor.name);

  constructor(private readonly snapshots: ForecastSnapshotService) {}

  @OnJob(JobName.ForecastSnapshot)
  async take(
    job: Job<JobPayloads[typeof JobName.ForecastSnapshot]>,
  ): Promise<ForecastSnapshotSummary | null> {
    const monthEnd = job.data?.monthEnd ?? snapshotMonthEnd(this.snapshots.today());
    if (!isMonthEnd(monthEnd)) throw new Error(`forecast-snapshot: not a month-end: ${monthEnd}`);
    const summary = job.data?.ifMissing
      ? await this.snapshots.takeIfMissing(monthEnd)
      : await this.snapshots.takeSnapshot(monthEnd);
    if (!summary) {
      this.logger.log(`forecast snapshot of ${monthEnd} already kept: nothing to catch up`);
      return null;
    }
    this.logger.log(
      `forecast snapshot of ${summary.monthEnd}: ${summary.candidates} routed projects, ${summary.forecast} forecast, ${summary.written} new rows`,
    );
    return summary;
  }
}
