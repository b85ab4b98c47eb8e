import { Module } from '@nestjs/common';
import { ApprovalItemsController } from './approval-items.controller';
import { MilestonesController } from './milestones.controller';
import { MilestonesService } from './milestones.service';

@Module({ controllers: [ApprovalItemsController, MilestonesController], providers: [MilestonesService] })
export class ApprovalsModule {}
