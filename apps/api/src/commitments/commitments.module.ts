import { Module } from '@nestjs/common';
import { ExcelImportModule } from '../common/excel-import';
import { ActualsImportService } from './actuals-import.service';
import { CommitmentFiguresService } from './commitment-figures.service';
import { CommitmentsController } from './commitments.controller';
import { CommitmentsService } from './commitments.service';

/** 履约 → 达产 (commitments.md): clauses, subsidies, actuals and their import, assessment, reviews, figures. */
@Module({
  imports: [ExcelImportModule],
  controllers: [CommitmentsController],
  providers: [CommitmentsService, CommitmentFiguresService, ActualsImportService],
  exports: [CommitmentFiguresService],
})
export class CommitmentsModule {}
