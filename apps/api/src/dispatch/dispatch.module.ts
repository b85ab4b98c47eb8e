import { Module } from '@nestjs/common';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';
import { NoticesController } from './notices.controller';
import { NoticesService } from './notices.service';
import { ProblemExportService } from './problem-export.service';
import { ProblemsController } from './problems.controller';
import { ProblemsService } from './problems.service';

/** 调度 (dispatch.md): problems, dispatch meetings, supervision notices. */
@Module({
  controllers: [ProblemsController, MeetingsController, NoticesController],
  providers: [ProblemsService, ProblemExportService, MeetingsService, NoticesService],
  exports: [ProblemsService, ProblemExportService],
})
export class DispatchModule {}
