import { Module } from '@nestjs/common';
import { MilestoneClockProcessor } from './milestone-clock.processor';

@Module({ providers: [MilestoneClockProcessor] })
export class ApprovalsModule {}
