import { Module } from '@nestjs/common';
import { ForecastSnapshotModule } from '@luodi/server-core';
import { AlertsModule } from '../alerts/alerts.module';
import { CommitmentsModule } from '../commitments/commitments.module';
import { DashboardController } from './dashboard.controller';
import { ForecastModule } from '../forecast/forecast.module';
import { DashboardForecastService } from './dashboard-forecast.service';
import { DashboardService } from './dashboard.service';
import { FiguresCache } from './figures-cache.service';

/** The cockpit's figures; the service is exported for the 月度调度 report. */
@Module({
  imports: [AlertsModule, CommitmentsModule, ForecastModule, ForecastSnapshotModule],
  controllers: [DashboardController],
  providers: [DashboardService, DashboardForecastService, FiguresCache],
  exports: [DashboardService],
})
export class DashboardModule {}
