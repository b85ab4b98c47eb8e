import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DurationHistoryModule } from '../forecast/duration-history.module';
import { ProjectForecaster } from '../forecast/project-forecaster';
import { ChecksService } from './checks.service';
import { MilestoneClockService } from './milestone-clock.service';
import { CalendarYearConditionSource } from './sources/calendar-year.source';
import { KeyWorkConditionSource } from './sources/key-work.source';
import { MilestoneConditionSource } from './sources/milestone.source';
import { ProjectConditionSource } from './sources/project.source';
import { ProblemConditionSource } from './sources/problem.source';
import { NoticeConditionSource } from './sources/notice.source';
import { CommitmentConditionSource } from './sources/commitment.source';

/**
 * The stall checks and the milestone clock. Each subject type's conditions come from one
 * @SubjectSource provider listed here; a new subject (problem, commitment, forecast) is one new source
 * class, and the boot check in ChecksService refuses to start without exactly one per subject type.
 */
@Global()
@Module({
  imports: [DiscoveryModule, DurationHistoryModule],
  providers: [
    MilestoneClockService,
    ProjectForecaster,
    ChecksService,
    MilestoneConditionSource,
    ProjectConditionSource,
    KeyWorkConditionSource,
    ProblemConditionSource,
    NoticeConditionSource,
    CalendarYearConditionSource,
    CommitmentConditionSource,
  ],
  exports: [MilestoneClockService, ProjectForecaster, ChecksService],
})
export class ChecksModule {}
