import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module';
import { ApprovalItemsController } from './approval-items.controller';
import { ApprovalItemsService } from './approval-items.service';
import { MilestoneImportController } from './milestone-import.controller';
import { MilestoneImportService } from './milestone-import.service';
import { MilestonesController } from './milestones.controller';
import { MilestonesService } from './milestones.service';

@Module({
  imports: [ProjectsModule],
  controllers: [ApprovalItemsController, MilestoneImportController, MilestonesController],
  providers: [ApprovalItemsService, MilestonesService, MilestoneImportService],
})
export class ApprovalsModule {}
