import { Injectable } from '@nestjs/common';
import { JobName } from '@luodi/jobs';
import { type CheckResult, ChecksService } from '@luodi/server-core';
import { OnJob } from '../jobs/on-job.decorator';

/** The recurring stall checks (repeat-safe; any number of workers). */
@Injectable()
export class ChecksProcessor {
  constructor(private readonly checks: ChecksService) {}

  @OnJob(JobName.Checks)
  run(): Promise<CheckResult> {
    return this.checks.run();
  }
}
