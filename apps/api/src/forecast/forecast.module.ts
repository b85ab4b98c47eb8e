import { Module } from '@nestjs/common';
import { DURATION_MODELS, NoDurationHistory } from './duration-models';
import { ForecastController } from './forecast.controller';
import { ForecastService } from './forecast.service';

/**
 * The start-date forecast. DURATION_MODELS is where the duration history plugs in (see
 * duration-models.ts); until then no history: promised days.
 */
@Module({
  controllers: [ForecastController],
  providers: [
    ForecastService,
    NoDurationHistory,
    { provide: DURATION_MODELS, useExisting: NoDurationHistory },
  ],
})
export class ForecastModule {}
