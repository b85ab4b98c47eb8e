import { Module } from '@nestjs/common';
import { CockpitReportController } from './cockpit-report.controller';
import { CockpitReportService } from './cockpit-report.service';
import { DashboardModule } from './dashboard.module';
import { DispatchModule } from '../dispatch/dispatch.module';

/** The cockpit's 月度调度 report (.xlsx), built from DashboardService's figures. */
@Module({
  imports: [DashboardModule, DispatchModule],
  controllers: [CockpitReportController],
  providers: [CockpitReportService],
})
export class CockpitReportModule {}
