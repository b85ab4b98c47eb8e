import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { CommitmentsModule } from '../commitments/commitments.module';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';
import { FiguresCache } from './figures-cache.service';

/** The cockpit's figures; the service is exported for the 月度调度 report. */
@Module({
  imports: [AlertsModule, CommitmentsModule],
  controllers: [DashboardController],
  providers: [DashboardService, FiguresCache],
  exports: [DashboardService],
})
export class DashboardModule {}
