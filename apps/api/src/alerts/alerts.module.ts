import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { DeliveriesService } from './deliveries.service';
import { LiveService } from './live.service';

@Module({
  controllers: [AlertsController],
  providers: [AlertsService, DeliveriesService, LiveService],
  exports: [LiveService],
})
export class AlertsModule {}
