import { Module } from '@nestjs/common';
import { ProblemExportService } from './problem-export.service';
import { ProblemsController } from './problems.controller';
import { ProblemsService } from './problems.service';

/** 调度 (dispatch.md): problems, dispatch meetings, supervision notices. */
@Module({
  controllers: [ProblemsController],
  providers: [ProblemsService, ProblemExportService],
  exports: [ProblemsService, ProblemExportService],
})
export class DispatchModule {}
