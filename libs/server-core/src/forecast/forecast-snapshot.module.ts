import { Module } from '@nestjs/common';
import { ForecastSnapshotService } from './forecast-snapshot.service';

/**
 * The month-end forecast snapshots and the forecast accuracy (ProjectForecaster comes from the global
 * ChecksModule; the repositories from DatabaseModule).
 */
@Module({ providers: [ForecastSnapshotService], exports: [ForecastSnapshotService] })
export class ForecastSnapshotModule {}
