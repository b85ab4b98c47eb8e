import { Module } from '@nestjs/common';
import { DurationHistoryModule, ForecastSnapshotModule } from '@luodi/server-core';
import { DurationHistoryProcessor } from './duration-history.processor';
import { ForecastSnapshotProcessor } from './forecast-snapshot.processor';

@Module({
  imports: [DurationHistoryModule, ForecastSnapshotModule],
  providers: [DurationHistoryProcessor, ForecastSnapshotProcessor],
})
export class ForecastModule {}
