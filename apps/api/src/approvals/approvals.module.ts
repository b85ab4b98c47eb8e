import { Module } from '@nestjs/common';
import { ApprovalItemsController } from './approval-items.controller';
import { ApprovalItemsService } from './approval-items.service';
import { MilestonesController } from './milestones.controller';
import { MilestonesService } from './milestones.service';
import { RoutesController } from '../routes/routes.controller';
import { RoutesService } from '../routes/routes.service';

@Module({
  controllers: [ApprovalItemsController, MilestonesController, RoutesController],
  providers: [ApprovalItemsService, MilestonesService, RoutesService],
})
export class ApprovalsModule {}
