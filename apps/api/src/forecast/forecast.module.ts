import { Module } from '@nestjs/common';
import { DurationHistoryModule, DurationHistoryService } from '@luodi/server-core';
import { DURATION_MODELS } from './duration-models';
import { ForecastController } from './forecast.controller';
import { ForecastService } from './forecast.service';

/**
 * The start-date forecast. DURATION_MODELS is the duration history (see duration-models.ts): the
 * stored per item × department histories of DurationHistoryService.
 */
@Module({
  imports: [DurationHistoryModule],
  controllers: [ForecastController],
  providers: [ForecastService, { provide: DURATION_MODELS, useExisting: DurationHistoryService }],
  exports: [ForecastService],
})
export class ForecastModule {}
