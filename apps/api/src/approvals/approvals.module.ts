import { Module } from '@nestjs/common';
import { ExcelImportModule } from '../common/excel-import';
import { ProjectsModule } from '../projects/projects.module';
import { ApprovalItemsController } from './approval-items.controller';
import { ApprovalItemsService } from './approval-items.service';
import { MilestoneImportController } from './milestone-import.controller';
import { MilestoneImportService } from './milestone-import.service';
import { MilestonesController } from './milestones.controller';
import { MilestonesService } from './milestones.service';
import { RoutesController } from '../routes/routes.controller';
import { RoutesService } from '../routes/routes.service';

@Module({
  imports: [ProjectsModule, ExcelImportModule],
  controllers: [ApprovalItemsController, MilestoneImportController, MilestonesController, RoutesController],
  providers: [ApprovalItemsService, MilestonesService, MilestoneImportService, RoutesService],
})
export class ApprovalsModule {}
