import { Module } from '@nestjs/common';
import { ApprovalItemsController } from './approval-items.controller';
import { ApprovalItemsService } from './approval-items.service';
import { MilestonesController } from './milestones.controller';
import { MilestonesService } from './milestones.service';

@Module({
  controllers: [ApprovalItemsController, MilestonesController],
  providers: [ApprovalItemsService, MilestonesService],
})
export class ApprovalsModule {}
