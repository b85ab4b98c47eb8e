import { Module } from '@nestjs/common';
import { DurationHistoryModule } from '@luodi/server-core';
import { DurationHistoryProcessor } from './duration-history.processor';

@Module({ imports: [DurationHistoryModule], providers: [DurationHistoryProcessor] })
export class ForecastModule {}
