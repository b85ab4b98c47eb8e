import { Injectable, Logger } from '@nestjs/common';
import { JobName } from '@luodi/jobs';
import { MilestoneClockService } from '@luodi/server-core';
import { OnJob } from '../jobs/on-job.decorator';

/**
 * Moves milestone clocks forward as time passes: lights turn yellow and red, 超时默认 is applied and
 * recorded. Reads only the milestones whose stored next change has come (indexed), in batches;
 * repeat-safe (a second run finds nothing due; 超时默认 is recorded once under the row lock).
 */
@Injectable()
export class MilestoneClockProcessor {
  private readonly logger = new Logger(MilestoneClockProcessor.name);

  constructor(private readonly clocks: MilestoneClockService) {}

  @OnJob(JobName.MilestoneClock)
  async refresh(): Promise<{ changed: number }> {
    const changes = await this.clocks.refreshDue();
    if (changes.length) this.logger.log(`moved ${changes.length} milestone clock(s) forward`);
    return { changed: changes.length };
  }
}
